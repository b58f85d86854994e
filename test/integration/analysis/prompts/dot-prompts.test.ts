import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { extractDotPrompts } from '../../../../src/analysis/prompts/dot-prompts';
import { TsProject } from '../../../../src/analysis/project/ts-project';

const project = TsProject.for(join(import.meta.dirname, '../../../fixtures/analysis/minipkg'));

test('sources exclude tests and compiled declarations; a package without tsconfig gets generated options', () => {
  const rel = project.sources.map((f) => f.slice(project.dir.length + 1)).sort();
  assert.deepEqual(rel, ['src/index.ts', 'src/util/stack.ts']);
  assert.equal(project.config.origin, 'generated');
});

test('line prompts: accesses inside function bodies only, ground truth = rest of the line', () => {
  const ex = extractDotPrompts(project, { task: 'line', limit: 100, seed: 1 });
  const byId = new Map(ex.prompts.map((p) => [p.id, p]));
  assert.equal(ex.prompts.length, ex.candidates);
  // top-level `'mini'.toUpperCase()` is outside any function
  assert.ok(!ex.prompts.some((p) => p.name === 'toUpperCase'));
  const push = byId.get('src/index.ts:5:28')!;
  assert.equal(push.groundTruth, 'push(i);');
  assert.ok(push.prefix.endsWith('for (const i of items) s.'));
  assert.ok(push.suffix.startsWith('\n  const out'));
  assert.equal(push.prefix + push.groundTruth + push.suffix, project.text('src/index.ts'));
  const names = ex.prompts.map((p) => p.name).sort();
  assert.deepEqual(names, ['items', 'items', 'items', 'length', 'length', 'map', 'pop', 'pop', 'push', 'push', 'push', 'size', 'toString']);
});

test('method prompts run to the closing brace of the body', () => {
  const ex = extractDotPrompts(project, { task: 'method', limit: 100, seed: 1 });
  const p = ex.prompts.find((x) => x.id === 'src/util/stack.ts:5:17')!;
  assert.equal(p.name, 'items');
  assert.equal(p.groundTruth, 'items.length;\n  ');
});

test('the same seed picks the same sample; a limit takes a prefix of that order', () => {
  const a = extractDotPrompts(project, { task: 'line', limit: 4, seed: 42 }).prompts.map((p) => p.id);
  const b = extractDotPrompts(project, { task: 'line', limit: 4, seed: 42 }).prompts.map((p) => p.id);
  const all = extractDotPrompts(project, { task: 'line', limit: 100, seed: 42 }).prompts.map((p) => p.id);
  assert.deepEqual(a, b);
  assert.deepEqual(a, all.slice(0, 4));
});
