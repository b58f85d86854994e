// What the provider knows about the position it is asked about, computed once per request.
import * as vscode from 'vscode';
import { completionStart, type CompletionStart } from '../../core/completion/ghost-text';
import { requestFor, type CompleteRequest, type RequestPosition } from '../../core/completion/request';
import { textWindow, type TextWindow } from '../../core/completion/input-limits';
import { prefilter, type PrefilterReason } from '../../core/completion/prefilter';
import { languageSpecFor } from '../../core/tokens/language-spec';
import { completionSettings } from '../config';

export interface CursorContext extends CompletionStart {
  readonly docKey: string;
  /** The cursor's offset in the document. */
  readonly offset: number;
  /** The document's text around the cursor when the request came (`window` of it). */
  readonly text: string;
  readonly window: TextWindow;
  /** The cursor line's length. */
  readonly lineLength: number;
  readonly lineSuffix: string;
  /** The suggest widget's selected item, when it is open. */
  readonly selected?: vscode.SelectedCompletionInfo;
  /** What the returned item replaces. */
  readonly range: vscode.Range;
  /** The cursor in `text` as a request sees it (with the selected item as being accepted). */
  readonly position: RequestPosition;
}

/**
 * With the suggest widget open, VS Code shows ghost text only if it extends the selected item: the
 * completion then starts from that item as if it were accepted, and the item replaces its range
 * (core/completion/ghost-text.ts).
 */
export function cursorContext(doc: vscode.TextDocument, position: vscode.Position, selected?: vscode.SelectedCompletionInfo): CursorContext {
  const offset = doc.offsetAt(position);
  const window = textWindow(doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end), offset);
  const text = doc.getText(new vscode.Range(doc.positionAt(window.start), doc.positionAt(window.end)));
  const line = doc.lineAt(position.line);
  const local = offset - window.start;
  const accepting = selected && { start: doc.offsetAt(selected.range.start) - window.start, end: doc.offsetAt(selected.range.end) - window.start, text: selected.text };
  const start = completionStart(text, local, accepting);
  return {
    ...start,
    replaceStart: window.start + start.replaceStart,
    replaceEnd: window.start + start.replaceEnd,
    docKey: doc.uri.toString(),
    offset,
    text,
    window,
    lineLength: line.range.end.character,
    lineSuffix: line.text.slice(position.character),
    selected,
    range: new vscode.Range(doc.positionAt(window.start + start.replaceStart), doc.positionAt(window.start + start.replaceEnd)),
    position: accepting ? { offset: local, accepting } : local,
  };
}

/** Why the cursor's line is no place for a completion (mid-word, code after it, a comment opening). */
export function lineSkip(doc: vscode.TextDocument, position: vscode.Position): PrefilterReason | undefined {
  const lang = languageSpecFor(doc.languageId);
  const line = doc.lineAt(position.line).text;
  return prefilter(line.slice(0, position.character), line.slice(position.character), (cp) => lang.isIdContinue(cp));
}

/** The request a completion at `at` sends, with the document's settings. */
export function requestAt(doc: vscode.TextDocument, at: CursorContext): CompleteRequest {
  return requestFor(completionSettings(doc), { text: at.text, languageId: doc.languageId }, at.position);
}
