// `mgd bench soak`: many requests against the real model in its process, a random share of them
// cancelled (by signal, or by a newer request) while the oracle answers slowly, fails or never
// answers. Every promise must settle and memory must not creep. This process plays the extension
// host: the same engine (ModelHost) runs here and the model in its child process, so this
// process's resident memory and event-loop stalls are what the extension host pays.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { answered, noAnswer } from '../../core/oracle/query';
import type { LanguageOracle, OracleAnswer, OracleQuery } from '../../core/ports';
import type { CompleteRequest } from '../../core/completion/request';
import { ModelHost } from '../../node/model-host';
import { defaultModelCache } from '../../analysis/run/model-completions';
import { progressBar } from '../../node/download-progress';
import { exposeGc } from '../../node/expose-gc';
import { rssOf } from './process-memory';
import { fmt, round, table } from './format';
import { parseOptions } from './options';
import { seededRandom } from '../../core/decoding/rng';

const source = `import { EventEmitter } from "node:events";

export interface Job { id: number; name: string; attempts: number; }

export class Scheduler extends EventEmitter {
  private readonly jobs = new Map<number, Job>();
  private running = 0;

  add(job: Job): void {
    this.jobs.set(job.id, job);
    this.emit("added", job);
  }

  next(): Job | undefined {
    for (const job of this.jobs.values()) {
      if (job.attempts < 3) return job;
    }
    return undefined;
  }
}

export function runAll(s: Scheduler): number {
  let count = 0;
  const job = s.next();
  if (job) {
    job.attempts++;
    count += job.name.length;
  }
  return count;
}
`;

const mbOf = (bytes: number | undefined): number | undefined => (bytes === undefined ? undefined : round(bytes / 2 ** 20));

/** Requests of the same mix before the memory baseline: onnxruntime fills its arenas during the first ones. */
const WARMUP = 150;

export async function run(args: string[]): Promise<number> {
  const o = parseOptions(args, { model: 'bundled', threads: 0, requests: 1000, seed: 1, cacheDir: defaultModelCache() });
  const random = seededRandom(o.seed);
  const gc = exposeGc();
  const names = ['jobs', 'running', 'add', 'next', 'emit', 'attempts', 'name', 'id', 'length', 'values'];
  const oracle: LanguageOracle = {
    async answer(q: OracleQuery): Promise<OracleAnswer> {
      if (q.kind === 'signature') return answered({ overloads: [{ min: 0, max: 2 }], activeArgument: 0 });
      const r = random();
      if (r < 0.1) throw new Error('language service failed');
      if (r < 0.15) {
        // Never answers on its own: only the decode loop's timeout or a cancellation ends it.
        await new Promise<void>((resolve) => q.signal?.addEventListener('abort', () => resolve(), { once: true }));
        return noAnswer('cancelled');
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 6)));
      return answered({ names: names.filter(() => random() < 0.6).map((name) => ({ name, kind: 'property' as const })), semantic: true });
    },
  };
  const requestAt = (): CompleteRequest => {
    const cursor = 40 + Math.floor(random() * (source.length - 40));
    return {
      prefix: source.slice(0, cursor), suffix: source.slice(cursor), languageId: 'typescript',
      maxTokens: 1 + Math.floor(random() * 16), temperature: random() < 0.5 ? 0 : 0.8, seed: Math.floor(random() * 1e6),
      mode: random() < 0.7 ? 'line' : 'block', monitors: ['dereference', 'arguments', 'switchCase', 'newClass', 'importSpecifier', 'objectKeys'],
      oracleTimeoutMs: 30, timeBudgetMs: random() < 0.2 ? 20 : undefined,
    };
  };

  const host = await ModelHost.start({ model: o.model, threads: o.threads, cacheDir: o.cacheDir, onProgress: progressBar() });
  try {
    const counts = { completed: 0, cancelled: 0, error: 0, rejected: 0 };
    let settled = 0;
    const trace: number[] = [];
    /** `n` requests of the mix; resolves when the last has been sent (not necessarily settled). */
    const burst = async (n: number, counted: boolean): Promise<Promise<void>[]> => {
      const all: Promise<void>[] = [];
      for (let i = 0; i < n; i++) {
        const ac = new AbortController();
        const p = host.complete(requestAt(), oracle, ac.signal).then(
          (r) => {
            if (!counted) return;
            settled++;
            if (r.stopReason === 'cancelled') counts.cancelled++;
            else if (r.stopReason === 'error') counts.error++;
            else counts.completed++;
          },
          () => {
            if (!counted) return;
            settled++;
            counts.rejected++;
          },
        );
        all.push(p);
        const r = random();
        if (r < 0.3) setTimeout(() => ac.abort(), Math.floor(random() * 15)); // cancelled by the caller
        else if (r < 0.6) await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 5))); // superseded by the next request
        else await p;
        if (counted && (i + 1) % 100 === 0) {
          trace.push(round(process.memoryUsage().rss / 2 ** 20));
          process.stderr.write(`\r${i + 1}/${n} requests`);
        }
      }
      return all;
    };
    // Warm-up with the same mix: onnxruntime's arena, the JIT and both heaps grow to their working
    // size during the first hundred or so requests; "before" is measured after that.
    await Promise.all(await burst(WARMUP, false));
    // Readings after a full collection of both heaps (this thread's and the worker's): what is
    // retained, not what the collector has not got round to yet.
    const collect = async (): Promise<number> => {
      gc();
      const workerHeap = await host.collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 200));
      return workerHeap;
    };
    const workerHeapBefore = await collect();
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    const modelRssBefore = rssOf(host.modelPid);
    // This thread's event loop while the requests run: the extension host's responsiveness.
    const stalls = monitorEventLoopDelay({ resolution: 1 });
    stalls.enable();
    const t0 = performance.now();
    // In a function of its own: the requests' promises are not held while memory is read after.
    await (async () => {
      const all = await burst(o.requests, true);
      process.stderr.write('\n');
      await Promise.race([Promise.all(all), new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
    })();
    const elapsedS = (performance.now() - t0) / 1000;
    stalls.disable();
    const workerHeapAfter = await collect();
    const rssAfter = process.memoryUsage().rss;
    const heapAfter = process.memoryUsage().heapUsed;
    const modelRssAfter = rssOf(host.modelPid);
    const figures = {
      model: host.info.modelId,
      requests: o.requests,
      ...counts,
      unsettled: o.requests - settled,
      hostOutstanding: host.outstanding,
      rssBeforeMB: round(rssBefore / 2 ** 20),
      rssAfterMB: round(rssAfter / 2 ** 20),
      rssGrowthPct: round(((rssAfter - rssBefore) / rssBefore) * 100, 2),
      hostHeapBeforeMB: round(heapBefore / 2 ** 20),
      hostHeapAfterMB: round(heapAfter / 2 ** 20),
      workerHeapBeforeMB: round(workerHeapBefore / 2 ** 20),
      workerHeapAfterMB: round(workerHeapAfter / 2 ** 20),
      modelRssBeforeMB: mbOf(modelRssBefore),
      modelRssAfterMB: mbOf(modelRssAfter),
      stallMaxMs: round(stalls.max / 1e6),
      stallP99Ms: round(stalls.percentile(99) / 1e6),
      seconds: round(elapsedS),
      rssEvery100MB: trace,
    };
    process.stdout.write(
      table([
        ['model', figures.model],
        ['requests', `${o.requests} after ${WARMUP} warm-up, in ${fmt(elapsedS)} s (completed ${counts.completed}, cancelled ${counts.cancelled}, error ${counts.error}, rejected ${counts.rejected})`],
        ['memory every 100', `${trace.join(', ')} MB (as it runs, nothing collected)`],
        ['never settled', `${figures.unsettled} (goal 0)`],
        ['host resident memory', `${fmt(figures.rssBeforeMB)} MB before, ${fmt(figures.rssAfterMB)} MB after: ${fmt(figures.rssGrowthPct, 2)} % (goal ≤ 10 %), both heaps collected first (this process: the engine as the extension host runs it)`],
        ['host heap', `${fmt(figures.hostHeapBeforeMB)} MB before, ${fmt(figures.hostHeapAfterMB)} MB after (collected)`],
        ['host event loop', `stall max ${fmt(figures.stallMaxMs)} ms, p99 ${fmt(figures.stallP99Ms)} ms while the requests ran (goal ≤ 20 ms)`],
        ['model process', `resident ${figures.modelRssBeforeMB === undefined ? 'n/a' : `${fmt(figures.modelRssBeforeMB)} MB before, ${fmt(figures.modelRssAfterMB ?? 0)} MB after`}; heap ${fmt(figures.workerHeapBeforeMB)} MB before, ${fmt(figures.workerHeapAfterMB)} MB after`],
      ]),
    );
    process.stdout.write(JSON.stringify(figures) + '\n');
    return figures.unsettled === 0 ? 0 : 1;
  } finally {
    await host.dispose();
  }
}
