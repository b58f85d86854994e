// Rules anyone could write in an afternoon that pick one of the legal names after the prompt's dot
// without a model. Every NIM in a report is read next to them (shared/EVAL.md): a decoder that does
// not beat "the most recently used legal name" has not earned its cost. They see what the editor
// sees — the file before and after the cursor and the project's other files — never the ground truth.

import { seededRandom } from '../../core/decoding/rng';
import { memberKey } from '../../core/statistics/identifier-scan';
import type { FileContext } from '../../core/statistics/file-context';

export const TRIVIAL_PICKS = ['first', 'random', 'prefixFrequency', 'fileFrequency', 'projectFrequency', 'recent'] as const;
export type TrivialPick = (typeof TRIVIAL_PICKS)[number];

export const trivialPickLabels: Record<TrivialPick, string> = {
  first: 'first in the language service\'s order',
  random: 'a random legal name',
  prefixFrequency: 'most frequent in the file before the cursor',
  fileFrequency: 'most frequent in the whole file (before and after the cursor)',
  projectFrequency: 'most frequent in the project\'s other files',
  recent: 'most recently used before the cursor',
};

/** A number from a prompt id and the run's seed: the random pick is the same in every run. */
function hashSeed(id: string, seed: number): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The name with the highest score; ties (and all-zero scores) go to the earlier name in the service's order. */
function argmaxBy(names: readonly string[], score: (n: string) => number): string {
  let best = names[0]!;
  let bestScore = score(best);
  for (const n of names) {
    const s = score(n);
    if (s > bestScore) [best, bestScore] = [n, s];
  }
  return best;
}

/**
 * Each rule's pick among `names` (the legal names in the language service's order; empty when the
 * service had no answer). `file` holds the prompt's prefix and suffix; `projectCount` counts a key
 * in the project's other files. Frequencies count uses as a member (`.name`, after any receiver):
 * on the development set that picks the right name more often than counting every occurrence
 * (project level 30.5 % against 13.0 % on rxjs), so the baseline is the stronger rule. Recency
 * counts every occurrence.
 */
export function trivialPicks(names: readonly string[], file: FileContext, projectCount: (key: string) => number, id: string, seed: number): Record<TrivialPick, string> | undefined {
  if (names.length === 0) return undefined;
  return {
    first: names[0]!,
    random: names[Math.floor(seededRandom(hashSeed(id, seed))() * names.length)]!,
    prefixFrequency: argmaxBy(names, (n) => file.before(memberKey(n))),
    fileFrequency: argmaxBy(names, (n) => file.before(memberKey(n)) + file.after(memberKey(n))),
    projectFrequency: argmaxBy(names, (n) => projectCount(memberKey(n))),
    recent: argmaxBy(names, (n) => file.lastUse(n)),
  };
}
