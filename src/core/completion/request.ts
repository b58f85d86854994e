// What one completion asks of the model host: the text around the cursor and the decoding settings.
import type { MonitorName } from '../monitors/registry';
import type { Prompting } from './model-family';

export interface CompleteRequest {
  prefix: string;
  suffix: string;
  languageId: string;
  maxTokens: number;
  temperature: number;
  mode: 'line' | 'block';
  monitors: readonly MonitorName[];
  oracleTimeoutMs: number;
  timeBudgetMs?: number;
  seed?: number;
  /** Prompt layout; the model family's default when absent. */
  prompting?: Prompting;
  /** Recompute the prompt instead of reusing the KV cache (tests and benchmarks). */
  freshCache?: boolean;
}
