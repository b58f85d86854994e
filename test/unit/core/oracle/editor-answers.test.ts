import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerFromItems, answerFromSignatures } from '../../../../src/core/oracle/editor-answers';

test('members become legal names; optional `name?` loses its mark; bracket-only members are not names', () => {
  const a = answerFromItems([
    { label: 'balance', kind: 'property' },
    { label: 'deposit', kind: 'method' },
    { label: 'nickname?', kind: 'property', insertText: 'nickname' },
    { label: 'odd-key', kind: 'property', insertText: '["odd-key"]' },
    { label: 'deposit', kind: 'method' },
  ]);
  assert.equal(a.semantic, true);
  assert.deepEqual(a.names.map((n) => n.name), ['balance', 'deposit', 'nickname']);
});

test('word-based items alone are not an answer; mixed with analysis items they are dropped', () => {
  const words = answerFromItems([{ label: 'Account', kind: 'text' }, { label: 'const', kind: 'text' }]);
  assert.equal(words.semantic, false);
  const mixed = answerFromItems([{ label: 'Account', kind: 'text' }, { label: 'forEach', kind: 'snippet' }, { label: 'length', kind: 'property' }, { label: 'x', kind: undefined }]);
  assert.equal(mixed.semantic, true);
  assert.deepEqual(mixed.names.map((n) => n.name), ['length']);
});

test('signature parameters: optional, defaulted and rest parameters set min and max', () => {
  const s = answerFromSignatures([['a: number', 'b?: string'], ['a: number', 'opts = {}', '...rest: unknown[]'], []], 1);
  assert.deepEqual(s, { overloads: [{ min: 1, max: 2 }, { min: 1, max: Infinity }, { min: 0, max: 0 }], activeArgument: 1 });
  assert.equal(answerFromSignatures([], 0), undefined);
});
