import ts from 'typescript';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// Used when a package ships no usable tsconfig. Strict, because most libraries are written that
// way; CR compares against the file's own diagnostics, so a mismatch only adds errors that cancel.
export function generatedCompilerOptions(): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.esnext.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.Preserve,
    noEmit: true,
    allowJs: false,
  };
}

export interface ProjectOptions {
  readonly options: ts.CompilerOptions;
  /** Where the options came from: a tsconfig path, or 'generated'. */
  readonly origin: string;
}

/** The package's own root tsconfig if it parses cleanly (no missing `extends`), else generated options. */
export function compilerOptionsFor(projectDir: string): ProjectOptions {
  const configPath = join(projectDir, 'tsconfig.json');
  if (existsSync(configPath)) {
    const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
    if (!read.error) {
      const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, projectDir, undefined, configPath);
      const fatal = parsed.errors.filter((e) => e.category === ts.DiagnosticCategory.Error && e.code !== 18003 /* no inputs: we pick the files */);
      if (fatal.length === 0) {
        const options: ts.CompilerOptions = {
          ...parsed.options,
          noEmit: true, incremental: false, composite: false, skipLibCheck: true, declaration: false, sourceMap: false,
        };
        delete options.tsBuildInfoFile;
        delete options.outDir;
        return { options, origin: configPath };
      }
    }
  }
  return { options: generatedCompilerOptions(), origin: 'generated' };
}
