// What the extension needs from the model runtime (src/node/model-host.ts, the ModelHost): start
// it, ask it for a completion with an oracle, dispose it. Kept structural so the editor code and
// its tests do not depend on how the worker is built.
import type { LanguageOracle, Logger } from '../core/ports';
import type { MonitorSetting, Dtype } from './config';

export interface EngineRequest {
  prefix: string;
  suffix: string;
  languageId: string;
  maxTokens: number;
  temperature: number;
  mode: 'line' | 'block';
  monitors: readonly MonitorSetting[];
  oracleTimeoutMs: number;
  timeBudgetMs?: number;
}

export interface EngineTraceStep {
  tokenId: number;
  text: string;
  monitor?: string;
  allowed?: number;
  wanted?: { tokenId: number; text: string };
  oracleMs?: number;
  note?: string;
}

export interface EngineResult {
  text: string;
  tokenIds: number[];
  stopReason: string;
  error?: string;
  guided: boolean;
  trace: EngineTraceStep[];
  timings: { totalMs: number; promptMs: number; modelMs: number; maskMs: number; oracleWaitMs: number; tokens: number };
}

export interface Engine {
  readonly info: { modelId: string; family: string; contextLength: number; loadMs: number };
  complete(req: EngineRequest, oracle: LanguageOracle, signal?: AbortSignal): Promise<EngineResult>;
  dispose(): Promise<void>;
}

export interface EngineOptions {
  model: string;
  dtype?: Dtype;
  threads?: number;
  cacheDir: string;
  bundledDir?: string;
  onProgress?: (p: { file: string; loaded: number; total: number }) => void;
  logger?: Logger;
  /** Called once if the model runtime dies on its own. */
  onExit?: (err: Error) => void;
}

export type EngineStarter = (opts: EngineOptions) => Promise<Engine>;
