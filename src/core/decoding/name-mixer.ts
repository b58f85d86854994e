// At a step inside a name the oracle listed, the next token comes from a mixture of the model and
// what the file and the project say (src/core/statistics/name-scores.ts). The statistics speak
// about whole names, the model about the next token: each name scores its statistical mass mixed
// with the model's probability of its best first token, the best name is written with that token,
// and the next step chooses again among the names left, the model now conditioned on what was
// written. Along a name's path the model's part multiplies out to its whole-name probability,
// mixed with the statistics at every step.

import type { NamePosition } from '../monitors/monitor';
import type { FileContext } from '../statistics/file-context';
import { receiverBeforeDot } from '../statistics/identifier-scan';
import { statisticsScores, type MixWeights, type NameCandidate } from '../statistics/name-scores';
import type { TokenIndex } from '../tokens/token-index';
import type { TokenSet } from '../tokens/token-set';
import { argmaxMasked, logSumExp } from './sampler';

export interface MixedChoice {
  readonly id: number;
  /** ln of the mixture's probability of `id` among the legal tokens. */
  readonly logprob: number;
  /** The candidate the statistics favour most at this step, for traces. */
  readonly favoured: string;
}

const utf8 = new TextEncoder();
const textOf = new TextDecoder();
/** Names whose statistical mass is below this share are not worth a trie walk. */
const NEGLIGIBLE = 1e-4;

export class NameMixer {
  private readonly encoded = new WeakMap<readonly NameCandidate[], Uint8Array[]>();

  constructor(
    private readonly index: TokenIndex,
    private readonly weights: MixWeights,
    private readonly prefix: string,
    /** Shared with the decoder's other mixers. */
    private readonly file: FileContext,
  ) {}

  /**
   * The mixture's choice among `joint` (less `excluded`), or undefined when the statistics have
   * nothing to say here (one candidate left, or no evidence for any): then the model alone picks.
   * `draw`, when sampling: a uniform number and the model's own sample, for the model's share.
   */
  choose(pos: NamePosition, generated: string, logits: Float32Array, limit: number, joint: TokenSet, excluded: TokenSet | undefined, draw?: { u: number; v: number; model: () => number }): MixedChoice | undefined {
    const path = pos.trie.pathOf(pos.node);
    const all = this.bytesOf(pos.candidates);
    const under: number[] = [];
    for (let i = 0; i < all.length; i++) if (startsWith(all[i]!, path)) under.push(i);
    if (under.length < 2) return undefined;
    const cands = under.map((i) => pos.candidates[i]!);
    // The part of the name written so far is no use of any name: counted, it would vote for itself.
    const written = Math.min(generated.length, textOf.decode(path).length);
    const before = generated.slice(0, generated.length - written);
    this.file.setGenerated(before);
    const receiver = pos.kind === 'members' ? receiverBeforeDot(this.prefix.slice(-256) + before) : undefined;
    const stats = statisticsScores(cands, this.file, receiver, this.weights);
    if (stats.weight <= 0) return undefined;

    const never = this.index.neverSampled;
    const skip = excluded ? excluded.clone().union(never) : never;
    const lse = logSumExp(logits, limit, joint, skip);
    if (!Number.isFinite(lse)) return undefined;
    const allowed = (id: number): boolean => id < limit && joint.has(id) && !skip.has(id);
    const pModel = (id: number): number => Math.exp(logits[id]! - lse);

    // The choice is made between names, not between tokens: a name that can start as `o`, `or` or
    // `origin` must not lose to two rivals that share the token `in`. Each name with statistical
    // mass scores that mass mixed with the model's probability of its best first token (the model's
    // own way to start writing it); the model's favourite token scores its probability mixed with
    // the mass of the names it starts. The winner is written with its best token, and the next step
    // chooses again among the names left, with the model conditioned on what was written.
    // The name written so far may itself be complete: every token that ends a name ends it (tens
    // of thousands), so that set is read only through its best token.
    let kept = 0;
    let favoured = 0;
    const named: { tokens: number[]; best: number; p: number }[] = [];
    for (let k = 0; k < cands.length; k++) {
      const p = stats.p[k]!;
      if (p < NEGLIGIBLE) continue;
      if (p > stats.p[favoured]!) favoured = k;
      const rest = all[under[k]!]!.subarray(path.length);
      let tokens: number[];
      let best: number;
      if (rest.length === 0) {
        const set = joint.clone().intersect(this.endsName()).subtract(skip);
        best = argmaxMasked(logits, limit, set);
        tokens = best >= 0 ? [best] : [];
      } else {
        tokens = this.tokensWriting(rest, allowed);
        best = tokens.reduce((a, t) => (a < 0 || logits[t]! > logits[a]! ? t : a), -1);
      }
      if (best < 0) continue;
      named.push({ tokens, best, p });
      kept += p;
    }
    if (kept <= 0) return undefined;
    const lm = this.weights.model, ls = stats.weight;
    const mix = (pm: number, ps: number): number => (lm * pm + ls * Math.min(1, ps)) / (lm + ls);

    let id: number;
    let p: number;
    if (draw) {
      // The statistics' share picks a name, then the model's best token for it (sampling within
      // the name's tokens would only vary how it is split). The token's statistical mass is that
      // of every name it can start writing (only sampling reads it, so it is summed only here).
      if (draw.u < lm / (lm + ls)) id = draw.model();
      else id = bestOf(named, draw.v);
      let share = 0;
      for (const n of named) if (n.tokens.includes(id)) share += n.p / kept;
      p = mix(pModel(id), share);
    } else {
      const modelBest = argmaxMasked(logits, limit, joint, skip);
      id = modelBest;
      // The model's favourite alone; a name it starts scores on its own below.
      p = modelBest >= 0 ? mix(pModel(modelBest), 0) : -1;
      for (const n of named) {
        const v = mix(pModel(n.best), n.p / kept);
        if (v > p) { p = v; id = n.best; }
      }
    }
    if (id < 0) return undefined;
    return { id, logprob: Math.log(Math.max(p, 1e-300)), favoured: cands[favoured]!.name };
  }

  private endsNameSet: TokenSet | undefined;
  /** Tokens that end a name: those starting with a character that cannot continue one, and end-of-text. */
  private endsName(): TokenSet {
    if (!this.endsNameSet) {
      this.endsNameSet = this.index.breakStart.clone();
      for (const id of this.index.endIds) this.endsNameSet.add(id);
    }
    return this.endsNameSet;
  }

  /** Allowed tokens that write a prefix of `rest` (the part of a name not yet written), or all of it and then a character that ends a name. */
  private tokensWriting(rest: Uint8Array, allowed: (id: number) => boolean): number[] {
    const out: number[] = [];
    const push = (id: number): void => {
      if (allowed(id)) out.push(id);
    };
    let node = 0;
    for (let d = 0; d < rest.length; d++) {
      node = this.index.child(node, rest[d]!);
      if (node < 0) return out;
      this.index.forEachId(node, true, push);
    }
    for (const b of this.index.breakChildren(node)) this.index.forEachId(b, false, push);
    return out;
  }

  private bytesOf(cands: readonly NameCandidate[]): Uint8Array[] {
    let b = this.encoded.get(cands);
    if (!b) {
      b = cands.map((c) => utf8.encode(c.name));
      this.encoded.set(cands, b);
    }
    return b;
  }
}

function startsWith(bytes: Uint8Array, head: Uint8Array): boolean {
  if (bytes.length < head.length) return false;
  for (let i = 0; i < head.length; i++) if (bytes[i] !== head[i]) return false;
  return true;
}

/** The model's best token of the name that `v` (uniform in [0, 1)) falls on, names weighted by their mass. */
function bestOf(named: readonly { best: number; p: number }[], v: number): number {
  let total = 0;
  for (const n of named) total += n.p;
  let r = v * total;
  for (const n of named) {
    r -= n.p;
    if (r <= 0) return n.best;
  }
  return named.at(-1)?.best ?? -1;
}
