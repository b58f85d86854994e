// At a step no monitor constrains, the model mixed with how the file went on after the same tokens
// elsewhere (src/core/statistics/file-continuations.ts): each way the line went on scores its share
// of those places mixed with the model's probability of its best first token (a token whose text
// begins it), the model's favourite token scores its probability alone, and the best is written.
// Greedy decoding only: a sampled completion keeps the model's own distribution.

import type { FileContext } from '../statistics/file-context';
import type { MixWeights } from '../statistics/name-scores';
import type { TokenIndex } from '../tokens/token-index';
import type { TokenSet } from '../tokens/token-set';
import { argmax, logSumExp } from './sampler';

const utf8 = new TextEncoder();

export class CopyMixer {
  constructor(
    private readonly index: TokenIndex,
    private readonly weights: MixWeights,
    private readonly file: FileContext,
  ) {}

  /** The mixture's token, or undefined when the file has no continuation here (the model picks alone). */
  choose(generated: string, logits: Float32Array, limit: number, excluded: TokenSet | undefined): number | undefined {
    const w = this.weights;
    if (w.copy <= 0) return undefined;
    this.file.setGenerated(generated);
    const copies = this.file.continuations(w.copyShortest, w.contextLongest, w.after);
    if (!copies) return undefined;
    const never = this.index.neverSampled;
    const skip = excluded ? excluded.clone().union(never) : never;
    // The model's probabilities over every token (the few never written hardly move the sum, and
    // the plain path is a third of the cost of one that tests each id).
    const lse = logSumExp(logits, limit, undefined, excluded);
    if (!Number.isFinite(lse)) return undefined;
    const pModel = (id: number): number => Math.exp(logits[id]! - lse);
    let total = 0;
    for (const n of copies.values()) total += n;
    const lc = (w.copy * total) / (total + w.halfAt);
    const mix = (pm: number, ps: number): number => (pm + lc * ps) / (1 + lc);
    const modelBest = argmax(logits, limit, undefined, skip);
    let id = modelBest;
    let p = modelBest >= 0 ? mix(pModel(modelBest), 0) : -1;
    for (const [text, n] of copies) {
      const best = this.bestStart(utf8.encode(text), logits, limit, skip);
      if (best < 0) continue;
      const v = mix(pModel(best), n / total);
      if (v > p) { p = v; id = best; }
    }
    return id >= 0 ? id : undefined;
  }

  /** The model's most probable token whose text begins `bytes`. */
  private bestStart(bytes: Uint8Array, logits: Float32Array, limit: number, skip: TokenSet): number {
    let best = -1;
    let node = 0;
    for (let d = 0; d < bytes.length; d++) {
      node = this.index.child(node, bytes[d]!);
      if (node < 0) break;
      this.index.forEachId(node, true, (id) => {
        if (id < limit && !skip.has(id) && (best < 0 || logits[id]! > logits[best]!)) best = id;
      });
    }
    return best;
  }
}
