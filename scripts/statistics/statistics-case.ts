import type { NameCandidate } from '../../src/core/statistics/name-scores';

/** One dot prompt: the legal names there, the file around the cursor, and the truth's first name. */
export interface StatisticsCase {
  readonly pkg: string;
  readonly id: string;
  readonly cands: NameCandidate[];
  readonly prefix: string;
  readonly suffix: string;
  readonly truth: string;
}
