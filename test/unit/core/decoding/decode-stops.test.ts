import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, type DecodeRequest } from '../../../../src/core/decoding/decode';
import { DereferenceMonitor } from '../../../../src/core/monitors/dereference-monitor';
import { createMonitors, type MonitorName } from '../../../../src/core/monitors/registry';
import type { Clock, Logger } from '../../../../src/core/ports';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';
import { TokenIndex } from '../../../../src/core/tokens/token-index';
import { FakeOracle, FakeTokenizer, members, ScriptedModel, SPECIAL } from '../../support/fakes';

const VOCAB = [SPECIAL, 'x', ' = ', '1', ';', '\n', '}', '{', 'if', ' (', ')', ' ', 'ng', 'gth', 'le', '.', 'length', '<|stop|>', '<fim_pad>', 'n'];
const tok = new FakeTokenizer(VOCAB);
const index = TokenIndex.build(tok, languageSpecFor('typescript'));
const noOracle = new FakeOracle(() => undefined);

function req(prefix: string, stop: DecodeRequest['stop'], extra: Partial<DecodeRequest> = {}): DecodeRequest {
  return { promptIds: [1], context: { prefix, suffix: '' }, monitors: [], sampling: { temperature: 0 }, stop, ...extra };
}

test('maxTokens stops after that many tokens', async () => {
  const r = await decode(new ScriptedModel(tok, [['x'], [' = '], ['1'], [';']]), index, noOracle, req('', { maxTokens: 3, mode: 'block' }));
  assert.equal(r.stopReason, 'maxTokens');
  assert.equal(r.text, 'x = 1');
  assert.equal(r.timings.tokens, 3);
});

test('the time budget is checked between steps against the injected clock', async () => {
  let now = 0;
  const clock: Clock = { now: () => now };
  const model = new ScriptedModel(tok, [['x'], [' = '], ['1'], [';']]);
  model.onStep = () => (now += 40);
  const r = await decode(model, index, noOracle, req('', { maxTokens: 10, timeBudgetMs: 100, mode: 'block' }), { clock });
  assert.equal(r.stopReason, 'timeBudget');
  assert.equal(r.text, 'x = 1');
  assert.equal(r.timings.modelMs, 120);
});

test('end-of-text ends the completion', async () => {
  const r = await decode(new ScriptedModel(tok, [['x'], [SPECIAL]]), index, noOracle, req('', { maxTokens: 10, mode: 'block' }));
  assert.equal(r.stopReason, 'endOfText');
  assert.equal(r.text, 'x');
  assert.deepEqual(r.tokenIds, [tok.id('x'), 0]);
});

test('stop strings, end of line and end of block through the loop', async () => {
  const s = await decode(new ScriptedModel(tok, [['x'], ['<|stop|>'], ['1']]), index, noOracle, req('', { maxTokens: 10, mode: 'block', stopStrings: ['<|stop|>'] }));
  assert.equal(s.stopReason, 'stopString');
  assert.equal(s.text, 'x');
  const l = await decode(new ScriptedModel(tok, [['x'], [';'], ['\n'], ['x']]), index, noOracle, req('', { maxTokens: 10, mode: 'line' }));
  assert.equal(l.stopReason, 'endOfLine');
  assert.equal(l.text, 'x;');
  const b = await decode(
    new ScriptedModel(tok, [['if'], [' ('], ['x'], [')'], [' '], ['{'], ['}'], ['\n'], ['}'], ['x']]),
    index, noOracle, req('function f() {\n', { maxTokens: 20, mode: 'block' }),
  );
  assert.equal(b.stopReason, 'endOfBlock');
  assert.equal(b.text, 'if (x) {}\n');
});

test('a cursor inside a member name constrains the rest of it', async () => {
  const oracle = new FakeOracle((t, q) => (q.generated === '' && t.endsWith('.le') ? members('length', 'left') : undefined));
  const r = await decode(new ScriptedModel(tok, [['x', 'n'], ['x', 'gth'], [';']]), index, oracle, req('a.le', { maxTokens: 5, mode: 'line' }, { monitors: [new DereferenceMonitor()] }));
  assert.equal(r.text, 'ngth;');
  assert.equal(oracle.queries.length, 1);
  assert.equal(oracle.queries[0]!.kind, 'members');
  assert.equal(oracle.queries[0]!.triggerCharacter, '.');
  assert.deepEqual(r.trace[0]!.wanted, { tokenId: tok.id('x'), text: 'x' });
  assert.deepEqual(r.trace[1]!.wanted, { tokenId: tok.id('x'), text: 'x' });
});

test('logits longer than the tokenizer\'s vocabulary: padded columns are never picked', async () => {
  const model = new ScriptedModel(tok, [['x']]);
  const padded = { vocabSize: VOCAB.length + 5, prefill: async (ids: readonly number[]) => Float32Array.from([...(await model.prefill(ids)), 99, 99, 99, 99, 99]), step: model.step.bind(model) };
  const r = await decode(padded, index, noOracle, req('', { maxTokens: 1, mode: 'line' }));
  assert.equal(r.text, 'x');
});

test('the registry builds fresh monitors and logs the ones that do not exist yet', () => {
  const notes: string[] = [];
  const logger: Logger = { debug: (m) => notes.push(m), info() {}, warn() {}, error() {} };
  const a = createMonitors(['dereference', 'nope' as MonitorName, 'dereference', 'newClass'], logger);
  const b = createMonitors(['dereference']);
  assert.deepEqual(a.map((m) => m.name), ['dereference', 'newClass']);
  assert.notEqual(a[0], b[0]);
  assert.match(notes.join('\n'), /nope/);
});
