// The project statistics of the open workspace: every source file counted once in the background
// after activation, kept current from file events and from the text of open documents (unsaved
// edits count as the user sees them). Reading goes through VS Code's file system, so remote and
// virtual workspaces work the same; nothing is written anywhere.

import * as vscode from 'vscode';
import { ProjectIndexer } from '../../core/statistics/project-indexer';
import { ProjectStatistics } from '../../core/statistics/project-statistics';
import type { ProjectCount } from '../../core/statistics/project-evidence';
import type { Log } from '../log';

const SOURCES = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
/** Folders whose files are not the user's code (dependencies, build output). */
const EXCLUDE = '**/{node_modules,bower_components,dist,out,build,coverage,.git}/**';
const MAX_FILES = 5000;
/** An open document is recounted this long after the user stops typing in it. */
const EDIT_SETTLE_MS = 1500;
const decoder = new TextDecoder();

export class WorkspaceIndex implements vscode.Disposable {
  private readonly indexer: ProjectIndexer;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly edits = new Map<string, ReturnType<typeof setTimeout>>();
  private started = false;

  constructor(private readonly log: Log) {
    this.indexer = new ProjectIndexer(new ProjectStatistics({ maxFiles: MAX_FILES }), {
      read: async (key) => {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.parse(key));
        // A binary file (NUL bytes) is no source; a huge one is refused by the statistics' own limit.
        return bytes.includes(0) ? undefined : decoder.decode(bytes);
      },
      pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
      now: () => performance.now(),
    });
  }

  /** Starts counting the workspace (once); file events keep it current from then on. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const watcher = vscode.workspace.createFileSystemWatcher(SOURCES);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => this.indexer.enqueue(u.toString())),
      watcher.onDidChange((u) => this.indexer.enqueue(u.toString())),
      watcher.onDidDelete((u) => this.indexer.remove(u.toString())),
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        // Unsaved edits are gone with the document: the file counts as stored.
        if (d.uri.scheme === 'file' && this.indexer.statistics.has(d.uri.toString())) this.indexer.enqueue(d.uri.toString());
      }),
    );
    const t0 = performance.now();
    void vscode.workspace.findFiles(SOURCES, EXCLUDE, MAX_FILES).then(
      async (uris) => {
        for (const u of uris) this.indexer.enqueue(u.toString());
        await this.indexer.idle();
        const s = this.indexer.statistics;
        this.log.info(`project statistics: ${s.fileCount} files, ${s.keyCount} names in ${Math.round(performance.now() - t0)} ms (${Math.round(this.indexer.progress.ms)} ms counting), about ${(s.approximateBytes() / 1e6).toFixed(1)} MB`);
      },
      (e: unknown) => this.log.warn(`project statistics: the workspace's files could not be listed: ${String(e)}`),
    );
  }

  /** Uses of a name (or `receiver.name`) in the workspace's files other than `doc`. */
  countFor(doc: vscode.TextDocument): ProjectCount {
    return this.indexer.statistics.without(doc.uri.toString());
  }

  dispose(): void {
    for (const t of this.edits.values()) clearTimeout(t);
    this.edits.clear();
    this.indexer.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private edited(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (!this.indexer.statistics.has(key)) return;
    clearTimeout(this.edits.get(key));
    this.edits.set(key, setTimeout(() => {
      this.edits.delete(key);
      if (!doc.isClosed) this.indexer.setText(key, doc.getText());
    }, EDIT_SETTLE_MS));
  }
}
