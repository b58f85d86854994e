// The slice of the decoder's result (src/core/decoding/decode.ts DecodeResult) the evaluation reads;
// declared here structurally so the harness can be driven by any completion source.
import type { DecodeTimings, TraceStep } from '../core/decoding/decode';
import type { TrivialPick } from './score/trivial-picks';
export type CompletionTraceStep = Readonly<TraceStep>;

export interface CompletionOutcome {
  readonly text: string;
  readonly stopReason: string;
  readonly error?: string;
  readonly guided: boolean;
  readonly trace: readonly CompletionTraceStep[];
  readonly timings: Readonly<DecodeTimings>;
}

/** One arm of the comparison: a name (`off`, `on`, `stats`), the monitors it runs, and whether project statistics guide the names. */
export interface EvalMode {
  readonly name: string;
  readonly monitors: readonly string[];
  readonly statistics?: boolean;
}

/** What the user sees of one completion (src/analysis/score/shown-metrics.ts). */
export interface ShownFields {
  /** The gate let the completion through. */
  readonly shown: boolean;
  /** What the editor would show ('' when not shown). */
  readonly shownText: string;
  /** The gate's score (probability of the first name) and why it decided as it did. */
  readonly gate: {
    readonly score: number;
    readonly reason: string;
    readonly cuts: readonly string[];
    /** The text after the gate's cuts, shown or not, scored like the shown text (for the threshold curve). */
    readonly candidate: string;
    readonly nim: boolean;
    readonly em: boolean;
    readonly es: number;
  };
}

export interface ModeRecord extends Partial<ShownFields> {
  readonly text: string;
  readonly stopReason: string;
  readonly guided: boolean;
  /** Set when the completion or its scoring failed; such a record does not enter the metrics. */
  readonly failed?: string;
  /** Steps where a monitor masked the token the model wanted most. */
  readonly blocked: number;
  readonly blockedExamples: string[];
  /** Distinct notes of the trace (why a step went unconstrained, e.g. no answer or a timeout). */
  readonly notes: string[];
  /** Steps each monitor constrained (`--ablation` reads which monitors triggered). */
  readonly monitorSteps?: Record<string, number>;
  readonly nim: boolean;
  readonly ism: number;
  readonly pm: number;
  readonly compiles: boolean;
  readonly newErrors: string[];
  readonly derefs: number;
  readonly invalidDerefs: number;
  readonly invalidNames: string[];
  readonly timings: CompletionOutcome['timings'];
  readonly scoreMs: number;
}

export interface PromptRecord {
  readonly package: string;
  readonly id: string;
  readonly name: string;
  readonly groundTruth: string;
  readonly modes: Record<string, ModeRecord>;
  /** How many legal names the language service listed at the prompt's dot (older results: absent). */
  readonly legalNames?: number;
  /** Each trivial rule's pick among those names (absent when the service had no answer). */
  readonly picks?: Partial<Record<TrivialPick, string>>;
}

/** A trivial pick's score: NIM over all prompts of the run (a prompt without an answer is a miss). */
export interface PickSummary {
  readonly n: number;
  readonly nim: number;
}

export interface LatencySummary {
  readonly median: number;
  readonly p90: number;
  readonly model: number;
  readonly mask: number;
  readonly oracle: number;
}

export interface ModeSummary {
  /** Prompts scored (failed ones excluded). */
  readonly n: number;
  readonly failed: number;
  readonly nim: number;
  readonly ism: number;
  readonly pm: number;
  readonly cr: number;
  /** Valid dereferences / all dereferences in the generations (pooled); null when there were none. */
  readonly vdr: number | null;
  readonly derefs: number;
  readonly invalid_derefs: number;
  /** VDR over the completions whose every monitor query got an answer in time. */
  readonly vdr_guided: number | null;
  /** Fraction of completions that stayed guided throughout. */
  readonly guided: number;
  /** Completions where a language-service answer came later than the timeout. */
  readonly oracle_timeouts: number;
  /** Mean number of tokens a monitor blocked per completion. */
  readonly blocked_per_completion: number;
  readonly latency_ms: LatencySummary;
  /** What the user sees (the display gate at the run's threshold); null where no record says. */
  readonly shown_rate?: number | null;
  /** NIM among the shown completions. */
  readonly shown_nim?: number | null;
  /** Exact match and edit similarity of the shown line with the ground truth, among the shown. */
  readonly em?: number | null;
  readonly es?: number | null;
  /** Shown rate and precision for each gate threshold (the candidate texts of this run). */
  readonly gate_curve?: readonly GateCurvePoint[];
}

export interface GateCurvePoint {
  readonly threshold: number;
  readonly shown_rate: number;
  readonly shown_nim: number | null;
  readonly em: number | null;
  readonly es: number | null;
}
