import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverTypeName, positionIn, switchSubject } from '../../../../src/core/oracle/switch-subject';

const subjectAt = (src: string) => {
  const offset = src.indexOf('|');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  const r = switchSubject(text, offset);
  return r && text.slice(r.start, r.end);
};

test('the discriminant of the innermost open switch', () => {
  assert.equal(subjectAt('switch (c) {\n  case |'), 'c');
  assert.equal(subjectAt('switch ( this.shape.kind ) { case A: break; case |'), 'this.shape.kind');
  assert.equal(subjectAt('switch (a) { case 1: switch (f(b)) { case |'), 'f(b)');
  assert.equal(subjectAt('switch (a) { case 1: switch (b) { } case |'), 'a', 'an inner switch already closed');
  assert.equal(subjectAt('switch (a) { }\nconst x = |'), undefined, 'after the switch');
  assert.equal(subjectAt('"switch (a) {" + |'), undefined, 'in a string');
  assert.equal(subjectAt('myswitch (a) { |'), undefined);
});

test('the type name in a TypeScript hover', () => {
  assert.equal(hoverTypeName('```typescript\nconst c: Color\n```'), 'Color');
  assert.equal(hoverTypeName('```typescript\n(property) Shape.kind: Kind\n```\nThe kind.'), 'Kind');
  assert.equal(hoverTypeName('```typescript\nlet s: "a" | "b"\n```'), undefined);
  assert.equal(hoverTypeName('```typescript\nconst n: number[]\n```'), undefined);
});

test('offsets to positions', () => {
  assert.deepEqual(positionIn('ab\ncd', 4), { line: 1, character: 1 });
  assert.deepEqual(positionIn('ab', 0), { line: 0, character: 0 });
});
