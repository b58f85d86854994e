// What the extension needs from the model runtime: start it, ask it for a completion with an
// oracle, dispose it. The shapes are ModelHost's own; the starter is injectable so the session
// logic does not depend on how the worker is built.
import type { DecodeResult, TraceStep } from '../core/decoding/decode';
import type { CompleteRequest } from '../core/completion/request';
import type { ModelHost, ModelHostOptions } from '../node/model-host';

export type EngineRequest = CompleteRequest;
export type EngineTraceStep = TraceStep;
export type EngineResult = DecodeResult;
export type Engine = Pick<ModelHost, 'info' | 'complete' | 'dispose' | 'outstanding'>;
export type EngineOptions = Omit<ModelHostOptions, 'hubTimeoutMs' | 'hubUrl'>;
export type EngineStarter = (opts: EngineOptions) => Promise<Engine>;
