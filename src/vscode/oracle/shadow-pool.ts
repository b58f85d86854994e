// One shadow copy per language, kept for the window's lifetime and emptied between completions: a
// new copy costs its language service a first load (measured in code-server for TypeScript, when
// it still used copies: about 1 s, against 15-60 ms for an open one), and an empty untitled copy
// costs nothing while it waits. A copy busy with one completion is not shared: a second completion
// at the same time gets a copy of its own.
import type * as vscode from 'vscode';
import { ShadowDocument } from './shadow-document';

/** One completion's hold on a shadow. After release its edits are refused: the shadow may already serve the next completion. */
export interface ShadowLease {
  readonly uri: vscode.Uri;
  setText(text: string): Promise<vscode.TextDocument>;
  release(): Promise<void>;
}

interface Entry {
  shadow: ShadowDocument;
  languageId: string;
  busy: boolean;
}

export class ShadowPool implements vscode.Disposable {
  private readonly entries = new Set<Entry>();
  private readonly clearing = new Set<Promise<unknown>>();

  constructor(private readonly log: (m: string) => void) {}

  async acquire(real: vscode.TextDocument): Promise<ShadowLease> {
    let entry = [...this.entries].find((e) => !e.busy && e.languageId === real.languageId);
    if (entry) entry.busy = true;
    else {
      entry = { shadow: await ShadowDocument.create(real.languageId), languageId: real.languageId, busy: true };
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
        const p = e.shadow.clear();
        this.clearing.add(p);
        try {
          await p;
          e.busy = false;
        } catch (err) {
          // A copy that cannot be emptied is not handed out again.
          this.log(`shadow document could not be emptied: ${String(err)}`);
          this.entries.delete(e);
        } finally {
          this.clearing.delete(p);
        }
      },
    };
  }

  /** Empties every copy (busy ones too: called when the extension stops). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.clearing]);
    await Promise.allSettled([...this.entries].map((e) => e.shadow.clear()));
  }

  dispose(): void {
    void this.drain();
  }
}
