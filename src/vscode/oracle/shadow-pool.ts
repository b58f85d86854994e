// Shadow documents outlive one completion by a short idle window: a new copy costs its language
// service a first load (measured in code-server for TypeScript: about 1 s, against 15-60 ms for an
// open one). Between completions a pooled shadow is empty (no Problems entries); after the idle
// window, or when the extension stops, its folder is deleted.
import * as vscode from 'vscode';
import { ShadowDocument } from './shadow-document';
import type { FileLedger } from '../../node/files/file-ledger';

/** One completion's hold on a shadow. After release its edits are refused: the shadow may already serve the next completion. */
export interface ShadowLease {
  readonly uri: vscode.Uri;
  setText(text: string): Promise<vscode.TextDocument>;
  release(): Promise<void>;
}

interface Entry {
  shadow: ShadowDocument;
  key: string;
  busy: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

export class ShadowPool implements vscode.Disposable {
  private readonly entries = new Set<Entry>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly idleMs: number,
    private readonly log: (m: string) => void,
    /** Where the copies live: a folder of the extension's storage. */
    private readonly dir: string,
    /** Called before each new shadow: the ledger that records it (the reaper starts with the first). */
    private readonly ledger: () => FileLedger,
  ) {}

  async acquire(real: vscode.TextDocument): Promise<ShadowLease> {
    const key = keyOf(real);
    let entry = [...this.entries].find((e) => !e.busy && e.key === key);
    if (entry) {
      clearTimeout(entry.timer);
      entry.busy = true;
    } else {
      const shadow = await ShadowDocument.create(real, this.dir, this.ledger());
      entry = { shadow, key, busy: true };
      this.entries.add(entry);
    }
    const e = entry;
    let released = false;
    return {
      uri: e.shadow.uri,
      setText: (text) => (released ? Promise.reject(new Error('the shadow document went to another completion')) : e.shadow.setText(text)),
      release: async () => {
        if (released) return;
        released = true;
        try {
          await e.shadow.clear();
        } catch (err) {
          this.log(`shadow document could not be emptied, deleting it: ${String(err)}`);
          await this.remove(e);
          return;
        }
        e.busy = false;
        e.timer = setTimeout(() => void this.remove(e), this.idleMs);
      },
    };
  }

  /** Deletes every pooled shadow (busy ones too: called when the extension stops). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.entries].map((e) => this.remove(e)));
    await Promise.allSettled([...this.pending]);
  }

  dispose(): void {
    void this.drain();
  }

  private remove(e: Entry): Promise<void> {
    clearTimeout(e.timer);
    if (!this.entries.delete(e)) return Promise.resolve();
    const p = e.shadow.dispose().catch((err) => this.log(`shadow document could not be deleted: ${String(err)}`));
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
    return p;
  }
}

/** A copy is named as the file it copies, so it serves documents of the same name and language. */
function keyOf(doc: vscode.TextDocument): string {
  return `${doc.uri.path.slice(doc.uri.path.lastIndexOf('/') + 1)}|${doc.languageId}`;
}
