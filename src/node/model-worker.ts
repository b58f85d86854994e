// The model process: transformers.js + onnxruntime-node and the core decode loop, next to the
// logits. onnxruntime-node blocks its thread for each forward pass, and a crash in it must end
// this process only, which is why it runs apart from the extension host.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { Logger } from '../core/ports';
import { buildPrompt } from '../core/completion/prompt';
import { promptingFor } from '../core/completion/model-family';
import { promptWindow } from '../core/completion/prompt-window';
import { decode, emptyDecodeResult as emptyResult, type DecodeResult } from '../core/decoding/decode';
import { createMonitors } from '../core/monitors/registry';
import { TokenIndex } from '../core/tokens/token-index';
import { languageSpecFor } from '../core/tokens/language-spec';
import { loadModel, type LoadedModel, type LoadSpec } from './load-model';
import { OracleBridge } from './oracle-proxy';
import { exposeGc } from './expose-gc';
import { TransformersKv } from './transformers-kv';
import { DEFAULT_PREFILL_CHUNK } from './cached-lm';
import type { FromWorker, ToWorker, WorkerCompleteRequest } from './worker-protocol';

// Its own process (how the extension runs it), or a worker thread: the same messages either way.
const port: { postMessage(m: FromWorker): void; on(event: 'message', f: (m: ToWorker) => void): void } = parentPort ?? {
  postMessage: (m) => void process.send?.(m),
  on: (event, f) => void process.on(event, f as (m: unknown) => void),
};
// The host is gone (closed, crashed, killed): so is the model.
if (!parentPort) process.on('disconnect', () => process.exit(0));
const post = (m: FromWorker) => port.postMessage(m);
const logger: Logger = {
  debug: (message) => post({ type: 'log', level: 'debug', message }),
  info: (message) => post({ type: 'log', level: 'info', message }),
  warn: (message) => post({ type: 'log', level: 'warn', message }),
  error: (message) => post({ type: 'log', level: 'error', message }),
};
const bridge = new OracleBridge(post);
const controllers = new Map<number, AbortController>();
const indexes = new Map<string, TokenIndex>();
let model: LoadedModel | undefined;
// One request at a time, in arrival order; a newer request aborts the older ones first.
let queue: Promise<void> = Promise.resolve();
const enqueue = (job: () => Promise<void>) => {
  queue = queue.then(job).catch((err: unknown) => logger.error(`model worker: ${err instanceof Error ? err.stack ?? err.message : String(err)}`));
};

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'load':
      enqueue(() => load(m.spec));
      return;
    case 'complete': {
      for (const ac of controllers.values()) ac.abort();
      const ac = new AbortController();
      controllers.set(m.id, ac);
      enqueue(() => complete(m.id, m.request, ac.signal).finally(() => controllers.delete(m.id)));
      return;
    }
    case 'cancel':
      controllers.get(m.id)?.abort();
      return;
    case 'oracleAnswer':
      bridge.answer(m.queryId, m.answer, m.error);
      return;
    case 'replay':
      enqueue(() => replay(m.id, m.request, m.tokenIds));
      return;
    case 'collect':
      // Behind the requests already queued: collected between requests, never inside one.
      enqueue(async () => {
        collectGarbage();
        post({ type: 'collected', id: m.id, heapUsedBytes: getHeapStatistics().used_heap_size });
      });
      return;
  }
});

async function load(spec: LoadSpec): Promise<void> {
  try {
    model = await loadModel(spec, (p) => post({ type: 'progress', ...p }));
    post({
      type: 'loaded',
      info: {
        modelId: model.modelId, family: model.family.id, contextLength: model.family.contextLength,
        loadMs: model.loadMs, dtype: model.dtype, threads: model.threads,
        prompting: promptingFor(model.family), weights: model.weights, revision: model.revision,
        promptSpeed: model.promptSpeed, promptWindow: promptWindow(model.family.contextLength, model.promptSpeed),
      },
    });
  } catch (err) {
    post({ type: 'loadFailed', name: err instanceof Error ? err.name : 'Error', message: err instanceof Error ? err.message : String(err) });
  }
}

function indexFor(languageId: string, m: LoadedModel): TokenIndex {
  let index = indexes.get(languageId);
  if (!index) {
    index = TokenIndex.build(m.tokenizer, languageSpecFor(languageId));
    indexes.set(languageId, index);
  }
  return index;
}

function promptFor(m: LoadedModel, req: WorkerCompleteRequest) {
  const window = promptWindow(m.family.contextLength, m.promptSpeed, req.promptTokens);
  return buildPrompt(m.tokenizer, m.family, req.prefix, req.suffix, req.maxTokens, req.prompting, window);
}

async function complete(id: number, req: WorkerCompleteRequest, signal: AbortSignal): Promise<void> {
  const m = model;
  const cache = { promptTokens: 0, reusedTokens: 0, computedTokens: 0 };
  if (!m || signal.aborted) {
    post({ type: 'result', id, result: emptyResult(m ? 'cancelled' : 'error', m ? undefined : 'the model is not loaded'), cache });
    return;
  }
  const before = { ...m.lm.stats };
  let result: DecodeResult;
  try {
    const index = indexFor(req.languageId, m);
    const prompt = promptFor(m, req);
    if (req.freshCache) m.lm.reset();
    cache.promptTokens = prompt.ids.length;
    result = await decode(m.lm, index, bridge.forRequest(id), {
      promptIds: prompt.ids,
      context: { prefix: req.prefix, suffix: req.suffix },
      monitors: createMonitors(req.monitors, logger),
      sampling: { temperature: req.temperature, seed: req.seed },
      stop: { maxTokens: req.prefillOnly ? 0 : Math.max(0, Math.min(req.maxTokens, m.family.contextLength - prompt.ids.length)), timeBudgetMs: req.timeBudgetMs, mode: req.mode },
      oracleTimeoutMs: req.oracleTimeoutMs,
      names: req.nameWeights,
      signal,
    }, { logger });
  } catch (err) {
    result = emptyResult('error', err instanceof Error ? err.message : String(err));
  }
  cache.reusedTokens = m.lm.stats.reusedTokens - before.reusedTokens;
  cache.computedTokens = m.lm.stats.computedTokens - before.computedTokens;
  post({ type: 'result', id, result, cache });
}

let gc: (() => void) | undefined;
/** A full collection of this worker's heap (benchmarks only: the flag is switched on at first use). */
function collectGarbage(): void {
  gc ??= exposeGc();
  gc();
}

/** The benchmark's baseline: the same forward passes without the engine around them. */
async function replay(id: number, req: WorkerCompleteRequest, tokenIds: number[]): Promise<void> {
  const m = model;
  if (!m) {
    post({ type: 'replayed', id, error: 'the model is not loaded' });
    return;
  }
  try {
    const kv = new TransformersKv(m.model, m.vocabSize);
    const prompt = promptFor(m, req);
    const t0 = performance.now();
    // In the engine's chunks: one pass over a long prompt would return logits for every position at once.
    for (let at = 0; at < prompt.ids.length; at += DEFAULT_PREFILL_CHUNK) await kv.forward(prompt.ids.slice(at, at + DEFAULT_PREFILL_CHUNK), at);
    const t1 = performance.now();
    // The last generated token is never run through the model: generation stops after sampling it.
    const stepMs: number[] = [];
    for (let i = 0; i < tokenIds.length - 1; i++) {
      const t = performance.now();
      await kv.forward([tokenIds[i]!], prompt.ids.length + i);
      stepMs.push(performance.now() - t);
    }
    const t2 = performance.now();
    post({ type: 'replayed', id, timing: { promptTokens: prompt.ids.length, promptMs: t1 - t0, steps: stepMs.length, stepsMs: t2 - t1, stepMs } });
  } catch (err) {
    post({ type: 'replayed', id, error: err instanceof Error ? err.message : String(err) });
  }
}
