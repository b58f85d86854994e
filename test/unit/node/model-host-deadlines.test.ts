// The model host's deadlines, against stand-in workers that hang the way a real one can (a stalled
// download, a runtime call that never returns): the real worker cannot be made to hang on cue.
// Without the host's deadlines these tests would wait forever: their timeout makes that a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import { ModelHost, ModelLoadCancelled } from '../../../src/node/model-host';
import { ModelLoadError, ModelWorkerError } from '../../../src/node/model-errors';
import { FakeOracle } from '../support/fakes';
import type { CompleteRequest } from '../../../src/core/completion/request';

const workers = join(import.meta.dirname, '../../fixtures/workers');
const base = { cacheDir: '/nonexistent-cache', bundledDir: '/nonexistent-bundled' };

/** Thread ids of the stand-in workers still running. */
async function aliveWorkers(): Promise<number[]> {
  const channel = new BroadcastChannel('mgd-stand-in-worker');
  const seen: number[] = [];
  channel.onmessage = (e) => {
    if (typeof (e as { data: unknown }).data === 'number') seen.push((e as { data: number }).data);
  };
  channel.postMessage('alive?');
  await new Promise((r) => setTimeout(r, 300));
  channel.close();
  return seen;
}

const request: CompleteRequest = {
  prefix: 'const a = b.', suffix: '', languageId: 'typescript', maxTokens: 8, temperature: 0, mode: 'line', monitors: [], oracleTimeoutMs: 100,
};

test('a load that never ends fails with a message after the deadline, and its worker is stopped', { timeout: 30_000 }, async () => {
  const loading = ModelHost.start({ ...base, model: '/models/never-loads', loadStallMs: 200, workerScript: join(workers, 'load-hangs.mjs') });
  await assert.rejects(loading, (e: Error) => e instanceof ModelLoadError && /'\/models\/never-loads' did not finish loading within 200 ms/.test(e.message));
  assert.deepEqual(await aliveWorkers(), []);
});

test('a download that stalls fails with a message that names it, and its worker is stopped', { timeout: 30_000 }, async () => {
  const loading = ModelHost.start({ ...base, model: 'owner/big-model', loadStallMs: 200, workerScript: join(workers, 'download-stalls.mjs') });
  await assert.rejects(loading, (e: Error) => e instanceof ModelLoadError && /download of 'owner\/big-model' stalled: nothing arrived for 200 ms; check the network/.test(e.message));
  assert.deepEqual(await aliveWorkers(), []);
});

test('cancelling a load stops its worker (and the download with it)', { timeout: 30_000 }, async () => {
  const ac = new AbortController();
  const loading = ModelHost.start({ ...base, model: 'owner/big-model', signal: ac.signal, workerScript: join(workers, 'download-stalls.mjs') });
  let alive: number[] = [];
  for (let i = 0; i < 20 && alive.length === 0; i++) alive = await aliveWorkers();
  assert.equal(alive.length, 1, 'the stand-in runs while it loads');
  ac.abort();
  await assert.rejects(loading, ModelLoadCancelled);
  assert.deepEqual(await aliveWorkers(), []);
});

test('a completion the worker never answers ends with an error; a worker that stays silent is stopped and reported', { timeout: 30_000 }, async () => {
  let exited: Error | undefined;
  const host = await ModelHost.start({ ...base, model: 'bundled', completeTimeoutMs: 200, workerScript: join(workers, 'complete-hangs.mjs'), onExit: (e) => (exited = e) });
  try {
    const r = await host.complete(request, new FakeOracle(() => undefined));
    assert.equal(r.stopReason, 'error');
    assert.match(r.error ?? '', /the model did not answer within 200 ms/);
    assert.equal(host.outstanding, 0, 'no promise left pending');
    // As long again without an answer: the worker is taken as hung.
    for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(exited instanceof ModelWorkerError, 'the session hears that the worker stopped');
    assert.match(exited.message, /did not answer within 400 ms and was stopped/);
    assert.deepEqual(await aliveWorkers(), []);
    await assert.rejects(host.complete(request, new FakeOracle(() => undefined)), ModelWorkerError, 'a stopped worker takes no more requests');
  } finally {
    await host.dispose();
  }
});
