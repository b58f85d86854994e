// Named early returns of the inline provider: when someone says "nothing shows up", the log says why.
export type SkipReason =
  | 'DISABLED'
  | 'LANGUAGE_NOT_ENABLED'
  | 'SHADOW_DOCUMENT'
  | 'MODEL_NOT_READY'
  | 'MID_WORD'
  | 'CODE_AFTER_CURSOR'
  | 'IN_LINE_COMMENT_START'
  /** The cursor line is longer than a hand-written one (minified or generated code). */
  | 'LINE_TOO_LONG'
  /** A NUL character around the cursor: binary content opened as text. */
  | 'BINARY_CONTENT'
  | 'DEBOUNCE_CANCELLED'
  | 'DEBOUNCE_SUPERSEDED'
  | 'CANCELLED_BEFORE_GENERATION'
  | 'CANCELLED_DURING_GENERATION'
  | 'GENERATION_ERROR'
  | 'DOCUMENT_CHANGED'
  /** The language service had no answer at the cursor's trigger, even after retries: no unguided guess is shown. */
  | 'LANGUAGE_SERVICE_NOT_READY'
  /** The display gate: the first name was not likely enough. */
  | 'LOW_CONFIDENCE'
  /** The display gate: nothing was left after its cuts (loops, copies, comment runs, punctuation only). */
  | 'NOTHING_WORTH_SHOWING';
