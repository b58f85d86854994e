// A completion started at the keystroke instead of when VS Code asks for it. VS Code waits 50 ms
// after the last keystroke before it calls an inline provider, and on a busy machine longer
// (bench:ghost: 65–244 ms from keydown to the call); the model and the language service can work
// in that time. The provider takes the started completion when it asks about the same document
// version, cursor and settings; anything else cancels it (the model runs one request at a time,
// so a started completion nobody takes must not hold it).
import * as vscode from 'vscode';
import { config } from '../config';
import { inputSkip } from '../../core/completion/input-limits';
import type { CompleteRequest } from '../../core/completion/request';
import { isShadowUri } from '../oracle/shadow-document';
import { cursorContext, lineSkip, requestAt, type CursorContext } from './cursor-context';
import type { Engine } from '../engine';
import type { Generated } from './generate';

export interface Started {
  readonly generated: Promise<Generated>;
  readonly cancel: () => void;
}

export interface EarlyStartDeps {
  /** The engine when the model is ready now; an early start never waits for a model to load. */
  readonly current: () => Engine | undefined;
  /** Whether the provider would reuse an earlier suggestion here (then nothing is generated). */
  readonly remembered: (doc: vscode.TextDocument, at: CursorContext) => boolean;
  readonly run: (engine: Engine, doc: vscode.TextDocument, at: CursorContext, req: CompleteRequest, signal: AbortSignal) => Promise<Generated>;
}

/** What a started completion must match: the same text (document version), cursor and settings. */
export function startKey(doc: vscode.TextDocument, offset: number, req: CompleteRequest): string {
  const { prefix: _prefix, suffix: _suffix, ...settings } = req;
  return `${doc.uri.toString()}@${doc.version}:${offset}:${JSON.stringify(settings)}`;
}

export class EarlyStart implements vscode.Disposable {
  private pending: { key: string; abort: AbortController; generated: Promise<Generated> } | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: EarlyStartDeps) {
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => this.edited(e));
  }

  /** The completion started for exactly `key`, now the caller's; any other is cancelled. */
  take(key: string): Started | undefined {
    const p = this.pending;
    this.pending = undefined;
    if (!p) return undefined;
    if (p.key === key && !p.abort.signal.aborted) return { generated: p.generated, cancel: () => p.abort.abort() };
    p.abort.abort();
    return undefined;
  }

  dispose(): void {
    this.take('');
    this.subscription.dispose();
  }

  private edited(e: vscode.TextDocumentChangeEvent): void {
    const doc = e.document;
    // Another document (the log's own output channel, a file changed on disk) or no change of the
    // text (a save): nothing to do with what was started.
    if (vscode.window.activeTextEditor?.document !== doc || e.contentChanges.length === 0) return;
    // Whatever was started belongs to a text that is gone.
    this.take('');
    if (e.contentChanges.length !== 1) return;
    const change = e.contentChanges[0]!;
    // One typed character: not a paste, not Enter (its indentation comes as a second edit), not an
    // auto-closed pair (the cursor is then inside it, not after the change).
    if (change.text.length !== 1 || change.text === '\n' || change.rangeLength !== 0) return;
    if (isShadowUri(doc.uri) || !config.enabled() || !config.enabledLanguages().includes(doc.languageId)) return;
    // A wait of the user's own: the provider starts later than the keystroke anyway.
    if (config.debounceMs(doc) > 0) return;
    if (opensSuggestList(doc, change.text)) return;
    const engine = this.deps.current();
    if (!engine) return;
    const position = doc.positionAt(change.rangeOffset + 1);
    if (lineSkip(doc, position)) return;
    const at = cursorContext(doc, position, undefined);
    if (inputSkip(at.text, at.lineLength) || this.deps.remembered(doc, at)) return;
    const req = requestAt(doc, at);
    const abort = new AbortController();
    const generated = this.deps.run(engine, doc, at, req, abort.signal);
    // Its taker sees a failure; one nobody takes fails unobserved.
    generated.catch(() => undefined);
    this.pending = { key: startKey(doc, at.offset, req), abort, generated };
  }
}

/**
 * VS Code opens the suggest list after a trigger character (`.`) by default, and then asks for
 * ghost text that extends the list's selected item: a completion started without it would be
 * thrown away.
 */
function opensSuggestList(doc: vscode.TextDocument, typed: string): boolean {
  return typed === '.' && vscode.workspace.getConfiguration('editor', doc).get('suggestOnTriggerCharacters') !== false;
}
