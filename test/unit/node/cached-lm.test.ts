import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CachedLM, type KvBackend } from '../../../src/node/cached-lm';

// A model whose "logits" are a function of the whole sequence so far, and whose cache really is a
// list: a wrong crop or a wrong past length changes the output.
class FakeKv implements KvBackend {
  readonly vocabSize = 4;
  cache: number[] = [];
  runs: number[][] = [];
  canCrop = true;
  failNext = false;
  async forward(ids: readonly number[], pastLength: number): Promise<Float32Array> {
    assert.equal(pastLength, this.cache.length, 'past length must match what the cache holds');
    if (this.failNext) {
      this.failNext = false;
      this.cache.push(999);
      throw new Error('boom');
    }
    this.runs.push([...ids]);
    this.cache.push(...ids);
    const h = this.cache.reduce((a, x, i) => (a * 31 + x * (i + 1)) % 1000003, 7);
    return Float32Array.of(h % 97, h % 89, h % 83, this.cache.length);
  }
  crop(length: number): boolean {
    if (!this.canCrop) return false;
    this.cache.length = length;
    return true;
  }
  reset(): void {
    this.cache = [];
  }
}

const fresh = async (ids: number[]) => Array.from(await new CachedLM(new FakeKv(), { maxLength: 100 }).prefill(ids));

test('a prompt sharing a prefix with the cache runs only the new tokens and matches a fresh run', async () => {
  const kv = new FakeKv();
  const lm = new CachedLM(kv, { maxLength: 100 });
  await lm.prefill([1, 2, 3, 4, 5]);
  await lm.step(6);
  const again = await lm.prefill([1, 2, 3, 4, 9, 9]);
  assert.deepEqual(kv.runs.at(-1), [9, 9]);
  assert.deepEqual(Array.from(again), await fresh([1, 2, 3, 4, 9, 9]));
  assert.deepEqual(lm.sequence, [1, 2, 3, 4, 9, 9]);
  assert.equal(lm.stats.reusedTokens, 4);
});

test('extending the cached sequence runs only the extension', async () => {
  const kv = new FakeKv();
  const lm = new CachedLM(kv, { maxLength: 100 });
  await lm.prefill([1, 2, 3]);
  await lm.step(4);
  const out = await lm.prefill([1, 2, 3, 4, 5]);
  assert.deepEqual(kv.runs.at(-1), [5]);
  assert.deepEqual(Array.from(out), await fresh([1, 2, 3, 4, 5]));
});

test('the same prompt twice returns the cached logits; a shorter one re-runs its last token', async () => {
  const kv = new FakeKv();
  const lm = new CachedLM(kv, { maxLength: 100 });
  const a = await lm.prefill([1, 2, 3]);
  const runs = kv.runs.length;
  assert.deepEqual(Array.from(await lm.prefill([1, 2, 3])), Array.from(a));
  assert.equal(kv.runs.length, runs);
  const shorter = await lm.prefill([1, 2]);
  assert.deepEqual(kv.runs.at(-1), [2]);
  assert.deepEqual(Array.from(shorter), await fresh([1, 2]));
});

test('a cache that cannot be cropped is recomputed from scratch', async () => {
  const kv = new FakeKv();
  kv.canCrop = false;
  const lm = new CachedLM(kv, { maxLength: 100 });
  await lm.prefill([1, 2, 3, 4]);
  const out = await lm.prefill([1, 2, 7]);
  assert.deepEqual(kv.runs.at(-1), [1, 2, 7]);
  assert.deepEqual(Array.from(out), await fresh([1, 2, 7]));
});

test('a failed forward pass drops the cache so the next request starts clean', async () => {
  const kv = new FakeKv();
  const lm = new CachedLM(kv, { maxLength: 100 });
  await lm.prefill([1, 2, 3]);
  kv.failNext = true;
  await assert.rejects(lm.step(4), /boom/);
  const out = await lm.prefill([1, 2, 3, 4]);
  assert.deepEqual(kv.runs.at(-1), [1, 2, 3, 4]);
  assert.deepEqual(Array.from(out), await fresh([1, 2, 3, 4]));
});

test('cancellation is honoured before a pass, and the context limit is enforced', async () => {
  const lm = new CachedLM(new FakeKv(), { maxLength: 3 });
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(lm.prefill([1], ac.signal));
  await assert.rejects(lm.prefill([1, 2, 3, 4]), /exceeds the context/);
  await lm.prefill([1, 2, 3]);
  await assert.rejects(lm.step(4), /context/);
  await assert.rejects(lm.prefill([]), /empty prompt/);
});

test('a long prompt runs in chunks; cancelled between them, the part that ran is reused next time', async () => {
  const kv = new FakeKv();
  const lm = new CachedLM(kv, { maxLength: 100, prefillChunk: 4 });
  const ids = Array.from({ length: 10 }, (_, i) => i + 1);
  const ac = new AbortController();
  const forward = kv.forward.bind(kv);
  kv.forward = async (x, past) => {
    const out = await forward(x, past);
    ac.abort();
    return out;
  };
  await assert.rejects(lm.prefill(ids, ac.signal));
  assert.deepEqual(lm.sequence, [1, 2, 3, 4]);
  kv.forward = forward;
  const out = await lm.prefill(ids);
  assert.deepEqual(kv.runs.slice(1), [[5, 6, 7, 8], [9, 10]]);
  assert.deepEqual(Array.from(out), await fresh(ids));
});
