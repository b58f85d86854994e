// `mgd bench bare-loop`: the floor `bench model` measures the engine against, onnxruntime-node
// alone in a process of its own: a prompt of the same length in the engine's chunks, then one
// token per step, with no transformers.js, decode loop, tokenizer or model process around it.
// Token ids do not change what a pass costs, so they are made up. Key/value tensors in float32
// (fp32, q8 and q4 files).
import { readFileSync } from 'node:fs';
import { DEFAULT_PREFILL_CHUNK } from '../../node/cached-lm';
import { UsageError } from '../usage-error';
import { parseOptions } from './options';

export interface BareLoopResult {
  promptMs: number;
  stepMs: number[];
  heapMb: number;
}

export async function run(args: string[]): Promise<number> {
  const o = parseOptions(args, { onnx: '', config: '', threads: 2, prompt: 600, steps: 32 });
  if (!o.onnx || !o.config) throw new UsageError('bench bare-loop needs --onnx <model file> --config <config.json>');
  const cfg = JSON.parse(readFileSync(o.config, 'utf8')) as Record<string, number>;
  const layers = cfg.num_hidden_layers!;
  const heads = cfg.num_key_value_heads ?? cfg.num_attention_heads!;
  const dim = cfg.head_dim ?? cfg.hidden_size! / cfg.num_attention_heads!;
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(o.onnx, { intraOpNumThreads: o.threads, interOpNumThreads: 1 });
  let past: Record<string, InstanceType<typeof ort.Tensor>> = {};
  for (let l = 0; l < layers; l++) for (const kv of ['key', 'value']) past[`past_key_values.${l}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, heads, 0, dim]);
  const pass = async (n: number, at: number) => {
    const total = at + n;
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from({ length: n }, (_, i) => BigInt(1000 + ((at + i) % 5000))), [1, n]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(total).fill(1n), [1, total]),
      ...past,
    };
    if (session.inputNames.includes('position_ids')) feeds.position_ids = new ort.Tensor('int64', BigInt64Array.from({ length: n }, (_, i) => BigInt(at + i)), [1, n]);
    if (session.inputNames.includes('num_logits_to_keep')) feeds.num_logits_to_keep = new ort.Tensor('int64', BigInt64Array.from([1n]), []);
    const out = await session.run(feeds);
    past = {};
    for (const k in out) if (k.startsWith('present')) past[k.replace('present', 'past_key_values')] = out[k]!;
  };
  const t0 = performance.now();
  for (let at = 0; at < o.prompt; at += DEFAULT_PREFILL_CHUNK) await pass(Math.min(DEFAULT_PREFILL_CHUNK, o.prompt - at), at);
  const promptMs = performance.now() - t0;
  const stepMs: number[] = [];
  for (let i = 0; i < o.steps; i++) {
    const t = performance.now();
    await pass(1, o.prompt + i);
    stepMs.push(performance.now() - t);
  }
  await session.release();
  const result: BareLoopResult = { promptMs, stepMs, heapMb: process.memoryUsage().heapUsed / 2 ** 20 };
  process.stdout.write(JSON.stringify(result) + '\n');
  return 0;
}
