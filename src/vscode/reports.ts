// Read-only virtual documents for reports (Explain, Compare): no file, never dirty, no save prompt.
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'mgd-report';

export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this);

  /** Publishes `content` under `name` (e.g. `last-completion.md`) and returns its uri. */
  put(name: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: '/' + name });
    this.contents.set(uri.path, content);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
