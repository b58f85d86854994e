// What the last completion was, for Explain Last Completion and the status tooltip.
import type { EngineRequest, EngineResult } from '../engine';

export interface CompletionRecord {
  readonly file: string;
  readonly line: number;
  readonly character: number;
  readonly languageId: string;
  readonly modelId: string;
  readonly request: EngineRequest;
  readonly result: EngineResult;
  readonly shown: string;
  readonly oracleMs: number;
}
