import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closersFor } from '../../../../src/core/oracle/document';

// The cursor in a method body; the suffix closes the body and the class.
const prefix = 'class A {\n  m() {\n    ';
const suffix = '\n  }\n\n  later() {}\n}\n';

test('brackets the generated text opened are closed innermost first', () => {
  assert.equal(closersFor(prefix, 'if (x) {\n      this.', suffix), '}');
  assert.equal(closersFor(prefix, 'try {\n  f(a, [1, g(this.', suffix), ')])}');
  assert.equal(closersFor(prefix, 'if (x) { y() }\n    this.', suffix), '');
  assert.equal(closersFor(prefix, '', suffix), '');
});

test('brackets of the prefix that the suffix does not close are closed too (the rest of the body was not written yet)', () => {
  // DotPrompts: the cursor after `if (__DEV__ && this.`; the suffix starts at the body's closing brace.
  const p = 'class A {\n  m() {\n    try {\n      if (a && this.';
  assert.equal(closersFor(p, 'b) {\n        f()\n      }\n    } catch (e) {\n      this.', suffix), '}');
  assert.equal(closersFor(p, 'b', suffix), ')}');
});

test('brackets the suffix closes stay open for it', () => {
  assert.equal(closersFor('f(a, {', ' b: this.', ' })\n'), '');
  assert.equal(closersFor('f(a, {', ' b: [this.', ' })\n'), ']');
  assert.equal(closersFor(prefix, '}\n\n  n() {\n    if (this.', suffix), ')');
});

test('strings, comments, regexes and template literals', () => {
  assert.equal(closersFor(prefix, 'f("(", \'[\', /[(]/, this.', suffix), ')');
  assert.equal(closersFor(prefix, 'g( // (\n  this.', suffix), ')');
  // A non-null `!` ends an operand: the `/` after it divides, it starts no regex that would swallow `)`.
  assert.equal(closersFor(prefix, 'f(n! / this.k);\n    if (!/[(]/.test(s) && g(this.', suffix), '))');
  assert.equal(closersFor(prefix, 'const s = `a ${f(this.', suffix), ')}`');
  assert.equal(closersFor('const s = `a ', '${this.', '`;\n'), '}', 'the template was opened by the prefix: its suffix closes it');
  assert.equal(closersFor('const s = `a ${f(', 'this.', ')} b`;\n'), '');
});

test('a template expression the suffix closes, or one the code still to come closes', () => {
  // The editor: the rest of the template and the method are in the suffix.
  assert.equal(closersFor(`${prefix}const s = \`a \${`, 'this.', `} b\`;${suffix}`), '');
  // A replay: the cursor was in `${this.|name}`, the suffix starts after the whole method body.
  const p = `${prefix}const s = \`a \${this.`;
  assert.equal(closersFor(p, '', suffix), '}`');
  assert.equal(closersFor(p, 'name}`\n    if (s) {\n      this.', suffix), '}');
});

test('nothing is closed when the cursor is not in code', () => {
  assert.equal(closersFor(prefix, 'f("a.', suffix), '');
  assert.equal(closersFor(prefix, 'f() // a.', suffix), '');
  assert.equal(closersFor(prefix, 'f(`a.', suffix), '');
});
