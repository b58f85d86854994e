// A ghost text is shown only where it was made: when the model answers, the user may have typed on
// (VS Code then cancels the request's token) or the document changed some other way. No vscode
// import, so node:test runs it.

export interface AnswerState {
  /** The model's stop reason. */
  readonly stopReason: string;
  /** The request's cancellation token, read when the answer came. */
  readonly cancelled: boolean;
  /** The document's version when the request came, and now. */
  readonly versionAsked: number;
  readonly versionNow: number;
}

export type StaleReason = 'CANCELLED_DURING_GENERATION' | 'DOCUMENT_CHANGED';

export function staleReason(s: AnswerState): StaleReason | undefined {
  if (s.cancelled || s.stopReason === 'cancelled') return 'CANCELLED_DURING_GENERATION';
  if (s.versionNow !== s.versionAsked) return 'DOCUMENT_CHANGED';
  return undefined;
}
