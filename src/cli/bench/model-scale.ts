// `mgd bench model --model <folder or hub id>`: what a real-size model costs on this machine,
// through the extension's own path (model worker, decode loop, KV cache): load, the first
// completion after opening a long file, ms per generated token next to the bare forward pass, a
// keystroke that reuses the KV cache, the main thread's longest stall, and resident memory.
import type { LanguageOracle } from '../../core/ports';
import { noAnswer } from '../../core/oracle/query';
import { defaultModelCache } from '../../analysis/run/model-completions';
import { progressBar } from '../../node/download-progress';
import type { CompleteRequest } from '../../core/completion/request';
import { median } from '../../analysis/score/stats';
import { ModelHost } from '../../node/model-host';
import { UsageError } from '../usage-error';
import { fmt, round, table } from './format';
import { parseOptions } from './options';
import { stallDuring } from './runtime';
import { rssOf } from './process-memory';
import { READ_AHEAD_REST_MS } from '../../core/completion/debounce';
import { setTimeout as sleep } from 'node:timers/promises';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { onnxFileOf, type ConcreteDtype } from '../../node/model-source';
import type { BareLoopResult } from './bare-loop';
import { MODEL_PROCESS_FLAGS } from '../../node/model-process';

const noOracle: LanguageOracle = { answer: async () => noAnswer('no oracle in this benchmark') };

/** A TypeScript file of about `chars` characters: classes that differ by name and numbers. */
function longFile(chars: number): string {
  const parts: string[] = ['import { readFileSync } from "node:fs";\n\nexport interface Item { name: string; price: number; quantity: number; }\n\n'];
  let n = parts[0]!.length;
  for (let i = 0; n < chars; i++) {
    const part = `export class Cart${i} {
  private readonly items: Item[] = [];
  private limit = ${100 + i * 7};

  add(item: Item): void {
    const existing = this.items.find((it) => it.name === item.name);
    if (existing) existing.quantity += item.quantity;
    else if (this.items.length < this.limit) this.items.push({ ...item });
  }

  total${i}(): number {
    return this.items.reduce((sum, item) => sum + item.price * item.quantity, ${i});
  }
}

`;
    parts.push(part);
    n += part.length;
  }
  return parts.join('').slice(0, chars);
}

/**
 * A fresh file, read for `readMs` before the first keystroke: the read-ahead request goes out after
 * the rest period the extension waits for (and not at all when the user types first), and the
 * completion queues behind it as it does in the model process. Milliseconds from the keystroke.
 */
async function typeAfterReading(host: ModelHost, req: (prefix: string, maxTokens: number, fresh: boolean) => CompleteRequest, text: string, readMs: number): Promise<{ ms: number; tokensRun: number }> {
  const opened = performance.now();
  const reading = readMs > READ_AHEAD_REST_MS
    ? sleep(READ_AHEAD_REST_MS).then(() => host.complete({ ...req(text, 1, true), prefillOnly: true }, noOracle))
    : undefined;
  await sleep(Math.max(0, readMs - (performance.now() - opened)));
  const t = performance.now();
  const out = await host.complete(req(text + 'x', 1, reading === undefined), noOracle);
  const ms = performance.now() - t;
  if (out.stopReason === 'error') throw new Error(out.error);
  const tokensRun = host.lastCache?.computedTokens ?? -1;
  await reading;
  return { ms: round(ms), tokensRun };
}

export async function run(args: string[]): Promise<number> {
  const o = parseOptions(args, { model: '', dtype: 'auto', threads: 0, 'prompt-tokens': 1500, window: 0, tokens: 32, reps: 2, 'bare-reps': 3, 'read-ms': '1000,2000,3000,5000', cacheDir: defaultModelCache() });
  if (!o.model) throw new UsageError('bench model needs --model <folder or hub id>');
  const t0 = performance.now();
  const host = await ModelHost.start({ model: o.model, dtype: o.dtype as never, threads: o.threads, cacheDir: o.cacheDir, onProgress: progressBar() });
  const loadMs = performance.now() - t0;
  // The model's own process: the extension host's memory does not grow with the model.
  const loadedRss = rssOf(host.modelPid) ?? NaN;
  const hostRss = process.memoryUsage().rss;
  try {
    const req = (prefix: string, maxTokens: number, freshCache: boolean, suffix = '\n'): CompleteRequest => ({
      prefix, suffix, languageId: 'typescript', maxTokens, temperature: 0, mode: 'block', monitors: [], oracleTimeoutMs: 400, freshCache,
      ...(o.window > 0 ? { promptTokens: o.window } : {}),
    });
    // Calibrate the file's length to the prompt size asked for (the model's own tokenizer counts).
    let text = longFile(o['prompt-tokens'] * 3);
    await host.complete(req(text.slice(0, 2000), 1, true), noOracle);
    const perChar = (host.lastCache?.promptTokens ?? 600) / 2000;
    // The cursor inside a block comment: brackets there do not end a block completion, so the
    // random weights of a stand-in run the whole token count instead of closing a brace at once.
    text = longFile(Math.round(o['prompt-tokens'] / perChar) - 40) + '\n/* ';

    // Typing in the middle of the file: a fill-in-the-middle prompt holds the code after the cursor
    // behind the typed text, so every keystroke runs that suffix again.
    const middle = text.lastIndexOf('\n', Math.floor(text.length * 0.6)) + 1;
    const [before, after] = [text.slice(0, middle) + '  ', text.slice(middle)];

    const rows: { ttft: number; prefill: number; promptTokens: number; perToken: number; perTokenP90: number; tokens: number; loopOwn: number; bareMedian: number; bareP90: number; bareFirst: number; keyTtft: number; keyComputed: number; keyPromptMs: number; midTtft: number; midComputed: number }[] = [];
    const stall = await stallDuring(async () => {
      for (let rep = 0; rep < o.reps; rep++) {
        // Opening a file: nothing cached, one token.
        let t = performance.now();
        const first = await host.complete(req(text, 1, true), noOracle);
        const ttft = performance.now() - t;
        if (first.stopReason === 'error') throw new Error(first.error);
        const promptTokens = host.lastCache?.promptTokens ?? 0;
        // A completion right after: the prompt comes from the cache, every step is a forward pass.
        const gen = await host.complete(req(text, o.tokens, false), noOracle);
        if (gen.stopReason === 'error') throw new Error(gen.error);
        const tm = gen.timings;
        const steps = Math.max(1, gen.tokenIds.length - 1);
        const engineSteps = generatedSteps(gen);
        // The same tokens through a bare forward loop (no decode loop, no cache bookkeeping).
        const bare = await host.replay(req(text, o.tokens, true), gen.tokenIds);
        const bareSteps = stats(bare.stepMs);
        // Typing one character at the end of the file.
        await host.complete(req(text, 1, true), noOracle);
        t = performance.now();
        const key = await host.complete(req(text + 'x', 1, false), noOracle);
        const keyTtft = performance.now() - t;
        const keyComputed = host.lastCache?.computedTokens ?? -1;
        await host.complete(req(before, 1, true, after), noOracle);
        t = performance.now();
        await host.complete(req(before + 'x', 1, false, after), noOracle);
        const midTtft = performance.now() - t;
        rows.push({
          ttft, prefill: first.timings.promptMs, promptTokens,
          perToken: (tm.totalMs - tm.promptMs) / steps, perTokenP90: engineSteps.p90, tokens: gen.tokenIds.length,
          loopOwn: (tm.totalMs - tm.promptMs - tm.modelMs) / gen.tokenIds.length,
          bareMedian: bareSteps.median, bareP90: bareSteps.p90, bareFirst: bare.stepMs[0] ?? NaN,
          keyTtft, keyComputed, keyPromptMs: key.timings.promptMs, midTtft, midComputed: host.lastCache?.computedTokens ?? -1,
        });
      }
    });
    // Opening a file and reading it before typing: the editor reads ahead (a prefill-only request
    // after READ_AHEAD_REST_MS without moving), and the first completion finds its prompt cached.
    const readAhead: { readMs: number; firstTokenMs: number; runs: { ms: number; tokensRun: number }[] }[] = [];
    for (const readMs of o['read-ms'].split(',').map(Number).filter((x) => Number.isFinite(x) && x >= 0)) {
      const runs: { ms: number; tokensRun: number }[] = [];
      for (let rep = 0; rep < o.reps; rep++) runs.push(await typeAfterReading(host, req, text, readMs));
      readAhead.push({ readMs, firstTokenMs: round(median(runs.map((r) => r.ms))), runs });
    }
    const pairs = await bareLoopPairs(host, o.model, o['bare-reps'], rows[0]!.promptTokens, o.tokens, () => host.complete(req(text, 1, true), noOracle).then(() => host.complete(req(text, o.tokens, false), noOracle)));
    const m = (f: (r: (typeof rows)[number]) => number) => median(rows.map(f));
    const figures = {
      model: host.info.modelId, dtype: host.info.dtype, threads: host.info.threads, family: host.info.family,
      loadMs: round(loadMs), promptTokens: rows[0]!.promptTokens,
      firstTokenMs: round(m((r) => r.ttft)), prefillMs: round(m((r) => r.prefill)),
      msPerToken: round(m((r) => r.perToken), 2), msPerTokenP90: round(m((r) => r.perTokenP90), 2), tokens: rows[0]!.tokens,
      bareMsPerToken: round(m((r) => r.bareMedian), 2), bareP90: round(m((r) => r.bareP90), 2), bareFirstStepMs: round(m((r) => r.bareFirst), 2),
      loopOwnMsPerToken: round(m((r) => r.loopOwn), 3),
      readAhead,
      keystrokeFirstTokenMs: round(m((r) => r.keyTtft)), keystrokeComputedTokens: rows[0]!.keyComputed, keystrokePromptMs: round(m((r) => r.keyPromptMs), 1),
      midKeystrokeFirstTokenMs: round(m((r) => r.midTtft)), midKeystrokeComputedTokens: rows[0]!.midComputed,
      promptSpeed: host.info.promptSpeed ?? [], window: o.window > 0 ? o.window : host.info.promptWindow?.tokens, suffixWindow: host.info.promptWindow?.suffixTokens,
      maxStallMs: round(stall.maxMs, 2), p99StallMs: round(stall.p99Ms, 2),
      modelRssLoadedMb: round(loadedRss / 2 ** 20), modelRssPeakMb: round((rssOf(host.modelPid, 'peak') ?? NaN) / 2 ** 20), modelRssEndMb: round((rssOf(host.modelPid) ?? NaN) / 2 ** 20),
      hostRssMb: round(hostRss / 2 ** 20), reps: o.reps,
      bareProcess: pairs && {
        engineMedian: round(median(pairs.map((p) => p.engine.median)), 2), engineP90: round(median(pairs.map((p) => p.engine.p90)), 2),
        bareMedian: round(median(pairs.map((p) => p.bare.median)), 2), bareP90: round(median(pairs.map((p) => p.bare.p90)), 2),
        pairsPct: pairs.map((p) => round((p.engine.median / p.bare.median - 1) * 100, 1)),
      },
    };
    process.stdout.write(table([
      ['model', `${figures.model} (${figures.family}, ${figures.dtype}, ${figures.threads} threads)`],
      ['load', `${fmt(figures.loadMs)} ms (worker start to first forward pass done)`],
      ['prompt window', `${figures.window} tokens${o.window > 0 ? ' (asked for)' : ''}, suffix ≤ ${figures.suffixWindow} (measured at load, ms per prompt token: ${figures.promptSpeed.map((x) => `${fmt(x.msPerToken, 2)} after ${x.past}`).join(', ')})`],
      ['open a file', `${figures.promptTokens}-token prompt: first token after ${fmt(figures.firstTokenMs)} ms (prefill ${fmt(figures.prefillMs)} ms)`],
      ...figures.readAhead.map((r): [string, string] => [`  typing after ${fmt(r.readMs / 1000, 1)} s`, `first token ${fmt(r.firstTokenMs)} ms after the keystroke (runs: ${r.runs.map((x) => `${fmt(x.ms)} ms, ${x.tokensRun} tokens run`).join('; ')})`]),
      ['', `(the model reads ahead ${fmt(READ_AHEAD_REST_MS)} ms after opening, as the editor does)`],
      ['per token', `${fmt(figures.msPerToken, 2)} ms (p90 ${fmt(figures.msPerTokenP90, 2)} ms) over ${figures.tokens} tokens; bare forward median ${fmt(figures.bareMsPerToken, 2)} ms, p90 ${fmt(figures.bareP90, 2)} ms, first step ${fmt(figures.bareFirstStepMs, 2)} ms`],
      ...(figures.bareProcess ? [['against onnxruntime alone', `a bare loop in a process of its own (bench bare-loop, the model process's runtime flags, ${rows[0]!.promptTokens}-token prompt): median ${fmt(figures.bareProcess.bareMedian, 2)} ms (p90 ${fmt(figures.bareProcess.bareP90, 2)}) against the engine's ${fmt(figures.bareProcess.engineMedian, 2)} ms (p90 ${fmt(figures.bareProcess.engineP90, 2)}) in ${figures.bareProcess.pairsPct.length} alternating pairs: ${figures.bareProcess.pairsPct.map((x) => `${x > 0 ? '+' : ''}${fmt(x, 1)} %`).join(', ')}`] as [string, string]] : []),
      ['decode loop own time', `${fmt(figures.loopOwnMsPerToken, 3)} ms per token (sampling over ${'the full vocabulary'}, stop rules, bookkeeping)`],
      ['typing one character', `${figures.keystrokeComputedTokens} prompt tokens run; first token after ${fmt(figures.keystrokeFirstTokenMs)} ms (prompt ${fmt(figures.keystrokePromptMs)} ms)`],
      ['  in the middle', `${figures.midKeystrokeComputedTokens} prompt tokens run (the code after the cursor again); first token after ${fmt(figures.midKeystrokeFirstTokenMs)} ms`],
      ['main-thread stall', `max ${fmt(figures.maxStallMs, 2)} ms, p99 ${fmt(figures.p99StallMs, 2)} ms`],
      ['resident memory', `model process ${fmt(figures.modelRssLoadedMb, 0)} MB loaded, ${fmt(figures.modelRssPeakMb, 0)} MB peak, ${fmt(figures.modelRssEndMb, 0)} MB at the end; this (host) process ${fmt(figures.hostRssMb, 0)} MB`],
      ['runs', `median of ${o.reps}`],
    ]));
    process.stdout.write(JSON.stringify(figures) + '\n');
    return 0;
  } finally {
    await host.dispose();
  }
}

interface StepStats { median: number; p90: number }
/** Median and p90 of step times (the sorted list's middle and 90 % entries). */
const stats = (ms: readonly number[]): StepStats => {
  const s = [...ms].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)] ?? NaN, p90: s[Math.floor(s.length * 0.9)] ?? NaN };
};

/** Each generated token's own time (its forward pass and the loop's work); the first step has no pass. */
const generatedSteps = (gen: { trace: readonly { ms?: number }[] }): StepStats => stats(gen.trace.slice(1).map((st) => st.ms ?? NaN));

/**
 * The engine's generation and `bench bare-loop` in a process of its own, in turns, so that each
 * pair sees the same machine: ms per step of each. Local folders only (the bare loop opens the file).
 */
async function bareLoopPairs(host: ModelHost, model: string, reps: number, promptTokens: number, tokens: number, generate: () => Promise<{ trace: readonly { ms?: number }[]; stopReason: string; error?: string }>): Promise<{ engine: StepStats; bare: StepStats }[] | undefined> {
  if (reps <= 0 || !existsSync(model) || !statSync(model).isDirectory()) return undefined;
  const onnx = join(model, 'onnx', onnxFileOf[host.info.dtype as ConcreteDtype]);
  if (!existsSync(onnx)) return undefined;
  const pairs: { engine: StepStats; bare: StepStats }[] = [];
  for (let i = 0; i < reps; i++) {
    const gen = await generate();
    if (gen.stopReason === 'error') throw new Error(gen.error);
    const engine = generatedSteps(gen);
    const out = execFileSync(process.execPath, [...MODEL_PROCESS_FLAGS, process.argv[1]!, 'bench', 'bare-loop', '--onnx', onnx, '--config', join(model, 'config.json'), '--threads', String(host.info.threads), '--prompt', String(promptTokens), '--steps', String(tokens)], { encoding: 'utf8' });
    const bare = JSON.parse(out.trim().split('\n').at(-1)!) as BareLoopResult;
    pairs.push({ engine, bare: stats(bare.stepMs) });
  }
  return pairs;
}
