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
