// At a step inside a name the oracle listed, the next token comes from a mixture of the model and
// what the file and the project say (src/core/statistics/name-scores.ts). The statistics speak
// about whole names, the model about the next token: a token's statistical mass is that of the
// names it can start writing, mixed with the model's probability of the token. The chosen token
// narrows the candidates for the next step, where the model's probability is conditioned on it, so
// along a name's path the model's part multiplies out to its whole-name probability, mixed with
// the statistics at every step.

import type { NamePosition } from '../monitors/monitor';
import { FileContext } from '../statistics/file-context';
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
  private readonly file: FileContext;
  private readonly encoded = new WeakMap<readonly NameCandidate[], Uint8Array[]>();

  constructor(
    private readonly index: TokenIndex,
    private readonly weights: MixWeights,
    private readonly prefix: string,
    suffix: string,
  ) {
    this.file = new FileContext(prefix, suffix);
  }

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

    // A name's statistical mass goes, whole, to every token that can start writing its rest: how
    // the model would split the name into tokens must not weaken the name (a name that can start
    // as `o`, `or` or `origin` would otherwise lose to one that has a single first token). The
    // model's own probability then prefers its usual split. The name written so far may itself be
    // complete: every token that ends a name ends it (tens of thousands), so that share stays a set.
    const share = new Map<number, number>();
    let ending: { set: TokenSet; p: number } | undefined;
    let kept = 0;
    let favoured = 0;
    const named: { tokens: number[]; p: number }[] = [];
    for (let k = 0; k < cands.length; k++) {
      const p = stats.p[k]!;
      if (p < NEGLIGIBLE) continue;
      if (p > stats.p[favoured]!) favoured = k;
      const rest = all[under[k]!]!.subarray(path.length);
      if (rest.length === 0) {
        const set = joint.clone().intersect(this.endsName()).subtract(skip);
        if (set.isEmpty()) continue;
        ending = { set, p };
        kept += p;
        continue;
      }
      const tokens = this.tokensWriting(rest, allowed);
      if (tokens.length === 0) continue;
      named.push({ tokens, p });
      kept += p;
    }
    if (kept <= 0) return undefined;
    for (const { tokens, p } of named) for (const id of tokens) share.set(id, (share.get(id) ?? 0) + p / kept);
    const endingShare = (id: number): number => (ending && ending.set.has(id) ? ending.p / kept : 0);
    const lm = this.weights.model, ls = stats.weight;
    /** How likely the name goes on through `id`: the model's probability of it, mixed with the statistics' mass of the names it can start. */
    const q = (id: number): number => (lm * pModel(id) + ls * Math.min(1, (share.get(id) ?? 0) + endingShare(id))) / (lm + ls);
    // Within the ending set the mixture follows the model, so its best token is the model's best there.
    const bestEnding = ending ? argmaxMasked(logits, limit, ending.set) : -1;

    let id: number;
    if (draw) {
      // The statistics' share picks a name, then the model's best token for it (sampling within
      // the name's tokens would only vary how it is split).
      const endingP = ending?.p ?? 0;
      if (draw.u < lm / (lm + ls)) id = draw.model();
      else if (draw.v * kept < endingP) id = bestEnding;
      else id = bestOf(named, (draw.v * kept - endingP) / (kept - endingP), pModel);
    } else {
      id = argmaxMasked(logits, limit, joint, skip);
      let best = id >= 0 ? q(id) : -1;
      for (const t of bestEnding >= 0 ? [...share.keys(), bestEnding] : share.keys()) {
        const v = q(t);
        if (v > best) { best = v; id = t; }
      }
    }
    if (id < 0) return undefined;
    return { id, logprob: Math.log(Math.max(q(id), 1e-300)), favoured: cands[favoured]!.name };
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
function bestOf(named: readonly { tokens: number[]; p: number }[], v: number, pModel: (id: number) => number): number {
  let total = 0;
  for (const n of named) total += n.p;
  let r = v * total;
  for (const n of named) {
    r -= n.p;
    if (r <= 0 || n === named[named.length - 1]) return n.tokens.reduce((a, b) => (pModel(b) > pModel(a) ? b : a));
  }
  return -1;
}
