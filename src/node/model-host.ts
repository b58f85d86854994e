import { isAbsolute, join } from 'node:path';
import type { Around, LanguageOracle, Logger } from '../core/ports';
import { noAnswer } from '../core/oracle/query';
import { silentLogger } from '../core/ports';
import { emptyDecodeResult, type DecodeResult } from '../core/decoding/decode';
import type { CompleteRequest } from '../core/completion/request';
import { ModelLoadError, ModelWorkerError } from './model-errors';
import { resolveModelSource, type Dtype } from './model-source';
import { sweepPartialDownloads } from './files/partial-downloads';
import { bundledModelDir, workerScript } from './runtime-paths';
import type { FromWorker, ModelInfo, ReplayTiming, ToWorker, WorkerCompleteRequest } from './worker-protocol';
import { ModelProcess } from './model-process';

export interface ModelHostOptions {
  /** `bundled`, a Hugging Face hub id, or an absolute folder. */
  model: string;
  dtype?: Dtype;
  /** Threads of the forward pass; 0 or absent: half of the cores. */
  threads?: number;
  /** Where hub downloads are cached. */
  cacheDir: string;
  bundledDir?: string;
  onProgress?: (p: { file: string; loaded: number; total: number }) => void;
  logger?: Logger;
  /** Longest wait for the hub to start answering a file request (default 15 s). */
  hubTimeoutMs?: number;
  /** A hub mirror instead of https://huggingface.co/ (same URL layout). */
  hubUrl?: string;
  /** Hash the weights file of a local folder or the bundled model into `info.weights` (reads the whole file: evaluations, not the editor). */
  fingerprint?: boolean;
  /**
   * Size prompts from the prompt speed measured at load (default). Off: the largest window and
   * the fixed cut step, the same prompts on every machine (evaluations).
   */
  measurePromptSpeed?: boolean;
  /** Called once if the worker dies on its own; pending requests have been rejected by then. */
  onExit?: (err: Error) => void;
  /**
   * Longest the load may go without news from the worker (a downloaded chunk, loaded, failed):
   * past it the worker is stopped and `start` fails with a message that says so (default 120 s).
   */
  loadStallMs?: number;
  /** Aborting stops a load in progress (its worker, and a download with it): `start` rejects. */
  signal?: AbortSignal;
  /**
   * Longest wait for one completion (default 120 s): past it the request ends with an error and the
   * worker is told to cancel; a worker that has not answered within as long again is stopped.
   */
  completeTimeoutMs?: number;
  /** Another worker script than the bundled one (tests: stand-ins that hang). */
  workerScript?: string;
}

const DEFAULT_LOAD_STALL_MS = 120_000;
const DEFAULT_COMPLETE_TIMEOUT_MS = 120_000;

export interface CacheUse {
  promptTokens: number;
  reusedTokens: number;
  computedTokens: number;
}

interface Pending {
  resolve(r: DecodeResult): void;
  reject(e: Error): void;
  oracle: LanguageOracle;
  around: Around;
  queries: Map<number, AbortController>;
  detach(): void;
}

/** Cancelled through `ModelHostOptions.signal` while loading. */
export class ModelLoadCancelled extends ModelLoadError {
  override name = 'ModelLoadCancelled';
}

/**
 * The extension host's side of the model runtime. The model runs in a process of its own
 * (`model-process.ts`): onnxruntime-node blocks its calling thread for the whole forward pass, and
 * a crash in it must not take the host down; this side only passes requests, oracle questions and
 * answers. One request at a time: a new one cancels the previous.
 */
export class ModelHost {
  info!: ModelInfo;
  /** KV-cache use of the last finished request. */
  lastCache: CacheUse | undefined;
  private readonly pending = new Map<number, Pending>();
  /** Benchmark-only calls (replay, collect) waiting for the worker's answer. */
  private readonly calls = new Map<number, { resolve(v: never): void; reject(e: Error): void }>();
  private nextId = 1;
  private current: number | undefined;
  private dead: Error | undefined;
  private disposing = false;
  private readonly log: Logger;
  /** Requests that ended at their deadline and that the worker has not answered yet. */
  private readonly unanswered = new Set<number>();

  private constructor(private readonly worker: ModelProcess, private readonly opts: ModelHostOptions) {
    this.log = opts.logger ?? silentLogger;
  }

  static async start(opts: ModelHostOptions): Promise<ModelHost> {
    if (opts.signal?.aborted) throw new ModelLoadCancelled(`loading '${opts.model}' was cancelled`);
    const worker = ModelProcess.start(opts.workerScript ?? workerScript());
    const host = new ModelHost(worker, opts);
    /** What the process said about the load, or its death. */
    const reported = new Promise<{ info: ModelInfo } | { error: Error }>((resolve) => {
      host.onLoad = { resolve: (info) => resolve({ info }), reject: (error) => resolve({ error }) };
    });
    // A load that hangs (a stalled download, a runtime that never returns) ends with a message, and
    // so does a cancel.
    let stop!: (e: Error) => void;
    const stopped = new Promise<{ stopped: Error }>((resolve) => (stop = (e) => resolve({ stopped: e })));
    const stallMs = opts.loadStallMs ?? DEFAULT_LOAD_STALL_MS;
    let stall: ReturnType<typeof setTimeout> | undefined;
    host.onLoadNews = (file) => {
      clearTimeout(stall);
      stall = setTimeout(() => stop(new ModelLoadError(stalled(opts.model, stallMs, file))), stallMs);
    };
    host.onLoadNews();
    const onAbort = () => stop(new ModelLoadCancelled(`loading '${opts.model}' was cancelled`));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    worker.onMessage((m) => host.onMessage(m));
    worker.onError((err) => host.die(err));
    worker.onExit((how) => host.die(new ModelWorkerError(`the model process exited (${how})`)));
    host.post({
      type: 'load',
      spec: {
        model: opts.model,
        dtype: opts.dtype ?? 'auto',
        threads: opts.threads ?? 0,
        cacheDir: opts.cacheDir,
        bundledDir: opts.bundledDir ?? bundledModelDir(),
        hubTimeoutMs: opts.hubTimeoutMs ?? 15000,
        hubUrl: opts.hubUrl,
        fingerprint: opts.fingerprint ?? false,
        measurePromptSpeed: opts.measurePromptSpeed ?? true,
      },
    });
    const first = await Promise.race([reported, stopped]);
    clearTimeout(stall);
    host.onLoadNews = undefined;
    opts.signal?.removeEventListener('abort', onAbort);
    if ('info' in first) {
      host.info = first.info;
    } else {
      // Failed, stalled or cancelled: the process is ended at once, whatever it runs (a download,
      // the runtime opening the model), and what it was downloading goes with it.
      host.disposing = true;
      await worker.terminate();
      sweepAfter(opts);
      throw 'error' in first ? first.error : first.stopped;
    }
    host.log.info(`model ${host.info.modelId} (${host.info.family}, ${host.info.dtype}, ${host.info.threads} threads, context ${host.info.contextLength}) loaded in ${Math.round(host.info.loadMs)} ms`);
    return host;
  }

  private onLoad: { resolve(i: ModelInfo): void; reject(e: Error): void } | undefined;
  /** While loading: the worker said something, the stall deadline starts again. */
  private onLoadNews: ((file?: string) => void) | undefined;

  complete(req: CompleteRequest, oracle: LanguageOracle, signal?: AbortSignal): Promise<DecodeResult> {
    if (this.dead) return Promise.reject(this.dead);
    if (this.current !== undefined) this.post({ type: 'cancel', id: this.current });
    // Already cancelled: nothing to run, and the worker could start it before the cancel arrives.
    if (signal?.aborted) return Promise.resolve(emptyDecodeResult('cancelled'));
    const id = this.nextId++;
    this.current = id;
    const timeoutMs = this.opts.completeTimeoutMs ?? DEFAULT_COMPLETE_TIMEOUT_MS;
    return new Promise<DecodeResult>((resolve, reject) => {
      const onAbort = () => this.post({ type: 'cancel', id });
      signal?.addEventListener('abort', onAbort, { once: true });
      const deadline = setTimeout(() => this.overdue(id, timeoutMs), timeoutMs);
      this.pending.set(id, {
        resolve, reject, oracle, around: { prefix: req.prefix, suffix: req.suffix }, queries: new Map(),
        detach: () => {
          clearTimeout(deadline);
          signal?.removeEventListener('abort', onAbort);
        },
      });
      this.post({ type: 'complete', id, request: this.wire(req) });
      if (signal?.aborted) onAbort();
    });
  }

  /** Benchmark baseline: the prompt of `req` and then `tokenIds` through a bare forward loop. */
  replay(req: CompleteRequest, tokenIds: number[]): Promise<ReplayTiming> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.post({ type: 'replay', id, request: this.wire(req), tokenIds });
    });
  }

  /**
   * Benchmark measurement: a full garbage collection in the worker (between requests), so that
   * memory readings show what is retained rather than what the collector has not reclaimed yet.
   * Resolves with the worker's heap size after it.
   */
  collectGarbage(): Promise<number> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.post({ type: 'collect', id });
    });
  }

  /**
   * A completion past its deadline ends with an error now; the worker is told to cancel it, and a
   * worker that has not answered it within as long again is taken as hung and stopped (the session
   * then starts a new one).
   */
  private overdue(id: number, timeoutMs: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (this.current === id) this.current = undefined;
    p.detach();
    for (const ac of p.queries.values()) ac.abort();
    this.post({ type: 'cancel', id });
    p.resolve(cancelledResult(`the model did not answer within ${seconds(timeoutMs)}`, 'error'));
    this.unanswered.add(id);
    const hung = setTimeout(() => {
      if (!this.unanswered.delete(id) || this.dead) return;
      this.die(new ModelWorkerError(`the model worker did not answer within ${seconds(2 * timeoutMs)} and was stopped`));
      void this.worker.terminate();
    }, timeoutMs);
    hung.unref?.();
  }

  /** The model process (benchmarks read its memory). */
  get modelPid(): number | undefined {
    return this.worker.pid;
  }

  /** Requests whose promise has not settled yet. */
  get outstanding(): number {
    return this.pending.size;
  }

  async dispose(): Promise<void> {
    if (this.disposing) return;
    this.disposing = true;
    for (const [id, p] of this.pending) {
      p.detach();
      for (const ac of p.queries.values()) ac.abort();
      p.resolve(cancelledResult('the model host was disposed'));
      this.pending.delete(id);
    }
    for (const r of this.calls.values()) r.reject(new ModelWorkerError('the model host was disposed'));
    this.calls.clear();
    this.dead = new ModelWorkerError('the model host was disposed');
    await this.worker.terminate();
  }

  private wire(req: CompleteRequest): WorkerCompleteRequest {
    return {
      prefix: req.prefix, suffix: req.suffix, languageId: req.languageId, maxTokens: req.maxTokens,
      temperature: req.temperature, mode: req.mode, monitors: [...req.monitors], oracleTimeoutMs: req.oracleTimeoutMs,
      timeBudgetMs: req.timeBudgetMs, seed: req.seed, freshCache: req.freshCache, prefillOnly: req.prefillOnly, prompting: req.prompting, promptTokens: req.promptTokens,
      ...(req.nameWeights ? { nameWeights: { ...req.nameWeights } } : {}),
    };
  }

  private post(m: ToWorker): void {
    if (!this.dead) this.worker.postMessage(m);
  }

  private onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'progress':
        this.onLoadNews?.(m.file);
        this.opts.onProgress?.({ file: m.file, loaded: m.loaded, total: m.total });
        return;
      case 'loaded':
        this.onLoad?.resolve(m.info);
        return;
      case 'loadFailed':
        this.onLoad?.reject(new ModelLoadError(m.name === 'ModelLoadError' ? m.message : `could not load '${this.opts.model}': ${m.message}`));
        return;
      case 'log':
        this.log[m.level](m.message);
        return;
      case 'oracleQuery':
        void this.answer(m);
        return;
      case 'oracleCancel':
        for (const p of this.pending.values()) p.queries.get(m.queryId)?.abort();
        return;
      case 'result': {
        this.unanswered.delete(m.id);
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (this.current === m.id) this.current = undefined;
        p.detach();
        for (const ac of p.queries.values()) ac.abort();
        this.lastCache = m.cache;
        p.resolve(m.result);
        return;
      }
      case 'replayed': {
        const r = this.calls.get(m.id);
        this.calls.delete(m.id);
        if (m.timing) r?.resolve(m.timing as never);
        else r?.reject(new Error(m.error ?? 'replay failed'));
        return;
      }
      case 'collected': {
        this.calls.get(m.id)?.resolve(m.heapUsedBytes as never);
        this.calls.delete(m.id);
        return;
      }
    }
  }

  private async answer(m: Extract<FromWorker, { type: 'oracleQuery' }>): Promise<void> {
    const p = this.pending.get(m.requestId);
    if (!p) {
      this.post({ type: 'oracleAnswer', queryId: m.queryId, answer: noAnswer('the request has ended') });
      return;
    }
    const ac = new AbortController();
    p.queries.set(m.queryId, ac);
    try {
      // The question carries only the generated text; the document around the cursor is the request's.
      const answer = await p.oracle.answer({ ...m.query, signal: ac.signal }, p.around);
      this.post({ type: 'oracleAnswer', queryId: m.queryId, answer });
    } catch (err) {
      this.post({ type: 'oracleAnswer', queryId: m.queryId, error: err instanceof Error ? err.message : String(err) });
    } finally {
      p.queries.delete(m.queryId);
    }
  }

  private die(err: Error): void {
    if (this.dead) return;
    this.dead = err;
    if (this.onLoad) this.onLoad.reject(err);
    if (this.disposing) return;
    this.log.error(`model worker stopped: ${err.message}`);
    for (const p of this.pending.values()) {
      p.detach();
      for (const ac of p.queries.values()) ac.abort();
      p.reject(err);
    }
    this.pending.clear();
    for (const r of this.calls.values()) r.reject(err);
    this.calls.clear();
    this.opts.onExit?.(err);
  }
}

function cancelledResult(note: string, stopReason: 'cancelled' | 'error' = 'cancelled'): DecodeResult {
  return {
    text: '', tokenIds: [], stopReason, error: note, guided: true, trace: [],
    timings: { totalMs: 0, promptMs: 0, modelMs: 0, maskMs: 0, oracleWaitMs: 0, tokens: 0 },
  };
}

/** A failed hub load's worker has ended: the partial downloads it was writing go with it. */
function sweepAfter(opts: ModelHostOptions): void {
  try {
    const source = resolveModelSource(opts.model, '');
    if (source.kind === 'hub') sweepPartialDownloads(join(opts.cacheDir, source.id));
  } catch {
    // a model setting that names nothing downloaded nothing
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

function stalled(model: string, ms: number, file: string | undefined): string {
  const m = model.trim();
  const hub = m !== '' && m !== 'bundled' && !isAbsolute(m);
  return hub
    ? `the download of ${file ? `${file} of ` : ''}'${m}' stalled: nothing arrived for ${seconds(ms)}; check the network, or pick 'bundled' or a local folder`
    : `'${m || 'bundled'}' did not finish loading within ${seconds(ms)}; pick 'bundled' or another model folder`;
}
