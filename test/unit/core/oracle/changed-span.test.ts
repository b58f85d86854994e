import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedSpan } from '../../../../src/core/oracle/changed-span';

test('the changed middle between two texts: prefix and suffix kept, never overlapping', () => {
  assert.deepEqual(changedSpan('let a = x.;', 'let a = x.foo;'), { start: 10, end: 1 });
  assert.deepEqual(changedSpan('abc', 'abc'), { start: 3, end: 0 });
  assert.deepEqual(changedSpan('', 'new'), { start: 0, end: 0 });
  // A repeated letter at the edit: the suffix stops where the prefix ended.
  assert.deepEqual(changedSpan('aa', 'aaa'), { start: 2, end: 0 });
  assert.deepEqual(changedSpan('s.label.', ''), { start: 0, end: 0 });
});
