// The extension's state and its two cleanup scopes: the extension scope (context.subscriptions,
// lives until deactivate) and the model session (restarted when mgd.model / dtype / threads change).
import * as vscode from 'vscode';
import { SuggestionMemory } from '../core/completion/suggestion-memory';
import { ModelSession } from './session';
import { ReportDocuments } from './reports';
import { StatusView } from './status';
import { ShadowPool } from './oracle/shadow-pool';
import { TsPluginClient } from './oracle/ts-plugin-client';
import { WorkspaceIndex } from './statistics/workspace-index';

/** How long an emptied shadow document waits for the next completion before it is deleted. */
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
  lastCompletion: CompletionRecord | undefined;

  constructor(
    readonly extension: vscode.ExtensionContext,
    readonly log: Log,
    start: EngineStarter,
  ) {
    this.status = new StatusView();
    this.reports = new ReportDocuments();
    this.shadows = new ShadowPool((m) => log.warn(m));
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


  pushCleanup(...d: vscode.Disposable[]): void {
    this.extension.subscriptions.push(...d);
  }
}
