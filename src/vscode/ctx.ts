// The extension's state and its two cleanup scopes: the extension scope (context.subscriptions,
// lives until deactivate) and the model session (restarted when mgd.model / dtype / threads change).
import * as vscode from 'vscode';
import { SuggestionMemory } from '../core/completion/suggestion-memory';
import { ModelSession } from './session';
import { ReportDocuments } from './reports';
import { StatusView } from './status';
import { ShadowPool } from './oracle/shadow-pool';
import { FileLedger } from '../node/files/file-ledger';
import { TsPluginClient } from './oracle/ts-plugin-client';
import { startReaper } from '../node/files/start-reaper';
import { reaperScript } from '../node/runtime-paths';
import { WorkspaceIndex } from './statistics/workspace-index';

/** How long an emptied shadow document waits for the next completion before it is deleted. */
const SHADOW_IDLE_MS = 3000;
import type { Log } from './log';
import type { EngineStarter } from './engine';
import type { CompletionRecord } from './provider/completion-record';
import type { RememberedHow } from './provider/inline-provider';

export class Ctx {
  readonly status: StatusView;
  readonly session: ModelSession;
  readonly reports: ReportDocuments;
  readonly memory = new SuggestionMemory<RememberedHow>();
  readonly shadows: ShadowPool;
  readonly tsPlugin = new TsPluginClient();
  readonly projectIndex: WorkspaceIndex;
  readonly ledgerDir: string;
  private ledger: FileLedger | undefined;
  private stopReaper: (() => void) | undefined;
  lastCompletion: CompletionRecord | undefined;

  constructor(
    readonly extension: vscode.ExtensionContext,
    readonly log: Log,
    start: EngineStarter,
  ) {
    this.status = new StatusView();
    this.reports = new ReportDocuments();
    this.ledgerDir = vscode.Uri.joinPath(extension.globalStorageUri, 'created-files').fsPath;
    this.shadows = new ShadowPool(SHADOW_IDLE_MS, (m) => log.warn(m), vscode.Uri.joinPath(extension.globalStorageUri, 'shadows').fsPath, () => this.fileLedger());
    this.session = new ModelSession(
      start,
      {
        cacheDir: vscode.Uri.joinPath(extension.globalStorageUri, 'models').fsPath,
        bundledDir: vscode.Uri.joinPath(extension.extensionUri, 'models', 'bundled').fsPath,
      },
      log,
      this.status,
    );
    this.projectIndex = new WorkspaceIndex(log);
    this.pushCleanup(this.status, this.reports, this.shadows, this.projectIndex, { dispose: () => void this.session.stop() });
  }

  /** The ledger of files this window creates, and the reaper that deletes them if the window dies. */
  private fileLedger(): FileLedger {
    if (!this.ledger) {
      this.ledger = new FileLedger(this.ledgerDir);
      try {
        this.stopReaper = startReaper(reaperScript(), this.ledger.file);
      } catch (e) {
        this.log.warn(`no reaper for shadow files (the next start sweeps them): ${String(e)}`);
      }
    }
    return this.ledger;
  }

  /** After the shadows are drained: nothing is left to reap. */
  closeLedger(): void {
    if (this.ledger && this.ledger.entries().length === 0) this.ledger.close();
    this.stopReaper?.();
    this.stopReaper = undefined;
  }

  pushCleanup(...d: vscode.Disposable[]): void {
    this.extension.subscriptions.push(...d);
  }
}
