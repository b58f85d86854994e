import { DynamicCache, Tensor, type PreTrainedModel } from '@huggingface/transformers';
import type { KvBackend } from './cached-lm';

type AnyTensor = Tensor & { data: ArrayLike<number | bigint> & { subarray(a: number, b: number): any; set(src: ArrayLike<any>, at: number): void; constructor: any } };

/**
 * One sequence's KV cache over transformers.js `model.forward`. `generate()` cannot await the
 * language service inside its loop, so the model is driven one forward pass at a time here.
 */
export class TransformersKv implements KvBackend {
  private cache: DynamicCache | undefined;
  private readonly keepLastLogits: boolean;

  constructor(private readonly model: PreTrainedModel, readonly vocabSize: number) {
    const session = (model as unknown as { sessions: Record<string, { inputNames: string[] }> }).sessions['model'];
    this.keepLastLogits = session?.inputNames.includes('num_logits_to_keep') ?? false;
  }

  async forward(ids: readonly number[], pastLength: number): Promise<Float32Array> {
    const total = pastLength + ids.length;
    const inputs: Record<string, unknown> = {
      input_ids: new Tensor('int64', BigInt64Array.from(ids, (x) => BigInt(x)), [1, ids.length]),
      // Always the full mask: positions are derived from it, and without it the model silently
      // produces wrong tokens.
      attention_mask: new Tensor('int64', new BigInt64Array(total).fill(1n), [1, total]),
      past_key_values: pastLength > 0 ? this.cache : undefined,
    };
    if (this.keepLastLogits) inputs.num_logits_to_keep = new Tensor('int64', [1n], []);
    const out = (await this.model.forward(inputs)) as Record<string, Tensor>;
    const entries: Record<string, Tensor> = {};
    for (const name in out) {
      if (name.startsWith('present')) entries[name.replace('present', 'past_key_values')] = out[name]!;
    }
    this.cache = new DynamicCache(entries);
    return lastRow(out.logits!);
  }

  /** Cuts every attention cache tensor ([batch, heads, seq, dim]) along the sequence axis. */
  crop(length: number): boolean {
    if (!this.cache) return length === 0;
    const names = Object.keys(this.cache);
    if (names.some((n) => !n.startsWith('past_key_values.'))) return false; // recurrent state: no going back
    const entries: Record<string, Tensor> = {};
    for (const n of names) {
      const t = this.cache[n] as AnyTensor;
      if (t.dims.length !== 4 || t.dims[2]! < length) return false;
      entries[n] = cropSequence(t, length);
    }
    this.cache = new DynamicCache(entries);
    return true;
  }

  /**
   * Lengthens every attention cache tensor to `length` positions with zeros: a forward pass then
   * costs what it costs after that many tokens (load-time speed measurement), without running
   * them. False where the cache is not per position.
   */
  padTo(length: number): boolean {
    if (!this.cache) return false;
    const names = Object.keys(this.cache);
    if (names.some((n) => !n.startsWith('past_key_values.'))) return false;
    const entries: Record<string, Tensor> = {};
    for (const n of names) {
      const t = this.cache[n] as AnyTensor;
      if (t.dims.length !== 4 || t.dims[2]! > length) return false;
      const [b, h, s, d] = t.dims as [number, number, number, number];
      const dst = new t.data.constructor(b * h * length * d);
      for (let i = 0; i < b * h; i++) dst.set(t.data.subarray(i * s * d, (i + 1) * s * d), i * length * d);
      entries[n] = new Tensor(t.type, dst, [b, h, length, d]);
    }
    this.cache = new DynamicCache(entries);
    return true;
  }

  reset(): void {
    this.cache = undefined;
  }
}

function cropSequence(t: AnyTensor, keep: number): Tensor {
  const [b, h, s, d] = t.dims as [number, number, number, number];
  if (keep === s) return t;
  const src = t.data;
  const dst = new src.constructor(b * h * keep * d);
  for (let i = 0; i < b * h; i++) dst.set(src.subarray(i * s * d, i * s * d + keep * d), i * keep * d);
  return new Tensor(t.type, dst, [b, h, keep, d]);
}

function lastRow(logits: Tensor): Float32Array {
  const v = logits.dims.at(-1)!;
  const n = logits.dims.at(-2)!;
  const f = logits.type === 'float32' ? logits : logits.to('float32');
  // A copy: a view would keep the whole [positions x vocabulary] output of a prefill chunk alive.
  return n === 1 ? (f.data as Float32Array) : (f.data as Float32Array).slice((n - 1) * v, n * v);
}
