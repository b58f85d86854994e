import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answered } from '../../../../src/core/oracle/query';
import { decode, type DecodeRequest } from '../../../../src/core/decoding/decode';
import { DereferenceMonitor } from '../../../../src/core/monitors/dereference-monitor';
import type { Monitor } from '../../../../src/core/monitors/monitor';
import type { LanguageOracle } from '../../../../src/core/ports';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';
import { TokenIndex } from '../../../../src/core/tokens/token-index';
import { TokenSet } from '../../../../src/core/tokens/token-set';
import { FakeOracle, FakeTokenizer, members, ScriptedModel, SPECIAL, type Answer } from '../../support/fakes';

const VOCAB = [
  SPECIAL, '.', '?.', '?', '.get', '.len', '.x', 'len', 'gth', 'length', 'length)', 'lengthy', 'push', 'push(', 'get', 'getAll',
  'All', 'A', 'll', '(', ')', '();', ';', ' ', '\n', 'foo', 'bar', 'x', 'y', 'if', 'caf', 'café', 'é', 'naïve', 'na', 'ïve',
  new Uint8Array([0xc3]), new Uint8Array([0xa9]), '[', '0', ']', 'length', ' // a.b', '1', '.5',
];
const tok = new FakeTokenizer(VOCAB);
const index = TokenIndex.build(tok, languageSpecFor('typescript'));

function request(prefix: string, monitors: Monitor[] = [new DereferenceMonitor()], extra: Partial<DecodeRequest> = {}): DecodeRequest {
  return {
    promptIds: [1],
    context: { prefix, suffix: '\n' },
    monitors,
    sampling: { temperature: 0 },
    stop: { maxTokens: 8, mode: 'line' },
    oracleTimeoutMs: 200,
    ...extra,
  };
}

function run(prefix: string, script: (string | number)[][], answer: (text: string) => Answer, extra: Partial<DecodeRequest> = {}) {
  const model = new ScriptedModel(tok, script);
  const oracle = new FakeOracle(answer);
  const req = request(prefix, undefined, extra);
  return { model, oracle, result: decode(model, index, oracle, req) };
}

const arrayMembers = (t: string): Answer => (t.endsWith('.') || t.endsWith('?.') ? members('length', 'push', 'get', 'getAll') : undefined);

test('foo.| allows only legal names: the model\'s own first choice is blocked and recorded', async () => {
  const { result, oracle } = run('foo.', [['bar', 'len'], ['gth'], [';'], ['x']], arrayMembers);
  const r = await result;
  assert.equal(r.text, 'length;x');
  assert.equal(r.stopReason, 'endOfText');
  assert.equal(r.guided, true);
  assert.equal(oracle.queries.length, 1);
  assert.equal(oracle.queries[0]!.generated, '');
  assert.equal(r.trace[0]!.monitor, 'dereference');
  assert.deepEqual(r.trace[0]!.wanted, { tokenId: tok.id('bar'), text: 'bar' });
  assert.equal(r.trace[2]!.monitor, 'dereference', 'a complete name: only a break may follow');
  assert.equal(r.trace[3]!.monitor, undefined, 'released after the name ended');
});

test('the mask holds the name prefixes and the tokens that end a name inside them, nothing else', async () => {
  const m = new DereferenceMonitor();
  let first: string[] | undefined;
  const spy: Monitor = {
    name: 'spy', start: (c) => m.start(c), check: (id) => m.check(id), commit: (id) => m.commit(id), settle: () => m.settle(), dispose: () => m.dispose(),
    mask: () => {
      const s = m.mask();
      first ??= s && [...s.toIds()].map((id) => `${id}:${String(tok.vocab[id])}`);
      return s;
    },
  };
  await decode(new ScriptedModel(tok, [['len']]), index, new FakeOracle(arrayMembers), request('foo.', [spy]));
  const expected = ['get', 'getAll', 'len', 'length', 'length)', 'push', 'push('];
  // Both ids spelled `length` are kept.
  const ids = VOCAB.flatMap((v, id) => (typeof v === 'string' && expected.includes(v) ? [`${id}:${v}`] : []));
  assert.deepEqual(first, ids);
});

test('`length)` and `push(` end the name inside the token and release the monitor', async () => {
  const r = await run('foo.', [['length)'], [';']], arrayMembers).result;
  assert.equal(r.text, 'length);');
  assert.equal(r.trace[1]!.monitor, undefined);
  const r2 = await run('foo.', [['push('], ['x'], [')']], arrayMembers).result;
  assert.equal(r2.text, 'push(x)');
  assert.equal(r2.trace[1]!.monitor, undefined);
});

test('a name the user already began after the dot is continued along the legal names', async () => {
  // The language service answers at the cursor, inside the name, with the whole member list.
  const r = await run('foo.len', [['x', 'gth'], [';']], () => members('length', 'push', 'get', 'getAll')).result;
  assert.equal(r.text, 'gth;');
  assert.equal(r.trace[0]!.monitor, 'dereference');
});

test('a name the user typed that no listed member starts is never blocked: the completion goes unconstrained', async () => {
  // `toS…` on a type whose list lacks toString: what the user typed stands, and so does the model.
  const r = await run('foo.toS', [['x'], [';']], () => members('length', 'push', 'get', 'getAll')).result;
  assert.equal(r.text, 'x;');
  assert.equal(r.guided, true);
  assert.equal(r.trace[0]!.monitor, undefined);
  assert.match(r.trace[0]!.note ?? '', /starts no legal name/);
});

test('`lengthy` is not a legal continuation even though it starts with a legal name', async () => {
  const r = await run('foo.', [['lengthy', 'length'], [';']], arrayMembers).result;
  assert.equal(r.text, 'length;');
});

test('a `.get` token splits at the dot: accepted when its tail starts a legal name', async () => {
  const { result, oracle } = run('foo', [['.get'], ['All', 'x'], ['();']], arrayMembers);
  const r = await result;
  assert.equal(r.text, '.getAll();');
  assert.equal(oracle.queries.length, 1);
  assert.equal(oracle.queries[0]!.generated, '.');
  assert.equal(r.trace[1]!.monitor, 'dereference');
});

test('a `.get` token whose tail fits no legal name is vetoed together with its siblings', async () => {
  const onlyLength = (t: string): Answer => (t.endsWith('.') ? members('length') : undefined);
  const { result, oracle } = run('foo', [['.get', '.x', '.len', '.'], ['gth'], [';']], onlyLength);
  const r = await result;
  assert.equal(r.text, '.length;');
  assert.equal(oracle.queries.length, 1, 'one question serves every token that shares the text before the dot');
  assert.deepEqual(r.trace[0]!.wanted, { tokenId: tok.id('.get'), text: '.get' });
});

test('a `.get` token: its forward pass runs while the oracle is asked, and is rolled back when vetoed', async () => {
  const order: string[] = [];
  const model = new ScriptedModel(tok, [['.get'], ['All'], ['(']]);
  model.onStep = (n) => order.push(`step${n}`);
  const oracle = new FakeOracle((t) => {
    order.push(`ask:${t}`);
    return arrayMembers(t);
  });
  const slow: typeof oracle = Object.assign(Object.create(oracle), {
    answer: async (...args: Parameters<typeof oracle.answer>) => {
      const a = await oracle.answer(...args);
      await new Promise((r) => setTimeout(r, 5));
      order.push('answer');
      return a;
    },
  });
  const r = await decode(model, index, slow, request('foo'));
  assert.equal(r.text, '.getAll(');
  assert.deepEqual(order.slice(0, 3), ['ask:foo.', 'step1', 'answer']);
  assert.equal(model.prefills, 1);

  const onlyLength = (t: string): Answer => (t.endsWith('.') ? members('length') : undefined);
  const vetoed = new ScriptedModel(tok, [['.get', '.'], ['len', 'x'], ['gth']]);
  const r2 = await decode(vetoed, index, new FakeOracle(onlyLength), request('foo'));
  assert.equal(r2.text, '.length');
  assert.equal(vetoed.prefills, 2, 'the pass over `.get` was undone by re-running from the kept tokens');
  assert.deepEqual(vetoed.fed, r2.tokenIds.slice(0, vetoed.fed.length));
  assert.match(r2.trace[0]!.note ?? '', /rolled back/);
});

test('a completion never returns while a speculative forward pass still runs', async () => {
  const model = new ScriptedModel(tok, [['.get'], ['All']]);
  let running = 0;
  const slowStep = model.step.bind(model);
  model.step = async (id, signal) => {
    running++;
    await new Promise((r) => setTimeout(r, 20));
    running--;
    return slowStep(id, signal);
  };
  const r = await decode(model, index, new FakeOracle(arrayMembers), request('foo', undefined, { stop: { maxTokens: 1, mode: 'line' } }));
  assert.equal(r.text, '.get');
  assert.equal(r.stopReason, 'maxTokens');
  assert.equal(running, 0, 'the pass over `.get` finished before decode returned');
});

test('`?.` is a trigger, and `?.(` / `?.[` stay possible', async () => {
  const { result, oracle } = run('foo', [['?.'], ['bar', 'len'], ['gth']], arrayMembers);
  const r = await result;
  assert.equal(r.text, '?.length');
  assert.equal(oracle.queries[0]!.kind, 'members');
  assert.ok(oracle.queries[0]!.generated.endsWith('?.') || oracle.queries[0]!.prefix.endsWith('?.'));
  assert.equal(oracle.queries[0]!.triggerCharacter, '.');
  const r2 = await run('foo', [['?.'], ['[', 'bar'], ['0'], [']']], arrayMembers).result;
  assert.equal(r2.text, '?.[0]');
});

test('a name that is a prefix of another: after `get` both `All` and a break are allowed', async () => {
  const r = await run('foo.', [['get'], ['All'], ['(']], arrayMembers).result;
  assert.equal(r.text, 'getAll(');
  const r2 = await run('foo.', [['get'], ['('], [')']], arrayMembers).result;
  assert.equal(r2.text, 'get()');
  const r3 = await run('foo.', [['get'], ['A', 'x', ';'], ['ll']], arrayMembers).result;
  assert.equal(r3.text, 'getAll');
  const r4 = await run('foo.', [['get'], ['x', 'y', ';']], arrayMembers).result;
  assert.equal(r4.text, 'get;', 'x and y would make an unknown name');
});

test('unicode identifiers, including tokens that end inside a character', async () => {
  const uni = (t: string): Answer => (t.endsWith('.') ? members('café', 'naïve') : undefined);
  const lead = VOCAB.findIndex((v) => v instanceof Uint8Array && v[0] === 0xc3);
  const cont = VOCAB.findIndex((v) => v instanceof Uint8Array && v[0] === 0xa9);
  // After `caf` the lone lead byte of `é` fits (a byte prefix of the name), `x` does not.
  const r = await run('foo.', [['caf', 'bar'], ['x', lead], ['x', cont], [')']], uni).result;
  assert.equal(r.text, 'café)');
  assert.deepEqual(r.trace.slice(0, 4).map((s) => s.monitor), ['dereference', 'dereference', 'dereference', 'dereference']);
  const r2 = await run('foo.', [['na', 'caf'], ['ïve'], [')']], uni).result;
  assert.equal(r2.text, 'naïve)');
  // `é` is an identifier character: `café` is a name, `caf` followed by `é` is not a break.
  const r3 = await run('x.', [['caf'], ['é'], ['é', ';']], (t) => (t.endsWith('.') ? members('caf', 'café') : undefined)).result;
  assert.equal(r3.text, 'café;');
});

test('an empty answer leaves the model unconstrained, still guided; a failing or hanging one marks it unguided', async () => {
  const empty = await run('foo.', [['bar'], [';']], () => members()).result;
  assert.equal(empty.text, 'bar;');
  assert.equal(empty.guided, true);
  assert.match(empty.trace[0]!.note ?? '', /no legal names/);

  const keywordsOnly = await run('foo.', [['bar']], () => ({ semantic: true, names: [{ name: 'if', kind: 'keyword' }] })).result;
  assert.equal(keywordsOnly.text, 'bar');

  const wordBased = await run('foo.', [['bar']], () => ({ semantic: false, names: [{ name: 'length', kind: 'text' }] })).result;
  assert.equal(wordBased.text, 'bar');
  assert.equal(wordBased.guided, false);

  const failing = await run('foo.', [['bar'], [';']], () => new Error('server crashed')).result;
  assert.equal(failing.text, 'bar;');
  assert.equal(failing.guided, false);
  assert.match(failing.trace[0]!.note ?? '', /server crashed/);

  const hanging = await run('foo.', [['bar']], () => 'hang', { oracleTimeoutMs: 20 }).result;
  assert.equal(hanging.text, 'bar');
  assert.equal(hanging.guided, false);
  assert.match(hanging.trace[0]!.note ?? '', /within 20 ms/);
});

test('the question starts before the forward pass of the trigger token and masks that pass\'s logits', async () => {
  const order: string[] = [];
  const model = new ScriptedModel(tok, [['x'], ['.'], ['bar', 'len'], ['gth']]);
  model.onStep = (n) => order.push(`step${n}`);
  const oracle = new FakeOracle((t) => {
    order.push(`ask:${t}`);
    return arrayMembers(t);
  });
  const r = await decode(model, index, oracle, request('const a = '));
  assert.equal(r.text, 'x.length');
  assert.deepEqual(order.slice(0, 3), ['step1', 'ask:const a = x.', 'step2']);
});

test('the trace separates the oracle\'s answer time from the part the loop waited for', async () => {
  let now = 1000;
  const model = new ScriptedModel(tok, [['x'], ['.'], ['len'], ['gth']]);
  model.onStep = () => (now += 30); // every forward pass takes 30 ms
  const oracle: LanguageOracle = {
    async answer() {
      const asked = now;
      await new Promise((r) => setTimeout(r, 5));
      now = asked + 50; // the answer comes 50 ms after the question
      return answered(members('length'));
    },
  };
  const r = await decode(model, index, oracle, request(''), { clock: { now: () => now } });
  assert.equal(r.text, 'x.length');
  assert.equal(r.trace[2]!.oracleMs, 50);
  assert.equal(r.trace[2]!.waitMs, 20, '30 of the 50 ms ran during the forward pass over the dot');
  assert.equal(r.timings.oracleWaitMs, 20);
});

test('dots in strings, comments, number literals and spreads are not triggers', async () => {
  for (const prefix of ["s = 'foo.", 's = "a', 'x = 1', '// see foo', 'f(..']) {
    const { result, oracle } = run(prefix, [['.'], ['bar']], arrayMembers);
    const r = await result;
    assert.equal(r.text, '.bar', prefix);
    assert.equal(oracle.queries.length, 0, prefix);
  }
});

test('cancellation between steps returns the text so far', async () => {
  const ac = new AbortController();
  const model = new ScriptedModel(tok, [['x'], ['y'], ['x'], ['y'], ['x']]);
  model.onStep = (n) => n === 2 && ac.abort();
  const r = await decode(model, index, new FakeOracle(() => undefined), request('', [], { signal: ac.signal }));
  assert.equal(r.stopReason, 'cancelled');
  assert.equal(r.text, 'xy');
});

test('cancelling while an oracle question hangs ends the completion at once', async () => {
  const ac = new AbortController();
  const model = new ScriptedModel(tok, [['x'], ['.'], ['len']]);
  const oracle = new FakeOracle((t) => {
    if (t.endsWith('.')) setTimeout(() => ac.abort(), 5);
    return 'hang';
  });
  const r = await decode(model, index, oracle, request('', undefined, { signal: ac.signal, oracleTimeoutMs: 60_000 }));
  assert.equal(r.stopReason, 'cancelled');
  assert.equal(r.text, 'x.');
});

test('a model failure becomes stopReason error with the text so far', async () => {
  const model = new ScriptedModel(tok, [['x'], ['y']]);
  model.onStep = () => {
    throw new Error('onnx exploded');
  };
  const r = await decode(model, index, new FakeOracle(() => undefined), request(''));
  assert.equal(r.stopReason, 'error');
  assert.equal(r.error, 'onnx exploded');
  assert.equal(r.text, 'x');
});

test('a monitor that vetoes everything cannot stall the loop: the step goes unchecked and says so', async () => {
  const vetoAll: Monitor = {
    name: 'stubborn', start() {}, commit() {}, async settle() {}, dispose() {}, mask: () => undefined,
    async check(id) {
      return { ok: false, exclude: TokenSet.of(index.vocabSize, [id]), reason: 'no' };
    },
  };
  const model = new ScriptedModel(tok, [['x', 'y', 'foo', 'bar', ';', '(', ')', 'if', 'len', 'gth', 'push', 'get']]);
  const r = await decode(model, index, new FakeOracle(() => undefined), request('', [vetoAll], { stop: { maxTokens: 1, mode: 'line' } }));
  assert.equal(r.tokenIds.length, 1);
  assert.match(r.trace[0]!.note ?? '', /too many vetoes/);
  assert.deepEqual(r.trace[0]!.wanted, { tokenId: tok.id('x'), text: 'x' });
});

test('two monitors compose: the joint mask is the intersection', async () => {
  const only = (names: string[]): Monitor => ({
    name: 'fixed', start() {}, async check() { return { ok: true }; }, commit() {}, async settle() {}, dispose() {},
    mask: () => TokenSet.of(index.vocabSize, names.map((n) => tok.id(n))),
  });
  const model = new ScriptedModel(tok, [['len', 'push', 'get']]);
  const r = await decode(model, index, new FakeOracle(arrayMembers), request('foo.', [new DereferenceMonitor(), only(['push', 'get', 'x'])], { stop: { maxTokens: 1, mode: 'line' } }));
  assert.equal(r.text, 'push');
  assert.equal(r.trace[0]!.monitor, 'dereference+fixed');
  assert.equal(r.trace[0]!.allowed, 2);
});
