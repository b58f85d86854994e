import { monitorSteps } from '../score/ablation';
import { legalNames } from '../../core/monitors/ask';
import { FileContext } from '../../core/statistics/file-context';
import type { ProjectStatistics } from '../../core/statistics/project-statistics';
import { languageSpecFor } from '../../core/tokens/language-spec';
import type { CompletionAnswer } from '../../core/ports';
import { trivialPicks } from '../score/trivial-picks';
import { compileMetrics, errorKeys, textMetrics, type CompileMetrics } from '../score/metrics';
import type { DotPrompt, EvalTask } from '../prompts/dot-prompts';
import type { CompletionOutcome, EvalMode, ModeRecord, PromptRecord } from '../eval-types';
import { TsProjectOracle } from '../oracle/ts-project-oracle';
import type { TsProject } from '../project/ts-project';
import { shownFields } from '../score/shown-metrics';
import { DEFAULT_DISPLAY_THRESHOLD } from '../../core/completion/display-gate';

/** What the project says beside the prompt's file: uses of a name or `receiver.name` in the other files. */
export interface ProjectContext {
  readonly projectCount: (key: string) => number;
}

/** Where completions come from: the model host in the CLI, a fake in unit tests. */
export type CompletionSource = (prompt: DotPrompt, mode: EvalMode, oracle: TsProjectOracle, project?: ProjectContext) => Promise<CompletionOutcome>;

export interface RunPackageOptions {
  readonly packageLabel: string;
  readonly project: TsProject;
  readonly prompts: readonly DotPrompt[];
  readonly modes: readonly EvalMode[];
  readonly task: EvalTask;
  readonly complete: CompletionSource;
  /** Receives the milliseconds of every LanguageService query the completions made. */
  readonly oracleTimes?: number[];
  /** Called when a prompt is done in every mode (to save it as the run goes). */
  readonly onRecord?: (record: PromptRecord) => void;
  /** The project's identifier statistics (all source files): the trivial picks and the statistics arm read them. */
  readonly statistics?: ProjectStatistics;
  /** Seeds the random pick. */
  readonly seed?: number;
  /** Called after every completion (one prompt in one mode). */
  readonly onStep?: (info: { prompt: DotPrompt; mode: EvalMode; record: ModeRecord }) => void;
  /** The display gate's threshold for `shown` (the product's default when absent). */
  readonly displayThreshold?: number;
}

const zeroTimings: CompletionOutcome['timings'] = { totalMs: 0, promptMs: 0, modelMs: 0, maskMs: 0, oracleWaitMs: 0, tokens: 0 };

function failedRecord(reason: string, out?: CompletionOutcome): ModeRecord {
  return {
    text: out?.text ?? '', stopReason: out?.stopReason ?? 'error', guided: out?.guided ?? false, failed: reason,
    blocked: 0, blockedExamples: [], notes: [], nim: false, ism: 0, pm: 0, compiles: false, newErrors: [], derefs: 0, invalidDerefs: 0, invalidNames: [],
    timings: out?.timings ?? zeroTimings, scoreMs: 0,
  };
}

/** A line completion is one line: whatever a source returns past the first newline is not part of it. */
export function generationFor(task: EvalTask, text: string): string {
  if (task !== 'line') return text;
  const nl = text.search(/\r?\n/);
  return nl < 0 ? text : text.slice(0, nl);
}

/**
 * Every prompt in every mode, in that order (the modes of one prompt run back to back so the
 * LanguageService stays warm on its file). A completion or scoring that throws becomes a failed
 * record; the run goes on.
 */
export async function runPackage(opts: RunPackageOptions): Promise<PromptRecord[]> {
  const { project } = opts;
  const originals = new Map<string, Map<string, number>>();
  const records: PromptRecord[] = [];
  const compiledCache = new Map<string, CompileMetrics>();
  for (const prompt of opts.prompts) {
    compiledCache.clear();
    // Every prompt moves to another file: warm the service on it first. The warm-up's answer is the
    // legal set the trivial picks choose from.
    const answer = await new TsProjectOracle({ projectDir: project.dir, file: prompt.file, project }).warm(prompt.prefix, prompt.suffix);
    // The file's own text is left out of the project's counts as a whole, so the ground truth in it never counts.
    const projectCount = opts.statistics?.without(project.resolve(prompt.file)) ?? (() => 0);
    const names = answer?.semantic ? legalNames(answer, languageSpecFor('typescript')) : [];
    const picks = trivialPicks(names, new FileContext(prompt.prefix, prompt.suffix), projectCount, prompt.id, opts.seed ?? 0);
    const modes: Record<string, ModeRecord> = {};
    for (const mode of opts.modes) {
      let record: ModeRecord;
      let out: CompletionOutcome | undefined;
      try {
        const oracle = new TsProjectOracle({ projectDir: project.dir, file: prompt.file, project });
        try {
          out = await opts.complete(prompt, mode, oracle, { projectCount });
        } finally {
          opts.oracleTimes?.push(...oracle.stats().ms);
        }
        if (out.stopReason === 'error') throw new Error(out.error ?? 'the completion stopped with an error');
        const t0 = performance.now();
        const generated = generationFor(opts.task, out.text);
        let original = originals.get(prompt.id);
        if (!original) {
          project.clearOverlay();
          original = errorKeys(project.errors(prompt.file, prompt.scope));
          originals.set(prompt.id, original);
        }
        const text = textMetrics(generated, prompt.groundTruth);
        // Modes often agree; type-checking the same splice twice would only cost time.
        const cacheKey = `${prompt.id}\0${generated}`;
        const compiled = compiledCache.get(cacheKey) ?? compileMetrics(project, prompt.file, original, prompt.prefix, generated, prompt.suffix, {
          region: prompt.scope, cutOff: generated === out.text && (out.stopReason === 'maxTokens' || out.stopReason === 'timeBudget'),
        });
        compiledCache.set(cacheKey, compiled);
        const blockedSteps = out.trace.filter((s) => s.monitor !== undefined && s.wanted !== undefined && s.wanted.tokenId !== s.tokenId);
        record = {
          text: generated, stopReason: out.stopReason, guided: out.guided,
          blocked: blockedSteps.length,
          blockedExamples: blockedSteps.slice(0, 3).map((s) => `${s.monitor}: ${JSON.stringify(s.wanted!.text)} → ${JSON.stringify(s.text)}`),
          notes: [...new Set(out.trace.map((s) => s.note).filter((n): n is string => !!n))].slice(0, 5),
          monitorSteps: monitorSteps(out.trace),
          ...text, ...compiled,
          timings: out.timings, scoreMs: performance.now() - t0,
          ...shownFields(prompt, opts.task, out, mode.monitors.length > 0, opts.displayThreshold ?? DEFAULT_DISPLAY_THRESHOLD),
        };
      } catch (err) {
        record = failedRecord(err instanceof Error ? err.message : String(err), out);
      }
      modes[mode.name] = record;
      opts.onStep?.({ prompt, mode, record });
    }
    const done: PromptRecord = { package: opts.packageLabel, id: prompt.id, name: prompt.name, groundTruth: prompt.groundTruth, modes, legalNames: names.length, picks };
    records.push(done);
    opts.onRecord?.(done);
  }
  project.clearOverlay();
  return records;
}
