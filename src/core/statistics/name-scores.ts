// Which legal name comes next: the model's view mixed with what the project already says. Each
// source is a distribution over the legal names; a source's weight grows with the evidence it has
// at this position (a cache with many hits is trusted more, one with none drops out), as in cache
// language models for code (Tu, Su & Devanbu, FSE 2014: the cache's weight follows its own counts).

import type { FileContext } from './file-context';
import { pairKey } from './identifier-scan';

/** What the project's other files say about one legal name (filled in beside the oracle's answer). */
export interface NameEvidence {
  /** Position in the language service's list (0 = first). */
  readonly order: number;
  /** Uses of the name in the project's other files. */
  readonly projectUses?: number;
  /** Uses right after the same receiver (`receiver.name`) in the project's other files. */
  readonly projectPairUses?: number;
}

export interface MixWeights {
  /** The model's distribution over the names. */
  readonly model: number;
  /** `receiver.name` in this file (before, and `after` times as much after the cursor). */
  readonly filePair: number;
  /** The name anywhere in this file. */
  readonly file: number;
  /** How recently the name was used before the cursor (geometric in its rank, ratio `decay`). */
  readonly recent: number;
  readonly projectPair: number;
  readonly project: number;
  /** The language service's order. */
  readonly order: number;
  /** Weight of an occurrence after the cursor against one before it. */
  readonly after: number;
  readonly decay: number;
  /** Evidence at which a cache source gets half its weight: weight × total / (total + halfAt). */
  readonly halfAt: number;
}

export const DEFAULT_MIX_WEIGHTS: MixWeights = {
  model: 1, filePair: 3, file: 1, recent: 1, projectPair: 1, project: 0.5, order: 0.05, after: 0.7, decay: 0.5, halfAt: 1,
};

export interface NameCandidate {
  readonly name: string;
  readonly evidence?: NameEvidence;
}

export interface ScoredNames {
  /** Mixed probability per candidate (same order). */
  readonly p: Float64Array;
  readonly best: number;
}

/**
 * Mixes `model` (the model's probability of each candidate, same order; may be all zero) with the
 * statistics of the file and the project. `receiver` is the identifier before the dot, if any.
 */
export function mixNameScores(cands: readonly NameCandidate[], model: ArrayLike<number>, file: FileContext | undefined, receiver: string | undefined, w: MixWeights): ScoredNames {
  const n = cands.length;
  const p = new Float64Array(n);
  let weightSum = 0;
  const add = (weight: number, values: ArrayLike<number>, confident: boolean): void => {
    let total = 0;
    for (let i = 0; i < n; i++) total += values[i]!;
    if (weight <= 0 || total <= 0) return;
    const lambda = confident ? weight : weight * (total / (total + w.halfAt));
    for (let i = 0; i < n; i++) p[i]! += (lambda * values[i]!) / total;
    weightSum += lambda;
  };
  const values = (f: (c: NameCandidate) => number): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = f(cands[i]!);
    return out;
  };
  add(w.model, model, true);
  if (file) {
    if (receiver !== undefined) add(w.filePair, values((c) => { const k = pairKey(receiver, c.name); return file.before(k) + w.after * file.after(k); }), false);
    add(w.file, values((c) => file.before(c.name) + w.after * file.after(c.name)), false);
    // Rank by last use among the candidates used before the cursor.
    const last = values((c) => file.lastUse(c.name));
    const seen = [...last.keys()].filter((i) => last[i]! >= 0).sort((a, b) => last[b]! - last[a]!);
    const rec = new Float64Array(n);
    seen.forEach((i, rank) => (rec[i] = w.decay ** rank));
    add(w.recent, rec, false);
  }
  add(w.projectPair, values((c) => c.evidence?.projectPairUses ?? 0), false);
  add(w.project, values((c) => c.evidence?.projectUses ?? 0), false);
  add(w.order, values((c) => (c.evidence ? 1 / (1 + c.evidence.order) : 0)), true);
  let best = 0;
  for (let i = 0; i < n; i++) {
    if (weightSum > 0) p[i]! /= weightSum;
    if (p[i]! > p[best]!) best = i;
  }
  return { p, best };
}
