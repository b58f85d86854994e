import ts from 'typescript';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseLabels } from '../../../../src/tsplugin/questions/case-labels';
import { CodeScanner } from '../../../../src/core/decoding/code-scanner';
import { decode } from '../../../../src/core/decoding/decode';
import { DereferenceMonitor } from '../../../../src/core/monitors/dereference-monitor';
import type { Monitor } from '../../../../src/core/monitors/monitor';
import { SwitchCaseMonitor, caseTrigger } from '../../../../src/core/monitors/switch-case-monitor';
import type { CompletionAnswer } from '../../../../src/core/ports';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';
import { TokenIndex } from '../../../../src/core/tokens/token-index';
import { FakeOracle, FakeTokenizer, members, ScriptedModel, SPECIAL } from '../../support/fakes';
import { cursor, programOf } from '../../support/ts-program';

const VOCAB = [SPECIAL, 'case', ' ', ' Color', 'Color', ' c', 'c', " 'a'", "'a'", '.', 'Red', 'Blue', ':', ' Col', 'or', ' Shape', 'Shape'];
const tok = new FakeTokenizer(VOCAB);
const index = TokenIndex.build(tok, languageSpecFor('typescript'));

// What the headless oracle answers after `case ` in a switch over Color (and members after a dot).
const answers = (t: string): CompletionAnswer | undefined =>
  t.endsWith('case ') ? { semantic: true, names: [{ name: 'Color', kind: 'enum' }, { name: 'c', kind: 'variable' }, { name: 'Shape', kind: 'class' }] }
  : t.endsWith('Color.') ? members('Red', 'Blue') : undefined;

function run(prefix: string, script: string[][], monitors: Monitor[] = [new SwitchCaseMonitor()]) {
  const oracle = new FakeOracle(answers);
  const result = decode(new ScriptedModel(tok, script), index, oracle, {
    promptIds: [1], context: { prefix, suffix: '' }, monitors, sampling: { temperature: 0 }, stop: { maxTokens: 8, mode: 'line' }, oracleTimeoutMs: 200,
  });
  return { oracle, result };
}

test('after `case ` only the enum the switch is over; the member after the dot is the dereference monitor\'s', async () => {
  const { result, oracle } = run('switch (c) {\n  ', [['case'], [' '], ['c', "'a'", 'Shape', 'Color'], ['.'], ['Red', 'Blue'], [':']], [new SwitchCaseMonitor(), new DereferenceMonitor()]);
  const r = await result;
  assert.equal(r.text, 'case Color.Red:');
  assert.equal(oracle.queries[0]!.kind, 'caseLabels');
  assert.equal(oracle.queries[0]!.generated, 'case ');
  assert.equal(r.trace[2]!.monitor, 'switchCase');
  assert.deepEqual(r.trace[2]!.wanted, { tokenId: tok.id('c'), text: 'c' });
  assert.equal(r.trace[4]!.monitor, 'dereference');
});

test('the space and the name in one token: judged by the tail after the trigger', async () => {
  const r = await run('switch (c) {', [['case'], [' c', ' Color']]).result;
  assert.ok(r.text.startsWith('case Color'), r.text);
  assert.deepEqual(r.trace[1]!.wanted, { tokenId: tok.id(' c'), text: ' c' });
});

test('the cursor right after `case `, a name split over tokens', async () => {
  const r = await run('switch (c) { case ', [['Color'], ['.']]).result;
  assert.equal(r.text, 'Color.');
  assert.equal(r.trace[0]!.monitor, 'switchCase');
  const split = await run('switch (c) {', [[' '], ['case'], [' Col', ' c'], ['or'], ['.']]).result;
  assert.equal(split.text, ' case Color.');
});

test('in a switch over a union of literals only those literals may follow `case `', async () => {
  const literals = new FakeOracle((t) => (t.endsWith('case ') ? { semantic: true, names: [{ name: "'a'", kind: 'literal' }, { name: '"a"', kind: 'literal' }] } : undefined));
  const r = await decode(new ScriptedModel(tok, [['case'], [' '], ['c', 'Color', "'a'"], [':']]), index, literals, {
    promptIds: [1], context: { prefix: 'switch (s) {\n  ', suffix: '' }, monitors: [new SwitchCaseMonitor()], sampling: { temperature: 0 }, stop: { maxTokens: 5, mode: 'line' },
  });
  assert.equal(r.text, "case 'a':");
  assert.equal(r.trace[2]!.monitor, 'switchCase');
  assert.deepEqual(r.trace[2]!.wanted, { tokenId: tok.id('c'), text: 'c' });
  assert.equal(r.guided, true);
});

test('no answer leaves the model free', async () => {
  const oracle = new FakeOracle(() => undefined);
  const r = await decode(new ScriptedModel(tok, [['case'], [" 'a'"], [':']]), index, oracle, {
    promptIds: [1], context: { prefix: '', suffix: '' }, monitors: [new SwitchCaseMonitor()], sampling: { temperature: 0 }, stop: { maxTokens: 5, mode: 'line' },
  });
  assert.equal(r.text, "case 'a':");
  assert.equal(r.guided, false, 'an oracle that does not answer is noted');
  const empty = new FakeOracle(() => ({ names: [], semantic: true }));
  const free = await decode(new ScriptedModel(tok, [['case'], [" 'a'"], [':']]), index, empty, {
    promptIds: [1], context: { prefix: '', suffix: '' }, monitors: [new SwitchCaseMonitor()], sampling: { temperature: 0 }, stop: { maxTokens: 5, mode: 'line' },
  });
  assert.equal(free.text, "case 'a':");
  assert.equal(free.guided, true, 'an empty answer (not an enum switch) is an answer: nothing constrained, still guided');
});

test('`case` as a member, inside a word or in a string is no trigger', () => {
  const at = (src: string) => {
    const sc = new CodeScanner();
    sc.pushString(src);
    return caseTrigger(sc, 0x20);
  };
  assert.equal(at('  case'), 'case ');
  assert.equal(at('x.case'), undefined);
  assert.equal(at('showcase'), undefined);
  assert.equal(at("'case"), undefined);
  assert.equal(at('case '), undefined, 'only the first space');
});

test('the checker\'s answer: the enum of the switch by the name it has in scope', () => {
  const ask = (src: string, extra: Record<string, string> = {}) => {
    const { text, pos } = cursor(src);
    const program = programOf({ '/p/main.ts': text, ...extra });
    return caseLabels(ts, program, '/p/main.ts', pos)?.names.map((n) => n.name);
  };
  const decl = 'enum Color { Red, Blue }\ndeclare const c: Color;\n';
  assert.deepEqual(ask(`${decl}switch (c) {\n  case |\n}`), ['Color']);
  assert.deepEqual(ask(`${decl}switch (c) {\n  case Color.Red: break;\n  case |\n}`), ['Color']);
  assert.deepEqual(ask(`${decl}declare const d: Color.Red | Color.Blue;\nswitch (d) { case |`), ['Color'], 'a union of its members');
  assert.deepEqual(ask(`import { Hue } from './colors';\ndeclare const h: Hue;\nswitch (h) { case |`, { '/p/colors.ts': 'export enum Hue { A, B }\n' }), ['Hue'], 'an imported enum');
  assert.deepEqual(ask(`import { Hue as H } from './colors';\ndeclare const h: H;\nswitch (h) { case |`, { '/p/colors.ts': 'export enum Hue { A, B }\n' }), ['H'], 'by its local name');
  assert.deepEqual(ask(`import * as C from './colors';\ndeclare const h: C.Hue;\nswitch (h) { case |`, { '/p/colors.ts': 'export enum Hue { A, B }\n' }), [], 'only through a namespace');
  assert.deepEqual(ask("declare const s: 'a' | 'b';\nswitch (s) { case |"), ["'a'", '"a"', "'b'", '"b"'], 'a union of string literals, in either quote style');
  assert.deepEqual(ask("type Size = 'S' | 'M';\nfunction f(s: Size) { switch (s) { case 'S': break; case |"), ["'S'", '"S"', "'M'", '"M"'], 'through a type alias');
  assert.deepEqual(ask('declare const n: 1 | 2 | -1;\nswitch (n) { case |')?.sort(), ['-1', '1', '2'], 'number literals');
  assert.deepEqual(ask("declare const u: 'a' | undefined;\nswitch (u) { case |"), [], 'a union with something that is no literal: nothing constrained');
  assert.deepEqual(ask("declare const q: 'it\\'s' | 'b';\nswitch (q) { case |"), [], 'a string a quote cannot hold as it is');
  assert.deepEqual(ask('declare const n: number;\nswitch (n) { case |'), []);
  assert.deepEqual(ask(`${decl}const x = |`), [], 'not in a switch');
});

test('the enum itself is never the label: after its name only the dot, so `case Color:` becomes `case Color.Red:`', async () => {
  const r = await run('switch (c) { case ', [['Color'], [':', '.'], ['Red'], [':']], [new SwitchCaseMonitor(), new DereferenceMonitor()]).result;
  assert.equal(r.text, 'Color.Red:');
  assert.deepEqual(r.trace[1]!.wanted, { tokenId: tok.id(':'), text: ':' });
});
