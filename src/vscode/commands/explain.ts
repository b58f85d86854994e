import * as vscode from 'vscode';
import { renderExplanation } from '../../core/completion/explain-report';
import type { CommandFactory } from './command';

/** A read-only Markdown report: per token, what the model wanted, what the monitor allowed, why. */
export const explainLastCompletion: CommandFactory = (ctx) => async () => {
  const r = ctx.lastCompletion;
  if (!r) {
    void vscode.window.showInformationMessage('MGD: no completion yet in this window. Type in a TypeScript or JavaScript file first.');
    return;
  }
  const md = renderExplanation({
    file: r.file,
    line: r.line,
    character: r.character,
    languageId: r.languageId,
    modelId: r.modelId,
    monitors: r.request.monitors,
    shown: r.shown,
    result: r.result,
  });
  const uri = ctx.reports.put('last-completion.md', md);
  try {
    // The built-in Markdown extension renders the table; without it the source is still readable.
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  } catch {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }
};
