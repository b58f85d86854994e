import type * as vscode from 'vscode';

/** Where an editor question goes: a document (the user's or a shadow), the position, and the text the question is about. */
export interface Target {
  readonly uri: vscode.Uri;
  readonly position: vscode.Position;
  /** The oracle document (`oracleDocument`) and the question's offset in it. */
  readonly doc: { readonly text: string; readonly offset: number };
  /** The user's own document, not a shadow. */
  readonly real?: boolean;
}
