import * as vscode from 'vscode';
import type { CommandFactory } from './command';

/** Asks for ghost text now, without the debounce; says why when no model runs. */
export const triggerCompletion: CommandFactory = (ctx) => async () => {
  if (!vscode.window.activeTextEditor) {
    void vscode.window.showInformationMessage('MGD: open a file and place the cursor where the completion should go.');
    return;
  }
  if (!ctx.session.current && ctx.status.current !== 'loading') {
    void vscode.window.showWarningMessage(`MGD: no model is running (${ctx.status.current}). See the log for why.`, 'Show Log').then((p) => p && ctx.log.show());
    return;
  }
  await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
};
