import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { ask, legalNameList } from '../../../../src/core/monitors/ask';
import type { MonitorContext, MonitorEvent } from '../../../../src/core/monitors/monitor';
import type { CompletionAnswer, LanguageOracle } from '../../../../src/core/ports';
import { answered } from '../../../../src/core/oracle/query';
import { GeneratedText } from '../../../../src/core/decoding/generated-text';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';
import { TokenIndex } from '../../../../src/core/tokens/token-index';
import { FakeTokenizer } from '../../support/fakes';

const index = TokenIndex.build(new FakeTokenizer(['<|endoftext|>', 'x']), languageSpecFor('typescript'));
const answer: CompletionAnswer = { names: [{ name: 'length', kind: 'property' }], semantic: true };

function ctxWith(oracle: LanguageOracle, oracleTimeoutMs: number, events: MonitorEvent[] = []): MonitorContext {
  return {
    index, oracle, prefix: 'a.', suffix: '', generated: new GeneratedText(), oracleTimeoutMs,
    clock: { now: () => performance.now() }, logger: { debug() {}, info() {}, warn() {}, error() {} }, report: (e) => events.push(e),
  };
}

const membersAt = (ctx: MonitorContext) => ask(ctx, {
  monitor: 'dereference', kind: 'members', generated: '', triggerCharacter: '.', noAnswerIsUnguided: true,
  legal: (a) => legalNameList(a, index.lang),
});

function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* a forward pass holding the thread */ }
}

test('an answer that arrived while the thread was blocked past the deadline still counts', async () => {
  // The model worker receives answers as messages; a forward pass longer than the timeout blocks
  // the thread, so the deadline and the answer are both due when it returns.
  const { port1, port2 } = new MessageChannel();
  const oracle: LanguageOracle = {
    answer: () => new Promise((resolve) => port2.once('message', () => resolve(answered(answer)))),
  };
  const asked = membersAt(ctxWith(oracle, 20));
  port1.postMessage('answer');
  block(60);
  const r = await asked;
  port1.close();
  assert.deepEqual(r?.map((c) => c.name), ['length']);
});

test('no answer at all still times out, leaves the step free and marks it unguided', async () => {
  const events: MonitorEvent[] = [];
  const r = await membersAt(ctxWith({ answer: () => new Promise(() => undefined) }, 20, events));
  assert.equal(r, undefined);
  assert.equal(events[0]!.note, 'no answer within 20 ms: unconstrained');
  assert.equal(events[0]!.unguided, true);
});
