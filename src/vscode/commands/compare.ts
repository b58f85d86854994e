import * as vscode from 'vscode';
import { requestFor } from '../../core/completion/request';
import { postprocess } from '../../core/completion/postprocess';
import { completionSettings } from '../config';
import { generate } from '../provider/generate';
import type { CommandFactory } from './command';
import type { EngineRequest } from '../engine';

/** The cursor position completed with the configured monitors and with none, shown as a diff. */
export const compareWithMonitorsOff: CommandFactory = (ctx) => async () => {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('MGD: place the cursor in a file where a completion should go, then run Compare again.');
    return;
  }
  const engine = await ctx.session.ready();
  if (!engine) {
    void vscode.window.showWarningMessage(`MGD: no model is running (${ctx.status.current}).`, 'Show Log').then((p) => p && ctx.log.show());
    return;
  }
  const doc = editor.document;
  const position = editor.selection.active;
  const offset = doc.offsetAt(position);
  // The whole document (the diff shows it whole): one command, not a request per keystroke.
  const text = doc.getText();
  const base: EngineRequest = requestFor(completionSettings(doc), { text, languageId: doc.languageId }, offset);
  const { prefix, suffix, mode, monitors } = base;
  const run = async (req: EngineRequest): Promise<string> => {
    const { result } = await generate(engine, doc, { cursor: offset, window: { start: 0, end: text.length } }, req, { log: ctx.log, shadows: ctx.shadows, tsPlugin: ctx.tsPlugin, projectIndex: ctx.projectIndex }, new AbortController().signal);
    if (result.stopReason === 'error') throw new Error(result.error ?? 'generation failed');
    const shown = postprocess(result.text, { prefix, suffix, mode });
    ctx.log.withCode('info', `compare: monitors=${req.monitors.join(',') || 'none'}, guided=${result.guided}`, `text=${JSON.stringify(shown)}`);
    return shown;
  };
  try {
    const [on, off] = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'MGD: completing with and without monitors' },
      async () => [await run(base), await run({ ...base, monitors: [] })] as const,
    );
    // Same file name on both sides so the language's highlighting applies.
    const name = doc.uri.path.slice(doc.uri.path.lastIndexOf('/') + 1);
    const left = ctx.reports.put(`monitors-off/${name}`, prefix + off + suffix);
    const right = ctx.reports.put(`monitors-on/${name}`, prefix + on + suffix);
    await vscode.commands.executeCommand('vscode.diff', left, right, `${name}: monitors off ↔ on (${monitors.join(', ') || 'none configured'})`, {
      preview: true,
      selection: new vscode.Range(position, position),
    });
  } catch (e) {
    ctx.log.error(`compare failed: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage(`MGD: compare failed: ${e instanceof Error ? e.message : String(e)}`, 'Show Log').then((p) => p && ctx.log.show());
  }
};
