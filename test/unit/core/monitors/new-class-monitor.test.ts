import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode } from '../../../../src/core/decoding/decode';
import { CodeScanner } from '../../../../src/core/decoding/code-scanner';
import { DereferenceMonitor } from '../../../../src/core/monitors/dereference-monitor';
import type { Monitor } from '../../../../src/core/monitors/monitor';
import { NewClassMonitor, newTrigger } from '../../../../src/core/monitors/new-class-monitor';
import type { CompletionAnswer } from '../../../../src/core/ports';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';
import { TokenIndex } from '../../../../src/core/tokens/token-index';
import { FakeOracle, FakeTokenizer, members, ScriptedModel, SPECIAL } from '../../support/fakes';

const VOCAB = [SPECIAL, 'new', ' ', ' Map', ' IFoo', 'IFoo', ' Account', ' Acc', 'ount', ' Nope', '(', ')', ';', ' (', 'x', '.', 'get', ' class', 'Map'];
const tok = new FakeTokenizer(VOCAB);
const index = TokenIndex.build(tok, languageSpecFor('typescript'));

const scope: CompletionAnswer = {
  semantic: true,
  names: [
    { name: 'Map', kind: 'variable' }, { name: 'Account', kind: 'class' }, { name: 'IFoo', kind: 'interface' },
    { name: 'Color', kind: 'enum' }, { name: 'class', kind: 'keyword' }, { name: 'if', kind: 'keyword' },
  ],
};
const oracle = () => new FakeOracle((t) => (t.endsWith('new ') ? scope : t.endsWith('.') ? members('get') : undefined));

function run(prefix: string, script: string[][], monitors: Monitor[] = [new NewClassMonitor()]) {
  const o = oracle();
  const r = decode(new ScriptedModel(tok, script), index, o, {
    promptIds: [1], context: { prefix, suffix: '' }, monitors, sampling: { temperature: 0 }, stop: { maxTokens: 6, mode: 'line' },
  });
  return { oracle: o, result: r };
}

test('after `new` only constructible names in scope: interfaces and unknown names are blocked', async () => {
  const { result, oracle: o } = run('const a = ', [['new'], [' IFoo', ' Nope', ' Map'], ['('], [')']]);
  const r = await result;
  assert.equal(r.text, 'new Map()');
  assert.equal(o.queries.length, 1);
  assert.equal(o.queries[0]!.generated, 'new ');
  assert.equal(o.queries[0]!.kind, 'constructibleNames');
  assert.deepEqual(r.trace[1]!.wanted, { tokenId: tok.id(' IFoo'), text: ' IFoo' });
});

test('a name split over tokens, `new class`, `new (expr)`', async () => {
  assert.equal((await run('x = ', [['new'], [' Acc'], ['ount', 'x'], ['(']]).result).text, 'new Account(');
  assert.equal((await run('x = ', [['new'], [' class']]).result).text, 'new class');
  assert.equal((await run('x = ', [['new'], [' ('], ['x']]).result).text, 'new (x');
});

test('the space that ends a token is the trigger: the next token is masked', async () => {
  const spaced = await run('x = new', [[' '], ['IFoo', 'Map'], ['(']]).result;
  assert.equal(spaced.text, ' Map(');
  assert.equal(spaced.trace[1]!.monitor, 'newClass');
  const r = await run('x = new ', [['x', 'Map'], ['(']]).result;
  assert.equal(r.text, 'Map(');
  assert.equal(r.trace[0]!.monitor, 'newClass');
});

test('`new Foo.Bar` hands over to the dereference monitor at the dot', async () => {
  const r = await run('x = ', [['new'], [' Map'], ['.'], ['x', 'get']], [new NewClassMonitor(), new DereferenceMonitor()]).result;
  assert.equal(r.text, 'new Map.get');
  assert.equal(r.trace[3]!.monitor, 'dereference');
});

test('`new` as a member, inside a word or in a string is no trigger', () => {
  const at = (src: string) => {
    const sc = new CodeScanner();
    sc.pushString(src);
    return newTrigger(sc, 0x20);
  };
  assert.equal(at('x = new'), 'new ');
  assert.equal(at('throw new'), 'new ');
  assert.equal(at('x.new'), undefined);
  assert.equal(at('renew'), undefined);
  assert.equal(at('newer'), undefined);
  assert.equal(at('"new'), undefined);
  assert.equal(at('new '), undefined, 'only the first space');
});

test('a TypeScript function is not constructible (`new escape(…)`); in JavaScript it still is', async () => {
  const withFn: CompletionAnswer = { semantic: true, names: [...scope.names, { name: 'escape', kind: 'function' }] };
  const vocab = new FakeTokenizer([...VOCAB, ' escape']);
  const complete = async (lang: string) => decode(new ScriptedModel(vocab, [['new'], [' escape', ' Map'], ['(']]), TokenIndex.build(vocab, languageSpecFor(lang)),
    new FakeOracle((t) => (t.endsWith('new ') ? withFn : undefined)), {
      promptIds: [1], context: { prefix: 'x = ', suffix: '' }, monitors: [new NewClassMonitor()], sampling: { temperature: 0 }, stop: { maxTokens: 4, mode: 'line' },
    });
  assert.equal((await complete('typescript')).text, 'new Map(');
  assert.equal((await complete('javascript')).text, 'new escape(');
});
