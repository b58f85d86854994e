// VS Code asks inline providers as the user types; a provider registered after a keystroke is asked
// at the next one. So a trigger typed right after the window opened a file, before the extension
// was active (measured in code-server: the `.` of the first line typed, with tsserver starting),
// got no ghost text until the user typed again. The same holds for a keystroke after activation
// that reached the window before the provider's registration did. So once the model and (for
// TypeScript and JavaScript) the server plugin are ready, if the active document was edited and
// VS Code has not asked the provider about it yet, the provider is asked once at the cursor.
import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';
import { PLUGIN_LANGUAGES, type TsPluginClient } from '../oracle/ts-plugin-client';

export async function askOnceForEarlyTyping(
  editor: vscode.TextEditor | undefined,
  deps: { readonly modelReady: () => Promise<unknown>; readonly tsPlugin: TsPluginClient; readonly log: Logger; readonly asked: (doc: vscode.TextDocument) => boolean },
): Promise<void> {
  if (!editor) return;
  const { document: doc } = editor;
  await deps.modelReady();
  if (PLUGIN_LANGUAGES.has(doc.languageId) && !(await deps.tsPlugin.whenReady(60_000))) return;
  // Documents open at version 1: a higher one was edited, and no completion was asked for it.
  if (doc.version <= 1 || deps.asked(doc)) return;
  const now = vscode.window.activeTextEditor;
  if (now?.document !== doc) return; // the user went on to another file
  deps.log.info('typed before the extension was ready: asking at the cursor');
  await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
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
