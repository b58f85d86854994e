import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtinModules } from 'node:module';

// src/core must run anywhere (worker, extension host, tests): no editor API, no Node built-ins.
const forbidden = new Set(['vscode', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (/\.(ts|js|mjs|cjs)$/.test(name)) yield p;
  }
}

export function importsOf(text: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(re)) out.push(m[1]!);
  return out;
}

test('the import scanner sees static, dynamic and require imports', () => {
  assert.deepEqual(importsOf(`import x from 'fs';\nimport { y } from "vscode";\nconst z = await import('node:path');\nrequire('os')`), ['fs', 'vscode', 'node:path', 'os']);
});

test('src/core imports neither vscode nor Node built-ins', () => {
  const offenders: string[] = [];
  for (const file of sources('src/core')) {
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (forbidden.has(spec) || forbidden.has(spec.split('/')[0]!)) offenders.push(`${file}: ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});
