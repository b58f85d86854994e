import type { LanguageModel } from '../core/ports';

/** One sequence's key/value cache behind a forward pass (transformers.js in production, fakes in tests). */
export interface KvBackend {
  readonly vocabSize: number;
  /** Runs `ids` after the `pastLength` cached positions and returns the next token's logits; the cache then holds `pastLength + ids.length`. */
  forward(ids: readonly number[], pastLength: number): Promise<Float32Array>;
  /** Shortens the cache to its first `length` positions; false when this cache cannot be cut (then the caller resets it). */
  crop(length: number): boolean;
  reset(): void;
}

// A model that returns logits for every position (the onnx-community layout) writes chunk x
// vocabulary floats per chunk: 64 x 151,936 is 39 MB, 256 was 155 MB and the process's peak memory
// followed it, for no faster prefill (0.5B, 1,500 tokens: 6.1 s either way).
export const DEFAULT_PREFILL_CHUNK = 64;

export interface CacheStats {
  /** Prompt tokens taken from the cache instead of recomputed. */
  reusedTokens: number;
  /** Prompt tokens run through the model. */
  computedTokens: number;
  crops: number;
  resets: number;
}

/**
 * The core's LanguageModel over a KV cache that outlives a request: a prompt that shares a prefix
 * with the cached sequence only runs the rest (typing one character through a suggestion re-runs
 * a few tokens, not the whole prompt).
 */
export class CachedLM implements LanguageModel {
  readonly vocabSize: number;
  readonly stats: CacheStats = { reusedTokens: 0, computedTokens: 0, crops: 0, resets: 0 };
  private cached: number[] = [];
  private lastLogits: Float32Array | undefined;

  constructor(private readonly backend: KvBackend, private readonly opts: { maxLength: number; reuse?: boolean; prefillChunk?: number }) {
    this.vocabSize = backend.vocabSize;
  }

  /** Token ids the cache currently holds. */
  get sequence(): readonly number[] {
    return this.cached;
  }

  async prefill(ids: readonly number[], signal?: AbortSignal): Promise<Float32Array> {
    signal?.throwIfAborted();
    if (ids.length === 0) throw new Error('cannot run the model on an empty prompt');
    if (ids.length > this.opts.maxLength) throw new Error(`prompt of ${ids.length} tokens exceeds the context of ${this.opts.maxLength}`);
    const common = this.opts.reuse === false ? 0 : commonPrefix(this.cached, ids);
    if (common === ids.length && common === this.cached.length && this.lastLogits) {
      this.stats.reusedTokens += common;
      return this.lastLogits;
    }
    // At least one token must run to produce the logits that follow the prompt.
    let keep = Math.min(common, ids.length - 1);
    if (keep < this.cached.length) {
      if (keep > 0 && this.backend.crop(keep)) this.stats.crops++;
      else {
        this.reset();
        keep = 0;
      }
    }
    this.stats.reusedTokens += keep;
    this.stats.computedTokens += ids.length - keep;
    // Long prompts run in chunks: a newer request can cancel between them, and what already ran
    // stays cached for it (it usually shares the prefix).
    const chunk = this.opts.prefillChunk ?? DEFAULT_PREFILL_CHUNK;
    for (let at = keep; ; at += chunk) {
      const end = Math.min(ids.length, at + chunk);
      const logits = await this.run(ids.slice(at, end), at);
      if (end === ids.length) return logits;
      signal?.throwIfAborted();
    }
  }

  async step(id: number, signal?: AbortSignal): Promise<Float32Array> {
    signal?.throwIfAborted();
    if (this.cached.length === 0) throw new Error('step() before prefill()');
    if (this.cached.length >= this.opts.maxLength) throw new Error(`the sequence reached the model's context of ${this.opts.maxLength} tokens`);
    return this.run([id], this.cached.length);
  }

  reset(): void {
    this.backend.reset();
    this.cached = [];
    this.lastLogits = undefined;
    this.stats.resets++;
  }

  private async run(ids: number[], pastLength: number): Promise<Float32Array> {
    this.cached.length = pastLength;
    this.lastLogits = undefined;
    let logits: Float32Array;
    try {
      logits = await this.backend.forward(ids, pastLength);
    } catch (err) {
      // The backend may have half-updated its cache: start over next time.
      this.reset();
      throw err;
    }
    this.cached.push(...ids);
    this.lastLogits = logits;
    return logits;
  }
}

export function commonPrefix(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}
