// The only things the core knows about the outside world. Adapters live in src/node, src/vscode
// and src/analysis; tests use fakes. Keep these small: every method here is one more thing each
// adapter must get right.

/** Token ids ↔ exact bytes. Byte-level BPE pieces can be partial UTF-8, so bytes, not strings. */
export interface Tokenizer {
  readonly vocabSize: number;
  /** Exact bytes this token contributes to the text; `undefined` for special/control tokens. */
  tokenBytes(id: number): Uint8Array | undefined;
  /** Ids that end generation (end-of-text, end-of-turn, FIM end markers). */
  readonly endIds: readonly number[];
  encode(text: string): number[];
  /** Id of a special token by its literal text (`<|fim_prefix|>`), if the vocabulary has it. */
  specialId(text: string): number | undefined;
}

/**
 * Stepwise causal LM. The KV cache lives behind this interface: `prefill` may reuse the longest
 * cached prefix of `ids`; `step` appends one token to the current sequence.
 * Both return the logits of the next token (length = vocab size; the caller never mutates them).
 */
export interface LanguageModel {
  readonly vocabSize: number;
  prefill(ids: readonly number[], signal?: AbortSignal): Promise<Float32Array>;
  step(id: number, signal?: AbortSignal): Promise<Float32Array>;
}

// The oracle port and its query and answer types live in oracle/query.ts.
export type { Around, AnswerValue, CompletionAnswer, LanguageOracle, LegalName, NameKind, NamesKind, OracleAnswer, OracleQuery, QueryKind, SignatureAnswer } from './oracle/query';

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
export const performanceClock: Clock = { now: () => performance.now() };
