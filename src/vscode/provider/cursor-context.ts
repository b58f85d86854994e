// What the provider knows about the position it is asked about, computed once per request.
import * as vscode from 'vscode';
import { completionStart, type CompletionStart } from '../../core/completion/ghost-text';
import type { RequestPosition } from '../../core/completion/request';

export interface CursorContext extends CompletionStart {
  readonly docKey: string;
  readonly offset: number;
  /** The whole document text when the request came. */
  readonly text: string;
  readonly lineSuffix: string;
  /** The suggest widget's selected item, when it is open. */
  readonly selected?: vscode.SelectedCompletionInfo;
  /** What the returned item replaces. */
  readonly range: vscode.Range;
  /** The cursor as a request sees it (with the selected item as being accepted). */
  readonly position: RequestPosition;
}

/**
 * With the suggest widget open, VS Code shows ghost text only if it extends the selected item: the
 * completion then starts from that item as if it were accepted, and the item replaces its range
 * (core/completion/ghost-text.ts).
 */
export function cursorContext(doc: vscode.TextDocument, position: vscode.Position, selected?: vscode.SelectedCompletionInfo): CursorContext {
  const offset = doc.offsetAt(position);
  const text = doc.getText();
  const line = doc.lineAt(position.line).text;
  const accepting = selected && { start: doc.offsetAt(selected.range.start), end: doc.offsetAt(selected.range.end), text: selected.text };
  const start = completionStart(text, offset, accepting);
  return {
    ...start,
    docKey: doc.uri.toString(),
    offset,
    text,
    lineSuffix: line.slice(position.character),
    selected,
    range: new vscode.Range(doc.positionAt(start.replaceStart), doc.positionAt(start.replaceEnd)),
    position: accepting ? { offset, accepting } : offset,
  };
}
