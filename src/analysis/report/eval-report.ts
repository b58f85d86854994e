import type { EvalTask } from '../prompts/dot-prompts';
import type { ModeSummary, PickSummary, PromptRecord } from '../eval-types';
import type { TrivialPick } from '../score/trivial-picks';

export interface PackageInfo {
  /** As asked for on the command line (`rxjs@7`). */
  readonly spec: string;
  readonly name: string;
  readonly version: string;
  readonly tsconfig: string;
  readonly sourceFiles: number;
  readonly candidates: number;
  readonly prompts: number;
  /** Wall time of its completions and scoring, both modes. */
  readonly seconds?: number;
  /** Set when the package was skipped (not found, no TypeScript sources, no usable prompts). */
  readonly skipped?: string;
}

export interface EvalConfig {
  readonly command: string;
  readonly model: string;
  readonly modelInfo?: Record<string, unknown>;
  /** The prompt layout the run used (older results: only in modelInfo, as the model's default). */
  readonly prompting?: string;
  readonly task: EvalTask;
  readonly limit: number;
  readonly seed: number;
  readonly modes: Record<string, readonly string[]>;
  /** Mixing weights that differ from the product's, for the statistics arm. */
  readonly mixWeights?: Record<string, number>;
  readonly maxTokens: number;
  readonly temperature: number;
  readonly oracleTimeoutMs: number;
  /** The display gate's threshold the run's `shown` fields used (older results: none). */
  readonly displayThreshold?: number;
  readonly packages: readonly PackageInfo[];
  readonly typescript: string;
  readonly node: string;
  readonly cpus: number;
  readonly startedAt: string;
  readonly wallSeconds: number;
}

export interface OracleFigures {
  readonly queries: number;
  readonly medianMs: number;
  readonly p90Ms: number;
}

export interface EvalReport {
  readonly summary: Record<string, ModeSummary>;
  /** The same summary per package (`name@version`). */
  readonly packages: Record<string, Record<string, ModeSummary>>;
  /** The trivial picks among the legal names on the same prompts (older results: absent). */
  readonly picks?: Record<TrivialPick, PickSummary>;
  readonly packagePicks?: Record<string, Record<TrivialPick, PickSummary>>;
  readonly oracle: OracleFigures;
  readonly config: EvalConfig;
  readonly prompts: readonly PromptRecord[];
}
