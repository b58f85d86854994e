import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StopRules } from '../../../../src/core/decoding/stop-rules';
import { CodeScanner } from '../../../../src/core/decoding/code-scanner';
import { triggerFor } from '../../../../src/core/monitors/dereference-monitor';

/** Feeds `text` piece by piece (as tokens would arrive) and returns the first hit. */
function feed(rules: StopRules, pieces: string[]) {
  let text = '';
  for (const p of pieces) {
    const from = text.length;
    text += p;
    const hit = rules.check(text, from);
    if (hit) return { ...hit, kept: text.slice(0, hit.cut) };
  }
  return undefined;
}

test('line mode stops at the first newline, without it', () => {
  const r = feed(new StopRules({ mode: 'line' }, 'const a = '), ['foo', '(1);\n', 'next']);
  assert.deepEqual(r, { reason: 'endOfLine', cut: 7, kept: 'foo(1);' });
  assert.equal(feed(new StopRules({ mode: 'line' }, ''), ['a\r\nb'])?.kept, 'a');
});

test('stop strings cut before their first occurrence, also across tokens', () => {
  const r = feed(new StopRules({ mode: 'block', stopStrings: ['<|end|>'] }, ''), ['x = 1', '<|', 'end|> more']);
  assert.deepEqual(r, { reason: 'stopString', cut: 5, kept: 'x = 1' });
});

test('block mode ends where a bracket opened before the cursor closes', () => {
  const prefix = 'function f() {\n  if (a) {\n    ';
  const r = feed(new StopRules({ mode: 'block' }, prefix), ['return g(', '{ x: 1 }', ');\n  }', '\n}']);
  assert.equal(r?.reason, 'endOfBlock');
  assert.equal(r?.kept, 'return g({ x: 1 });\n  ');
});

test('block mode ignores brackets in strings, comments and template text', () => {
  const prefix = 'function f() {\n  ';
  const r = feed(new StopRules({ mode: 'block' }, prefix), ['const s = "}";', ' // }\n', '  /* ) */ const t = `}${', 'a}`;\n', '}']);
  assert.equal(r?.kept, 'const s = "}"; // }\n  /* ) */ const t = `}${a}`;\n');
});

test('block mode stops at a dedented line outside the completion\'s own brackets', () => {
  const prefix = 'def f():\n    ';
  const r = feed(new StopRules({ mode: 'block' }, prefix), ['return 1\n', '\n', 'def g():']);
  assert.equal(r?.reason, 'endOfBlock');
  assert.equal(r?.kept, 'return 1\n');
  // Inside brackets the completion opened, indentation says nothing.
  assert.equal(feed(new StopRules({ mode: 'block' }, prefix), ['x = [\n', '1,\n', ']\n']), undefined);
});

test('the prefix\'s lexical state carries over: a cursor inside a string or comment', () => {
  assert.equal(feed(new StopRules({ mode: 'block' }, 'f(\'a'), [')\'']), undefined, 'the ) is inside the string');
  assert.equal(feed(new StopRules({ mode: 'block' }, 'f(/* a'), [' ) */', ')'])?.kept, ' ) */');
});

test('the scanner: lexical states and where a dot is a member access', () => {
  const at = (src: string) => {
    const sc = new CodeScanner();
    sc.pushString(src);
    return triggerFor(sc, 0x2e);
  };
  assert.equal(at('foo'), '.');
  assert.equal(at('foo()'), '.');
  assert.equal(at('a[0]'), '.');
  assert.equal(at('"s"'), '.');
  assert.equal(at('x!'), '.');
  assert.equal(at('foo?'), '?.');
  assert.equal(at('foo\n  '), '.', 'a chain continued on the next line');
  assert.equal(at('x1'), '.');
  assert.equal(at('1'), undefined, 'decimal point');
  assert.equal(at('f(.'), undefined, 'spread');
  assert.equal(at('[..'), undefined);
  assert.equal(at('"a'), undefined, 'in a string');
  assert.equal(at('`a${b}c'), undefined, 'in template text');
  assert.equal(at('`a${b'), '.', 'in a template expression');
  assert.equal(at('// a'), undefined);
  assert.equal(at('/* a'), undefined);
  assert.equal(at('/* a */ b'), '.');
  assert.equal(at("'it\\'s'"), '.', 'escaped quote');
  assert.equal(at('a = '), undefined);
  assert.equal(at('foo // note\n  '), '.', 'a comment between the operand and the dot');
  assert.equal(at('foo /* note */'), '.');
  assert.equal(at('x = /a"b/'), '.', 'a regex literal is an operand; its quote opens no string');
  assert.equal(at('x = /[/"]/g'), '.', 'a slash inside a character class does not end the regex');
  assert.equal(at('x = /\\/*/'), '.', 'an escaped slash then a star is not a comment');
  assert.equal(at('x = /a.'), undefined, 'inside a regex');
  assert.equal(at('return /a/'), '.');
  assert.equal(at('a / b / c'), '.', 'divisions');
  assert.equal(at('f(a) / "x"'), '.');
});

test('brackets inside regex literals do not count', () => {
  const r = feed(new StopRules({ mode: 'block' }, 'function f() {\n  '), ['const re = /[)}]/;\n', '}']);
  assert.equal(r?.kept, 'const re = /[)}]/;\n');
});
