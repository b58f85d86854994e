import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileContext } from '../../../../src/core/statistics/file-context';
import { DEFAULT_MIX_WEIGHTS, statisticsScores, type NameCandidate } from '../../../../src/core/statistics/name-scores';
import { enclosingFunctionName, subWords, WordSet } from '../../../../src/core/statistics/name-words';

test('an identifier splits into lower-cased words at case changes, underscores and digits', () => {
  assert.deepEqual(subWords('parseMarblesAsSubscriptions'), ['parse', 'marbles', 'as', 'subscriptions']);
  assert.deepEqual(subWords('_addCheck'), ['add', 'check']);
  assert.deepEqual(subWords('XMLHttpRequest'), ['xml', 'http', 'request']);
  assert.deepEqual(subWords('MAX_SAFE_INTEGER'), ['max', 'safe', 'integer']);
  assert.deepEqual(subWords('$ZodType2'), ['zod', 'type']);
  assert.deepEqual(subWords('x'), []);
});

test('words match on a shared stem, and a name on the line does not vote for itself', () => {
  const line = new WordSet(['subscription', 'err', 'keys']);
  assert.equal(line.overlap('subscribe'), 1);
  assert.equal(line.overlap('onError'), 0.5, '`err` starts `error`; `on` is nowhere');
  assert.equal(line.overlap('next'), 0);
  assert.equal(line.overlap('keys'), 0, 'only `keys` itself names `keys`');
  assert.equal(new WordSet(['keys', 'keysAtom']).overlap('keys'), 1);
  assert.ok(new WordSet([]).empty);
});

test('the enclosing function is the nearest less indented head above the cursor', () => {
  assert.equal(enclosingFunctionName('class A {\n  has(key: string): boolean {\n    if (x) {\n      return this.map.'), 'has');
  assert.equal(enclosingFunctionName('export function observeOn<T>(scheduler) {\n  return source.'), 'observeOn');
  assert.equal(enclosingFunctionName('const flush = async () => {\n  queue.'), 'flush');
  assert.equal(enclosingFunctionName('  for (const x of xs) {\n    if (y) {\n      y.'), undefined);
  assert.equal(enclosingFunctionName('a.'), undefined);
});

const cands = (...names: string[]): NameCandidate[] => names.map((name, order) => ({ name, order, uses: 1, pairUses: 1 }));

test('with the same evidence for two names, the one the cursor\'s line names comes first', () => {
  const c = cands('keyType', 'valueType');
  const plain = statisticsScores(c, new FileContext('const x = def.', ''), 'def', DEFAULT_MIX_WEIGHTS);
  assert.ok(plain.p[0]! > plain.p[1]!, 'the service\'s order breaks the tie');
  const s = statisticsScores(c, new FileContext('const valueResult = def.', ''), 'def', DEFAULT_MIX_WEIGHTS);
  assert.ok(s.p[1]! > s.p[0]!);
  assert.ok(Math.abs(s.p[0]! + s.p[1]! - 1) < 1e-9);
  assert.equal(s.weight, plain.weight, 'the words move mass between names; they are no evidence of their own');
});

test('a method delegating to a member of the same name: that name comes first', () => {
  const c = cands('get', 'has', 'set');
  const prefix = 'class M {\n  has(key) {\n    check(get(key));\n    return this.data_.';
  const s = statisticsScores(c, new FileContext(prefix, ''), 'data_', DEFAULT_MIX_WEIGHTS);
  assert.equal(s.p.indexOf(Math.max(...s.p)), 1);
  const off = statisticsScores(c, new FileContext(prefix, ''), 'data_', { ...DEFAULT_MIX_WEIGHTS, enclosing: 0 });
  assert.equal(off.p.indexOf(Math.max(...off.p)), 0, 'without it, the name used last');
});
