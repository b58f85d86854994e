import * as vscode from 'vscode';
import type { CommandFactory } from './command';

/** Deletes downloaded models (never the bundled one), then restarts the session. */
export const clearModelCache: CommandFactory = (ctx) => async () => {
  const dir = vscode.Uri.file(ctx.session.cacheDir);
  const ok = await vscode.window.showWarningMessage(
    `Delete all downloaded models in ${dir.fsPath}? They are downloaded again when used.`,
    { modal: true },
    'Delete',
  );
  if (ok !== 'Delete') return;
  await ctx.session.stop();
  try {
    await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
    ctx.log.info(`model cache cleared: ${dir.fsPath}`);
  } catch (e) {
    if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) ctx.log.warn(`could not clear the model cache: ${String(e)}`);
  }
  await ctx.session.restart('model cache cleared');
};
