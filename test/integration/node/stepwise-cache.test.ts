import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, type LoadedModel } from '../../../src/node/load-model';
import { CachedLM } from '../../../src/node/cached-lm';
import { TransformersKv } from '../../../src/node/transformers-kv';
import { bundledModelDir } from '../../../src/node/runtime-paths';

// The bundled model through transformers.js + onnxruntime-node, in this thread (no worker):
// the cache must never change which tokens come out.
let m: LoadedModel;
const argmax = (a: Float32Array) => {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
};
const source = `export class Account {\n  private cents = 0;\n  deposit(amount: number): void {\n    this.cents += amount;\n  }\n}\n\nexport function total(accounts: Account[]): number {\n  let sum = 0;\n  for (const a of accounts) {\n`;

async function greedy(lm: CachedLM, prompt: number[], n: number): Promise<number[]> {
  const out: number[] = [];
  let logits = await lm.prefill(prompt);
  for (let i = 0; i < n; i++) {
    const t = argmax(logits);
    out.push(t);
    if (i < n - 1) logits = await lm.step(t);
  }
  return out;
}

before(async () => {
  m = await loadModel({ model: 'bundled', dtype: 'auto', threads: 1, cacheDir: join(tmpdir(), 'mgd-test-cache'), bundledDir: bundledModelDir(), hubTimeoutMs: 1000 });
});

test('the bundled model loads with its family, FIM markers and end tokens', () => {
  assert.equal(m.family.id, 'bundled');
  assert.ok(m.family.contextLength >= 128);
  for (const t of ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|endoftext|>']) assert.notEqual(m.tokenizer.specialId(t), undefined, t);
  assert.ok(m.tokenizer.endIds.includes(m.tokenizer.specialId('<|endoftext|>')!));
  // Token bytes reproduce the encoded text exactly.
  const ids = m.tokenizer.encode(source + 'é → ✓');
  const bytes = Buffer.concat(ids.map((id) => Buffer.from(m.tokenizer.tokenBytes(id)!)));
  assert.equal(bytes.toString('utf8'), source + 'é → ✓');
});

test('stepwise decoding with the KV cache gives the same tokens as recomputing the whole sequence', async () => {
  const prompt = m.tokenizer.encode(source);
  const cached = await greedy(m.lm, prompt, 24);
  const recomputed: number[] = [];
  const seq = [...prompt];
  for (let i = 0; i < 24; i++) {
    const t = argmax(await new TransformersKv(m.model, m.vocabSize).forward(seq, 0));
    recomputed.push(t);
    seq.push(t);
  }
  assert.deepEqual(cached, recomputed);
});

test('a prompt that shares a prefix with the cache reuses it and gives the same tokens as a fresh run', async () => {
  const first = m.tokenizer.encode(source);
  await greedy(m.lm, first, 8);
  const edited = m.tokenizer.encode(source + '    sum += a.');
  const before = { ...m.lm.stats };
  const reused = await greedy(m.lm, edited, 16);
  assert.ok(m.lm.stats.reusedTokens - before.reusedTokens >= first.length - 2, 'most of the old prompt came from the cache');
  assert.ok(m.lm.stats.crops > before.crops, 'the cache was cropped, not rebuilt');
  const fresh = await greedy(new CachedLM(new TransformersKv(m.model, m.vocabSize), { maxLength: m.family.contextLength }), edited, 16);
  assert.deepEqual(reused, fresh);
});
