// `mgd bench runtime`: one long generation with the model in its worker, against a bare forward
// loop over the same tokens, while this (main) thread measures how long its event loop stalls.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { noAnswer } from '../../core/oracle/query';
import type { LanguageOracle } from '../../core/ports';
import type { DecodeResult } from '../../core/decoding/decode';
import type { CompleteRequest } from '../../core/completion/request';
import { ModelHost } from '../../node/model-host';
import { median, quantile } from '../../analysis/score/stats';
import { fmt, round, table } from './format';
import { parseOptions } from './options';
import { defaultModelCache } from '../../analysis/run/model-completions';
import { progressBar } from '../../node/download-progress';

const prompts = [
  'import { readFileSync } from "node:fs";\n\n',
  'export class Queue<T> {\n  private items: T[] = [];\n\n  push(item: T): void {\n    this.items.push(item);\n  }\n}\n\n',
  '// Utilities for working with dates.\n\nexport function formatDate(d: Date): string {\n  return d.toISOString();\n}\n\n',
  'const config = {\n  port: 8080,\n  host: "localhost",\n};\n\n',
];

export async function run(args: string[]): Promise<number> {
  const o = parseOptions(args, { model: 'bundled', threads: 0, tokens: 200, reps: 200, dtype: 'auto', cacheDir: defaultModelCache() });
  const noOracle: LanguageOracle = { answer: async () => noAnswer('no oracle in this benchmark') };
  const host = await ModelHost.start({ model: o.model, threads: o.threads, dtype: o.dtype as never, cacheDir: o.cacheDir, onProgress: progressBar() });
  try {
    // Top-level block mode stops only at end-of-text or the token limit: find a prompt that runs the whole length.
    let req: CompleteRequest | undefined;
    let best: { req: CompleteRequest; tokens: number } | undefined;
    for (const prefix of prompts) {
      const r: CompleteRequest = { prefix, suffix: '', languageId: 'typescript', maxTokens: o.tokens, temperature: 0, mode: 'block', monitors: [], oracleTimeoutMs: 400, freshCache: true };
      const out = await host.complete(r, noOracle);
      if (out.stopReason === 'error') throw new Error(out.error);
      if (!best || out.tokenIds.length > best.tokens) best = { req: r, tokens: out.tokenIds.length };
      if (out.tokenIds.length >= o.tokens) {
        req = r;
        break;
      }
    }
    req ??= best!.req;

    // Two references for the stall figure: nothing running, and a worker spinning plain
    // JavaScript. On a loaded machine the main thread also waits for a CPU, and that is not the
    // runtime's doing.
    const idle = await stallDuring(() => new Promise((resolve) => setTimeout(resolve, 3000)));
    const control = await stallDuring(() => busyWorker(3000));
    const engine: DecodeResult[] = [];
    const roundTrip: number[] = [];
    const bare: { promptMs: number; totalMs: number }[] = [];
    const busy = await stallDuring(async () => {
      const first = await host.complete(req!, noOracle);
      // Engine and bare loop run in adjacent pairs, in the order ABBA BAAB… so that each pair sees
      // the same machine load and neither side is always first; greedy decoding makes every run
      // produce the same tokens.
      for (let i = 0; i < o.reps; i++) {
        const runEngine = async () => {
          const t = performance.now();
          const out = await host.complete(req!, noOracle);
          roundTrip.push(performance.now() - t);
          engine.push(out);
        };
        const runBare = async () => {
          const b = await host.replay(req!, first.tokenIds);
          bare.push({ promptMs: b.promptMs, totalMs: b.promptMs + b.stepsMs });
        };
        if ((i + (i >> 1)) % 2 === 0) {
          await runEngine();
          await runBare();
        } else {
          await runBare();
          await runEngine();
        }
      }
    });
    const promptTokens = host.lastCache?.promptTokens ?? 0;

    const typing = await typingThroughSuggestion(host, noOracle);

    const tokens = engine[0]!.tokenIds.length;
    // Medians: over runs for times, over adjacent pairs for the overhead.
    const engineMs = median(engine.map((e) => e.timings.totalMs));
    const bareMs = median(bare.map((b) => b.totalMs));
    const tripMs = median(roundTrip);
    const pairPcts = (xs: number[]) => xs.map((x, i) => ((x - bare[i]!.totalMs) / bare[i]!.totalMs) * 100);
    const pairPct = (xs: number[]) => median(pairPcts(xs));
    const spread = quartiles(pairPcts(engine.map((e) => e.timings.totalMs)));
    // Inside one run: the decode loop's own time (masks, sampling, stop rules, bookkeeping) next to its forward passes.
    const ownPct = median(engine.map((e) => ((e.timings.totalMs - e.timings.promptMs - e.timings.modelMs) / (e.timings.promptMs + e.timings.modelMs)) * 100));
    const figures = {
      model: host.info.modelId,
      threads: host.info.threads,
      dtype: host.info.dtype,
      promptTokens,
      tokens,
      loadMs: round(host.info.loadMs),
      promptMs: round(median(engine.map((e) => e.timings.promptMs))),
      msPerToken: round(median(engine.map((e) => (e.timings.totalMs - e.timings.promptMs) / Math.max(1, e.tokenIds.length - 1))), 2),
      engineMs: round(engineMs),
      roundTripMs: round(tripMs),
      bareForwardMs: round(bareMs),
      overheadPct: round(pairPct(engine.map((e) => e.timings.totalMs)), 2),
      overheadQ1Pct: round(spread.q1, 2),
      overheadQ3Pct: round(spread.q3, 2),
      roundTripOverheadPct: round(pairPct(roundTrip), 2),
      decodeLoopOwnPct: round(ownPct, 2),
      maxEventLoopStallMs: round(busy.maxMs, 2),
      p99EventLoopStallMs: round(busy.p99Ms, 2),
      stallWindowS: round(busy.seconds),
      idleMaxStallMs: round(idle.maxMs, 2),
      busyJsWorkerMaxStallMs: round(control.maxMs, 2),
      typingPromptTokens: typing.promptTokens,
      typingComputedTokens: typing.computedTokens,
      typingPromptMs: round(typing.reuseMs, 2),
      typingFreshPromptMs: round(typing.freshMs, 2),
      reps: o.reps,
    };
    process.stdout.write(
      table([
        ['model', `${figures.model} (${figures.dtype}, ${figures.threads} threads)`],
        ['generation', `${tokens} tokens after a ${figures.promptTokens}-token prompt${tokens < o.tokens ? ` (the model ended early; asked for ${o.tokens})` : ''}`],
        ['load', `${fmt(figures.loadMs)} ms`],
        ['prompt', `${fmt(figures.promptMs)} ms`],
        ['per token', `${fmt(figures.msPerToken, 2)} ms`],
        ['engine (decode loop)', `${fmt(engineMs)} ms`],
        ['request round trip', `${fmt(tripMs)} ms`],
        ['bare forward loop', `${fmt(bareMs)} ms`],
        ['engine overhead', `${fmt(figures.overheadPct, 2)} % (goal ≤ 5 %), middle half of pairs ${fmt(spread.q1, 1)}…${fmt(spread.q3, 1)} %; round trip ${fmt(figures.roundTripOverheadPct, 2)} %`],
        ['decode loop own time', `${fmt(figures.decodeLoopOwnPct, 2)} % of its forward passes (same run)`],
        ['max main-thread stall', `${fmt(busy.maxMs, 2)} ms (goal ≤ 20 ms), p99 ${fmt(busy.p99Ms, 2)} ms, over ${fmt(busy.seconds)} s of generation`],
        ['  reference', `${fmt(idle.maxMs, 2)} ms idle, ${fmt(control.maxMs, 2)} ms beside a plain busy JS worker (3 s each, no model)`],
        ['typing one character', `${typing.computedTokens} of ${typing.promptTokens} prompt tokens run: ${fmt(typing.reuseMs, 2)} ms, ${fmt(typing.freshMs, 2)} ms without the KV cache`],
        ['runs', `median of ${o.reps} (overhead: of adjacent engine/bare pairs), fresh KV cache each`],
      ]),
    );
    process.stdout.write(JSON.stringify(figures) + '\n');
    return 0;
  } finally {
    await host.dispose();
  }
}

const typedFile = `export interface Item { name: string; price: number; quantity: number; }

export class Cart {
  private readonly items: Item[] = [];

  add(item: Item): void {
    const existing = this.items.find((i) => i.name === item.name);
    if (existing) existing.quantity += item.quantity;
    else this.items.push({ ...item });
  }

  remove(name: string): boolean {
    const at = this.items.findIndex((i) => i.name === name);
    if (at < 0) return false;
    this.items.splice(at, 1);
    return true;
  }

  total(): number {
    return this.items.reduce((sum, item) => sum + item.price * item.quantity, 0);
  }

  describe(): string {
    const lines = this.items.map((item) => \`\${item.name} x\${item.quantity}\`);
    return lines.join(`;

/** A long FIM prompt, then the same with one more character typed: prompt time with and without reusing the KV cache. */
async function typingThroughSuggestion(host: ModelHost, oracle: LanguageOracle) {
  const req = (prefix: string, freshCache: boolean): CompleteRequest => ({
    prefix, suffix: ');\n  }\n}\n', languageId: 'typescript', maxTokens: 8, temperature: 0, mode: 'line', monitors: [], oracleTimeoutMs: 400, freshCache,
  });
  const reuse: number[] = [];
  const fresh: number[] = [];
  let cache = { promptTokens: 0, computedTokens: 0 };
  for (let i = 0; i < 5; i++) {
    await host.complete(req(typedFile, true), oracle);
    const typed = await host.complete(req(typedFile + "'", false), oracle);
    reuse.push(typed.timings.promptMs);
    cache = host.lastCache ?? cache;
    fresh.push((await host.complete(req(typedFile + "'", true), oracle)).timings.promptMs);
  }
  return { promptTokens: cache.promptTokens, computedTokens: cache.computedTokens, reuseMs: Math.min(...reuse), freshMs: Math.min(...fresh) };
}

/** Longest main-thread timer lag (ms) while `work` runs: a 1 ms interval plus the event-loop delay histogram. */
export interface Stall { maxMs: number; p99Ms: number; seconds: number }

/** Main-thread timer lag while `work` runs: a 1 ms interval plus the event-loop delay histogram. */
export async function stallDuring(work: () => Promise<unknown>): Promise<Stall> {
  const lag = monitorEventLoopDelay({ resolution: 1 });
  let maxGap = 0;
  let last = performance.now();
  const t0 = last;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last - 1);
    last = now;
  }, 1);
  lag.enable();
  try {
    await work();
  } finally {
    lag.disable();
    clearInterval(ticker);
  }
  return { maxMs: Math.max(lag.max / 1e6 - 1, maxGap), p99Ms: Math.max(0, lag.percentile(99) / 1e6 - 1), seconds: (performance.now() - t0) / 1000 };
}

/** A worker thread spinning plain JavaScript (no model) for `ms`: what any busy thread costs the main thread on this machine. */
async function busyWorker(ms: number): Promise<void> {
  const w = new Worker(`const end = Date.now() + ${ms}; while (Date.now() < end) {} require('node:worker_threads').parentPort.postMessage(0);`, { eval: true });
  await new Promise((resolve) => w.once('message', resolve));
  await w.terminate();
}

/** First and third quartile: how far single pairs stray on a noisy machine. */
function quartiles(xs: number[]): { q1: number; q3: number } {
  return { q1: quantile(xs, 0.25), q3: quantile(xs, 0.75) };
}
