import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BpeMerges } from '../../../../src/core/tokens/bpe-merges';

const vocab = new Map(Object.entries({ a: 0, b: 1, c: 2, ab: 3, bc: 4, aa: 5, abc: 6, aaa: 7, ca: 8 }));
const encode = (table: BpeMerges, word: string) => {
  const out: number[] = [];
  assert.ok(table.encodeWord(word, out));
  return out;
};

test('merges apply lowest rank first, the leftmost among equals, and a merged piece merges on', () => {
  const table = BpeMerges.build(vocab, [['b', 'c'], ['a', 'b'], ['a', 'bc'], ['a', 'a'], ['aa', 'a']])!;
  assert.deepEqual(encode(table, 'abc'), [6], '(b c) first, then (a bc)');
  assert.deepEqual(encode(table, 'ab'), [3]);
  assert.deepEqual(encode(table, 'aaa'), [7], 'the leftmost (a a), then (aa a)');
  assert.deepEqual(encode(table, 'aaaa'), [5, 5], 'both pairs of equal rank, left to right');
  assert.deepEqual(encode(table, 'cab'), [2, 3]);
  assert.deepEqual(encode(table, 'cab'), [2, 3], 'the same from the word cache');
  assert.deepEqual(encode(table, ''), []);
  assert.deepEqual(encode(table, 'c'.repeat(300)), Array(300).fill(2), 'a long word without merges');
});

test('ranks decide, not the order pairs appear in the word', () => {
  const table = BpeMerges.build(vocab, [['a', 'b'], ['b', 'c']])!;
  assert.deepEqual(encode(table, 'abc'), [3, 2], '(a b) outranks (b c)');
});

test('a character without a piece of its own is refused, the output untouched', () => {
  const table = BpeMerges.build(vocab, [['a', 'b']])!;
  const out = [42];
  assert.equal(table.encodeWord('abz', out), false);
  assert.deepEqual(out, [42]);
});

test('a merge whose result the vocabulary lacks makes no table', () => {
  assert.equal(BpeMerges.build(vocab, [['c', 'c']]), undefined);
  assert.equal(BpeMerges.build(vocab, [['x', 'a']]), undefined);
});
