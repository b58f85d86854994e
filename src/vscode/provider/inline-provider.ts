// Ghost text as a pipeline of named stages: prefilter → reuse (typing through) → debounce →
// prompt request → generate → post-process. Every early return logs its reason.
import * as vscode from 'vscode';
import { config } from '../config';
import { inputSkip } from '../../core/completion/input-limits';
import { ghostText, type Shown } from '../../core/completion/ghost-text';
import { Debouncer } from '../../core/completion/debounce';
import { SuggestionMemory } from '../../core/completion/suggestion-memory';
import { blockedCount, tokensPerSecond } from '../../core/completion/explain-report';
import { isShadowUri } from '../oracle/shadow-document';
import { generate, type Generated } from './generate';
import { staleReason } from './stale';
import type { SkipReason } from './reasons';
import type { CompletionRecord } from './completion-record';
import type { Engine, EngineRequest, EngineResult } from '../engine';
import { cursorContext, lineSkip, requestAt, type CursorContext } from './cursor-context';
import type { ModelSession } from '../session';
import type { ShadowPool } from '../oracle/shadow-pool';
import { PLUGIN_LANGUAGES, type TsPluginClient } from '../oracle/ts-plugin-client';
import type { WorkspaceIndex } from '../statistics/workspace-index';
import type { Log } from '../log';
import type { StatusView } from '../status';
import { askAgainIfUnmoved } from './first-ask';
import { startKey, type EarlyStart } from './early-start';


/** How a remembered suggestion was made, for the log line of a reuse. */
export interface RememberedHow {
  guided: boolean;
  monitors: readonly string[];
}

export interface ProviderDeps {
  readonly session: ModelSession;
  readonly log: Log;
  readonly status: StatusView;
  readonly memory: SuggestionMemory<RememberedHow>;
  readonly shadows: ShadowPool;
  readonly tsPlugin: TsPluginClient;
  readonly projectIndex?: WorkspaceIndex;
  /** Completions started at the keystroke, before VS Code asks. */
  readonly early?: EarlyStart;
  onCompletion(record: CompletionRecord): void;
}

/** Pause before asking again when the language service did not answer at the cursor. */
const RETRY_PAUSE_MS = 150;
/** The first ghost text after opening a file should be on screen within 1.5 s: retries stop there. */
const RETRY_BUDGET_MS = 1500;
/** Before asking once more at a place where a ready language service was still too slow to answer. */
const SLOW_SERVICE_PAUSE_MS = 300;

export class InlineProvider implements vscode.InlineCompletionItemProvider {
  /** The place last asked again after the language service did not answer there. */
  private retriggeredAt: string | undefined;
  private readonly debouncer = new Debouncer();
  /** Waits between retries; a newer request supersedes an older one's wait. */
  private readonly pause = new Debouncer();

  /** Documents VS Code has asked about since activation. */
  readonly askedAbout = new WeakSet<vscode.TextDocument>();

  constructor(private readonly deps: ProviderDeps) {}

  async provideInlineCompletionItems(
    doc: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const { log, session, memory } = this.deps;
    const invoked = performance.now();
    // Wall clock as well: the keystroke-to-ghost-text benchmark places the call between the page's keydown and paint.
    const invokedAt = Date.now();
    this.askedAbout.add(doc);
    // `code`: a part that holds the user's code, logged only at trace.
    const skip = (reason: SkipReason, detail = '', code = ''): undefined => {
      log.withCode('info', `skip: ${reason}${detail ? ` (${detail})` : ''} at ${vscode.workspace.asRelativePath(doc.uri)}:${position.line + 1}:${position.character + 1}`, code);
      return undefined;
    };
    const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;

    // prefilter
    if (isShadowUri(doc.uri)) return undefined; // our own scratch file: never complete, never log
    if (!config.enabled()) return skip('DISABLED');
    if (!config.enabledLanguages().includes(doc.languageId)) return skip('LANGUAGE_NOT_ENABLED', doc.languageId);
    const version = doc.version;
    const at = cursorContext(doc, position, context.selectedCompletionInfo);
    const unfit = inputSkip(at.text, at.lineLength);
    if (unfit) return skip(unfit);
    if (!explicit) {
      const why = lineSkip(doc, position);
      if (why) return skip(why);
    }

    // reuse: typing along a suggestion keeps showing its rest without a new generation; checked
    // before the debounce so that typing through stays instant
    const reused = this.reuse(doc, at);
    if (reused) return [reused];

    // debounce
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      if (!explicit) {
        const waited = await this.debouncer.wait(config.debounceMs(doc), abort.signal);
        if (waited === 'cancelled') return skip('DEBOUNCE_CANCELLED');
        if (waited === 'superseded') return skip('DEBOUNCE_SUPERSEDED');
      }
      const debounced = performance.now();
      await session.ensureStarted(`a completion was requested in ${doc.languageId}`);
      const engine = await session.ready();
      if (!engine) return skip('MODEL_NOT_READY', this.deps.status.current);
      if (token.isCancellationRequested) return skip('CANCELLED_BEFORE_GENERATION');

      // prompt request (the engine fits prefix and suffix windows into the model's context)
      const req: EngineRequest = requestAt(doc, at);

      // A completion started at the keystroke for this very request is taken over; any other is
      // cancelled (with the suggest list open the request starts from its selected item).
      const early = this.deps.early?.take(at.selected ? '' : startKey(doc, at.offset, req));
      if (early) abort.signal.addEventListener('abort', early.cancel, { once: true });

      // generate; a trigger the language service could not answer yet (it is usually still
      // loading the file) is asked again within the retry budget instead of showing a guess
      const started = Date.now();
      const requested = performance.now();
      let generated;
      let view: Shown;
      let gateMs = 0;
      let attempts = 0;
      for (let attempt = 1; ; attempt++) {
        attempts = attempt;
        this.deps.status.set('generating');
        try {
          generated = early && attempt === 1
            ? await early.generated
            : await this.run(engine, doc, at, req, abort.signal);
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          log.error(`generation failed: ${msg}`);
          return skip('GENERATION_ERROR', msg);
        } finally {
          this.restoreStatus();
        }
        const { result } = generated;
        if (result.stopReason === 'error') {
          log.error(`generation failed: ${result.error ?? 'unknown error'}`);
          return skip('GENERATION_ERROR', result.error ?? '');
        }
        // The user typed on while the model worked: its answer belongs to a text that is gone.
        const stale = staleReason({ stopReason: result.stopReason, cancelled: token.isCancellationRequested, versionAsked: version, versionNow: doc.version });
        if (stale) return skip(stale);
        const tg = performance.now();
        view = ghostText(result, at, { mode: req.mode, monitorsOn: req.monitors.length > 0, threshold: config.displayThreshold(doc) });
        gateMs = performance.now() - tg;
        if (!view.decision.retry || Date.now() - started + RETRY_PAUSE_MS > RETRY_BUDGET_MS) break;
        log.info(`the language service did not answer at the cursor (attempt ${attempt}): asking again in ${RETRY_PAUSE_MS} ms`);
        if ((await this.pause.wait(RETRY_PAUSE_MS, abort.signal)) !== 'ready') return skip('CANCELLED_DURING_GENERATION');
      }
      const { result, oracleMs } = generated;

      // With every monitor switched off nothing guided the completion, whatever the engine says
      // (its flag only reports oracle failures).
      const guided = req.monitors.length > 0 && result.guided;
      const shown = view.shown;
      const d = view.decision;
      log.withCode('info', `completion: ${result.timings.tokens} tokens, guided=${guided}, monitors=${req.monitors.join(',') || 'none'}`, `text=${JSON.stringify(shown)}`);
      log.info(timingLine({ debounced: debounced - invoked, requested: requested - debounced, generatedWall: performance.now() - requested - gateMs, gateMs, attempts, early: !!early, total: performance.now() - invoked, invokedAt }, result.timings));
      log.withCode('debug', `completion detail: stop=${result.stopReason}, gate=${d.reason} score ${d.score.toFixed(3)}${d.cuts.length ? ` cuts ${d.cuts.join(',')}` : ''}, ${result.timings.totalMs.toFixed(0)} ms total, oracle ${oracleMs} ms`, `raw=${JSON.stringify(result.text)}`);
      this.deps.onCompletion({
        file: vscode.workspace.asRelativePath(doc.uri),
        line: position.line,
        character: position.character,
        languageId: doc.languageId,
        modelId: engine.info.modelId,
        request: req,
        result: { ...result, guided },
        shown,
        oracleMs,
      });
      if (session.current !== engine) return skip('MODEL_NOT_READY', 'the model session restarted during generation');
      this.report(req, result, guided, oracleMs, generated.notReady > 0);
      if (view.itemText === undefined) {
        if (d.reason === 'UNGUIDED_AT_TRIGGER') {
          this.retriggerWhenReady(doc, position);
          return skip('LANGUAGE_SERVICE_NOT_READY', `no answer at the cursor within ${RETRY_BUDGET_MS} ms`);
        }
        return skip(d.reason === 'LOW_CONFIDENCE' ? 'LOW_CONFIDENCE' : 'NOTHING_WORTH_SHOWING', `score ${d.score.toFixed(3)}`, `raw=${JSON.stringify(result.text)}`);
      }
      if (!at.selected) memory.remember({ docKey: at.docKey, prefix: at.prefix, suffix: at.suffix, text: shown, meta: { guided, monitors: req.monitors } });
      const late = staleReason({ stopReason: result.stopReason, cancelled: token.isCancellationRequested, versionAsked: version, versionNow: doc.version });
      if (late) return skip(late);
      return [new vscode.InlineCompletionItem(view.itemText, at.range)];
    } finally {
      sub.dispose();
    }
  }

  /** The rest of an earlier suggestion the user is typing along with, made with the current monitors. */
  private reuse(doc: vscode.TextDocument, at: CursorContext): vscode.InlineCompletionItem | undefined {
    const hit = this.remembered(doc, at);
    if (!hit) return undefined;
    const how = hit.meta ?? { guided: false, monitors: [] };
    // Logged like a completion (0 tokens generated) so that every ghost text has its line.
    this.deps.log.withCode('info', `completion: 0 tokens, guided=${how.guided}, monitors=${how.monitors.join(',') || 'none'}`, `text=${JSON.stringify(hit.rest)}`);
    this.deps.log.debug(`reuse: the rest of an earlier suggestion, ${hit.rest.length} characters`);
    return new vscode.InlineCompletionItem(hit.rest, at.range);
  }

  /** One generation at `at`. */
  run(engine: Engine, doc: vscode.TextDocument, at: CursorContext, req: EngineRequest, signal: AbortSignal): Promise<Generated> {
    const { log, shadows, tsPlugin, projectIndex } = this.deps;
    // A selected suggest item is not in the document: every question goes to the shadow (-1).
    return generate(engine, doc, { cursor: at.selected ? -1 : at.offset, window: at.window }, req, { log, shadows, tsPlugin, projectIndex }, signal);
  }

  /** An earlier suggestion the user is typing along with, made with the current monitors. */
  remembered(doc: vscode.TextDocument, at: CursorContext): ReturnType<SuggestionMemory<RememberedHow>['find']> {
    if (at.selected) return undefined;
    const hit = this.deps.memory.find(at.docKey, at.prefix, at.suffix);
    return hit && sameList(hit.meta?.monitors ?? [], config.monitors(doc)) ? hit : undefined;
  }

  /** Timings into the status tooltip; the warning state only for a slow or failing language service. */
  private report(req: EngineRequest, result: EngineResult, guided: boolean, oracleMs: number, warmingUp: boolean): void {
    const { status } = this.deps;
    status.setTimings({
      promptMs: result.timings.promptMs,
      tokensPerSecond: tokensPerSecond(result.timings),
      oracleMs,
      blocked: blockedCount(result.trace),
      tokens: result.timings.tokens,
      guided,
    });
    if (req.monitors.length === 0) status.set('ready', 'monitors off');
    else if (!result.guided && warmingUp) status.set('unguided', 'the language service is warming up; last completion unguided');
    else if (!result.guided) status.set('unguided', 'the language service was too slow or failed; last completion unguided');
    else status.set('ready');
  }

  /**
   * The TypeScript server was still starting: once its plugin answers, ask VS Code for inline
   * suggestions again at the same place, if the user has not moved or typed meanwhile.
   */
  private retriggerWhenReady(doc: vscode.TextDocument, position: vscode.Position): void {
    if (!PLUGIN_LANGUAGES.has(doc.languageId)) return;
    // Once per place: a service that never answers there is not asked again and again.
    const place = `${doc.uri.toString()}@${doc.version}:${position.line}:${position.character}`;
    if (this.retriggeredAt === place) return;
    this.retriggeredAt = place;
    const version = doc.version;
    // The plugin may already answer pings while the project's first semantic answer is still slow
    // (right after a file is opened): then a short pause is enough.
    const ready = this.deps.tsPlugin.ready
      ? new Promise<boolean>((resolve) => setTimeout(() => resolve(true), SLOW_SERVICE_PAUSE_MS))
      : this.deps.tsPlugin.whenReady(60_000);
    void ready.then(async (ok) => {
      if (ok) await askAgainIfUnmoved(doc, version, position, () => this.deps.log.info('language service ready: asking again at the cursor'));
    });
  }

  /** After a generation the state is whatever the session says (it may have failed meanwhile). */
  private restoreStatus(): void {
    const { session, status } = this.deps;
    if (status.current === 'generating') status.set(session.current ? 'ready' : 'error', session.current ? '' : 'model session stopped');
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Where one completion's time went, in the order a keystroke meets it (ms). Figures only, never
 * code: it is logged at info, and the keystroke-to-ghost-text benchmark reads it.
 */
function timingLine(t: { debounced: number; requested: number; generatedWall: number; gateMs: number; attempts: number; early: boolean; total: number; invokedAt: number }, d: EngineResult['timings']): string {
  const r = (x: number) => Math.round(x * 10) / 10;
  const engine = d.promptMs + d.modelMs + d.maskMs + d.oracleWaitMs;
  return `timing: debounce ${r(t.debounced)}, model start and request ${r(t.requested)}, prompt ${r(d.promptMs)}, model ${r(d.modelMs)}, mask ${r(d.maskMs)}, language service wait ${r(d.oracleWaitMs)}, engine other ${r(Math.max(0, t.generatedWall - engine))}, gate ${r(t.gateMs)}, attempts ${t.attempts}, started at the keystroke ${t.early ? 1 : 0}, provider total ${r(t.total)}, called at ${t.invokedAt}`;
}
