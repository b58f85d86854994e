// A TypeScript program over in-memory files, for the oracle's own questions.
import ts from 'typescript';

export function programOf(files: Record<string, string>): ts.Program {
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, noLib: true, types: [] };
  const host = ts.createCompilerHost(options);
  const base = { ...host };
  host.fileExists = (f) => f in files || base.fileExists(f);
  host.readFile = (f) => files[f] ?? base.readFile(f);
  host.directoryExists = (d) => Object.keys(files).some((f) => f.startsWith(`${d}/`)) || base.directoryExists!(d);
  host.getSourceFile = (f, lang) => (f in files ? ts.createSourceFile(f, files[f]!, lang, true) : base.getSourceFile(f, lang));
  return ts.createProgram(Object.keys(files), options, host);
}

/** The text with its last `|` removed and the offset where it was. */
export function cursor(text: string): { text: string; pos: number } {
  const pos = text.lastIndexOf('|');
  return { text: text.slice(0, pos) + text.slice(pos + 1), pos };
}

/** A LanguageService over the same in-memory files. */
export function serviceOf(files: Record<string, string>): ts.LanguageService {
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, noLib: true, types: [] };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => Object.keys(files),
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => (f in files ? ts.ScriptSnapshot.fromString(files[f]!) : undefined),
    getCurrentDirectory: () => '/p',
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => f in files,
    readFile: (f) => files[f],
    directoryExists: (d) => Object.keys(files).some((f) => f.startsWith(`${d}/`)),
  };
  return ts.createLanguageService(host);
}
