import ts from 'typescript';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectKeys } from '../../../../src/tsplugin/questions/object-keys';
import { decode } from '../../../../src/core/decoding/decode';
import type { Monitor } from '../../../../src/core/monitors/monitor';
import { ObjectKeysMonitor } from '../../../../src/core/monitors/object-keys-monitor';
import type { CompletionAnswer } from '../../../../src/core/ports';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';
import { TokenIndex } from '../../../../src/core/tokens/token-index';
import { FakeOracle, FakeTokenizer, members, ScriptedModel, SPECIAL } from '../../support/fakes';
import { cursor, serviceOf } from '../../support/ts-program';

const VOCAB = [
  SPECIAL, '{', ' {', '\n', '  ', ' ', 'alpha', 'al', 'pha', 'beta', 'zeta', ':', ' 1', ',', '}', '...', 'x', ' alpha', '{ zeta', '{ beta',
  ' zeta', ' beta', 'if', ' (', ')', '=>', ' =', ' f', '(', ' //', "'odd-key'", ';', ' get', '*', ' @',
];
const tok = new FakeTokenizer(VOCAB);
const index = TokenIndex.build(tok, languageSpecFor('typescript'));

// P = { alpha; beta }: at `{` both, after `alpha: 1,` only beta (what TypeScript answers).
const answers = (t: string): CompletionAnswer | undefined => {
  const at = t.replace(/\s+$/, '');
  if (!at.endsWith('{') && !at.endsWith(',')) return undefined;
  if (!at.includes('const p: P =')) return undefined;
  return at.includes('alpha') ? members('beta') : members('alpha', 'beta');
};

function run(prefix: string, script: (string | number)[][], monitors: Monitor[] = [new ObjectKeysMonitor()]) {
  const oracle = new FakeOracle(answers);
  const result = decode(new ScriptedModel(tok, script), index, oracle, {
    promptIds: [1], context: { prefix, suffix: '' }, monitors, sampling: { temperature: 0 }, stop: { maxTokens: 10, mode: 'block' }, oracleTimeoutMs: 200,
  });
  return { oracle, result };
}

test('after `{` of a typed object literal, whitespace then only its property names', async () => {
  const { result, oracle } = run('const p: P =', [[' {'], ['\n'], ['  '], ['zeta', 'al'], ['pha'], [':'], [' 1'], [','], [' alpha', ' zeta', ' beta'], [':']]);
  const r = await result;
  assert.equal(r.text, ' {\n  alpha: 1, beta:');
  assert.equal(oracle.queries[0]!.generated, ' {');
  assert.equal(oracle.queries[0]!.kind, 'objectKeys');
  assert.equal(oracle.queries[0]!.triggerCharacter, '{');
  assert.deepEqual(r.trace[3]!.wanted, { tokenId: tok.id('zeta'), text: 'zeta' });
  assert.equal(r.trace[3]!.monitor, 'objectKeys');
  assert.deepEqual(r.trace[8]!.wanted, { tokenId: tok.id(' alpha'), text: ' alpha' }, 'alpha is written already');
  assert.equal(oracle.queries.length, 2, 'one question per key position, whitespace after it asks nothing new');
});

test('escapes: close the literal, spread, a quoted key, a comment', async () => {
  const closed = await run('const p: P = {', [['zeta', '}']]).result;
  assert.equal(closed.trace[0]!.text, '}', 'the block stop rule then ends the completion at that brace');
  assert.equal(closed.trace[0]!.monitor, 'objectKeys');
  assert.equal((await run('const p: P = {', [[' '], ['...'], ['x']]).result).text, ' ...x');
  assert.equal((await run('const p: P = {', [[' '], ["'odd-key'"], [':']]).result).text, " 'odd-key':");
  assert.equal((await run('const p: P = {', [[' //']]).result).text, ' //');
  assert.equal((await run('const p: P = {', [[' zeta', ' get']]).result).text, ' get', 'an accessor: get, set, async lead a method');
});

test('no `*` at a key position (a doc comment a small model wants to open there, not a generator)', async () => {
  const r = await run('const p: P = {', [[' '], ['*', 'alpha'], [':']]).result;
  assert.equal(r.text, ' alpha:');
  assert.deepEqual(r.trace[1]!.wanted, { tokenId: tok.id('*'), text: '*' });
});

test('the brace and the key in one token: the tail is judged by the answer', async () => {
  const direct = await run('const p: P = ', [['{ zeta', '{ beta'], [':']]).result;
  assert.equal(direct.text, '{ beta:');
  assert.deepEqual(direct.trace[0]!.wanted, { tokenId: tok.id('{ zeta'), text: '{ zeta' });
});

test('blocks, arrow bodies and untyped literals are left alone', async () => {
  const block = await run('if (x) ', [['{'], ['\n'], ['zeta']]).result;
  assert.equal(block.text, '{\nzeta');
  const arrow = await run('const f = () =>', [[' {'], [' '], ['zeta']]).result;
  assert.equal(arrow.text, ' { zeta');
  const untyped = await run('const q =', [[' {'], [' '], ['zeta']]).result;
  assert.equal(untyped.text, ' { zeta', 'no answer: unconstrained');
});

test('`({` and `(a, {` may be destructured arrow parameters: no question there; `f({` is an object literal', async () => {
  const asked = async (prefix: string) => {
    const { oracle, result } = run(prefix, [[' ']]);
    await result;
    return oracle.queries.length;
  };
  assert.equal(await asked('const p: P = xs.filter(({'), 0, 'the `(` of filter( is a call, the next one a parenthesis');
  assert.equal(await asked('const p: P = xs.map((a, {'), 0);
  assert.equal(await asked('const p: P = f({'), 1);
  assert.equal(await asked('const p: P = f(x, {'), 1);
});

test('the checker\'s answer: properties not written yet, only for a known contextual type', () => {
  const ask = (src: string) => {
    const { text, pos } = cursor(src);
    return objectKeys(ts, serviceOf({ '/p/main.ts': text }), '/p/main.ts', pos)?.names.map((n) => n.name).sort();
  };
  const P = 'interface P { alpha: number; beta?: string; run(): void }\n';
  assert.deepEqual(ask(`${P}const p: P = { |`), ['alpha', 'beta', 'run']);
  assert.deepEqual(ask(`${P}const p: P = {\n  alpha: 1,\n  |\n};`), ['beta', 'run']);
  assert.deepEqual(ask(`${P}declare function f(p: P): void;\nf({ |`), ['alpha', 'beta', 'run'], 'a call argument');
  assert.deepEqual(ask('const q = { |'), [], 'untyped');
  assert.deepEqual(ask('const r: { [k: string]: number } = { |'), [], 'an index signature takes any key');
  assert.deepEqual(ask('function g() { |'), [], 'a block');
  assert.deepEqual(ask(`${P}const p: P = { alpha: |`), [], 'a value');
});
