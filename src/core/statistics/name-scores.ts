// Which legal name comes next: the model's view mixed with what the project already says. Each
// source is a distribution over the legal names; a source's weight grows with the evidence it has
// at this position (a cache with many hits is trusted more, one with none drops out), as in cache
// language models for code (Tu, Su & Devanbu, FSE 2014: the cache's weight follows its own counts).

import type { FileContext } from './file-context';
import { memberKey, pairKey } from './identifier-scan';
import { subWords } from './name-words';

export interface MixWeights {
  /** The model's distribution over the names. */
  readonly model: number;
  /** `receiver.name` in this file (before, and `after` times as much after the cursor). */
  readonly filePair: number;
  /** The name anywhere in this file. */
  readonly file: number;
  /** How recently the name was used before the cursor (geometric in its rank, ratio `decay`). */
  readonly recent: number;
  /** How recently `receiver.name` was used before the cursor (geometric in its rank, ratio `decay`). */
  readonly recentPair: number;
  /** The name used as a member (`.name`, after any receiver) in this file. */
  readonly fileMember: number;
  /** The name used as a member in the project's other files. */
  readonly projectMember: number;
  readonly projectPair: number;
  readonly project: number;
  /** The language service's order. */
  readonly order: number;
  /** The names that followed the same tokens before the dot elsewhere in the file (src/core/statistics/dot-contexts.ts). */
  readonly context: number;
  /** Fewest and most tokens of that context, the dot included. */
  readonly contextShortest: number;
  readonly contextLongest: number;
  /**
   * At steps no monitor constrains: how the line went on after the same tokens elsewhere in the
   * file (src/core/decoding/copy-mixer.ts), against the model's 1; 0 turns it off.
   */
  readonly copy: number;
  /** Fewest tokens of context a copy needs. */
  readonly copyShortest: number;
  /** Weight of an occurrence after the cursor against one before it. */
  readonly after: number;
  readonly decay: number;
  /** Evidence at which a cache source gets half its weight: weight × total / (total + halfAt). */
  readonly halfAt: number;
  /**
   * A name's probability is multiplied by e^(lineWords × the share of its words that the cursor's
   * line already names: `const subscription = source.` → `subscribe`).
   */
  readonly lineWords: number;
  /** …and by e^enclosing when it is the name of the function the cursor is in (a method that delegates: `has(key) { return this.map_.has(key) }`). */
  readonly enclosing: number;
}

/**
 * Tuned on the development set (rxjs, zod, mobx, immer; 400 line prompts): the statistics' weights by
 * `scripts/statistics/tune.ts` (which of them picks the ground truth's first name most often), then
 * the model's weight by `mgd eval --arms stats --mix-weights model=…` (0.3, 0.1, 0.02: NIM 39.8,
 * 40.3, 40.8 %). The small bundled model ranks legal names worse than the file does, so it decides
 * where the statistics know nothing and breaks their ties. `lineWords` and `enclosing` came later,
 * fitted on three of the four packages at a time and judged on the fourth: `lineWords` 2 in every
 * split, `enclosing` 1 to 2; the held-out package's favourite-is-right rate rose 3 to 7 points
 * (46.5 % over the four held-out packages, 47.0 % with 2 and 2 fitted on all, 41.8 % without).
 * The tuner then found no other weight whose change helps, so those stayed. `context` (the names
 * that followed the same four to eight tokens before the dot) came last, at a weight set before it
 * was measured: the statistics' favourite is right for 54.6 % of the development prompts with it
 * and 47.1 % without; on 1,997 prompts of 14 packages that no weight was tuned on (cases of
 * `scripts/statistics/collect-cases.ts`), 45.8 % and 36.1 %. The tuner's further steps on the
 * development set lowered the latter, so they were not taken. `copy` and `copyShortest` were set on
 * the development set with the model (`mgd eval --arms stats --mix-weights copy=…`, 400 prompts):
 * compilation rate 14.5 % without the copy prior; copy 0.5 / 1 / 2 / 4 with four tokens of context
 * 19.8 / 22.0 / 21.0 / 21.0 %; copy 1 with two / three tokens 21.8 / 23.0 % (exact match of the
 * shown line 6.5 % without, 15.2 % with the last).
 */
export const DEFAULT_MIX_WEIGHTS: MixWeights = {
  model: 0.02, filePair: 2, file: 0, recent: 2, recentPair: 0, fileMember: 0, projectMember: 0.25, projectPair: 2, project: 1, order: 0.2,
  context: 8, contextShortest: 4, contextLongest: 8, copy: 1, copyShortest: 3,
  after: 1.5, decay: 0.35, halfAt: 0.5, lineWords: 2, enclosing: 2,
};

/** A legal name with what the project's other files say about it (`LegalName.uses`, `pairUses`). */
export interface NameCandidate {
  readonly name: string;
  /** Position in the language service's list (0 = first). */
  readonly order: number;
  readonly uses?: number;
  readonly pairUses?: number;
  readonly memberUses?: number;
}

/** The statistics' distribution over the candidates, and how much weight it has earned here. */
export interface NameStatistics {
  /** Probability per candidate (same order); all zero when no source has evidence. */
  readonly p: Float64Array;
  /** Sum of the weights of the sources that had evidence (0: the statistics know nothing here). */
  readonly weight: number;
}

/**
 * The file's and the project's view of which candidate comes next. `receiver` is the identifier
 * before the dot, if any. The decoder mixes in the model, name by name, at every step of the name
 * (src/core/decoding/name-mixer.ts).
 */
export function statisticsScores(cands: readonly NameCandidate[], file: FileContext | undefined, receiver: string | undefined, w: MixWeights): NameStatistics {
  const n = cands.length;
  const p = new Float64Array(n);
  let weight = 0;
  const add = (sourceWeight: number, values: ArrayLike<number>, confident: boolean): void => {
    let total = 0;
    for (let i = 0; i < n; i++) total += values[i]!;
    if (sourceWeight <= 0 || total <= 0) return;
    const lambda = confident ? sourceWeight : sourceWeight * (total / (total + w.halfAt));
    for (let i = 0; i < n; i++) p[i]! += (lambda * values[i]!) / total;
    weight += lambda;
  };
  const values = (f: (c: NameCandidate) => number): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = f(cands[i]!);
    return out;
  };
  if (file) {
    if (receiver !== undefined) add(w.filePair, values((c) => { const k = pairKey(receiver, c.name); return file.before(k) + w.after * file.after(k); }), false);
    add(w.file, values((c) => file.before(c.name) + w.after * file.after(c.name)), false);
    // Rank by last use among the candidates used before the cursor.
    const byRecency = (key: (c: NameCandidate) => string): Float64Array => {
      const last = values((c) => file.lastUse(key(c)));
      const seen = [...last.keys()].filter((i) => last[i]! >= 0).sort((a, b) => last[b]! - last[a]!);
      const rec = new Float64Array(n);
      seen.forEach((i, rank) => (rec[i] = w.decay ** rank));
      return rec;
    };
    add(w.recent, byRecency((c) => c.name), false);
    if (receiver !== undefined && w.recentPair > 0) add(w.recentPair, byRecency((c) => pairKey(receiver, c.name)), false);
    if (w.context > 0) {
      const names = new Set(cands.map((c) => c.name));
      const next = file.namesAfterContext(w.contextShortest, w.contextLongest, w.after, (name) => names.has(name));
      if (next) add(w.context, values((c) => next.get(c.name) ?? 0), false);
    }
    add(w.fileMember, values((c) => { const k = memberKey(c.name); return file.before(k) + w.after * file.after(k); }), false);
  }
  add(w.projectMember, values((c) => c.memberUses ?? 0), false);
  add(w.projectPair, values((c) => c.pairUses ?? 0), false);
  add(w.project, values((c) => c.uses ?? 0), false);
  // The service's order only breaks ties between names the other sources already favour.
  if (weight > 0) add(w.order, values((c) => 1 / (1 + c.order)), true);
  if (weight > 0) for (let i = 0; i < n; i++) p[i]! /= weight;
  if (file && weight > 0 && (w.lineWords > 0 || w.enclosing > 0)) reweighByContext(cands, p, file, w);
  return { p, weight };
}

/** A name's words and its bare form, once per legal name (the same objects come back at every step of a name). */
const shapes = new WeakMap<NameCandidate, { words: string[]; bare: string }>();
const bare = (name: string): string => name.replace(/^[_$#]+|[_$]+$/g, '').toLowerCase();

/** Names the code around the cursor already speaks of weigh more (src/core/statistics/name-words.ts). */
function reweighByContext(cands: readonly NameCandidate[], p: Float64Array, file: FileContext, w: MixWeights): void {
  const line = w.lineWords > 0 ? file.lineWords() : undefined;
  const fn = w.enclosing > 0 ? file.enclosingFunction() : undefined;
  const fnName = fn === undefined ? undefined : bare(fn);
  if ((!line || line.empty) && fnName === undefined) return;
  let total = 0;
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i]!;
    let shape = shapes.get(c);
    if (!shape) shapes.set(c, (shape = { words: subWords(c.name), bare: bare(c.name) }));
    const boost = (line ? w.lineWords * line.overlap(c.name, shape.words) : 0) + (shape.bare === fnName ? w.enclosing : 0);
    if (boost > 0) p[i]! *= Math.exp(boost);
    total += p[i]!;
  }
  if (total > 0) for (let i = 0; i < cands.length; i++) p[i]! /= total;
}
