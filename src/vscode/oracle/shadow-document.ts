// For languages without the TypeScript plugin, questions about generated text go to the language's
// own completion provider over a copy of the document: a file in the extension's storage, named as
// the user's file (services that pick a schema by file name, like JSON's, still find it), never in
// the user's folder (nothing in git status, no watcher of theirs fires). The copy is edited in
// memory, as typing would, and saved empty between uses, so no Problems entry or save prompt stays.
// Tried and dropped: writing each text to the copy's file and letting the open document follow it
// (never dirty, so never saved): in code-server the document did not follow within 2 s. So saving
// the copy still runs save participants, on the copy in storage only. VS Code opens a background
// tab for a file that stays dirty for about 800 ms (seen in code-server 4.139); that tab is closed
// as soon as the copy is clean again. Every shadow's folder is written in the ledger before it
// exists; a ledger whose window died is swept by its reaper process or on the next activation.
import path from 'node:path';
import * as vscode from 'vscode';
import { isShadowFileName, shadowFileName } from './shadow-name';
import { orphanedLedgers, processAlive, sweepLedger, type FileLedger } from '../../node/files/file-ledger';

/** A path with a shadow's folder in it (`…/.mgd-shadow-<pid>-<id>/<name>`): our own copy, never a user's file. */
export function isShadowUri(uri: vscode.Uri): boolean {
  return uri.path.split('/').slice(0, -1).some(isShadowFileName);
}

export class ShadowDocument {
  private closed = false;
  private edits: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly uri: vscode.Uri,
    private readonly folder: vscode.Uri,
    private doc: vscode.TextDocument,
    private readonly ledger: FileLedger,
  ) {}

  /** A copy for `real`, in its own folder under `dir` (the extension's storage). */
  static async create(real: vscode.TextDocument, dir: string, ledger: FileLedger): Promise<ShadowDocument> {
    const folder = vscode.Uri.file(path.join(dir, shadowFileName('', process.pid)));
    const uri = vscode.Uri.joinPath(folder, path.posix.basename(real.uri.path) || 'untitled');
    ledger.add(folder.fsPath);
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== real.languageId) doc = await vscode.languages.setTextDocumentLanguage(doc, real.languageId);
    return new ShadowDocument(uri, folder, doc, ledger);
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
    let start = 0;
    const max = Math.min(old.length, text.length);
    while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
    let end = 0;
    while (end < max - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(this.uri, new vscode.Range(this.doc.positionAt(start), this.doc.positionAt(old.length - end)), text.slice(start, text.length - end));
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${this.uri.fsPath}`);
    return this.doc;
  }

  /** Empty in memory and saved empty: no save prompt, no diagnostics left for it. */
  async clear(): Promise<void> {
    await this.setText('');
    if (this.doc.isDirty) await this.doc.save();
    await closeCleanTabs(this.uri);
  }

  /** Emptied and saved first, then deleted: deleting while dirty left an empty file behind. */
  async dispose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.clear();
    } finally {
      await vscode.workspace.fs.delete(this.folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
      this.ledger.remove(this.folder.fsPath);
    }
  }
}

/** Closes the editor tabs of `uri` that hold no unsaved text (closing those would prompt). */
async function closeCleanTabs(uri: vscode.Uri): Promise<void> {
  const key = uri.toString();
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key && !t.isDirty);
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
}

/**
 * Deletes the shadows of windows that ended without cleaning up (their ledger's owner process no
 * longer runs); shadows of a window that still runs are left alone, and so is anything that is not
 * in a ledger.
 */
export async function sweepShadows(ledgerDir: string, log: (m: string) => void): Promise<number> {
  let n = 0;
  for (const ledger of orphanedLedgers(ledgerDir, processAlive)) {
    const r = await sweepLedger(ledger, async (folder) => {
      // A copy the window restored as an open document (hot exit keeps unsaved text): emptied and saved first.
      for (const open of vscode.workspace.textDocuments.filter((d) => d.uri.fsPath.startsWith(folder + path.sep))) {
        if (open.getText() !== '') {
          const edit = new vscode.WorkspaceEdit();
          edit.delete(open.uri, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)));
          await vscode.workspace.applyEdit(edit);
        }
        if (open.isDirty) await open.save();
        await closeCleanTabs(open.uri);
      }
    });
    n += r.deleted.length;
    for (const p of r.kept) log(`left ${p} in place: it could not be deleted`);
  }
  return n;
}
