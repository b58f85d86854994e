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
    return this.resize(length, (seq) => seq >= length); // a recurrent state: no going back
  }

  /**
   * Lengthens every attention cache tensor to `length` positions with zeros: a forward pass then
   * costs what it costs after that many tokens (load-time speed measurement), without running
   * them. False where the cache is not per position.
   */
  padTo(length: number): boolean {
    return this.cache !== undefined && this.resize(length, (seq) => seq <= length);
  }

  /** Every attention cache tensor at `length` positions, when each one's current length `fits`; false (unchanged) otherwise. */
  private resize(length: number, fits: (seq: number) => boolean): boolean {
    const names = Object.keys(this.cache!);
    if (names.some((n) => !n.startsWith('past_key_values.'))) return false;
    const entries: Record<string, Tensor> = {};
    for (const n of names) {
      const t = this.cache![n] as AnyTensor;
      if (t.dims.length !== 4 || !fits(t.dims[2]!)) return false;
      entries[n] = resizeSequence(t, length);
    }
    this.cache = new DynamicCache(entries);
    return true;
  }

  reset(): void {
    this.cache = undefined;
  }
}

/** The tensor with `length` positions along its sequence axis: the first ones kept, new ones zero. */
function resizeSequence(t: AnyTensor, length: number): Tensor {
  const [b, h, s, d] = t.dims as [number, number, number, number];
  if (length === s) return t;
  const src = t.data;
  const dst = new src.constructor(b * h * length * d);
  const kept = Math.min(s, length) * d;
  for (let i = 0; i < b * h; i++) dst.set(src.subarray(i * s * d, i * s * d + kept), i * length * d);
  return new Tensor(t.type, dst, [b, h, length, d]);
}

function lastRow(logits: Tensor): Float32Array {
  const v = logits.dims.at(-1)!;
  const n = logits.dims.at(-2)!;
  const f = logits.type === 'float32' ? logits : logits.to('float32');
  // A copy: a view would keep the whole [positions x vocabulary] output of a prefill chunk alive.
  return n === 1 ? (f.data as Float32Array) : (f.data as Float32Array).slice((n - 1) * v, n * v);
}
