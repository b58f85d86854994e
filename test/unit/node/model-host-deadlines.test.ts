// The model host's deadlines and stops, against stand-in workers that hang or are slow to stop the
// way a real one can (a stalled download, a runtime call that never returns, a forward pass in
// flight): the real worker cannot be made to do so on cue. Without the host's deadlines these tests
// would wait forever: their timeout makes that a failure.
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
const timeout = 30_000;

/**
 * What the stand-ins say (`say`) from now on, and which of those started from now on still run (a
 * hung one of an earlier test may still be there: that is its point).
 */
async function listen() {
  const channel = new BroadcastChannel('mgd-stand-in-worker');
  const said: string[] = [];
  let ids: number[] = [];
  channel.onmessage = (e) => {
    const data = (e as { data: unknown }).data;
    if (typeof data === 'number') ids.push(data);
    else if (typeof data === 'string' && data !== 'alive?') said.push(data);
  };
  const running = async (): Promise<number[]> => {
    ids = [];
    channel.postMessage('alive?');
    await new Promise((r) => setTimeout(r, 300));
    return ids;
  };
  const earlier = new Set(await running());
  return {
    said,
    async alive(): Promise<number[]> {
      return (await running()).filter((id) => !earlier.has(id));
    },
    /** Waits until a stand-in has started (its channel is up). */
    async started(): Promise<void> {
      for (let i = 0; i < 20; i++) if ((await this.alive()).length > 0) return;
      throw new Error('the stand-in never started');
    },
    close: () => channel.close(),
  };
}

const request: CompleteRequest = {
  prefix: 'const a = b.', suffix: '', languageId: 'typescript', maxTokens: 8, temperature: 0, mode: 'line', monitors: [], oracleTimeoutMs: 100,
};

test('a load that never ends fails with a message after the deadline; its worker, perhaps inside the runtime, is left running but not waited for', { timeout }, async () => {
  const l = await listen();
  try {
    const loading = ModelHost.start({ ...base, model: '/models/never-loads', loadStallMs: 200, workerScript: join(workers, 'load-hangs.mjs') });
    await assert.rejects(loading, (e: Error) => e instanceof ModelLoadError && /'\/models\/never-loads' did not finish loading within 200 ms/.test(e.message));
  } finally {
    l.close();
  }
});

test('a download that stalls fails with a message that names it; the worker ends the download and is stopped', { timeout }, async () => {
  const l = await listen();
  try {
    const loading = ModelHost.start({ ...base, model: 'owner/big-model', loadStallMs: 200, workerScript: join(workers, 'download-stalls.mjs') });
    await assert.rejects(loading, (e: Error) => e instanceof ModelLoadError && /download of 'owner\/big-model' stalled: nothing arrived for 200 ms; check the network/.test(e.message));
    for (let i = 0; i < 20 && l.said.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(l.said, ['asked to stop loading']);
    assert.deepEqual(await l.alive(), []);
  } finally {
    l.close();
  }
});

test('a cancelled load waits for the worker to leave the runtime, then stops it: never a thread ended inside the runtime, never two loading', { timeout }, async () => {
  const l = await listen();
  try {
    const ac = new AbortController();
    const loading = ModelHost.start({ ...base, model: '/models/opening', signal: ac.signal, workerScript: join(workers, 'load-stops-late.mjs') });
    await l.started();
    ac.abort();
    await assert.rejects(loading, ModelLoadCancelled);
    assert.deepEqual(l.said, ['left the runtime'], 'the start ended only after the worker had left the runtime');
    assert.deepEqual(await l.alive(), []);
  } finally {
    l.close();
  }
});

test('disposing the host while a completion runs waits for the forward pass to end before the thread is stopped', { timeout }, async () => {
  const l = await listen();
  const host = await ModelHost.start({ ...base, model: 'bundled', workerScript: join(workers, 'complete-stops-late.mjs') });
  try {
    const pending = host.complete(request, new FakeOracle(() => undefined));
    await host.dispose();
    assert.equal((await pending).stopReason, 'cancelled');
    assert.deepEqual(l.said, ['left the runtime'], 'the thread was stopped only after the pass');
    assert.deepEqual(await l.alive(), []);
  } finally {
    l.close();
  }
});

test('a completion the worker never answers ends with an error; a worker that stays silent is stopped and reported', { timeout }, async () => {
  const l = await listen();
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
    assert.deepEqual(await l.alive(), []);
    await assert.rejects(host.complete(request, new FakeOracle(() => undefined)), ModelWorkerError, 'a stopped worker takes no more requests');
  } finally {
    await host.dispose();
    l.close();
  }
});
