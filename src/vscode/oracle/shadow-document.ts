// A dot-prefixed empty file beside the user's file, opened and edited only in memory, so that the
// language service resolves the user's relative imports for text that exists only in generation
// (an `untitled:` document does not: measured). Lifecycle rules from the measurements:
// the file on disk stays empty; before deleting, the in-memory text is restored to empty and saved
// (deleting while dirty left an empty file behind). Every shadow is written in the ledger before it
// exists; a ledger whose window died is swept by its reaper process or on the next activation.
// VS Code opens a background tab for any file that stays dirty for about 800 ms (its dirty-files
// tracker, seen in code-server 4.139); that tab is closed as soon as the shadow is clean again.
import * as vscode from 'vscode';
import { isShadowFileName, shadowFileName } from './shadow-name';
import { orphanedLedgers, processAlive, sweepLedger, type FileLedger } from '../../node/files/file-ledger';

export const SHADOW_GLOB = '**/.mgd-shadow-*';

const baseName = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);

export function isShadowUri(uri: vscode.Uri): boolean {
  return isShadowFileName(baseName(uri));
}

export function shadowUriBeside(real: vscode.Uri): vscode.Uri {
  const base = real.path.slice(real.path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot) : '';
  return vscode.Uri.joinPath(real, '..', shadowFileName(ext, process.pid));
}

export class ShadowDocument {
  private closed = false;
  private edits: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly uri: vscode.Uri,
    private doc: vscode.TextDocument,
    private readonly ledger: FileLedger,
  ) {}

  static async create(real: vscode.TextDocument, ledger: FileLedger): Promise<ShadowDocument> {
    const uri = shadowUriBeside(real.uri);
    ledger.add(uri.fsPath);
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== real.languageId) doc = await vscode.languages.setTextDocumentLanguage(doc, real.languageId);
    return new ShadowDocument(uri, doc, ledger);
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
    edit.replace(
      this.uri,
      new vscode.Range(this.doc.positionAt(start), this.doc.positionAt(old.length - end)),
      text.slice(start, text.length - end),
    );
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
      await vscode.workspace.fs.delete(this.uri, { useTrash: false }).then(undefined, () => undefined);
      this.ledger.remove(this.uri.fsPath);
    }
  }
}

/** Closes the editor tabs of `uri` that hold no unsaved text (closing those would prompt). */
export async function closeCleanTabs(uri: vscode.Uri): Promise<void> {
  const key = uri.toString();
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key && !t.isDirty);
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
}

/**
 * Deletes the shadow files of windows that ended without cleaning up (their ledger's owner process
 * no longer runs); shadows of a window that still runs are left alone, and so is any file that is
 * not in a ledger. One the window restored as an open document (hot exit keeps unsaved text) is
 * emptied and saved first, then its tab closed.
 */
export async function sweepShadows(ledgerDir: string, log: (m: string) => void): Promise<number> {
  let n = 0;
  for (const ledger of orphanedLedgers(ledgerDir, processAlive)) {
    const r = await sweepLedger(ledger, async (p) => {
      const uri = vscode.Uri.file(p);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open && open.getText() !== '') {
        const edit = new vscode.WorkspaceEdit();
        edit.delete(uri, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)));
        await vscode.workspace.applyEdit(edit);
      }
      if (open?.isDirty) await open.save();
      await closeCleanTabs(uri);
    });
    n += r.deleted.length;
    for (const p of r.kept) log(`left ${p} in place: it is no longer empty`);
  }
  return n;
}
