// The decode loop: mask → sample → check → commit → (forward pass ∥ oracle) → settle → stop.
// An oracle question started at commit runs while the model computes the pass over the trigger
// token; the answer masks the logits that pass produces. A token whose text after a trigger must
// be checked first (`.len`) gets its pass speculatively while the check waits. Model, oracle and
// monitor failures never escape: they end the completion with a stop reason and the text so far.

import { performanceClock, silentLogger, type Clock, type LanguageModel, type LanguageOracle, type Logger } from '../ports';
import type { Monitor, MonitorContext, MonitorEvent } from '../monitors/monitor';
import type { TokenIndex } from '../tokens/token-index';
import { TokenSet } from '../tokens/token-set';
import { GeneratedText } from './generated-text';
import { argmax, logSumExp, Sampler } from './sampler';
import { StopRules } from './stop-rules';
import { NameMixer } from './name-mixer';
import { CopyMixer } from './copy-mixer';
import { FileContext } from '../statistics/file-context';
import { JudgedNames } from './judged-names';
import type { MixWeights } from '../statistics/name-scores';

/** A token with a letter, digit, `_` or `$` in it may be part of a name. */
const WRITES_NAME = /[\p{L}\p{N}_$]/u;

export interface DecodeRequest {
  promptIds: readonly number[];
  /** The document around the cursor, for oracle queries. */
  context: { prefix: string; suffix: string };
  /** Fresh instances per request. */
  monitors: Monitor[];
  sampling: { temperature: number; topK?: number; topP?: number; seed?: number };
  stop: { maxTokens: number; timeBudgetMs?: number; stopStrings?: string[]; mode: 'line' | 'block' };
  /** Past it, that step goes unguided. */
  oracleTimeoutMs?: number;
  /** Mix the model with the file's and the project's statistics at every step inside a legal name. */
  names?: MixWeights;
  signal?: AbortSignal;
}

export type StopReason = 'maxTokens' | 'timeBudget' | 'stopString' | 'endOfLine' | 'endOfBlock' | 'endOfText' | 'cancelled' | 'error';

export interface TraceStep {
  tokenId: number;
  text: string;
  /** Monitors that constrained this step (joined with `+`). */
  monitor?: string;
  /** Size of the joint mask. */
  allowed?: number;
  /** The model's own first choice when the monitors blocked it. */
  wanted?: { tokenId: number; text: string };
  /** Oracle time reported for this step: question to answer, for the answers that mask it or check its tail. */
  oracleMs?: number;
  /** How long the loop itself waited for those answers (the rest overlapped the model's forward pass). */
  waitMs?: number;
  note?: string;
  /** Where this token's text starts in the generated text (characters). */
  offset?: number;
  /**
   * ln p(token) under the model's own distribution (temperature 1), before any mask: for tokens
   * that write the completion's first name or a member-chain link (judged-names.ts).
   */
  logprob?: number;
  /**
   * ln p(token | the monitors' mask): how sure the decoder was among the legal names (the model's
   * probability, or the mixture's where the statistics took part).
   */
  maskedLogprob?: number;
  /** The statistics took part in this step: the name they favoured. */
  favoured?: string;
  /** The line went on as the file went on after the same tokens elsewhere (the copy prior), not as the model preferred. */
  copied?: true;
  /** A monitor wanted an oracle answer for this step and got none: the step went unconstrained. */
  unguided?: true;
  /** The service said a `(` written up to the end of this step opens no call it knows (no signature there). */
  noSignature?: true;
  /** Wall time from the previous step (or the end of the prompt) to this token's choice: its forward pass and the loop's own work. */
  ms?: number;
}

export interface DecodeResult {
  text: string;
  tokenIds: number[];
  stopReason: StopReason;
  error?: string;
  /** False if any oracle call failed or timed out while a monitor wanted it. */
  guided: boolean;
  trace: TraceStep[];
  timings: DecodeTimings;
}

/** Where a completion's time went (ms), and how many tokens it generated. */
export interface DecodeTimings {
  totalMs: number;
  promptMs: number;
  modelMs: number;
  maskMs: number;
  oracleWaitMs: number;
  tokens: number;
}

/** The result of a request that never ran (cancelled before it started, or no model to run it). */
export function emptyDecodeResult(stopReason: 'cancelled' | 'error', error?: string): DecodeResult {
  return {
    text: '', tokenIds: [], stopReason, error, guided: true, trace: [],
    timings: { totalMs: 0, promptMs: 0, modelMs: 0, maskMs: 0, oracleWaitMs: 0, tokens: 0 },
  };
}

export const DEFAULT_ORACLE_TIMEOUT_MS = 400;
/** Resamples after monitors veto a sampled token (tails after a trigger) before the step goes unconstrained. */
const MAX_VETOES = 8;

class Cancelled extends Error {}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** The monitors' joint mask for one step (the paper's maskgen), and who made it. */
interface StepMask {
  readonly joint: TokenSet | undefined;
  readonly active: readonly string[];
  readonly note?: string;
  /** The joint mask was empty: the step leaves the monitors' guarantee. */
  readonly escaped: boolean;
}

/** The token chosen for one step, and what choosing it took. */
interface Pick {
  readonly id: number;
  /** The forward pass over `id`, started while a monitor's check waited for the oracle. */
  readonly ahead: Promise<Float32Array> | undefined;
  /** Tokens the monitors vetoed on the way (with the rest they excluded for the same reason). */
  readonly excluded: TokenSet | undefined;
  readonly note?: string;
  /** Vetoes removed every allowed token or never ended: the step went unchecked. */
  readonly escaped: boolean;
  /** The statistics took part in choosing `id`. */
  readonly mixed?: { readonly logprob: number; readonly favoured: string };
  /** The file's own continuation chose `id` (the copy prior). */
  readonly copied?: boolean;
}

/**
 * One completion: mask → sample → check → commit → (forward pass ∥ oracle) → settle → stop.
 * Each stage is one method; `decode` runs them in order until a stop.
 */
export async function decode(
  model: LanguageModel,
  index: TokenIndex,
  oracle: LanguageOracle,
  req: DecodeRequest,
  deps: { clock?: Clock; logger?: Logger } = {},
): Promise<DecodeResult> {
  const run = new DecodeRun(model, index, oracle, req, deps.clock ?? performanceClock, deps.logger ?? silentLogger);
  try {
    let logits = await run.prefill();
    for (;;) {
      const limit = run.limitReached();
      if (limit) return await run.finish(limit);
      const mask = run.maskgen();
      const pick = await run.pick(logits, mask);
      run.trace(logits, mask, pick);
      const stop = run.commit(pick.id);
      if (stop) return await run.finish(stop);
      logits = await run.next(pick);
    }
  } catch (e) {
    if (e instanceof Cancelled || req.signal?.aborted) return run.finish('cancelled');
    return run.finish('error', e instanceof Error ? e.message : String(e));
  }
}

class DecodeRun {
  private readonly started: number;
  private readonly generated = new GeneratedText();
  private readonly tokenIds: number[] = [];
  private readonly steps: TraceStep[] = [];
  private readonly timings = { totalMs: 0, promptMs: 0, modelMs: 0, maskMs: 0, oracleWaitMs: 0, tokens: 0 };
  private readonly monitors: Monitor[];
  private readonly sampler: Sampler;
  private readonly mixer: NameMixer | undefined;
  private readonly copier: CopyMixer | undefined;
  private readonly stopRules: StopRules;
  private readonly judged = new JudgedNames();
  private readonly ctx: MonitorContext;
  private guided = true;
  /** What the monitors reported since the last trace step. */
  private events: MonitorEvent[] = [];
  /** Where a stop rule cut the text. */
  private cut: number | undefined;
  // The model's cache can hold one token the loop then dropped (a speculative pass over a token a
  // monitor vetoed); the next pass re-runs from the kept tokens, which the model's prefix cache
  // makes a crop plus one token.
  private kvAhead = false;
  // The last forward pass started: the loop never returns while one runs (the model's cache would
  // change under the next request).
  private inFlight: Promise<unknown> = Promise.resolve();
  /** Time the loop waited for monitors during the current step, for its trace step. */
  private stepWait = 0;
  /** When the previous step was traced (or the prompt processed). */
  private lastStepAt = 0;

  constructor(
    private readonly model: LanguageModel,
    private readonly index: TokenIndex,
    oracle: LanguageOracle,
    private readonly req: DecodeRequest,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.started = clock.now();
    this.monitors = req.monitors;
    this.sampler = new Sampler(req.sampling, index.neverSampled);
    const file = req.names && req.monitors.length ? new FileContext(req.context.prefix, req.context.suffix) : undefined;
    this.mixer = file && new NameMixer(index, req.names!, req.context.prefix, file);
    this.copier = file && new CopyMixer(index, req.names!, file);
    this.stopRules = new StopRules(req.stop, req.context.prefix);
    this.ctx = {
      index,
      oracle,
      prefix: req.context.prefix,
      suffix: req.context.suffix,
      generated: this.generated,
      oracleTimeoutMs: req.oracleTimeoutMs ?? DEFAULT_ORACLE_TIMEOUT_MS,
      clock,
      logger,
      signal: req.signal,
      report: (e) => {
        this.events.push(e);
        if (e.unguided) this.guided = false;
        // Questions of a cancelled completion (every keystroke cancels one) are no news.
        if (e.note) (req.signal?.aborted ? logger.debug : logger.info).call(logger, `${e.monitor}: ${e.note}`);
      },
    };
  }

  /** Monitors start (a trigger right before the cursor is asked about now), the prompt is processed. */
  async prefill(): Promise<Float32Array> {
    for (const m of this.monitors) m.start(this.ctx);
    this.throwIfCancelled();
    const t0 = this.clock.now();
    const logits = await this.model.prefill(this.req.promptIds, this.req.signal);
    this.timings.promptMs = this.clock.now() - t0;
    await this.settle();
    this.lastStepAt = this.clock.now();
    return logits;
  }

  /** A stop that needs no token: cancelled (thrown), the token limit, the time budget. */
  limitReached(): StopReason | undefined {
    this.throwIfCancelled();
    if (this.tokenIds.length >= this.req.stop.maxTokens) return 'maxTokens';
    const budget = this.req.stop.timeBudgetMs;
    if (budget !== undefined && this.clock.now() - this.started >= budget) return 'timeBudget';
    return undefined;
  }

  /** The intersection of every constraining monitor's mask; an empty one constrains nothing. */
  maskgen(): StepMask {
    const tm = this.clock.now();
    let joint: TokenSet | undefined;
    const active: string[] = [];
    for (const m of this.monitors) {
      const mask = m.mask();
      if (!mask) continue;
      active.push(m.name);
      joint = joint ? (joint === mask ? joint : joint.clone().intersect(mask)) : mask;
    }
    let note: string | undefined;
    // The step leaves the monitors' guarantee (an empty joint mask, vetoes that never ended):
    // the completion is not guided from here on, whatever the oracle answered.
    let escaped = false;
    if (joint && joint.isEmpty()) {
      escaped = true;
      note = `${active.join('+')}: no token fits the legal names: unconstrained`;
      this.logger.info(note);
      joint = undefined;
    }
    this.timings.maskMs += this.clock.now() - tm;
    return { joint, active, note, escaped };
  }

  /** Sample within the mask until every monitor's check accepts the token (or too many vetoes). */
  async pick(logits: Float32Array, { joint, note: maskNote }: StepMask): Promise<Pick> {
    const limit = this.limitFor(logits);
    let note = maskNote;
    let excluded: TokenSet | undefined;
    let id = -1;
    let ahead: Promise<Float32Array> | undefined;
    let rolledBack = 0;
    let escaped = false;
    let mixed: Pick['mixed'];
    let copied = false;
    for (let vetoes = 0; ; vetoes++) {
      const choice = joint ? this.mixed(logits, limit, joint, excluded) : undefined;
      mixed = choice && { logprob: choice.logprob, favoured: choice.favoured };
      const copy = joint || this.sampler.drawsAtRandom ? undefined : this.copier?.choose(this.generated.text, logits, limit, excluded);
      copied = copy !== undefined && !choice;
      id = choice ? choice.id : copy ?? this.sampler.sample(logits, limit, joint, excluded);
      if (id < 0) {
        // Vetoes removed every allowed token: fall back to the mask alone.
        note = 'every allowed token was vetoed: step unchecked';
        escaped = true;
        mixed = undefined;
        copied = false;
        id = this.sampler.sample(logits, limit, joint);
        break;
      }
      // Without monitors there is nothing to check: no promise round trips between forward passes.
      if (this.monitors.length === 0) break;
      const checks = Promise.all(this.monitors.map((m) => m.check(id)));
      // A check that waits for the oracle (a trigger inside the token, `.len`) would leave the
      // model idle: its forward pass over the token runs meanwhile.
      ahead = !this.index.isSpecial(id) && this.monitors.some((m) => m.wouldAsk?.(id)) ? this.advance(id) : undefined;
      ahead?.catch(() => undefined);
      const verdicts = await this.waitOracle(checks);
      const vetoed = verdicts.filter((v) => !v.ok);
      if (vetoed.length === 0) break;
      if (ahead) {
        await ahead.catch(() => undefined);
        ahead = undefined;
        this.kvAhead = true;
        rolledBack++;
      }
      if (vetoes >= MAX_VETOES) {
        note = 'too many vetoes: step unchecked';
        escaped = true;
        break;
      }
      excluded ??= new TokenSet(this.index.vocabSize);
      for (const v of vetoed) if (!v.ok) excluded.union(v.exclude);
      excluded.add(id);
    }
    if (rolledBack) note = [note, `${rolledBack} speculative model pass${rolledBack > 1 ? 'es' : ''} over vetoed tokens rolled back`].filter(Boolean).join('; ');
    return { id, ahead, excluded, note, escaped, mixed, copied };
  }

  /** The model mixed with the statistics, at a step inside a name some monitor constrains. */
  private mixed(logits: Float32Array, limit: number, joint: TokenSet, excluded: TokenSet | undefined) {
    if (!this.mixer) return undefined;
    let pos;
    for (const m of this.monitors) if ((pos = m.namePosition?.())) break;
    if (!pos) return undefined;
    const draw = this.sampler.drawsAtRandom ? { u: this.sampler.uniform(), v: this.sampler.uniform(), model: () => this.sampler.sample(logits, limit, joint, excluded) } : undefined;
    return this.mixer.choose(pos, this.generated.text, logits, limit, joint, excluded, draw);
  }

  /** One trace step: the token, what constrained it, what the model wanted, the oracle's time. */
  trace(logits: Float32Array, mask: StepMask, { id, excluded, note, escaped, mixed, copied }: Pick): void {
    const { joint, active } = mask;
    const index = this.index;
    const limit = this.limitFor(logits);
    const now = this.clock.now();
    const step: TraceStep = { tokenId: id, text: index.textOf(id), offset: this.generated.text.length, ms: Math.round((now - this.lastStepAt) * 100) / 100 };
    this.lastStepAt = now;
    if (id >= 0 && id < limit) {
      const chosen = logits[id]!;
      // The display gate reads the legal-set probability where a monitor chose, and the model's own
      // only for the names it judges: the full normaliser, a pass over the whole vocabulary, cost 5 %
      // of the forward pass when it was taken on every token (bench:runtime).
      if (joint?.has(id)) step.maskedLogprob = round3(chosen - logSumExp(logits, limit, joint, excluded?.has(id) ? undefined : excluded));
      else if (WRITES_NAME.test(step.text) && this.judged.writesJudgedName(this.generated.text, step.text)) step.logprob = round3(chosen - logSumExp(logits, limit));
    }
    if (mixed) {
      step.maskedLogprob = round3(mixed.logprob);
      step.favoured = mixed.favoured;
    }
    if (joint) {
      step.monitor = active.join('+');
      step.allowed = joint.size;
    }
    if (joint || excluded || copied) {
      const first = argmax(logits, this.limitFor(logits), undefined, index.neverSampled);
      if (copied && first !== id) {
        step.copied = true;
        step.wanted = { tokenId: first, text: index.textOf(first) };
      } else if (first !== id && (!joint?.has(first) || excluded?.has(first))) step.wanted = { tokenId: first, text: index.textOf(first) };
    }
    const reported = this.events;
    this.events = [];
    const ms = reported.reduce((s, e) => s + (e.oracleMs ?? 0), 0);
    if (reported.some((e) => e.oracleMs !== undefined)) {
      step.oracleMs = Math.round(ms * 10) / 10;
      step.waitMs = Math.round(this.stepWait * 10) / 10;
    }
    this.stepWait = 0;
    const left = mask.escaped || escaped;
    if (left || reported.some((e) => e.unguided)) step.unguided = true;
    if (reported.some((e) => e.nothingThere === 'signature')) step.noSignature = true;
    if (left) this.guided = false;
    const notes = [note, ...reported.map((e) => e.note && `${e.monitor}: ${e.note}`)].filter(Boolean);
    if (notes.length) step.note = notes.join('; ');
    this.steps.push(step);
  }

  /** The monitors commit the token (the paper's update), the text grows; a stop it causes. */
  commit(id: number): StopReason | undefined {
    const bytes = this.index.bytesOf(id);
    if (!bytes) {
      this.tokenIds.push(id);
      return 'endOfText';
    }
    for (const m of this.monitors) m.commit(id);
    const from = this.generated.text.length;
    this.generated.append(bytes);
    this.tokenIds.push(id);
    const hit = this.stopRules.check(this.generated.text, from);
    if (hit) {
      this.cut = hit.cut;
      return hit.reason;
    }
    return this.tokenIds.length >= this.req.stop.maxTokens ? 'maxTokens' : undefined;
  }

  /** The forward pass over the committed token, while the questions it triggered are answered. */
  async next({ id, ahead }: Pick): Promise<Float32Array> {
    const logits = await (ahead ?? this.advanceCommitted(id));
    if (this.monitors.length) await this.settle();
    return logits;
  }

  async finish(stopReason: StopReason, error?: string): Promise<DecodeResult> {
    for (const m of this.monitors) m.dispose();
    await this.inFlight;
    this.timings.totalMs = this.clock.now() - this.started;
    this.timings.tokens = this.tokenIds.length;
    const text = this.cut === undefined ? this.generated.text : this.generated.text.slice(0, this.cut);
    if (error) this.logger.warn(`decode stopped: ${error}`);
    return { text, tokenIds: this.tokenIds, stopReason, error, guided: this.guided, trace: this.steps, timings: this.timings };
  }

  private settle(): Promise<unknown> {
    return this.waitOracle(Promise.all(this.monitors.map((m) => m.settle())));
  }

  private advance(id: number): Promise<Float32Array> {
    const t = this.clock.now();
    const p = this.kvAhead ? this.model.prefill([...this.req.promptIds, ...this.tokenIds, id], this.req.signal) : this.model.step(id, this.req.signal);
    this.kvAhead = false;
    this.inFlight = p.then(() => (this.timings.modelMs += this.clock.now() - t), () => undefined);
    return p;
  }

  /** `advance` for a token already pushed to `tokenIds`. */
  private advanceCommitted(id: number): Promise<Float32Array> {
    this.tokenIds.pop();
    try {
      return this.advance(id);
    } finally {
      this.tokenIds.push(id);
    }
  }

  /** Models often pad their output layer past the tokenizer's ids: those columns are never picked. */
  private limitFor(logits: Float32Array): number {
    return Math.min(this.index.vocabSize, this.model.vocabSize, logits.length);
  }

  /** Waiting for monitors, counted in the totals and in the trace step it delays. */
  private async waitOracle<T>(work: Promise<T>): Promise<T> {
    const t = this.clock.now();
    try {
      return await work;
    } finally {
      const waited = this.clock.now() - t;
      this.timings.oracleWaitMs += waited;
      this.stepWait += waited;
    }
  }

  private throwIfCancelled(): void {
    if (this.req.signal?.aborted) throw new Cancelled();
  }
}
