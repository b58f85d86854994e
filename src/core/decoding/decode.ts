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
  /** ln p(token) under the model's own distribution (temperature 1), before any mask. */
  logprob?: number;
  /** ln p(token | the monitors' mask): how sure the model was among the legal names. */
  maskedLogprob?: number;
  /** A monitor wanted an oracle answer for this step and got none: the step went unconstrained. */
  unguided?: true;
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

export async function decode(
  model: LanguageModel,
  index: TokenIndex,
  oracle: LanguageOracle,
  req: DecodeRequest,
  deps: { clock?: Clock; logger?: Logger } = {},
): Promise<DecodeResult> {
  const clock = deps.clock ?? performanceClock;
  const logger = deps.logger ?? silentLogger;
  const started = clock.now();
  const signal = req.signal;
  const generated = new GeneratedText();
  const tokenIds: number[] = [];
  const trace: TraceStep[] = [];
  const timings = { totalMs: 0, promptMs: 0, modelMs: 0, maskMs: 0, oracleWaitMs: 0, tokens: 0 };
  let guided = true;
  let events: MonitorEvent[] = [];
  let cut: number | undefined;

  const ctx: MonitorContext = {
    index,
    oracle,
    prefix: req.context.prefix,
    suffix: req.context.suffix,
    generated,
    oracleTimeoutMs: req.oracleTimeoutMs ?? DEFAULT_ORACLE_TIMEOUT_MS,
    clock,
    logger,
    signal,
    report: (e) => {
      events.push(e);
      if (e.unguided) guided = false;
      if (e.note) logger.info(`${e.monitor}: ${e.note}`);
    },
  };
  const monitors = req.monitors;
  const sampler = new Sampler(req.sampling, index.neverSampled);
  const stopRules = new StopRules(req.stop, req.context.prefix);
  // The model's cache can hold one token the loop then dropped (a speculative pass over a token a
  // monitor vetoed); the next pass re-runs from the kept tokens, which the model's prefix cache
  // makes a crop plus one token.
  let kvAhead = false;
  // The last forward pass started: the loop never returns while one runs (the model's cache would
  // change under the next request).
  let inFlight: Promise<unknown> = Promise.resolve();
  const advance = (id: number): Promise<Float32Array> => {
    const t = clock.now();
    const p = kvAhead ? model.prefill([...req.promptIds, ...tokenIds, id], signal) : model.step(id, signal);
    kvAhead = false;
    inFlight = p.then(() => (timings.modelMs += clock.now() - t), () => undefined);
    return p;
  };
  /** `advance` for a token already pushed to `tokenIds`. */
  const advanceCommitted = (id: number): Promise<Float32Array> => {
    tokenIds.pop();
    try {
      return advance(id);
    } finally {
      tokenIds.push(id);
    }
  };
  // Models often pad their output layer past the tokenizer's ids: those columns are never picked.
  const limitFor = (logits: Float32Array) => Math.min(index.vocabSize, model.vocabSize, logits.length);

  const finish = async (stopReason: StopReason, error?: string): Promise<DecodeResult> => {
    for (const m of monitors) m.dispose();
    await inFlight;
    timings.totalMs = clock.now() - started;
    timings.tokens = tokenIds.length;
    const text = cut === undefined ? generated.text : generated.text.slice(0, cut);
    if (error) logger.warn(`decode stopped: ${error}`);
    return { text, tokenIds, stopReason, error, guided, trace, timings };
  };
  // Waiting for monitors, for the totals and for the trace step it delays.
  let stepWait = 0;
  const waitOracle = async <T>(work: Promise<T>): Promise<T> => {
    const t = clock.now();
    try {
      return await work;
    } finally {
      const waited = clock.now() - t;
      timings.oracleWaitMs += waited;
      stepWait += waited;
    }
  };
  const throwIfCancelled = () => {
    if (signal?.aborted) throw new Cancelled();
  };

  try {
    for (const m of monitors) m.start(ctx);
    throwIfCancelled();
    const t0 = clock.now();
    let logits = await model.prefill(req.promptIds, signal);
    timings.promptMs = clock.now() - t0;
    await waitOracle(Promise.all(monitors.map((m) => m.settle())));

    for (;;) {
      throwIfCancelled();
      if (tokenIds.length >= req.stop.maxTokens) return finish('maxTokens');
      if (req.stop.timeBudgetMs !== undefined && clock.now() - started >= req.stop.timeBudgetMs) return finish('timeBudget');

      const tm = clock.now();
      let joint: TokenSet | undefined;
      const active: string[] = [];
      for (const m of monitors) {
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
        logger.info(note);
        joint = undefined;
      }
      timings.maskMs += clock.now() - tm;

      const limit = limitFor(logits);
      let excluded: TokenSet | undefined;
      let id = -1;
      let ahead: Promise<Float32Array> | undefined;
      let rolledBack = 0;
      for (let vetoes = 0; ; vetoes++) {
        id = sampler.sample(logits, limit, joint, excluded);
        if (id < 0) {
          // Vetoes removed every allowed token: fall back to the mask alone.
          note = 'every allowed token was vetoed: step unchecked';
          escaped = true;
          id = sampler.sample(logits, limit, joint);
          break;
        }
        // Without monitors there is nothing to check: no promise round trips between forward passes.
        if (monitors.length === 0) break;
        const checks = Promise.all(monitors.map((m) => m.check(id)));
        // A check that waits for the oracle (a trigger inside the token, `.len`) would leave the
        // model idle: its forward pass over the token runs meanwhile.
        ahead = !index.isSpecial(id) && monitors.some((m) => m.wouldAsk?.(id)) ? advance(id) : undefined;
        ahead?.catch(() => undefined);
        const verdicts = await waitOracle(checks);
        const vetoes_ = verdicts.filter((v) => !v.ok);
        if (vetoes_.length === 0) break;
        if (ahead) {
          await ahead.catch(() => undefined);
          ahead = undefined;
          kvAhead = true;
          rolledBack++;
        }
        if (vetoes >= MAX_VETOES) {
          note = 'too many vetoes: step unchecked';
          escaped = true;
          break;
        }
        excluded ??= new TokenSet(index.vocabSize);
        for (const v of vetoes_) if (!v.ok) excluded.union(v.exclude);
        excluded.add(id);
      }
      if (rolledBack) note = [note, `${rolledBack} speculative model pass${rolledBack > 1 ? 'es' : ''} over vetoed tokens rolled back`].filter(Boolean).join('; ');

      const step: TraceStep = { tokenId: id, text: index.textOf(id), offset: generated.text.length };
      if (id >= 0 && id < limit) {
        const chosen = logits[id]!;
        step.logprob = round3(chosen - logSumExp(logits, limit));
        if (joint?.has(id)) step.maskedLogprob = round3(chosen - logSumExp(logits, limit, joint, excluded?.has(id) ? undefined : excluded));
      }
      if (joint) {
        step.monitor = active.join('+');
        step.allowed = joint.size;
      }
      if (joint || excluded) {
        const first = argmax(logits, limit, undefined, index.neverSampled);
        if (first !== id && (!joint?.has(first) || excluded?.has(first))) step.wanted = { tokenId: first, text: index.textOf(first) };
      }
      const reported = events;
      events = [];
      const ms = reported.reduce((s, e) => s + (e.oracleMs ?? 0), 0);
      if (reported.some((e) => e.oracleMs !== undefined)) {
        step.oracleMs = Math.round(ms * 10) / 10;
        step.waitMs = Math.round(stepWait * 10) / 10;
      }
      stepWait = 0;
      if (escaped || reported.some((e) => e.unguided)) step.unguided = true;
      if (escaped) guided = false;
      const notes = [note, ...reported.map((e) => e.note && `${e.monitor}: ${e.note}`)].filter(Boolean);
      if (notes.length) step.note = notes.join('; ');
      trace.push(step);

      const bytes = index.bytesOf(id);
      if (!bytes) {
        tokenIds.push(id);
        return finish('endOfText');
      }
      for (const m of monitors) m.commit(id);
      const from = generated.text.length;
      generated.append(bytes);
      tokenIds.push(id);
      const hit = stopRules.check(generated.text, from);
      if (hit) {
        cut = hit.cut;
        return finish(hit.reason);
      }
      if (tokenIds.length >= req.stop.maxTokens) return finish('maxTokens');

      logits = await (ahead ?? advanceCommitted(id));
      if (monitors.length) await waitOracle(Promise.all(monitors.map((m) => m.settle())));
    }
  } catch (e) {
    if (e instanceof Cancelled || signal?.aborted) return finish('cancelled');
    return finish('error', e instanceof Error ? e.message : String(e));
  }
}
