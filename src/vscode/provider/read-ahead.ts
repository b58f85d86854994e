// While the user reads, the model reads too. When the cursor has rested a moment in a file of an
// enabled language and the model is idle, the prompt a completion there would start with is run
// through the model, generating nothing: its KV cache then holds the file up to the cursor, and the
// first completion pays for what was typed since instead of a prefill of the whole file (a 0.5B
// model on two cores: seconds for 1,500 tokens, against tens of milliseconds for a keystroke;
// bench:model). A completion asked for meanwhile cancels it (the newest request wins) and keeps
// what was already read. Only navigation starts it (a file shown, a click, a jump by a command):
// while the user types, the completions themselves keep the cache current, and a read between two
// keystrokes measured slower ghost text in code-server.
import * as vscode from 'vscode';
import { config, modelServes } from '../config';
import { inputSkip } from '../../core/completion/input-limits';
import { READ_AHEAD_REST_MS } from '../../core/completion/debounce';
import { noAnswer } from '../../core/oracle/query';
import type { LanguageOracle } from '../../core/ports';
import { isShadowUri } from '../oracle/shadow-document';
import { cursorContext, requestAt } from './cursor-context';
import type { ModelSession } from '../session';
import type { Log } from '../log';

const asksNothing: LanguageOracle = { answer: async () => noAnswer('reading ahead generates nothing') };

export function readAhead(session: Pick<ModelSession, 'current' | 'ready'>, log: Log): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waitingForModel = false;
  /** Document, version and cursor last read to: resting there again costs nothing. */
  let readTo = '';

  const run = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !config.enabled() || !config.readAhead()) return;
    const doc = editor.document;
    if (!modelServes(doc) || isShadowUri(doc.uri)) return;
    const engine = session.current;
    if (!engine) {
      // Still loading: read ahead once it is there, wherever the cursor rests then.
      if (!waitingForModel) {
        waitingForModel = true;
        void session.ready().then((e) => {
          waitingForModel = false;
          if (e) schedule();
        });
      }
      return;
    }
    // Never in the way of a completion (a request would cancel it).
    if (engine.outstanding > 0) return;
    const position = editor.selection.active;
    const key = `${doc.uri.toString()}#${doc.version}@${doc.offsetAt(position)}`;
    if (key === readTo) return;
    readTo = key;
    const at = cursorContext(doc, position);
    if (inputSkip(at.text, at.lineLength)) return;
    // No monitors: they shape the generated tokens, not the prompt, and nothing is generated.
    const req = { ...requestAt(doc, at), monitors: [], prefillOnly: true };
    const t = performance.now();
    const r = await engine.complete(req, asksNothing);
    log.debug(`read ahead to line ${position.line + 1} of ${vscode.workspace.asRelativePath(doc.uri)}: ${r.stopReason === 'maxTokens' ? 'done' : r.stopReason} in ${Math.round(performance.now() - t)} ms (prompt ${Math.round(r.timings.promptMs)} ms)`);
  };

  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void run().catch((e) => log.debug(`read ahead failed: ${e instanceof Error ? e.message : String(e)}`)), READ_AHEAD_REST_MS);
  };

  schedule();
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(schedule),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.kind === vscode.TextEditorSelectionChangeKind.Mouse || e.kind === vscode.TextEditorSelectionChangeKind.Command) schedule();
      else clearTimeout(timer); // typing, arrow keys, edits: the completions keep up
    }),
    { dispose: () => clearTimeout(timer) },
  );
}
