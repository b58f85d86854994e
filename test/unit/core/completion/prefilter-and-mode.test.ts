import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prefilter } from '../../../../src/core/completion/prefilter';
import { completionMode } from '../../../../src/core/completion/completion-mode';

const idc = (cp: number): boolean => /[\p{ID_Continue}$]/u.test(String.fromCodePoint(cp));

test('prefilter: named reasons for positions that get no completion', () => {
  assert.equal(prefilter('obj.', '', idc), undefined);
  assert.equal(prefilter('log(', ')', idc), undefined);
  assert.equal(prefilter('say("', '");', idc), undefined);
  assert.equal(prefilter('ob', 'j.x', idc), 'MID_WORD');
  assert.equal(prefilter('a', '$b', idc), 'MID_WORD');
  assert.equal(prefilter('f(', 'x + 1)', idc), 'MID_WORD');
  assert.equal(prefilter('f(', ' + 1)', idc), 'CODE_AFTER_CURSOR');
  assert.equal(prefilter('x = 1; //', '', idc), 'IN_LINE_COMMENT_START');
});

test('completion mode: auto gives blocks on empty lines and after an opener, lines elsewhere', () => {
  assert.equal(completionMode('auto', '    ', ''), 'block');
  assert.equal(completionMode('auto', 'function f() {', ''), 'block');
  assert.equal(completionMode('auto', 'function f() {', '}'), 'block');
  assert.equal(completionMode('auto', 'const f = () =>', ''), 'block');
  assert.equal(completionMode('auto', 'obj.', ''), 'line');
  assert.equal(completionMode('auto', 'f(', 'x)'), 'line');
  assert.equal(completionMode('always', 'obj.', ''), 'block');
  assert.equal(completionMode('never', '', ''), 'line');
});
