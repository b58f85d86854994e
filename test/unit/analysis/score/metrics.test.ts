import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textMetrics } from '../../../../src/analysis/score/metrics';
import { identifiers, lex } from '../../../../src/analysis/score/ts-tokens';

test('identifiers keep member names that are keywords and skip punctuation and literals', () => {
  assert.deepEqual(identifiers('default.delete(x, "y") + 1'), ['default', 'delete', 'x']);
});

test('the lexer skips whitespace and comments', () => {
  assert.deepEqual(lex('push( a /* c */ ,b)').map((t) => t.text), ['push', '(', 'a', ',', 'b', ')']);
});

test('an exact generation scores 1 on every text metric', () => {
  assert.deepEqual(textMetrics('pipe(map((x) => x + 1));', 'pipe(map((x) => x + 1));'), { nim: true, ism: 1, pm: 1 });
});

test('a different first name fails NIM and scores partial prefix matches', () => {
  const m = textMetrics('push(item, other);', 'push(item);');
  assert.equal(m.nim, true);
  assert.equal(m.ism, 1); // identifiers push, item are both matched
  assert.equal(m.pm, 3 / 5); // push ( item | ) ;
  const w = textMetrics('pop();', 'push(item);');
  assert.deepEqual(w, { nim: false, ism: 0, pm: 0 });
});

test('an empty generation matches nothing', () => {
  assert.deepEqual(textMetrics('', 'length'), { nim: false, ism: 0, pm: 0 });
});
