// The first completion request on a freshly opened file waits for the language server to load its
// project (measured in code-server on a busy machine: 1.2 s, three times the default budget, so the
// first completion went unguided). One throw-away request per document, when it is opened or
// becomes active, moves that wait out of the first completion.
import * as vscode from 'vscode';
import { config } from '../config';
import { isShadowUri } from './shadow-document';
import type { Logger } from '../../core/ports';

export function warmLanguageServices(log: Logger): vscode.Disposable {
  const warmed = new Set<string>();
  const warm = (doc: vscode.TextDocument | undefined): void => {
    if (!doc || doc.uri.scheme !== 'file' || isShadowUri(doc.uri)) return;
    if (!config.enabled() || !config.enabledLanguages().includes(doc.languageId)) return;
    const key = doc.uri.toString();
    if (warmed.has(key)) return;
    warmed.add(key);
    const started = Date.now();
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    void vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, end).then(
      (list) => log.debug(`language service warm for ${vscode.workspace.asRelativePath(doc.uri)}: ${list?.items.length ?? 0} items in ${Date.now() - started} ms`),
      (e) => log.debug(`language service warm-up failed for ${doc.uri.fsPath}: ${String(e)}`),
    );
  };
  warm(vscode.window.activeTextEditor?.document);
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor((e) => warm(e?.document)),
    vscode.workspace.onDidCloseTextDocument((d) => warmed.delete(d.uri.toString())),
  );
}
