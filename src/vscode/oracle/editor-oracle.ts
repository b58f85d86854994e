// The monitor's oracle: the editor's own language services. TypeScript and JavaScript files ask the
// extension's tsserver plugin, which answers over the document plus the generated text without any
// file (ts-plugin-client.ts). Other languages go through `vscode.execute*Provider`: the first trigger
// at the user's cursor asks the real document; triggers inside generated text ask a shadow document
// holding prefix + generated + suffix. The user's document is never edited.
import * as vscode from 'vscode';
import type { Around, CompletionAnswer, LanguageOracle, OracleAnswer, OracleQuery, SignatureAnswer } from '../../core/ports';
import type { Log } from '../log';
import { answered, noAnswer, timedOut } from '../../core/oracle/query';
import { oracleDocument } from '../../core/oracle/document';
import type { ShadowLease, ShadowPool } from './shadow-pool';
import type { Target } from './target';
import { toCompletionAnswer, toSignatureAnswer } from './completion-answer';
import { caseLabels } from './case-labels';
import { objectKeys } from './object-keys';
import { importSpecifiers } from './import-specifiers';
import { within } from './within';
import type { TsPluginClient } from './ts-plugin-client';
import { MAX_SHADOW_CHARS, oracleRoute, type OracleRoute } from './oracle-route';
import type { TextWindow } from '../../core/completion/input-limits';

export interface EditorOracleOptions {
  /** Longest wait for one answer; past it the step goes unguided. */
  readonly timeoutMs: number;
  readonly log: Log;
  readonly shadows: ShadowPool;
  readonly tsPlugin: TsPluginClient;
  /** The span of the document the request's prefix and suffix were read from; the whole document when absent. */
  readonly window?: TextWindow;
}

export interface OracleStats {
  calls: number;
  totalMs: number;
  timeouts: number;
  /** Questions the TypeScript server could not take yet (starting up): unguided steps, not failures. */
  notReady: number;
  shadowUsed: boolean;
}

export class EditorOracle implements LanguageOracle {
  readonly stats: OracleStats = { calls: 0, totalMs: 0, timeouts: 0, notReady: 0, shadowUsed: false };
  private shadow: Promise<ShadowLease> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  /** `cursorOffset` and `version` pin the real document as it was when the completion started. */
  constructor(
    private readonly doc: vscode.TextDocument,
    private readonly cursorOffset: number,
    private readonly version: number,
    private readonly opts: EditorOracleOptions,
  ) {
    this.documentLength = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    this.window = opts.window ?? { start: 0, end: this.documentLength };
    this.route = oracleRoute({ scheme: doc.uri.scheme, languageId: doc.languageId, length: this.documentLength });
  }

  /** The document's length when the completion started: the plugin refuses a question about another text. */
  private readonly documentLength: number;
  private readonly window: TextWindow;
  private readonly route: OracleRoute;

  answer(q: OracleQuery, around: Around): Promise<OracleAnswer> {
    if (this.route === 'plugin') return this.askPlugin(q, around);
    switch (q.kind) {
      case 'signature': return this.ask(q, around, (t, deadline) => this.signatureHelp(t, q, deadline));
      case 'caseLabels': return this.ask(q, around, (t, deadline) => caseLabels(t, q, deadline));
      case 'objectKeys': return this.ask(q, around, (t, deadline) => objectKeys(t, q, deadline));
      case 'importSpecifiers': return this.ask(q, around, (t, deadline) => importSpecifiers(t, q, deadline));
      case 'members':
      case 'constructibleNames': return this.ask(q, around, (t, deadline) => this.completions(t, q, deadline));
    }
  }

  private async completions(t: Target, q: OracleQuery, deadline: number): Promise<CompletionAnswer | undefined> {
    const trigger = q.triggerCharacter;
    const call = (): Thenable<vscode.CompletionList> =>
      vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', t.uri, t.position, trigger && /[.:<"'/@#(,]/.test(trigger) ? trigger : undefined);
    let answer = toCompletionAnswer(await within(call(), deadline - Date.now(), q.signal));
    // While the TypeScript server loads a fresh file it answers with words only; the next
    // request (measured) gets the real members. Two retries at most, within the budget.
    for (let retry = 0; retry < 2 && answer && !answer.semantic && deadline - Date.now() > 30; retry++) {
      await sleep(Math.min(40, deadline - Date.now() - 20));
      answer = toCompletionAnswer(await within(call(), deadline - Date.now(), q.signal));
    }
    return answer;
  }

  private async signatureHelp(t: Target, q: OracleQuery, deadline: number): Promise<SignatureAnswer | undefined> {
    const trigger = q.triggerCharacter;
    const help = await within(
      vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', t.uri, t.position, trigger === '(' || trigger === ',' ? trigger : undefined),
      deadline - Date.now(),
      q.signal,
    );
    return toSignatureAnswer(help);
  }

  /**
   * Creates the shadow document now, holding the document as it is, so that the language service
   * has loaded it by the time generated text needs it (measured: a cold shadow's first answer
   * took over 400 ms, later ones 15-60 ms). Runs while the model generates.
   */
  warm(): void {
    if (this.shadow || this.disposed || this.route !== 'editor') return;
    const started = Date.now();
    const text = this.doc.getText();
    this.shadow = this.opts.shadows.acquire(this.doc).then(async (lease) => {
      await lease.setText(text).catch(async (e) => {
        await lease.release();
        throw e;
      });
      this.opts.log.debug(`shadow document ready in ${Date.now() - started} ms`);
      return lease;
    });
    this.shadow.catch((e) => this.opts.log.warn(`shadow document could not be created: ${e instanceof Error ? e.message : String(e)}`));
  }

  /**
   * Hands the shadow back to the pool, emptied, without waiting for a question still in flight
   * (its answer is discarded): the next completion, usually one keystroke later, can then reuse
   * the loaded shadow instead of making a new one.
   */
  async dispose(): Promise<void> {
    this.disposed = true;
    const s = this.shadow;
    this.shadow = undefined;
    if (s) await (await s.catch(() => undefined))?.release();
  }

  private async askPlugin(q: OracleQuery, around: Around): Promise<OracleAnswer> {
    if (this.disposed || q.signal?.aborted) return noAnswer('cancelled');
    const started = Date.now();
    const what = q.kind;
    try {
      const r = await this.opts.tsPlugin.ask(
        { file: this.doc.uri.fsPath, documentLength: this.documentLength, kind: q.kind, triggerCharacter: q.triggerCharacter, ...this.splice(q, around) },
        this.opts.timeoutMs,
        q.signal,
      );
      const ms = Date.now() - started;
      if (r.status === 'answered') {
        const value = r.completion ?? r.signature;
        this.opts.log.withCode('debug', `oracle ${what} (TypeScript plugin): ${describe(value)} in ${ms} ms (${r.ms} ms in tsserver: project ${r.graphMs ?? '?'}, overlay program ${r.programMs ?? '?'})`, namesOf(value));
        return value ? answered(value) : noAnswer('the plugin answered nothing');
      }
      if (r.status === 'no-answer') {
        this.opts.log.withCode('debug', `oracle ${what} (TypeScript plugin): no answer, ${r.reason}`, r.detail ?? '');
        return noAnswer(r.reason);
      }
      if (r.status === 'not-ready') {
        this.stats.notReady++;
        this.opts.log.info(`language service warming up (${r.reason}): step unguided`);
        return noAnswer(`language service warming up (${r.reason})`);
      }
      if (q.signal?.aborted) return noAnswer('cancelled');
      this.stats.timeouts++;
      this.opts.log.warn(`oracle ${what} took over ${this.opts.timeoutMs} ms: step unguided`);
      return timedOut(`no answer within ${this.opts.timeoutMs} ms`);
    } finally {
      this.stats.calls++;
      this.stats.totalMs += Date.now() - started;
    }
  }

  /**
   * Where the query's text leaves the document: usually at the cursor, with the generated text
   * inserted; with a suggest item selected, the item's text replaces the word it covers and
   * travels with the generated text.
   */
  private splice(q: OracleQuery, around: Around): { offset: number; generated: string; replaceLength: number } {
    const w = this.window;
    if (around.prefix.length + around.suffix.length === w.end - w.start) return { offset: w.start + around.prefix.length, generated: q.generated, replaceLength: 0 };
    const text = this.windowText();
    let start = 0;
    const max = Math.min(around.prefix.length, text.length);
    while (start < max && around.prefix.charCodeAt(start) === text.charCodeAt(start)) start++;
    const end = Math.max(start, text.length - around.suffix.length);
    return { offset: w.start + start, generated: around.prefix.slice(start) + q.generated, replaceLength: end - start };
  }

  private windowText(): string {
    const w = this.window;
    return this.doc.getText(new vscode.Range(this.doc.positionAt(w.start), this.doc.positionAt(w.end)));
  }

  private ask(q: OracleQuery, around: Around, run: (t: Target, deadline: number) => Promise<CompletionAnswer | SignatureAnswer | undefined>): Promise<OracleAnswer> {
    const what = q.kind;
    // Queries share one shadow document, so they run one after another.
    const next = this.queue.then(async (): Promise<OracleAnswer> => {
      if (this.disposed || q.signal?.aborted) return noAnswer('cancelled');
      const started = Date.now();
      const deadline = started + this.opts.timeoutMs;
      try {
        // Making or editing the shadow is editor work that cannot be cancelled: the wait for it is
        // bounded by the question's deadline like the language service's answer.
        const got = await within(this.target(q, around).then((t) => ({ t }), (e: unknown) => ({ e })), deadline - Date.now(), q.signal);
        if (!got) {
          if (q.signal?.aborted) return noAnswer('cancelled');
          this.stats.timeouts++;
          this.opts.log.warn(`oracle ${what}: the shadow document was not ready within ${this.opts.timeoutMs} ms: step unguided`);
          return timedOut(`no shadow document within ${this.opts.timeoutMs} ms`);
        }
        if ('e' in got) throw got.e;
        const target = got.t;
        if (!target) return noAnswer(this.noShadowReason());
        const r = await run(target, deadline);
        const names = namesOf(r);
        this.opts.log.withCode('debug', `oracle ${what} on the ${target.real ? 'real' : 'shadow'} document: ${describe(r)} in ${Date.now() - started} ms`, `after ${JSON.stringify(q.generated.slice(-12))}${names ? `, ${names}` : ''}`);
        // Generated text will likely need the shadow next. Loading it during this query would
        // compete with it in the language server (measured: both then missed a 400 ms budget).
        if (target.real) this.warm();
        if (r === undefined && Date.now() >= deadline) {
          this.stats.timeouts++;
          this.opts.log.warn(`oracle ${what} took over ${this.opts.timeoutMs} ms: step unguided`);
          return timedOut(`no answer within ${this.opts.timeoutMs} ms`);
        }
        return r === undefined ? noAnswer(what === 'signature' ? 'no signature here' : 'no answer') : answered(r);
      } catch (e) {
        this.opts.log.warn(`oracle ${what} failed: ${e instanceof Error ? e.message : String(e)}`);
        return noAnswer(`oracle failed: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        this.stats.calls++;
        this.stats.totalMs += Date.now() - started;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async target(q: OracleQuery, around: Around): Promise<Target | undefined> {
    const doc = oracleDocument(around, q.generated);
    const onRealCursor = q.generated === '' && this.doc.version === this.version && this.window.start + around.prefix.length === this.cursorOffset;
    if (onRealCursor) return { uri: this.doc.uri, position: this.doc.positionAt(this.cursorOffset), doc, real: true };
    if (this.route !== 'editor') {
      this.opts.log.debug(`${this.noShadowReason()}; step unguided`);
      return undefined;
    }
    if (!this.shadow) this.warm();
    const lease = await this.shadow!;
    this.stats.shadowUsed = true;
    // The shadow holds the whole document: what lies outside the request's window around it.
    const head = this.window.start > 0 ? this.doc.getText(new vscode.Range(new vscode.Position(0, 0), this.doc.positionAt(this.window.start))) : '';
    const tail = this.window.end < this.documentLength ? this.doc.getText(new vscode.Range(this.doc.positionAt(this.window.end), this.doc.positionAt(this.documentLength))) : '';
    const shadow = await lease.setText(head + doc.text + tail);
    return { uri: lease.uri, position: shadow.positionAt(head.length + doc.offset), doc };
  }

  private noShadowReason(): string {
    return `no shadow document for a document over ${MAX_SHADOW_CHARS / (1024 * 1024)} MB`;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

/** What an answer amounts to, in figures (names are the project's code: see `namesOf`). */
function describe(r: unknown): string {
  if (r === undefined) return 'no answer';
  if (typeof r === 'object' && r !== null && 'names' in r) {
    const a = r as CompletionAnswer;
    return `${a.names.length} names${a.semantic ? '' : ' (word-based, not used)'}`;
  }
  return JSON.stringify(r);
}

/** The first names of an answer, for a trace line; '' when it has none. */
function namesOf(r: unknown): string {
  if (typeof r !== 'object' || r === null || !('names' in r)) return '';
  const a = r as CompletionAnswer;
  return a.names.length ? `names: ${a.names.slice(0, 5).map((n) => n.name).join(', ')}${a.names.length > 5 ? ', ...' : ''}` : '';
}
