import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OracleBridge } from '../../../src/node/oracle-proxy';
import type { FromWorker } from '../../../src/node/worker-protocol';
import type { Around, OracleQuery } from '../../../src/core/ports';

const query: OracleQuery = { kind: 'members', generated: 'b', triggerCharacter: '.' };
const around: Around = { prefix: 'a', suffix: 'c' };

test('a question is posted with its request id, without the document around it, and settles with the answer', async () => {
  const sent: FromWorker[] = [];
  const bridge = new OracleBridge((m) => sent.push(m));
  const oracle = bridge.forRequest(7);
  const p = oracle.answer(query, around);
  const q = sent[0];
  assert.ok(q && q.type === 'oracleQuery');
  assert.equal(q.requestId, 7);
  assert.deepEqual(q.query, query, 'only the query travels: the main thread holds the prefix and suffix');
  const answer = { status: 'answered', value: { names: [{ name: 'x', kind: 'field' }], semantic: true } } as const;
  bridge.answer(q.queryId, answer, undefined);
  assert.deepEqual(await p, answer);
  assert.equal(bridge.outstanding, 0);
});

test('an oracle error on the main thread rejects the question in the worker', async () => {
  const sent: FromWorker[] = [];
  const bridge = new OracleBridge((m) => sent.push(m));
  const p = bridge.forRequest(1).answer({ kind: 'signature', generated: 'f(', triggerCharacter: '(' }, around);
  const q = sent[0] as Extract<FromWorker, { type: 'oracleQuery' }>;
  assert.equal(q.query.kind, 'signature');
  bridge.answer(q.queryId, undefined, 'service crashed');
  await assert.rejects(p, /service crashed/);
});

test('an aborted question is withdrawn: the main thread is told and a late answer is ignored', async () => {
  const sent: FromWorker[] = [];
  const bridge = new OracleBridge((m) => sent.push(m));
  const ac = new AbortController();
  const p = bridge.forRequest(1).answer({ ...query, signal: ac.signal }, around);
  const q = sent[0] as Extract<FromWorker, { type: 'oracleQuery' }>;
  ac.abort(new Error('step timed out'));
  await assert.rejects(p, /step timed out/);
  assert.deepEqual(sent[1], { type: 'oracleCancel', queryId: q.queryId });
  bridge.answer(q.queryId, { status: 'answered', value: { names: [], semantic: true } }, undefined);
  assert.equal(bridge.outstanding, 0);
});
