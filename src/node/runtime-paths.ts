import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// Bundled, this code runs from <root>/dist/*.js; under tsx (tests, benchmarks from source) from
// <root>/src/node/*.ts. Either way the worker bundle is <root>/dist/model-worker.js and the
// bundled model <root>/models/bundled, where <root> holds package.json (the repo or the installed
// extension).
function packageRoot(): string {
  if (basename(__dirname) === 'dist') return dirname(__dirname);
  let d = __dirname;
  while (!existsSync(join(d, 'package.json'))) {
    const up = dirname(d);
    if (up === d) throw new Error(`cannot find the extension root above ${__dirname}`);
    d = up;
  }
  return d;
}

export function workerScript(): string {
  const p = join(packageRoot(), 'dist', 'model-worker.js');
  if (!existsSync(p)) throw new Error(`${p} is missing: run \`npm run build\` first`);
  return p;
}

export function bundledModelDir(): string {
  return join(packageRoot(), 'models', 'bundled');
}
