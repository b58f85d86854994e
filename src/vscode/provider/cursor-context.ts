// What the provider knows about the position it is asked about, computed once per request.
import * as vscode from 'vscode';

export interface CursorContext {
  readonly docKey: string;
  readonly offset: number;
  /** The whole document text when the request came. */
  readonly text: string;
  /** Text before the cursor (with the suggest widget's selected item as if accepted). */
  readonly prefix: string;
  readonly suffix: string;
  readonly linePrefix: string;
  readonly lineSuffix: string;
  /** The suggest widget's selected item, when it is open. */
  readonly selected?: vscode.SelectedCompletionInfo;
  /** What the returned item replaces. */
  readonly range: vscode.Range;
}

/**
 * With the suggest widget open, VS Code shows ghost text only if it extends the selected item: the
 * context then completes as if that item were accepted, and the item replaces the item's range.
 */
export function cursorContext(doc: vscode.TextDocument, position: vscode.Position, selected?: vscode.SelectedCompletionInfo): CursorContext {
  const offset = doc.offsetAt(position);
  const text = doc.getText();
  const line = doc.lineAt(position.line).text;
  const start = selected ? doc.offsetAt(selected.range.start) : offset;
  const end = selected ? Math.max(offset, doc.offsetAt(selected.range.end)) : offset;
  const prefix = text.slice(0, start) + (selected?.text ?? '');
  return {
    docKey: doc.uri.toString(),
    offset,
    text,
    prefix,
    suffix: text.slice(end),
    linePrefix: selected ? prefix.slice(prefix.lastIndexOf('\n') + 1) : line.slice(0, position.character),
    lineSuffix: line.slice(position.character),
    selected,
    range: new vscode.Range(selected ? selected.range.start : position, doc.positionAt(end)),
  };
}
