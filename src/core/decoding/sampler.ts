// Picks the next token from the logits restricted to the allowed ids, reading the logits in place:
// a masked copy of a 151k-float array per step would cost more than the mask itself.
// Greedy at temperature 0; otherwise softmax(logits / T) over the allowed ids, cut to the top k
// and then to the smallest prefix holding top-p of the mass (transformers.js has no top-p).

import type { TokenSet } from '../tokens/token-set';
import { seededRandom } from './rng';

export interface SamplingOptions {
  temperature: number;
  topK?: number;
  topP?: number;
  seed?: number;
}

export class Sampler {
  private readonly rng: () => number;

  /** `never`: ids no step may pick, with or without a mask (prompt-structure tokens). */
  constructor(private readonly opts: SamplingOptions, private readonly never?: TokenSet) {
    this.rng = seededRandom(opts.seed ?? 0);
  }

  /** Whether `sample` draws at random (temperature above 0) rather than taking the best. */
  get drawsAtRandom(): boolean {
    return this.opts.temperature > 0;
  }

  /** A uniform number in [0, 1) from this sampler's seeded sequence. */
  uniform(): number {
    return this.rng();
  }

  /**
   * Next token id among ids < `limit` that are in `allowed` (all when undefined) and in neither
   * `excluded` nor the sampler's `never`; -1 when none is left.
   */
  sample(logits: Float32Array, limit: number, allowed?: TokenSet, excluded?: TokenSet): number {
    const t = this.opts.temperature;
    if (this.never) excluded = excluded ? excluded.clone().union(this.never) : this.never;
    // Greedy reads the mask's bits in place: a mask after a complete name holds ~80k ids.
    if (!(t > 0)) return allowed ? argmaxMasked(logits, limit, allowed, excluded) : argmax(logits, limit, undefined, excluded);
    const ids = candidates(limit, allowed, excluded);
    const n = ids ? ids.length : limit;
    if (n === 0) return -1;
    const at = ids ? (i: number) => ids[i]! : (i: number) => i;
    const skip = !ids && excluded ? excluded : undefined;

    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const id = at(i);
      if (skip?.has(id)) continue;
      const l = logits[id]!;
      if (l > max) max = l;
    }
    if (max === -Infinity) return argmax(logits, limit, ids, excluded);
    const weight = (id: number) => Math.exp((logits[id]! - max) / t);

    const topK = this.opts.topK && this.opts.topK > 0 ? Math.min(this.opts.topK, n) : 0;
    const topP = this.opts.topP !== undefined && this.opts.topP > 0 && this.opts.topP < 1 ? this.opts.topP : 1;
    if (topK === 0 && topP === 1) {
      let z = 0;
      for (let i = 0; i < n; i++) {
        const id = at(i);
        if (!skip?.has(id)) z += weight(id);
      }
      let r = this.rng() * z;
      let last = -1;
      for (let i = 0; i < n; i++) {
        const id = at(i);
        if (skip?.has(id)) continue;
        last = id;
        r -= weight(id);
        if (r <= 0) return id;
      }
      return last;
    }

    // Nucleus: the best k (or a growing guess when only top-p is set) in descending order.
    let z = 0;
    if (topP < 1 && topK === 0) for (let i = 0; i < n; i++) if (!skip?.has(at(i))) z += weight(at(i));
    let k = topK || Math.min(64, n);
    let best: Int32Array;
    let kept: number;
    for (;;) {
      best = topByLogit(logits, n, at, k, skip);
      if (topK) z = 0;
      const ws = Array.from(best, weight);
      if (topK) for (const w of ws) z += w;
      let cum = 0;
      kept = best.length;
      for (let i = 0; i < best.length; i++) {
        cum += ws[i]!;
        if (cum >= topP * z) {
          kept = i + 1;
          break;
        }
      }
      if (cum >= topP * z || topK || k >= n) break;
      k = Math.min(n, k * 4);
    }
    let mass = 0;
    for (let i = 0; i < kept; i++) mass += weight(best[i]!);
    let r = this.rng() * mass;
    for (let i = 0; i < kept; i++) {
      r -= weight(best[i]!);
      if (r <= 0) return best[i]!;
    }
    return best[kept - 1]!;
  }
}

/** Allowed ids as a list when a mask is given; undefined means "every id below limit". */
function candidates(limit: number, allowed?: TokenSet, excluded?: TokenSet): Int32Array | undefined {
  if (!allowed) return undefined;
  let ids = allowed.toIds();
  if (excluded) ids = ids.filter((id) => !excluded.has(id));
  let end = ids.length;
  while (end > 0 && ids[end - 1]! >= limit) end--;
  return ids.subarray(0, end);
}

export function argmax(logits: Float32Array, limit: number, ids?: Int32Array, excluded?: TokenSet): number {
  let best = -1, bestLogit = -Infinity;
  if (ids) {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!, l = logits[id]!;
      if (l > bestLogit || best < 0) { best = id; bestLogit = l; }
    }
    return best;
  }
  if (excluded) {
    // The best id is rarely excluded: one tight pass usually settles it.
    const first = argmax(logits, limit);
    if (first < 0 || !excluded.has(first)) return first;
    for (let id = 0; id < limit; id++) {
      const l = logits[id]!;
      if ((l > bestLogit || best < 0) && !excluded.has(id)) { best = id; bestLogit = l; }
    }
    return best;
  }
  // The unconstrained hot path: one tight pass over the whole vocabulary.
  if (limit <= 0) return -1;
  best = 0;
  bestLogit = logits[0]!;
  for (let id = 1; id < limit; id++) {
    const l = logits[id]!;
    if (l > bestLogit) { best = id; bestLogit = l; }
  }
  return best;
}

/** Best id below `limit` in `allowed` and not in `excluded`, walking the bitset words; -1 if none. */
export function argmaxMasked(logits: Float32Array, limit: number, allowed: TokenSet, excluded?: TokenSet): number {
  let best = -1, bestLogit = -Infinity;
  const words = allowed.words, ex = excluded?.words;
  const lastWord = Math.min(words.length, (limit + 31) >>> 5);
  for (let i = 0; i < lastWord; i++) {
    let w = words[i]!;
    if (ex) w &= ~ex[i]!;
    while (w !== 0) {
      const bit = 31 - Math.clz32(w & -w);
      w &= w - 1;
      const id = (i << 5) | bit;
      if (id >= limit) break;
      const l = logits[id]!;
      if (l > bestLogit || best < 0) { best = id; bestLogit = l; }
    }
  }
  return best;
}

/** The `k` ids with the highest logits, best first (a size-k min-heap over one pass). */
function topByLogit(logits: Float32Array, n: number, at: (i: number) => number, k: number, skip?: TokenSet): Int32Array {
  const heap = new Int32Array(k);
  let size = 0;
  const less = (a: number, b: number) => logits[a]! < logits[b]! || (logits[a] === logits[b] && a > b);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < size && less(heap[l]!, heap[m]!)) m = l;
      if (r < size && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      const tmp = heap[i]!; heap[i] = heap[m]!; heap[m] = tmp;
      i = m;
    }
  };
  for (let i = 0; i < n; i++) {
    const id = at(i);
    if (skip?.has(id)) continue;
    if (size < k) {
      heap[size] = id;
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!less(heap[c]!, heap[p]!)) break;
        const tmp = heap[c]!; heap[c] = heap[p]!; heap[p] = tmp;
        c = p;
      }
    } else if (less(heap[0]!, id)) {
      heap[0] = id;
      down(0);
    }
  }
  return heap.subarray(0, size).sort((a, b) => (less(a, b) ? 1 : less(b, a) ? -1 : 0));
}

// exp(-d) for 0 ≤ d < 20 from a table at 1/64-nat steps, interpolated linearly (relative error
// under 4e-5): the normaliser is taken over the whole vocabulary at most steps, and Math.exp made
// it 90 µs of an 8k-token step and milliseconds of a 151k-token one (bench:runtime).
const EXP_STEPS = 64;
const EXP_RANGE = 20;
const EXP_TOP = EXP_RANGE * EXP_STEPS;
const EXP_TABLE = (() => {
  const t = new Float64Array(EXP_TOP + 2);
  for (let i = 0; i < t.length; i++) t[i] = Math.exp(-i / EXP_STEPS);
  return t;
})();

/** exp(-d) for d ≥ 0; 0 from 20 nats on (each such term adds under 2e-9). */
function expNeg(d: number): number {
  const x = d * EXP_STEPS;
  if (!(x < EXP_TOP)) return 0;
  const i = x | 0;
  const a = EXP_TABLE[i]!;
  return a + (x - i) * (EXP_TABLE[i + 1]! - a);
}

/**
 * log Σ exp(logit) over ids below `limit` (those in `allowed` and not in `excluded` when given):
 * the normaliser of the model's distribution (temperature 1), for the confidence signals a
 * display gate reads. Terms more than 20 nats below the best are skipped.
 */
export function logSumExp(logits: Float32Array, limit: number, allowed?: TokenSet, excluded?: TokenSet): number {
  if (!allowed && !excluded) {
    // The every-step path: two tight passes over the vocabulary.
    let max = -Infinity;
    for (let id = 0; id < limit; id++) if (logits[id]! > max) max = logits[id]!;
    if (max === -Infinity) return -Infinity;
    let sum = 0;
    for (let id = 0; id < limit; id++) sum += expNeg(max - logits[id]!);
    return max + Math.log(sum);
  }
  if (!allowed) {
    let max = -Infinity;
    for (let id = 0; id < limit; id++) if (!excluded!.has(id) && logits[id]! > max) max = logits[id]!;
    if (max === -Infinity) return -Infinity;
    let sum = 0;
    for (let id = 0; id < limit; id++) if (!excluded!.has(id)) sum += expNeg(max - logits[id]!);
    return max + Math.log(sum);
  }
  // One inline walk over the mask's words, the sum rescaled when a larger logit comes (a callback
  // per id made this the slow part of a step).
  const words = allowed.words, ex = excluded?.words;
  const lastWord = Math.min(words.length, (limit + 31) >>> 5);
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < lastWord; i++) {
    let w = words[i]!;
    if (ex) w &= ~ex[i]!;
    while (w !== 0) {
      const id = (i << 5) | (31 - Math.clz32(w & -w));
      w &= w - 1;
      if (id >= limit) break;
      const l = logits[id]!;
      if (l === -Infinity) continue;
      if (l <= max) sum += expNeg(max - l);
      else {
        sum = sum * Math.exp(max - l) + 1;
        max = l;
      }
    }
  }
  if (max === -Infinity) return -Infinity;
  return max + Math.log(sum);
}
