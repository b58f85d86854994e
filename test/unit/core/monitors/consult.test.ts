import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { consult } from '../../../../src/core/monitors/consult';
import type { MonitorContext } from '../../../../src/core/monitors/monitor';
import type { CompletionAnswer, LanguageOracle } from '../../../../src/core/ports';
import { GeneratedText } from '../../../../src/core/decoding/generated-text';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';
import { TokenIndex } from '../../../../src/core/tokens/token-index';
import { FakeTokenizer } from '../../support/fakes';

const index = TokenIndex.build(new FakeTokenizer(['<|endoftext|>', 'x']), languageSpecFor('typescript'));
const answer: CompletionAnswer = { names: [{ name: 'length', kind: 'property' }], semantic: true };

function ctxWith(oracle: LanguageOracle, oracleTimeoutMs: number): MonitorContext {
  return {
    index, oracle, prefix: 'a.', suffix: '', generated: new GeneratedText(), oracleTimeoutMs,
    clock: { now: () => performance.now() }, logger: { debug() {}, info() {}, warn() {}, error() {} }, report() {},
  };
}

function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* a forward pass holding the thread */ }
}

test('an answer that arrived while the thread was blocked past the deadline still counts', async () => {
  // The model worker receives answers as messages; a forward pass longer than the timeout blocks
  // the thread, so the deadline and the answer are both due when it returns.
  const { port1, port2 } = new MessageChannel();
  const oracle: LanguageOracle = {
    completions: () => new Promise((resolve) => port2.once('message', () => resolve(answer))),
  };
  const asked = consult(ctxWith(oracle, 20), '', '.');
  port1.postMessage('answer');
  block(60);
  const r = await asked;
  port1.close();
  assert.deepEqual(r.names, ['length'], JSON.stringify(r));
});

test('no answer at all still times out', async () => {
  const r = await consult(ctxWith({ completions: () => new Promise(() => undefined) }, 20), '', '.');
  assert.equal(r.names, undefined);
  assert.equal('why' in r && r.why, 'no answer within 20 ms');
});
