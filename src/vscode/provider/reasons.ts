// Named early returns of the inline provider: when someone says "nothing shows up", the log says why.
export type SkipReason =
  | 'DISABLED'
  | 'LANGUAGE_NOT_ENABLED'
  | 'SHADOW_DOCUMENT'
  | 'MODEL_NOT_READY'
  | 'MID_WORD'
  | 'CODE_AFTER_CURSOR'
  | 'IN_LINE_COMMENT_START'
  | 'DEBOUNCE_CANCELLED'
  | 'DEBOUNCE_SUPERSEDED'
  | 'CANCELLED_BEFORE_GENERATION'
  | 'CANCELLED_DURING_GENERATION'
  | 'GENERATION_ERROR'
  | 'DOCUMENT_CHANGED'
  | 'EMPTY_AFTER_POSTPROCESS';
