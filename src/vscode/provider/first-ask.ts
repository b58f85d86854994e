// VS Code asks inline providers as the user types; a provider registered after a keystroke is asked
// at the next one. So a trigger typed right after the window opened a file, before the extension
// was active (measured in code-server: the `.` of the first line typed, with tsserver starting),
// got no ghost text until the user typed again. When the active document was already edited at
// activation, the provider is asked once more at the cursor, when the model and (for TypeScript
// and JavaScript) the server plugin are ready, unless the user has typed or moved since.
import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';
import { PLUGIN_LANGUAGES, type TsPluginClient } from '../oracle/ts-plugin-client';

export async function askOnceForEarlyTyping(
  editor: vscode.TextEditor | undefined,
  deps: { readonly modelReady: () => Promise<unknown>; readonly tsPlugin: TsPluginClient; readonly log: Logger },
): Promise<void> {
  // Documents open at version 1; a higher one was edited before the provider existed.
  if (!editor || editor.document.version <= 1) return;
  const { document: doc } = editor;
  const version = doc.version;
  const position = editor.selection.active;
  await deps.modelReady();
  if (PLUGIN_LANGUAGES.has(doc.languageId) && !(await deps.tsPlugin.whenReady(60_000))) return;
  await askAgainIfUnmoved(doc, version, position, () => deps.log.info('typed before the extension was ready: asking at the cursor'));
}

/**
 * Asks VS Code for inline suggestions at the cursor, if the cursor is still at `position` in `doc`
 * at `version` (the user has not typed or moved since); `said` logs why, just before.
 */
export async function askAgainIfUnmoved(doc: vscode.TextDocument, version: number, position: vscode.Position, said: () => void): Promise<void> {
  const now = vscode.window.activeTextEditor;
  if (now?.document !== doc || doc.version !== version || !now.selection.active.isEqual(position)) return;
  said();
  await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
}
