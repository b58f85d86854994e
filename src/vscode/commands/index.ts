import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { CommandFactory } from './command';
import { disable, enable } from './toggle';
import { showLog } from './show-log';
import { triggerCompletion } from './trigger';
import { selectModel } from './select-model';
import { clearModelCache } from './clear-cache';
import { explainLastCompletion } from './explain';
import { compareWithMonitorsOff } from './compare';

const COMMANDS: Record<string, CommandFactory> = {
  'mgd.enable': enable,
  'mgd.disable': disable,
  'mgd.selectModel': selectModel,
  'mgd.triggerCompletion': triggerCompletion,
  'mgd.showLog': showLog,
  'mgd.explainLastCompletion': explainLastCompletion,
  'mgd.compareWithMonitorsOff': compareWithMonitorsOff,
  'mgd.clearModelCache': clearModelCache,
};

export function registerCommands(ctx: Ctx): void {
  for (const [id, factory] of Object.entries(COMMANDS)) {
    ctx.pushCleanup(vscode.commands.registerCommand(id, factory(ctx)));
  }
}
