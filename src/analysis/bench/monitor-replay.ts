// `mgd bench monitors`: each monitor replayed over the ground truth of DotPrompts-TS prompts, byte
// by byte (a one-byte vocabulary), with the real TypeScript oracle. It answers what a weak model
// cannot show: how often each monitor would trigger and constrain on real code, what its language
// service questions cost, and whether it ever masks the real code (a ground-truth byte outside the
// mask, or vetoed, is a monitor that would have blocked correct code: it must be 0).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { GeneratedText } from '../../core/decoding/generated-text';
import type { Monitor, MonitorContext, MonitorEvent } from '../../core/monitors/monitor';
import { createMonitors, implementedMonitorNames, type MonitorName } from '../../core/monitors/registry';
import { silentLogger, type Tokenizer } from '../../core/ports';
import { languageSpecFor } from '../../core/tokens/language-spec';
import { TokenIndex } from '../../core/tokens/token-index';
import { extractDotPrompts, type DotPrompt, type EvalTask } from '../prompts/dot-prompts';
import { defaultEvalCache, installPackage } from '../project/package-installer';
import { median, quantile } from '../score/stats';
import { TsProject } from '../project/ts-project';
import { TsProjectOracle } from '../oracle/ts-project-oracle';

/** Token i is the byte i; 256 ends the text. */
const byteTokenizer: Tokenizer = {
  vocabSize: 257,
  endIds: [256],
  tokenBytes: (id) => (id < 256 ? Uint8Array.of(id) : undefined),
  encode: () => {
    throw new Error('not needed');
  },
  specialId: () => undefined,
};

export interface ReplayFigures {
  prompts: number;
  /** Prompts in which the monitor constrained at least one byte. */
  triggered: number;
  constrainedBytes: number;
  bytes: number;
  questions: number;
  /** Questions whose answer constrained nothing (no answer, or an empty one: not a typed literal, not an enum switch). */
  unanswered: number;
  /** Ground-truth bytes the mask excluded or the check vetoed. */
  blocked: number;
  blockedExamples: string[];
  oracleMs: number[];
}

export async function replayPrompt(index: TokenIndex, project: TsProject, prompt: DotPrompt, name: MonitorName, maxBytes: number, fig: ReplayFigures): Promise<void> {
  const oracle = new TsProjectOracle({ projectDir: project.dir, file: prompt.file, project });
  const generated = new GeneratedText();
  const events: MonitorEvent[] = [];
  const ctx: MonitorContext = {
    index, oracle, prefix: prompt.prefix, suffix: prompt.suffix, generated, oracleTimeoutMs: 5000,
    clock: { now: () => performance.now() }, logger: silentLogger, report: (e) => events.push(e),
  };
  const [monitor] = createMonitors([name]) as [Monitor];
  const truth = new TextEncoder().encode(prompt.groundTruth).subarray(0, maxBytes);
  let constrained = 0;
  monitor.start(ctx);
  await monitor.settle();
  for (const b of truth) {
    const mask = monitor.mask();
    let blocked = false;
    if (mask) {
      constrained++;
      blocked = !mask.has(b);
    }
    const verdict = await monitor.check(b);
    if (!verdict.ok) blocked = true;
    if (blocked) {
      fig.blocked++;
      if (fig.blockedExamples.length < 5) fig.blockedExamples.push(`${prompt.id}: ${JSON.stringify(generated.text.slice(-30))} then ${JSON.stringify(String.fromCharCode(b))}`);
    }
    monitor.commit(b);
    generated.append(Uint8Array.of(b));
    await monitor.settle();
  }
  monitor.dispose();
  fig.prompts++;
  fig.bytes += truth.length;
  fig.constrainedBytes += constrained;
  if (constrained > 0) fig.triggered++;
  for (const e of events) {
    if (e.oracleMs === undefined) continue;
    fig.questions++;
    fig.oracleMs.push(e.oracleMs);
    if (e.note?.endsWith('unconstrained')) fig.unanswered++;
  }
  project.clearOverlay();
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args, options: {
      package: { type: 'string', multiple: true }, task: { type: 'string', default: 'method' }, limit: { type: 'string', default: '40' },
      seed: { type: 'string', default: '1' }, cache: { type: 'string' }, 'max-bytes': { type: 'string', default: '400' }, monitors: { type: 'string' },
    },
  });
  const packages = (values.package ?? ['zod@3']).flatMap((p) => p.split(','));
  const task = values.task as EvalTask;
  const names = (values.monitors ? values.monitors.split(',') : implementedMonitorNames()) as MonitorName[];
  const index = TokenIndex.build(byteTokenizer, languageSpecFor('typescript'));
  const figures: Record<string, ReplayFigures> = {};
  for (const n of names) figures[n] = { prompts: 0, triggered: 0, constrainedBytes: 0, bytes: 0, questions: 0, unanswered: 0, blocked: 0, blockedExamples: [], oracleMs: [] };
  const t0 = performance.now();
  for (const spec of packages) {
    const pkg = await installPackage(spec, resolve(values.cache ?? defaultEvalCache()));
    const project = TsProject.for(pkg.dir);
    const { prompts } = extractDotPrompts(project, { task, limit: Number(values.limit), seed: Number(values.seed) });
    process.stderr.write(`${pkg.name}@${pkg.version}: ${prompts.length} prompts (${task})\n`);
    for (const p of prompts) for (const n of names) await replayPrompt(index, project, p, n, Number(values['max-bytes']), figures[n]!);
  }
  const rows = names.map((n) => {
    const f = figures[n]!;
    const ms = [...f.oracleMs].sort((a, b) => a - b);
    return { monitor: n, ...f, oracleMedian: median(ms), oracleP90: quantile(ms, 0.9) };
  });
  const pad = (x: unknown, w: number) => String(x).padStart(w);
  process.stdout.write([
    `ground truth replayed byte by byte (task ${task}, ${packages.join(', ')}, at most ${values['max-bytes']} bytes per prompt) with the TypeScript oracle; ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    'monitor          prompts  triggered in  constrained bytes   questions  left free  LS median  LS p90   ground truth blocked',
    ...rows.map((r) => [r.monitor.padEnd(15), pad(r.prompts, 7), pad(`${r.triggered} (${((100 * r.triggered) / Math.max(1, r.prompts)).toFixed(0)} %)`, 13), pad(`${r.constrainedBytes}/${r.bytes}`, 18), pad(r.questions, 11), pad(r.unanswered, 10), pad(`${r.oracleMedian.toFixed(1)} ms`, 10), pad(`${r.oracleP90.toFixed(1)} ms`, 8), pad(r.blocked, 22)].join('  ')),
    ...rows.flatMap((r) => r.blockedExamples.map((e) => `  ${r.monitor} blocked ${e}`)),
  ].join('\n') + '\n');
  process.stdout.write(JSON.stringify({ task, packages, monitors: Object.fromEntries(rows.map((r) => [r.monitor, { prompts: r.prompts, triggered: r.triggered, constrained_bytes: r.constrainedBytes, bytes: r.bytes, questions: r.questions, left_free: r.unanswered, oracle_median_ms: Math.round(r.oracleMedian * 10) / 10, oracle_p90_ms: Math.round(r.oracleP90 * 10) / 10, ground_truth_blocked: r.blocked }])) }) + '\n');
  return 0;
}
