import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { ablationModes, ablationTable } from './score/ablation';
import { implementedMonitorNames } from '../core/monitors/registry';
import { writeFileSync } from 'node:fs';
import { extractDotPrompts, type DotPrompt, type EvalTask } from './prompts/dot-prompts';
import type { EvalConfig, EvalReport, PackageInfo } from './report/eval-report';
import { runPackage, type CompletionSource } from './run/eval-runner';
import type { EvalMode, PromptRecord } from './eval-types';
import { defaultEvalCache, installPackage, PackageError } from './project/package-installer';
import { EvalError } from './eval-error';
import { ProgressBar } from './run/progress-bar';
import { RecordJournal } from './run/record-journal';
import { picksTable, summaryTable } from './report/report-markdown';
import { median, quantile } from './score/stats';
import { summarize, summarizePicks } from './score/summary';
import { ProjectStatistics } from '../core/statistics/project-statistics';
import { DEFAULT_MIX_WEIGHTS, type MixWeights } from '../core/statistics/name-scores';
import { TsProject } from './project/ts-project';
import { writeReport } from './report/write-report';
import { isPrompting, PROMPTINGS, type Prompting } from '../core/completion/model-family';
import { DEFAULT_DISPLAY_THRESHOLD } from '../core/completion/display-gate';

export const evalUsage = '--package <name@version>... [--task line|method] [--limit N] [--seed S] [--model M] [--monitors a,b] [--arms off,on,stats] [--mix-weights name=value,...] [--out DIR] [--cache DIR] [--max-tokens N] [--oracle-timeout-ms N] [--prompting fim|left-to-right] [--display-threshold P] [--resume] [--ablation]';

/** The arms a run compares unless `--arms` names fewer: no monitors, monitors, monitors with the project's statistics. */
export const ARMS = ['off', 'on', 'stats'] as const;

export interface CompletionsFactory {
  (opts: { model: string; task: EvalTask; maxTokens: number; temperature: number; oracleTimeoutMs: number; seed: number; threads?: number; prompting?: Prompting; mixWeights?: Partial<MixWeights> }):
    Promise<{ info: Record<string, unknown> | object; complete: CompletionSource; dispose(): Promise<void> }>;
}

export { EvalError };

interface Prepared { info: PackageInfo; project?: TsProject; statistics?: ProjectStatistics; prompts: DotPrompt[]; label: string }

/** The project's identifier statistics over every source file, as they are on disk. */
function indexProject(project: TsProject): ProjectStatistics {
  const stats = new ProjectStatistics();
  for (const f of project.sources) stats.set(f, project.text(f));
  return stats;
}

function armModes(list: string, monitors: readonly string[]): EvalMode[] {
  const arms = list.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = arms.filter((a) => !(ARMS as readonly string[]).includes(a));
  if (bad.length || arms.length === 0) throw new EvalError(`--arms takes a list of ${ARMS.join(', ')}; got '${list}'`);
  return ARMS.filter((a) => arms.includes(a)).map((name) => ({ name, monitors: name === 'off' ? [] : monitors, ...(name === 'stats' ? { statistics: true } : {}) }));
}

function parseMixWeights(spec: string): Partial<MixWeights> {
  const out: Record<string, number> = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [k, v] = part.split('=');
    const n = Number(v);
    if (!k || !(k in DEFAULT_MIX_WEIGHTS) || v === undefined || !Number.isFinite(n) || n < 0) {
      throw new EvalError(`--mix-weights takes name=value pairs with names ${Object.keys(DEFAULT_MIX_WEIGHTS).join(', ')} and values ≥ 0; got '${part}'`);
    }
    out[k] = n;
  }
  return out as Partial<MixWeights>;
}

function intOption(v: string | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new EvalError(`--${name} needs a whole number, got '${v}'`);
  return n;
}

async function prepare(spec: string, cache: string, task: EvalTask, limit: number, seed: number, log: (s: string) => void): Promise<Prepared> {
  const skip = (why: string, extra: Partial<PackageInfo> = {}): Prepared => {
    log(`  ${spec}: skipped — ${why}`);
    return { info: { spec, name: spec, version: '', tsconfig: '', sourceFiles: 0, candidates: 0, prompts: 0, ...extra, skipped: why }, prompts: [], label: spec };
  };
  let pkg;
  try {
    log(`  ${spec}: installing into ${cache} …`);
    pkg = await installPackage(spec, cache);
  } catch (err) {
    if (err instanceof PackageError) return skip(err.message);
    throw err;
  }
  const base = { name: pkg.name, version: pkg.version };
  const project = TsProject.for(pkg.dir);
  if (project.sources.length === 0) {
    return skip(`${pkg.name}@${pkg.version} ships no TypeScript sources (no .ts files outside tests and declarations)`, base);
  }
  const t0 = performance.now();
  const ex = extractDotPrompts(project, { task, limit, seed });
  const info: PackageInfo = {
    spec, ...base, tsconfig: project.config.origin === 'generated' ? 'generated' : project.config.origin.slice(pkg.dir.length + 1),
    sourceFiles: project.sources.length, candidates: ex.candidates, prompts: ex.prompts.length,
  };
  if (ex.prompts.length === 0) {
    return skip(`${pkg.name}@${pkg.version} has no usable prompts (${ex.candidates} member accesses in function bodies, none that the TypeScript service lists after its dot)`, info);
  }
  log(`  ${spec}: ${pkg.name}@${pkg.version}, ${project.sources.length} source files, ${ex.candidates} candidates, ${ex.prompts.length} prompts (${Math.round(performance.now() - t0)} ms)`);
  return { info, project, statistics: indexProject(project), prompts: ex.prompts, label: `${pkg.name}@${pkg.version}` };
}

/** `mgd eval`: install, extract, complete with monitors off and on, score, report. */
export async function runEvalCommand(args: string[], startCompletions: CompletionsFactory, commandLine: string): Promise<number> {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args, allowPositionals: true, options: {
        package: { type: 'string', multiple: true, short: 'p' },
        task: { type: 'string', default: 'line' },
        limit: { type: 'string' }, seed: { type: 'string' },
        model: { type: 'string', default: 'bundled' },
        monitors: { type: 'string', default: 'dereference' },
        arms: { type: 'string', default: ARMS.join(',') },
        'mix-weights': { type: 'string' },
        out: { type: 'string', default: 'eval-results/latest' },
        cache: { type: 'string' },
        'max-tokens': { type: 'string' }, temperature: { type: 'string' },
        'oracle-timeout-ms': { type: 'string' }, threads: { type: 'string' }, prompting: { type: 'string' },
        'display-threshold': { type: 'string' },
        resume: { type: 'boolean', default: false },
        ablation: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    throw new EvalError(`${(err as Error).message}\nusage: mgd eval ${evalUsage}`);
  }
  // `--package a@1 b@2`, `--package a@1 --package b@2` and `--package a@1,b@2` all work.
  const packages = [...(values.package ?? []), ...(values.package ? positionals : [])].flatMap((p) => p.split(/[\s,]+/)).filter(Boolean);
  if (!values.package && positionals.length) throw new EvalError(`unexpected '${positionals[0]}': name packages with --package\nusage: mgd eval ${evalUsage}`);
  if (packages.length === 0) throw new EvalError(`eval needs at least one --package name@version\nusage: mgd eval ${evalUsage}`);
  const task = values.task as EvalTask;
  if (task !== 'line' && task !== 'method') throw new EvalError(`--task is line or method, got '${values.task}'`);
  const limit = intOption(values.limit, 'limit', 200);
  const seed = intOption(values.seed, 'seed', 1);
  const maxTokens = intOption(values['max-tokens'], 'max-tokens', task === 'line' ? 48 : 128);
  const oracleTimeoutMs = intOption(values['oracle-timeout-ms'], 'oracle-timeout-ms', 2000);
  const threads = values.threads === undefined ? undefined : intOption(values.threads, 'threads', 0);
  const temperature = values.temperature === undefined ? 0 : Number(values.temperature);
  if (!Number.isFinite(temperature) || temperature < 0) throw new EvalError(`--temperature needs a number ≥ 0`);
  const displayThreshold = values['display-threshold'] === undefined ? DEFAULT_DISPLAY_THRESHOLD : Number(values['display-threshold']);
  if (!(displayThreshold >= 0 && displayThreshold <= 1)) throw new EvalError(`--display-threshold needs a probability between 0 and 1, got '${values['display-threshold']}'`);
  const prompting = values.prompting;
  if (prompting !== undefined && !isPrompting(prompting)) throw new EvalError(`--prompting is ${PROMPTINGS.join(' or ')}, got '${prompting}'`);
  const onMonitors = values.monitors.split(',').map((s) => s.trim()).filter(Boolean);
  // --ablation: none, each monitor alone, all (the monitors named by --monitors, else every implemented one).
  const modes: EvalMode[] = values.ablation
    ? ablationModes(args.some((a) => a.startsWith('--monitors')) ? onMonitors : implementedMonitorNames())
    : armModes(values.arms, onMonitors);
  const mixWeights = values['mix-weights'] === undefined ? undefined : parseMixWeights(values['mix-weights']);
  const cache = resolve(values.cache ?? defaultEvalCache());
  const outDir = resolve(values.out);
  const log = (s: string): void => { process.stderr.write(`${s}\n`); };
  const startedAt = new Date();
  const t0 = performance.now();

  log(`Preparing ${packages.length} package(s), task ${task}, ${limit} prompts each, seed ${seed}:`);
  const prepared: Prepared[] = [];
  for (const spec of packages) prepared.push(await prepare(spec, cache, task, limit, seed, log));
  const usable = prepared.filter((p) => p.prompts.length > 0);
  if (usable.length === 0) throw new EvalError('no package gave any prompt; nothing to evaluate (reasons above)');

  log(`Loading model '${values.model}' …`);
  let source;
  try {
    source = await startCompletions({ model: values.model, task, maxTokens, temperature, oracleTimeoutMs, seed, threads, prompting, mixWeights });
  } catch (err) {
    throw new EvalError(`the model '${values.model}' could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
  const journal = new RecordJournal(outDir, { model: values.model, task, seed, modes, maxTokens, temperature, oracleTimeoutMs, prompting }, values.resume);
  const records: PromptRecord[] = [];
  for (const p of usable) {
    const saved = p.prompts.map((q) => journal.saved(p.label, q.id)).filter((r): r is PromptRecord => r !== undefined);
    records.push(...saved);
    p.prompts = p.prompts.filter((q) => !journal.saved(p.label, q.id));
  }
  if (records.length > 0) log(`Resuming: ${records.length} prompt(s) already done in ${outDir}`);
  const total = usable.reduce((a, p) => a + p.prompts.length, 0) * modes.length;
  const bar = new ProgressBar(total);
  const oracleTimes: number[] = [];
  const packageSeconds: Record<string, number> = {};
  try {
    for (const p of usable) {
      const tp = performance.now();
      records.push(...await runPackage({
        packageLabel: p.label, project: p.project!, prompts: p.prompts, modes, task, complete: source.complete, oracleTimes, displayThreshold, statistics: p.statistics, seed,
        onRecord: (r) => journal.append(r),
        onStep: ({ mode, prompt }) => bar.tick(`${p.label} ${mode.name} ${prompt.id}`),
      }));
      packageSeconds[p.label] = Math.round((performance.now() - tp) / 100) / 10;
    }
  } finally {
    bar.finish();
    await source.dispose();
  }

  const modeNames = modes.map((m) => m.name);
  const config: EvalConfig = {
    command: commandLine, model: values.model, modelInfo: source.info as Record<string, unknown>, task, limit, seed,
    prompting: prompting ?? (source.info as { prompting?: string }).prompting,
    modes: Object.fromEntries(modes.map((m) => [m.name, m.monitors])), ...(mixWeights ? { mixWeights } : {}), maxTokens, temperature, oracleTimeoutMs, displayThreshold,
    packages: prepared.map((p) => (packageSeconds[p.label] !== undefined ? { ...p.info, seconds: packageSeconds[p.label] } : p.info)),
    typescript: ts.version, node: process.version, cpus: cpus().length,
    startedAt: startedAt.toISOString(), wallSeconds: Math.round((performance.now() - t0) / 100) / 10,
  };
  const report: EvalReport = {
    summary: summarize(records, modeNames),
    packages: Object.fromEntries(usable.map((p) => [p.label, summarize(records.filter((r) => r.package === p.label), modeNames)])),
    picks: summarizePicks(records),
    packagePicks: Object.fromEntries(usable.flatMap((p) => {
      const s = summarizePicks(records.filter((r) => r.package === p.label));
      return s ? [[p.label, s]] : [];
    })),
    oracle: { queries: oracleTimes.length, medianMs: Math.round(median(oracleTimes) * 10) / 10, p90Ms: Math.round(quantile(oracleTimes, 0.9) * 10) / 10 },
    config, prompts: records,
  };
  const files = writeReport(outDir, report);
  journal.remove();
  process.stdout.write(`\n${summaryTable(report.summary)}\n\n`);
  if (report.picks) process.stdout.write(`${picksTable(report.picks, report.summary)}\n\n`);
  if (values.ablation) {
    const table = ablationTable(report.summary, records, modes);
    writeFileSync(join(outDir, 'ablation.md'), table + '\n');
    process.stdout.write(`${table}\n\n`);
  }
  process.stdout.write(`Language service: ${report.oracle.queries} queries, median ${report.oracle.medianMs} ms, p90 ${report.oracle.p90Ms} ms.\n`);
  process.stdout.write(`Took ${(config.wallSeconds / 60).toFixed(1)} min. Wrote ${files.json}, ${files.markdown}, ${files.svg}\n`);
  return 0;
}
