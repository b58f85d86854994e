import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, type DecodeRequest } from '../../../../src/core/decoding/decode';
import { ArgumentsMonitor } from '../../../../src/core/monitors/arguments-monitor';
import { ArgumentCounts, CallTracker, OPENED_CALL, VIOLATION } from '../../../../src/core/monitors/call-tracker';
import { DereferenceMonitor } from '../../../../src/core/monitors/dereference-monitor';
import type { Monitor, MonitorContext } from '../../../../src/core/monitors/monitor';
import type { SignatureAnswer } from '../../../../src/core/ports';
import { GeneratedText } from '../../../../src/core/decoding/generated-text';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';
import { TokenIndex } from '../../../../src/core/tokens/token-index';
import { FakeTokenizer, members, ScriptedModel, SPECIAL } from '../../support/fakes';
import { ScriptedOracle, takes, type Reply } from '../../support/signature-oracle';

const VOCAB = [
  SPECIAL, 'foo', 'bar', 'f', '(', ')', '()', 'x', 'y', 'z', ',', ', ', ');', 'x)', '"a,b"', ' ', '[', ']', 'if', ' (', '))',
  '...', 'xs', '<', '>', 'new', ' Map', 'string', 'number', '.', 'length', ' //', '\n', '/', '*', '"', ')"', '(),', '());',
];
const tok = new FakeTokenizer(VOCAB);
const index = TokenIndex.build(tok, languageSpecFor('typescript'));
const utf8 = new TextEncoder();

// foo(a, b?), bar(), f() | f(a, b), log(...args): anything else has no signature.
const signatures = (t: string): Reply<SignatureAnswer> => {
  if (t.endsWith('foo(')) return takes([1, 2]);
  if (t.endsWith('bar(')) return takes([0, 0]);
  if (t.endsWith('f(')) return takes([0, 0], [2, 2]);
  if (t.endsWith('log(')) return takes([1, Infinity]);
  if (t.endsWith('Map(')) return takes([0, 1]);
  return undefined;
};

function run(prefix: string, script: (string | number)[][], opts: { sig?: (t: string) => Reply<SignatureAnswer>; monitors?: Monitor[]; names?: (t: string) => ReturnType<typeof members> | undefined } = {}) {
  const oracle = new ScriptedOracle(opts.sig ?? signatures, opts.names);
  const req: DecodeRequest = {
    promptIds: [1], context: { prefix, suffix: '' }, monitors: opts.monitors ?? [new ArgumentsMonitor()],
    sampling: { temperature: 0 }, stop: { maxTokens: 14, mode: 'line' }, oracleTimeoutMs: 200,
  };
  return { oracle, result: decode(new ScriptedModel(tok, script), index, oracle, req) };
}

test('a call cannot close before its required arguments nor take more than it accepts', async () => {
  const { result, oracle } = run('', [['foo'], ['('], [')', 'x'], [',', ')'], ['y'], [',', ')'], ['z', ')'], [';', SPECIAL]]);
  const r = await result;
  assert.equal(r.text, 'foo(x,y,)', 'a trailing comma is legal; a third argument is not');
  assert.equal(oracle.queries.length, 1);
  assert.equal(oracle.queries[0]!.kind, 'signature');
  assert.equal(oracle.queries[0]!.generated, 'foo(');
  assert.equal(oracle.queries[0]!.triggerCharacter, '(');
  assert.equal(r.trace[2]!.monitor, 'arguments');
  assert.deepEqual(r.trace[2]!.wanted, { tokenId: tok.id(')'), text: ')' });
  assert.deepEqual(r.trace[6]!.wanted, { tokenId: tok.id('z'), text: 'z' });
  assert.equal(r.guided, true);
});

test('a token that closes the call after an argument (`x)`) is allowed where `)` alone is not', async () => {
  assert.equal((await run('', [['foo'], ['('], [')', ');', 'x)']]).result).text, 'foo(x)');
});

test('`()` in one token: the question is asked inside the token and the tail is judged by it', async () => {
  assert.equal((await run('', [['bar'], ['()'], [SPECIAL]]).result).text, 'bar()');
  const vetoed = await run('', [['foo'], ['()', '());', '(),', '('], ['z'], [')']]).result;
  assert.equal(vetoed.text, 'foo(z)');
  assert.deepEqual(vetoed.trace[1]!.wanted, { tokenId: tok.id('()'), text: '()' });
});

test('commas inside strings and brackets do not count; a nested call is judged on its own', async () => {
  assert.equal((await run('', [['foo'], ['('], ['"a,b"'], [',', ')'], ['['], ['x'], [','], ['y'], [']'], [')']]).result).text, 'foo("a,b",[x,y])');
  assert.equal((await run('', [['foo'], ['('], ['bar'], ['()'], [')', ','], [SPECIAL]]).result).text, 'foo(bar())');
  assert.equal((await run('', [['foo'], ['('], ['bar'], ['('], ['x', 'z', ')'], [')']]).result).text, 'foo(bar())', 'bar takes no argument');
  assert.equal((await run('', [['foo'], ['('], ['bar'], ['('], ['))', ')']]).result).text, 'foo(bar())', 'one token closes both');
});

test('overloads are a union: no count between them, any count with a rest parameter', async () => {
  const gap = await run('', [['f'], ['('], ['x'], [')', ','], ['y'], [')']]).result;
  assert.equal(gap.text, 'f(x,y)', 'f takes 0 or 2 arguments, never 1');
  assert.equal((await run('', [['f'], ['('], [')']]).result).text, 'f()');
  const rest = await run('log', [['('], ['x'], [','], ['y'], [','], ['z'], [')']]).result;
  assert.equal(rest.text, '(x,y,z)');
});

test('a call opened right before the cursor is asked about at the cursor; mid-argument is left free', async () => {
  const { result, oracle } = run('const v = foo(', [[')', 'x'], [')']]);
  assert.equal((await result).text, 'x)');
  assert.equal(oracle.queries[0]!.generated, '');
  assert.equal(oracle.queries[0]!.triggerCharacter, '(');
  const after = run('foo(x, ', [[')', 'y'], [')']], { sig: (t) => (t.endsWith('foo(x, ') ? { overloads: [{ min: 2, max: 2 }], activeArgument: 1 } : undefined) });
  assert.equal((await after.result).text, 'y)');
  assert.equal(after.oracle.queries[0]!.triggerCharacter, ',');
  const mid = run('foo(x', [[')']]);
  assert.equal((await mid.result).text, ')');
  assert.equal(mid.oracle.queries.length, 0);
});

test('an answer about another argument than ours is not used', async () => {
  const r = await run('foo(', [[')']], { sig: () => ({ overloads: [{ min: 1, max: 1 }], activeArgument: 1 }) }).result;
  assert.equal(r.text, ')');
  assert.match(r.trace[0]!.note ?? '', /argument 2, not 1/);
});

test('no signature help, keywords and failures leave the model free; failures and timeouts mark it unguided', async () => {
  assert.equal((await run('', [['if'], [' ('], [')']]).result).text, 'if ()');
  const none = await run('', [['x'], ['('], [')']]).result;
  assert.equal(none.text, 'x()');
  assert.equal(none.guided, true);
  const failing = await run('', [['foo'], ['('], [')']], { sig: () => new Error('tsserver down') }).result;
  assert.equal(failing.text, 'foo()');
  assert.equal(failing.guided, false);
  const hanging = await run('', [['foo'], ['('], [')']], { sig: () => 'hang' }).result;
  assert.equal(hanging.text, 'foo()');
  assert.equal(hanging.guided, false);
});

test('a `(` the service knows no call for is marked in the trace (the gate cuts a call of a member that is no function); an answered one is not', async () => {
  const names = (t: string) => (t.endsWith('.') ? members('length') : undefined);
  const r = await run('xs.', [['length'], ['('], [')'], [SPECIAL]], { monitors: [new DereferenceMonitor(), new ArgumentsMonitor()], names }).result;
  assert.equal(r.text, 'length()');
  assert.deepEqual(r.trace.map((s) => s.noSignature ?? false), [false, false, true, false]);
  const failing = await run('', [['foo'], ['('], [')']], { sig: () => new Error('tsserver down') }).result;
  assert.ok(failing.trace.every((s) => !s.noSignature), 'a failure is no statement that nothing is there');
  const answered = await run('', [['foo'], ['('], ['x'], [')']]).result;
  assert.ok(answered.trace.every((s) => !s.noSignature));
});

test('spread arguments, type arguments and regex literals release the count', async () => {
  assert.equal((await run('', [['foo'], ['('], ['...'], ['xs'], [')']]).result).text, 'foo(...xs)');
  const generic = await run('', [['foo'], ['('], ['new'], [' Map'], ['<'], ['string'], [', '], ['number'], ['>'], ['()'], [', '], ['x'], [', '], ['y']]).result;
  assert.equal(generic.text, 'foo(new Map<string, number>(), x, y');
  assert.equal((await run('', [['foo'], ['('], ['/'], ['x'], [')'], ['/'], [')']]).result).text, 'foo(/x)/)');
});

test('the dereference and arguments monitors together: the joint mask is the intersection', async () => {
  const names = (t: string) => (t.endsWith('.') ? members('length') : undefined);
  const monitors = () => [new DereferenceMonitor(), new ArgumentsMonitor()];
  const r = await run('bar(', [['x', ')'], [SPECIAL]], { monitors: monitors(), names }).result;
  assert.equal(r.text, ')', 'bar() takes nothing');
  const both = await run('foo(', [['x'], ['.'], ['y', 'length'], [')'], [SPECIAL]], { monitors: monitors(), names }).result;
  assert.equal(both.text, 'x.length)');
  assert.equal(both.trace[2]!.monitor, 'dereference+arguments');
  assert.deepEqual(both.trace[2]!.wanted, { tokenId: tok.id('y'), text: 'y' });
});

/** What `name(` is at the end of `src`: a call (the monitor asks) or not. */
function opensCall(src: string): boolean {
  const t = new CallTracker();
  let last = 0;
  for (const b of utf8.encode(src)) last = t.push(b);
  return last === OPENED_CALL;
}

test('calls and declarations', () => {
  assert.equal(opensCall('foo('), true);
  assert.equal(opensCall('a.b.foo('), true);
  assert.equal(opensCall('f()('), true);
  assert.equal(opensCall('new Foo('), true);
  assert.equal(opensCall('return foo('), true);
  assert.equal(opensCall('if ('), false);
  assert.equal(opensCall('while ('), false);
  assert.equal(opensCall('x = ('), false);
  assert.equal(opensCall('function foo('), false);
  assert.equal(opensCall('async function foo('), false);
  assert.equal(opensCall('class A { foo('), false, 'a method declaration');
  assert.equal(opensCall('class A { static foo('), false);
  assert.equal(opensCall('class A { x = foo('), true, 'a property initializer calls');
  assert.equal(opensCall('class A { m() { foo('), true, 'a method body is a block');
  assert.equal(opensCall('const o = { foo('), false, 'an object-literal method');
  assert.equal(opensCall('const o = { a: 1, get foo('), false);
  assert.equal(opensCall('const o = { a: foo('), true);
  assert.equal(opensCall('run(({ foo('), false, 'a method in an object literal in parentheses');
  assert.equal(opensCall('if (x) { foo('), true);
  assert.equal(opensCall('"foo('), false, 'in a string');
  assert.equal(opensCall('// foo('), false, 'in a comment');
  assert.equal(opensCall('1('), false);
  assert.equal(opensCall('f.call('), false, 'call/apply/bind: signature help miscounts their spread tuples');
  assert.equal(opensCall('call('), true);
});

test('the tracker: counts, violations and releases', () => {
  const t = new CallTracker();
  for (const b of utf8.encode('foo(')) t.push(b);
  t.newest().counts = new ArgumentCounts([{ min: 1, max: 1 }]);
  assert.equal(t.clone().push(0x29), VIOLATION, ') with no argument');
  for (const b of utf8.encode(' x ,')) assert.notEqual(t.push(b), VIOLATION);
  assert.equal(t.clone().push(0x29), 0, 'a trailing comma');
  assert.equal(t.clone().push(0x79), VIOLATION, 'a second argument');
  assert.equal(t.clone().push(0x20), 0, 'spaces are no argument');
});

test('the mask equals a token-by-token simulation, in every state of a decode', async () => {
  const states = ['foo(', 'foo(x', 'foo(x,', 'bar(', 'f(x', 'foo("a', 'foo(bar(', 'foo([x', 'log(x,'];
  for (const prefix of states) {
    const m = new ArgumentsMonitor();
    const oracle = new ScriptedOracle(signatures);
    const ctx: MonitorContext = {
      index, oracle, prefix: '', suffix: '', generated: new GeneratedText(), oracleTimeoutMs: 200,
      clock: { now: () => performance.now() }, logger: { debug() {}, info() {}, warn() {}, error() {} }, report() {},
    };
    m.start(ctx);
    // Generate the state token by token through the monitor (every prefix here is made of vocabulary tokens).
    for (const piece of prefix.match(/foo|bar|log|"a|f|\(|x|,|\[/g)!) {
      const id = piece === 'log' ? -1 : tok.id(piece === '"a' ? '"' : piece);
      const ids = piece === 'log' ? [tok.id('f')] : piece === '"a' ? [tok.id('"')] : [id];
      for (const i of ids) {
        assert.ok((await m.check(i)).ok);
        m.commit(i);
        ctx.generated.append(tok.tokenBytes(i)!);
        await m.settle();
      }
    }
    const mask = m.mask();
    if (!mask) continue;
    for (let id = 0; id < tok.vocabSize; id++) {
      if (!tok.tokenBytes(id)) continue;
      const expected = await simulatedOk(m, id);
      assert.equal(mask.has(id), expected, `${prefix} then ${JSON.stringify(VOCAB[id])}`);
    }
    m.dispose();
  }
});

/** A brute-force reference: the token is fine when the monitor's own check passes and no call in it breaks a count. */
async function simulatedOk(m: ArgumentsMonitor, id: number): Promise<boolean> {
  const t = (m as unknown as { tracker: CallTracker }).tracker.clone();
  for (const b of tok.tokenBytes(id)!) if (t.push(b) === VIOLATION) return false;
  return true;
}
