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

/** Where a question is asked: the user's document with the generated text spliced in at the cursor. */
export interface OracleQuery {
  /** Document text before the cursor. */
  readonly prefix: string;
  /** Text generated so far (may be empty: then the question is about the user's own document). */
  readonly generated: string;
  /** Document text after the cursor. */
  readonly suffix: string;
  /** The character(s) that triggered the question, e.g. `.`, `?.`, `(`, `,`, `case `. */
  readonly trigger: string;
  readonly signal?: AbortSignal;
}

export type NameKind =
  | 'method' | 'function' | 'property' | 'field' | 'variable' | 'constant' | 'class'
  | 'interface' | 'enum' | 'enumMember' | 'module' | 'type' | 'keyword' | 'text' | 'other';

export interface LegalName {
  readonly name: string;
  readonly kind: NameKind;
}

export interface CompletionAnswer {
  readonly names: readonly LegalName[];
  /** False when the service answered only with word-based/placeholder items: not an answer. */
  readonly semantic: boolean;
}

export interface SignatureAnswer {
  /** One entry per overload: how many arguments it takes. `max` is Infinity with a rest parameter. */
  readonly overloads: readonly { readonly min: number; readonly max: number }[];
  /** Index of the argument the position is in (0-based), as the service sees it. */
  readonly activeArgument: number;
}

/**
 * Static analysis at a position of the document-with-generated-text. `undefined` means
 * "no answer" (timeout, failure, nothing there): monitors then leave the model unconstrained.
 */
export interface LanguageOracle {
  completions(q: OracleQuery): Promise<CompletionAnswer | undefined>;
  signatureHelp?(q: OracleQuery): Promise<SignatureAnswer | undefined>;
}

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
