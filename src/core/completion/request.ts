// What one completion asks of the model host, and the one place that builds it: the inline
// provider, the Compare command, `mgd complete` and the evaluation all call `requestFor`.
import type { MonitorName } from '../monitors/registry';
import { completionMode, type MultilinePolicy } from './completion-mode';
import { completionStart, type SelectedItem } from './ghost-text';
import type { Prompting } from './model-family';
import { DEFAULT_MIX_WEIGHTS, type MixWeights } from '../statistics/name-scores';

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
  /** The prompt's size in tokens at most; absent or 0: what the model reads in time here (prompt-window.ts). */
  promptTokens?: number;
  /** How the file's and the project's statistics mix into each legal name's choice; the model alone when absent. */
  nameWeights?: MixWeights;
  /** Recompute the prompt instead of reusing the KV cache (tests and benchmarks). */
  freshCache?: boolean;
  /**
   * Run the prompt through the model and generate nothing: the KV cache then holds it, and a
   * completion that follows pays only for what changed (reading ahead while the cursor rests).
   */
  prefillOnly?: boolean;
}

/** The settings a request is made of, whoever read them (the editor's settings, CLI flags, an evaluation's options). */
export interface CompletionSettings {
  readonly maxTokens: number;
  readonly temperature: number;
  readonly multiline: MultilinePolicy;
  readonly monitors: readonly MonitorName[];
  readonly languageServiceTimeoutMs: number;
  /** Undefined: the model family's own layout. */
  readonly prompting?: Prompting;
  /** 0 or undefined: measured (prompt-window.ts). */
  readonly promptTokens?: number;
  readonly seed?: number;
  /** Mix the file's and the project's statistics into name choices. */
  readonly statistics?: boolean;
  /** Overrides of the mixing weights (evaluations that tune them). */
  readonly mixWeights?: Partial<MixWeights>;
}

export interface RequestDocument {
  readonly text: string;
  readonly languageId: string;
}

/** A cursor offset; with the suggest widget open, also the item it would insert over `start..end`. */
export type RequestPosition = number | { readonly offset: number; readonly accepting?: SelectedItem };

export interface TextAround {
  /** Text before the cursor (with the item being accepted, if any). */
  readonly prefix: string;
  readonly suffix: string;
  /** The cursor's line before it (with the item being accepted) and after it (without the line break). */
  readonly linePrefix: string;
  readonly lineSuffix: string;
}

/** The document split at the cursor; an item being accepted counts as already typed. */
export function textAround(text: string, position: RequestPosition): TextAround {
  const { offset, accepting } = typeof position === 'number' ? { offset: position, accepting: undefined } : position;
  const { prefix, suffix, linePrefix } = completionStart(text, offset, accepting);
  const lineEnd = text.indexOf('\n', offset);
  return { prefix, suffix, linePrefix, lineSuffix: text.slice(offset, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '') };
}

export function requestFor(settings: CompletionSettings, document: RequestDocument, position: RequestPosition): CompleteRequest {
  const at = textAround(document.text, position);
  return {
    prefix: at.prefix,
    suffix: at.suffix,
    languageId: document.languageId,
    maxTokens: settings.maxTokens,
    temperature: settings.temperature,
    mode: completionMode(settings.multiline, at.linePrefix, at.lineSuffix),
    monitors: settings.monitors,
    oracleTimeoutMs: settings.languageServiceTimeoutMs,
    ...(settings.prompting !== undefined ? { prompting: settings.prompting } : {}),
    ...(settings.promptTokens ? { promptTokens: settings.promptTokens } : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.statistics ? { nameWeights: { ...DEFAULT_MIX_WEIGHTS, ...settings.mixWeights } } : {}),
  };
}
