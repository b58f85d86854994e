// The requests the extension sends to its TypeScript server plugin through VS Code's
// `typescript.tsserverRequest` command (VS Code passes commands that start with `_` through to the
// semantic server). Shared by both ends; nothing here runs code.
import type { CompletionAnswer, QueryKind, SignatureAnswer } from '../core/ports';

export const PLUGIN_NAME = 'mgd-tsserver-plugin';
export const ASK_COMMAND = '_mgd.ask';
export const PING_COMMAND = '_mgd.ping';
export const WARM_COMMAND = '_mgd.warm';

export interface AskArgs {
  /** Path of the user's file (a plain path: a Uri arrives only for an open document). */
  readonly file: string;
  /** Where the generated text starts in the file as the editor has it (the cursor). */
  readonly offset: number;
  /** Length of the file as the editor had it when the completion started: a different one is stale. */
  readonly documentLength: number;
  /** Text generated since the cursor: the only text that travels. */
  readonly generated: string;
  /**
   * How many characters of the document from `offset` the generated text replaces (the word a
   * selected suggest item replaces); 0 or absent: it is inserted.
   */
  readonly replaceLength?: number;
  /** What the monitor asks (the core's `OracleQuery`). */
  readonly kind: QueryKind;
  /** The character that prompted it (`.`, `(`, `,`), for services that take one. */
  readonly triggerCharacter?: string;
}

export type AskResult =
  | { readonly status: 'answered'; readonly completion?: CompletionAnswer; readonly signature?: SignatureAnswer }
  /** `detail`: a failure's own message, which may quote the project's names (logged only at Trace). */
  | { readonly status: 'no-answer'; readonly reason: string; readonly detail?: string };

/**
 * `ms`: time spent inside tsserver on the question; `graphMs` of it brought the user's project up to
 * date with the editor's edits (work tsserver does for any request after a keystroke), `programMs`
 * built the overlay's program.
 */
export type AskResponse = AskResult & { readonly ms: number; readonly graphMs?: number; readonly programMs?: number };

export interface PingResponse {
  readonly ready: true;
  readonly typescript: string;
}

/** Prepares the answers for one file before the first question (`WARM_COMMAND`). */
export interface WarmArgs {
  readonly file: string;
}

export type WarmResponse = { readonly warmed: true; readonly ms: number } | { readonly warmed: false; readonly reason: string };
