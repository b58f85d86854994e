// For languages without the TypeScript plugin, questions about generated text go to the language's
// own completion provider over a copy of the document: an untitled document of the same language,
// held in memory only. No file is ever written, so nothing appears in the user's folder or git
// status and nothing needs sweeping after a crash; it is never saved, so no save participant
// (format on save, code actions on save) or on-save hook of another extension runs on it. VS Code
// counts an untitled document without a path as clean again once it is empty, which is what
// `clear()` relies on: an emptied copy has no dirty marker and no save prompt, and the tab VS Code
// gives a document dirty for longer than about 800 ms is closed then.
// The price: the service sees the copy without its folder or file name (no relative imports, no
// schema chosen by file name). Copies in the user's folder, the earlier design, showed in git
// status and needed saving to be clean again; writing the copy's file and letting an open document
// follow it did not work (in code-server the document did not follow within 2 s).
import * as vscode from 'vscode';
import { changedSpan } from '../../core/oracle/changed-span';

/** The copies of this window: never completed, never warmed, never logged. */
const copies = new Set<string>();

export function isShadowUri(uri: vscode.Uri): boolean {
  return copies.has(uri.toString());
}

export class ShadowDocument {
  private edits: Promise<unknown> = Promise.resolve();

  private constructor(private readonly doc: vscode.TextDocument) {}

  get uri(): vscode.Uri {
    return this.doc.uri;
  }

  static async create(languageId: string): Promise<ShadowDocument> {
    const doc = await vscode.workspace.openTextDocument({ language: languageId, content: '' });
    copies.add(doc.uri.toString());
    return new ShadowDocument(doc);
  }

  /**
   * Replaces the in-memory text; only the changed middle is sent, as typing would. Calls run one
   * after another: each diff is computed against the text the previous one left.
   */
  setText(text: string): Promise<vscode.TextDocument> {
    const run = this.edits.then(() => this.replace(text));
    this.edits = run.catch(() => undefined);
    return run;
  }

  private async replace(text: string): Promise<vscode.TextDocument> {
    const old = this.doc.getText();
    if (old === text) return this.doc;
    const { start, end } = changedSpan(old, text);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(this.doc.uri, new vscode.Range(this.doc.positionAt(start), this.doc.positionAt(old.length - end)), text.slice(start, text.length - end));
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit the copy ${this.doc.uri.toString()}`);
    return this.doc;
  }

  /**
   * Empty, and so clean again: no diagnostics, no dirty marker, no save prompt. VS Code gives a
   * document that stays dirty for about 800 ms a background tab (seen in code-server 4.139 when a
   * question took 600 ms): once clean, that tab is closed.
   */
  async clear(): Promise<void> {
    await this.setText('');
    const key = this.doc.uri.toString();
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key && !t.isDirty);
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
  }
}
