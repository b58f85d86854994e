import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileContext } from '../../../../src/core/statistics/file-context';

const FILE = 'function stop() {\n  this.isStopped = true;\n  this.closed = false;\n}\nfunction end() {\n  this.isStopped = true;\n}\n';

test('the rest of the line after the longest context that also occurs in the file, with its count', () => {
  const f = new FileContext(`${FILE}function halt() {\n  this.isStopped =`, '\n}\n');
  assert.deepEqual([...f.continuations(4, 8, 1.5)!], [[' true;', 2]]);
});

test('blanks already written are not repeated, and a name cut short goes on from inside it', () => {
  assert.deepEqual([...new FileContext(`${FILE}  this.isStopped = `, '')!.continuations(4, 8, 1.5)!], [['true;', 2]]);
  assert.deepEqual([...new FileContext(`${FILE}  this.isSto`, '').continuations(3, 8, 1.5)!], [['pped = true;', 2]]);
});

test('a context shorter than asked for, or one the file never had, gives nothing', () => {
  assert.equal(new FileContext(`${FILE}  x.closed =`, '').continuations(4, 8, 1.5), undefined, '`x . closed =` is not `this . closed =`');
  assert.deepEqual([...new FileContext(`${FILE}  x.closed =`, '').continuations(3, 8, 1.5)!], [[' false;', 1]]);
});

test('occurrences after the cursor count, weighted, and the longer context wins over more places', () => {
  const f = new FileContext('function a() {\n  this.x = y.size;\n  z = y.size + 1;\n  this.x = y.', '\n  w = y.size * 2;\n');
  // `this . x = y .` (6 tokens) occurred once, with `size;`; `= y .` more often, with other endings.
  assert.deepEqual([...f.continuations(3, 8, 1.5)!], [['size;', 1]]);
  const g = new FileContext('function a() {\n  q = y.size + 1;\n  r = y.', '\n  w = y.size * 2;\n  v = y.size * 2;\n');
  assert.deepEqual([...g.continuations(3, 8, 1.5)!].sort(), [['size * 2;', 3], ['size + 1;', 1]]);
});

test('generated text is part of the context', () => {
  const f = new FileContext(`${FILE}function halt() {\n`, '');
  assert.equal(f.continuations(4, 8, 1.5), undefined);
  f.setGenerated('  this.isStopped =');
  assert.deepEqual([...f.continuations(4, 8, 1.5)!], [[' true;', 2]]);
});
