// Every message between the extension host thread and the model worker. Only ids, text and
// oracle questions/answers cross the boundary; logits and the KV cache stay in the worker.
import type { OracleAnswer, OracleQuery } from '../core/ports';
import type { DecodeResult } from '../core/decoding/decode';
import type { LoadSpec } from './load-model';
import type { CompleteRequest } from '../core/completion/request';
import type { PromptWindow, SpeedSample } from '../core/completion/prompt-window';

export type { LoadSpec };

export interface ModelInfo {
  modelId: string;
  family: string;
  contextLength: number;
  loadMs: number;
  dtype: string;
  threads: number;
  /** How prompts are laid out: the family's fill-in-the-middle template, or the prefix alone. */
  prompting: 'fim' | 'left-to-right';
  /** First 12 hex digits of the weights file's SHA-256 when the host was asked to fingerprint a local folder or the bundled model (evaluations do), so results name the exact weights. */
  weights?: string;
  /** A hub model's commit (or the branch or tag as named, when the hub did not say which commit). */
  revision?: string;
  /** Measured at load: what a prompt token costs here, and the prompt window that gives (without a size of the user's). */
  promptSpeed?: SpeedSample[];
  promptWindow?: PromptWindow;
}

export type WorkerCompleteRequest = CompleteRequest;

/** A monitor's question as it crosses: the main thread holds the document around the cursor. */
export type WireQuery = Omit<OracleQuery, 'signal'>;

export interface ReplayTiming {
  promptTokens: number;
  promptMs: number;
  steps: number;
  stepsMs: number;
  /** Each step's forward pass (ms), in order. */
  stepMs: number[];
}

export type ToWorker =
  | { type: 'load'; spec: LoadSpec }
  | { type: 'complete'; id: number; request: WorkerCompleteRequest }
  | { type: 'cancel'; id: number }
  | { type: 'oracleAnswer'; queryId: number; answer?: OracleAnswer; error?: string }
  /** Benchmark baseline: the same prompt and tokens through a bare forward loop, fresh cache. */
  | { type: 'replay'; id: number; request: WorkerCompleteRequest; tokenIds: number[] }
  /** Benchmark measurement: a full garbage collection in the worker, answered with its heap size after it. */
  | { type: 'collect'; id: number };

export type FromWorker =
  | { type: 'progress'; file: string; loaded: number; total: number }
  | { type: 'loaded'; info: ModelInfo }
  | { type: 'loadFailed'; name: string; message: string }
  | { type: 'oracleQuery'; requestId: number; queryId: number; query: WireQuery }
  | { type: 'oracleCancel'; queryId: number }
  | { type: 'result'; id: number; result: DecodeResult; cache: { reusedTokens: number; computedTokens: number; promptTokens: number } }
  | { type: 'replayed'; id: number; timing?: ReplayTiming; error?: string }
  | { type: 'collected'; id: number; heapUsedBytes: number }
  | { type: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; message: string };
