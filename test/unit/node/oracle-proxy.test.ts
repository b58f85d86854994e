import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OracleBridge } from '../../../src/node/oracle-proxy';
import type { FromWorker } from '../../../src/node/worker-protocol';

const query = { prefix: 'a', generated: 'b', suffix: 'c', trigger: '.' };

test('a question is posted with its request id and settles with the answer', async () => {
  const sent: FromWorker[] = [];
  const bridge = new OracleBridge((m) => sent.push(m));
  const oracle = bridge.forRequest(7, false);
  assert.equal(oracle.signatureHelp, undefined, 'no signatureHelp when the main-thread oracle has none');
  const p = oracle.completions(query);
  const q = sent[0];
  assert.ok(q && q.type === 'oracleQuery');
  assert.equal(q.requestId, 7);
  assert.equal(q.method, 'completions');
  assert.deepEqual(q.query, query);
  bridge.answer(q.queryId, { names: [{ name: 'x', kind: 'field' }], semantic: true }, undefined);
  assert.deepEqual(await p, { names: [{ name: 'x', kind: 'field' }], semantic: true });
  assert.equal(bridge.outstanding, 0);
});

test('an oracle error on the main thread rejects the question in the worker', async () => {
  const sent: FromWorker[] = [];
  const bridge = new OracleBridge((m) => sent.push(m));
  const p = bridge.forRequest(1, true).signatureHelp!(query);
  const q = sent[0] as Extract<FromWorker, { type: 'oracleQuery' }>;
  assert.equal(q.method, 'signatureHelp');
  bridge.answer(q.queryId, undefined, 'service crashed');
  await assert.rejects(p, /service crashed/);
});

test('an aborted question is withdrawn: the main thread is told and a late answer is ignored', async () => {
  const sent: FromWorker[] = [];
  const bridge = new OracleBridge((m) => sent.push(m));
  const ac = new AbortController();
  const p = bridge.forRequest(1, false).completions({ ...query, signal: ac.signal });
  const q = sent[0] as Extract<FromWorker, { type: 'oracleQuery' }>;
  ac.abort(new Error('step timed out'));
  await assert.rejects(p, /step timed out/);
  assert.deepEqual(sent[1], { type: 'oracleCancel', queryId: q.queryId });
  bridge.answer(q.queryId, { names: [], semantic: true }, undefined);
  assert.equal(bridge.outstanding, 0);
});
