import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// What a package ships that we treat as its TypeScript sources. Tests are left out: the evaluation
// is about library code, and test files pull in runners whose types are rarely installed.
const skippedDirs = new Set(['node_modules', '.git', '__tests__', '__mocks__', 'test', 'tests', 'spec', 'specs', '__fixtures__', 'fixtures', 'examples', 'benchmarks']);
const testFile = /\.(test|spec|bench)\.tsx?$/;

export interface PackageSources {
  /** Absolute paths of .ts/.tsx files that are not declaration files: where prompts come from. */
  readonly sources: string[];
  /** Absolute paths of declaration files that sit beside the sources (ambient globals, shims). */
  readonly declarations: string[];
}

export function findPackageSources(dir: string): PackageSources {
  const all: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      let isDir: boolean;
      try { isDir = statSync(p).isDirectory(); } catch { continue; }
      if (isDir) { if (!skippedDirs.has(name) && !name.startsWith('.')) walk(p); }
      else if (/\.tsx?$/.test(name) && !testFile.test(name)) all.push(p);
    }
  };
  walk(dir);
  const sources = all.filter((p) => !p.endsWith('.d.ts'));
  // Declarations count only inside top-level folders that hold sources: `src/types/globals.d.ts`
  // yes, the compiled `dist/*.d.ts` no (they would duplicate every declaration of the sources).
  const top = (p: string): string => relative(dir, p).split(sep)[0] ?? '';
  const sourceTops = new Set(sources.map(top).filter((t) => !t.endsWith('.ts') && !t.endsWith('.tsx')));
  const declarations = all.filter((p) => p.endsWith('.d.ts') && sourceTops.has(top(p)));
  return { sources, declarations };
}
