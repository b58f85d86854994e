import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commentRun, danglingQuestionMark, echoesSuffix, enumAsCaseLabel, loop, repeatsLineAbove, stutter, unmatchedCloser, punctuationRun, unknownName } from '../../../../src/core/completion/degeneration';

// [completion, what is kept (undefined: the rule does not fire)]
const loops: [string, string | undefined][] = [
  ['g.g.g.g', 'g.'],
  ['stockQuirkyGadget.caller.g.g.g', 'stockQuirkyGadget.caller.g'],
  ['circumference.bind.name.normalize.name.normalize', 'circumference.bind.name.normalize'],
  ['push(x); push(x); push(x);', 'push(x);'],
  ['parent.parent', undefined],
  ['value === other.value', undefined],
  ['set(key, value)', undefined],
  ['[0, 0, 0, 0]', undefined],
  ['[0, 0, 0, 0, 0, 0]', undefined],
  ['joinValues}".`, " + " + " + " + " + " + " + " + " +', 'joinValues}".`, " +'],
  ['origin} - 1.0.0 - 1.0.0 - 1.0.0 - 1.0.0', 'origin} - 1.0.0'],
  ['a + " + " + b', undefined],
  ['x - 1 - 1 - 1', undefined],
  ['length - 1', undefined],
];
for (const [text, kept] of loops) {
  test(`loop: ${JSON.stringify(text)}`, () => {
    const c = loop(text);
    assert.equal(c === undefined ? undefined : text.slice(0, c.at), kept);
  });
}

const stutters: [string, string | undefined][] = [
  ['splonkHarmonics, bbbbb, bbbb, bbb', 'splonkHarmonics,'],
  ['add(aaaa)', 'add('],
  ['items, itemsCount', undefined],
  ['map(x => x)', undefined],
  ['keyboard, key', undefined],
  ['address', undefined],
  ['add(key, key, value, value)', 'add(key,'],
  ['max(a, b)', undefined],
  ['set(key, value)', undefined],
];
for (const [text, kept] of stutters) {
  test(`stutter: ${JSON.stringify(text)}`, () => {
    const c = stutter(text);
    assert.equal(c === undefined ? undefined : text.slice(0, c.at), kept);
  });
}

const comments: [string, string | undefined][] = [
  ['reset(\n// @ts-expect-error\n// @ts-expect-error\n// @ts-expect-error', 'reset('],
  ['x); // @ts-ignore', 'x);'],
  ['x;\n  // first\n  // second\n  y;', 'x;'],
  ['x; // why', undefined],
  ['x;\n  // one comment\n  y;', undefined],
  ['a; // one\n// two', 'a;'],
  ['length * @param', 'length'],
  ['x; /** @param a */', undefined],
];
for (const [text, kept] of comments) {
  test(`comment run: ${JSON.stringify(text)}`, () => {
    const c = commentRun(text);
    assert.equal(c === undefined ? undefined : text.slice(0, c.at), kept);
  });
}

const closers: [string, string[], string | undefined][] = [
  ['m2(a))', ['{'], 'm2(a)'],
  ['m2(a));', ['{'], 'm2(a)'],
  ['b, c)', ['{', '('], undefined],
  ['x]', ['{', '('], 'x'],
  ['f(")")', ['{'], undefined],
  ['a}', ['{', '${'], undefined],
  ['done();\n}', ['{'], undefined],
];
for (const [text, open, kept] of closers) {
  test(`unmatched closer: ${JSON.stringify(text)} with ${open.join('')} open`, () => {
    const c = unmatchedCloser(text, open);
    assert.equal(c === undefined ? undefined : text.slice(0, c.at), kept);
  });
}

const echoes: [string, string, string, string | undefined][] = [
  // [completion, prefix, suffix, kept]
  ['length);', 'f(a.', ');\n', 'length'],
  ['length', 'f(a.', ');\n', undefined],
  ['total += x;', 'function f() {\n  this.', '\n  this.total += x;\n}', ''],
  ['count = 0;', '  this.', '\n  this.total = 1;\n', undefined],
];
for (const [text, prefix, suffix, kept] of echoes) {
  test(`echoes suffix: ${JSON.stringify(text)} before ${JSON.stringify(suffix)}`, () => {
    const c = echoesSuffix(text, prefix, suffix);
    assert.equal(c === undefined ? undefined : text.slice(0, c.at), kept);
  });
}

const above: [string, string, boolean][] = [
  ['push(item);', '  list.push(item);\n  list.', true],
  ['push(other);', '  list.push(item);\n  list.', false],
  ['x', '  a.x\n\n  a.', false], // too short to call a copy
  ['b;', 'a;\n', false],
];
for (const [text, prefix, fires] of above) {
  test(`repeats the line above: ${JSON.stringify(prefix + text)}`, () => {
    assert.equal(repeatsLineAbove(text, prefix) !== undefined, fires);
  });
}

test('case labels: the enum itself followed by a colon is dropped, a member is kept', () => {
  assert.equal(enumAsCaseLabel('E:', ['E'])?.at, 0);
  assert.equal(enumAsCaseLabel('Kind :', ['Kind'])?.at, 0);
  assert.equal(enumAsCaseLabel('E.A:', ['E']), undefined);
  assert.equal(enumAsCaseLabel('other:', ['E']), undefined);
  assert.equal(enumAsCaseLabel('E.A: return 1;', ['E']), undefined);
  assert.equal(enumAsCaseLabel('E.A', ['E']), undefined);
  // The member ends the label: a chain or a call after it is cut, the member stays.
  assert.deepEqual(enumAsCaseLabel('Kind.Round.valueOf(', ['Kind']), { at: 10, why: 'CASE_LABEL_GOES_ON' });
  assert.deepEqual(enumAsCaseLabel('E.A + 1:', ['E']), { at: 3, why: 'CASE_LABEL_GOES_ON' });
});

const runs: [string, string | undefined][] = [
  ['frobnicateWidgets????????', 'frobnicateWidgets'],
  ['reset();;;', 'reset()'],
  ['total // ------', undefined],
  ["label('???')", undefined],
  ['a?.b ?? c', undefined],
];
for (const [text, kept] of runs) {
  test(`punctuation run: ${JSON.stringify(text)}`, () => {
    const c = punctuationRun(text);
    assert.equal(c === undefined ? undefined : text.slice(0, c.at), kept);
  });
}

// [completion, prefix, suffix, what is kept (undefined: nothing cut)]
const unknown: [string, string, string, string | undefined][] = [
  ['made(value, key);', 'const made = new ', '\n', 'made('],
  ['push(item);', 'const item = 1;\nlist.', '\n', undefined],
  ['push(other);', 'list.', '\nconst other = 2;', undefined],
  ['map((x) => x.id);', 'list.', '\n', undefined],
  ['then((cause) => { console.log(cause); });', 'p.', '\n', undefined],
  ['reduce((acc, v) => acc + v, 0);', 'xs.', '\n', undefined],
  ['assign({ width: 1, height: 2 });', 'Object.', '\n', undefined],
  ['length > limit', 'if (a.', '\n', 'length >'],
  ['items.filter(Boolean)', 'return this.', '\n', undefined],
  ["log('missing value')", 'console.', '\n', undefined],
];
for (const [text, prefix, suffix, kept] of unknown) {
  test(`unknown name: ${JSON.stringify(prefix + text)}`, () => {
    const c = unknownName(text, prefix, suffix);
    assert.equal(c === undefined ? undefined : text.slice(0, c.at), kept);
  });
}

test('a lone `?` at the end of a completion goes; `??`, `?.`, a full conditional and a `?` in a string stay', () => {
  assert.deepEqual(danglingQuestionMark('frobnicateWidgets?'), { at: 17, why: 'DANGLING_QUESTION_MARK' });
  assert.deepEqual(danglingQuestionMark('ready ? '), { at: 5, why: 'DANGLING_QUESTION_MARK' });
  assert.equal(danglingQuestionMark('a ?? b'), undefined);
  assert.equal(danglingQuestionMark('value ??'), undefined);
  assert.equal(danglingQuestionMark('a?.b'), undefined);
  assert.equal(danglingQuestionMark('ok ? 1 : 2;'), undefined);
  assert.equal(danglingQuestionMark("label('why?"), undefined);
});
