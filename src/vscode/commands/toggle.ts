import * as vscode from 'vscode';
import type { CommandFactory } from './command';

// The value is written where it currently takes effect: a workspace value would otherwise
// override a global one and the command would seem to do nothing.
async function setEnabled(on: boolean): Promise<void> {
  const c = vscode.workspace.getConfiguration('mgd');
  const where = c.inspect('enable');
  const target = where?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await c.update('enable', on, target);
}

export const enable: CommandFactory = () => () => setEnabled(true);

export const disable: CommandFactory = () => () => setEnabled(false);

export const showLog: CommandFactory = (ctx) => () => ctx.log.show();

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
