import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';

// The committed bundled model folder: the layout transformers.js loads, the special tokens the
// prompt builder relies on, the ONNX input/output names of the KV-cache contract, and its size.
const dir = resolve(__dirname, '..', '..', '..', 'models', 'bundled');
const json = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));

const SPECIALS = ['<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|pad|>'];

function folderBytes(d: string): number {
  let total = 0;
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    total += e.isDirectory() ? folderBytes(p) : statSync(p).size;
  }
  return total;
}

test('bundled folder has the files transformers.js needs, one ONNX file, within 24 MB', () => {
  for (const f of ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'MODEL_CARD.md']) {
    assert.ok(existsSync(join(dir, f)), f);
  }
  assert.deepEqual(readdirSync(join(dir, 'onnx')), ['model.onnx'], 'no external data files');
  assert.ok(folderBytes(dir) <= 24 * 1024 * 1024, `models/bundled is ${folderBytes(dir)} bytes`);
});

test('config and tokenizer agree on the special tokens and eos', () => {
  const config = json('config.json');
  assert.equal(config.model_type, 'llama');
  assert.equal(config.eos_token_id, 0);
  assert.ok(config.max_position_embeddings >= 256);
  const tok = json('tokenizer.json');
  const added = new Map<string, number>(tok.added_tokens.map((t: { content: string; id: number }) => [t.content, t.id]));
  SPECIALS.forEach((s, i) => assert.equal(added.get(s), i, s));
  assert.equal(Object.keys(tok.model.vocab).length, config.vocab_size);
  const tc = json('tokenizer_config.json');
  assert.equal(tc.eos_token, '<|endoftext|>');
  assert.equal(tc.pad_token, '<|pad|>');
  for (const [id, t] of Object.entries(tc.added_tokens_decoder as Record<string, { content: string }>)) {
    assert.equal(t.content, SPECIALS[Number(id)]);
  }
});

test('ONNX graph exposes input_ids/attention_mask/position_ids and the per-layer cache', async () => {
  const config = json('config.json');
  const session = await ort.InferenceSession.create(join(dir, 'onnx', 'model.onnx'));
  const layers: number = config.num_hidden_layers;
  const kv = (prefix: string) => Array.from({ length: layers }, (_, i) => [`${prefix}.${i}.key`, `${prefix}.${i}.value`]).flat();
  assert.deepEqual([...session.inputNames], ['input_ids', 'attention_mask', 'position_ids', ...kv('past_key_values')]);
  assert.deepEqual([...session.outputNames], ['logits', ...kv('present')]);

  // An empty cache (past length 0) and one token: logits over the whole vocabulary, a cache of 1.
  const heads: number = config.num_key_value_heads;
  const headDim: number = config.head_dim ?? config.hidden_size / config.num_attention_heads;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from([1n]), [1, 1]),
    attention_mask: new ort.Tensor('int64', BigInt64Array.from([1n]), [1, 1]),
    position_ids: new ort.Tensor('int64', BigInt64Array.from([0n]), [1, 1]),
  };
  for (const n of kv('past_key_values')) feeds[n] = new ort.Tensor('float32', new Float32Array(0), [1, heads, 0, headDim]);
  const out = await session.run(feeds);
  assert.deepEqual(out.logits!.dims, [1, 1, config.vocab_size]);
  assert.deepEqual(out['present.0.key']!.dims, [1, heads, 1, headDim]);
  await session.release();
});
