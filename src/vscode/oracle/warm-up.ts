// The first completion request on a freshly opened file waits for the language server to load its
// project (measured in code-server on a busy machine: 1.2 s, three times the default budget, so the
// first completion went unguided). When a file becomes visible: for TypeScript and JavaScript, the
// plugin is pinged until it answers (the ping itself starts tsserver), then prepares the file's
// first answer; for other languages one throw-away completion request per document moves that wait
// out of the first completion.
import * as vscode from 'vscode';
import { config } from '../config';
import { isShadowUri } from './shadow-document';
import type { Logger } from '../../core/ports';
import { PLUGIN_LANGUAGES, type TsPluginClient } from './ts-plugin-client';

export function warmLanguageServices(log: Logger, plugin: TsPluginClient): vscode.Disposable {
  const warmed = new Set<string>();
  let pluginWarming = false;
  const warm = (doc: vscode.TextDocument | undefined): void => {
    if (!doc || doc.uri.scheme !== 'file' || isShadowUri(doc.uri)) return;
    if (!config.enabled() || !config.enabledLanguages().includes(doc.languageId)) return;
    const key = doc.uri.toString();
    if (PLUGIN_LANGUAGES.has(doc.languageId)) {
      if (!plugin.ready && !pluginWarming) {
        pluginWarming = true;
        log.info('TypeScript language service warming up');
        void plugin.warmUp().then((up) => {
          pluginWarming = false;
          if (up === undefined) log.warn('the TypeScript server plugin did not answer within 60 s: TypeScript questions go unguided until it does');
          else log.info(`TypeScript language service ready (plugin answered after ${up.ms} ms, TypeScript ${up.typescript})`);
        });
      }
      if (warmed.has(key)) return;
      warmed.add(key);
      void plugin.whenReady(60_000).then(async (ready) => {
        const r = ready ? await plugin.warmFile(doc.uri.fsPath) : undefined;
        if (r?.warmed) log.debug(`TypeScript answers prepared for ${vscode.workspace.asRelativePath(doc.uri)} in ${r.ms} ms`);
        else log.debug(`TypeScript answers not prepared for ${vscode.workspace.asRelativePath(doc.uri)}: ${r?.reason ?? 'tsserver did not answer'}`);
      });
      return;
    }
    if (warmed.has(key)) return;
    warmed.add(key);
    const started = Date.now();
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    void vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, end).then(
      (list) => log.debug(`language service warm for ${vscode.workspace.asRelativePath(doc.uri)}: ${list?.items.length ?? 0} items in ${Date.now() - started} ms`),
      (e) => log.debug(`language service warm-up failed for ${doc.uri.fsPath}: ${String(e)}`),
    );
  };
  vscode.window.visibleTextEditors.forEach((e) => warm(e.document));
  return vscode.Disposable.from(
    vscode.window.onDidChangeVisibleTextEditors((es) => es.forEach((e) => warm(e.document))),
    vscode.workspace.onDidCloseTextDocument((d) => warmed.delete(d.uri.toString())),
  );
}
