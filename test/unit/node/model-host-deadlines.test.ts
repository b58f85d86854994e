// The model host's deadlines and its model process's end, against stand-in processes that hang or
// crash the way the real one can (a stalled download, a runtime call that never returns, a native
// abort): the real one cannot be made to do so on cue. Without the deadlines these tests would
// wait forever: their timeout makes that a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelHost, ModelLoadCancelled } from '../../../src/node/model-host';
import { ModelLoadError, ModelWorkerError } from '../../../src/node/model-errors';
import { FakeOracle } from '../support/fakes';
import type { CompleteRequest } from '../../../src/core/completion/request';

const workers = join(import.meta.dirname, '../../fixtures/workers');
const base = { cacheDir: '/nonexistent-cache', bundledDir: '/nonexistent-bundled' };
const timeout = 30_000;
const scratch = mkdtempSync(join(tmpdir(), 'mgd-stand-in-'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));

/** A stand-in's log (its pid, then what it did); the processes it names that still run. */
let started = 0;
function standIn(name: string) {
  const log = join(scratch, `${name}-${++started}.log`);
  process.env.MGD_STAND_IN_LOG = log;
  const lines = (): string[] => {
    try {
      return readFileSync(log, 'utf8').split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };
  return {
    script: join(workers, `${name}.mjs`),
    running(): number[] {
      return lines().map((l) => Number(/^pid (\d+)$/.exec(l)?.[1])).filter((pid) => pid > 0 && alive(pid));
    },
    async started(): Promise<void> {
      for (let i = 0; i < 100 && lines().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const request: CompleteRequest = {
  prefix: 'const a = b.', suffix: '', languageId: 'typescript', maxTokens: 8, temperature: 0, mode: 'line', monitors: [], oracleTimeoutMs: 100,
};

test('a load that never ends fails with a message after the deadline, and its process is ended', { timeout }, async () => {
  const s = standIn('load-hangs');
  const loading = ModelHost.start({ ...base, model: '/models/never-loads', loadStallMs: 200, workerScript: s.script });
  await assert.rejects(loading, (e: Error) => e instanceof ModelLoadError && /'\/models\/never-loads' did not finish loading within 200 ms/.test(e.message));
  assert.deepEqual(s.running(), []);
});

test('a download that stalls fails with a message that names it, and its process is ended', { timeout }, async () => {
  const s = standIn('download-stalls');
  const loading = ModelHost.start({ ...base, model: 'owner/big-model', loadStallMs: 200, workerScript: s.script });
  await assert.rejects(loading, (e: Error) => e instanceof ModelLoadError && /^the download of onnx\/model_quantized\.onnx of 'owner\/big-model' stalled: nothing arrived for 200 ms; check the network/.test(e.message));
  assert.deepEqual(s.running(), []);
});

test('cancelling a load ends its process (and the download with it) before the start settles', { timeout }, async () => {
  const s = standIn('download-stalls');
  const ac = new AbortController();
  const loading = ModelHost.start({ ...base, model: 'owner/big-model', signal: ac.signal, workerScript: s.script });
  await s.started();
  assert.equal(s.running().length, 1, 'the stand-in runs while it loads');
  ac.abort();
  await assert.rejects(loading, ModelLoadCancelled);
  assert.deepEqual(s.running(), [], 'gone when the start settles: a next start never runs beside it');
});

test('the model process aborting (a native crash) rejects the completion and leaves the host running', { timeout }, async () => {
  const s = standIn('aborts');
  let exited: Error | undefined;
  const host = await ModelHost.start({ ...base, model: 'bundled', workerScript: s.script, onExit: (e) => (exited = e) });
  try {
    await assert.rejects(host.complete(request, new FakeOracle(() => undefined)), (e: Error) => e instanceof ModelWorkerError && /the model process exited \(signal SIGABRT\)/.test(e.message));
    assert.ok(exited instanceof ModelWorkerError, 'the session hears of it and starts a new one');
    assert.deepEqual(s.running(), []);
  } finally {
    await host.dispose();
  }
});

test('a completion the process never answers ends with an error; a process that stays silent is ended and reported', { timeout }, async () => {
  const s = standIn('complete-hangs');
  let exited: Error | undefined;
  const host = await ModelHost.start({ ...base, model: 'bundled', completeTimeoutMs: 200, workerScript: s.script, onExit: (e) => (exited = e) });
  try {
    const r = await host.complete(request, new FakeOracle(() => undefined));
    assert.equal(r.stopReason, 'error');
    assert.match(r.error ?? '', /the model did not answer within 200 ms/);
    assert.equal(host.outstanding, 0, 'no promise left pending');
    // As long again without an answer: the process is taken as hung.
    for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(exited instanceof ModelWorkerError, 'the session hears that the model stopped');
    assert.match(exited.message, /did not answer within 400 ms and was stopped/);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(s.running(), []);
    await assert.rejects(host.complete(request, new FakeOracle(() => undefined)), ModelWorkerError, 'a stopped model takes no more requests');
  } finally {
    await host.dispose();
  }
});
