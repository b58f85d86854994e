import { homedir } from 'node:os';
import { join } from 'node:path';
import { allMonitorNames, type MonitorName } from '../../core/monitors/registry';
import type { Prompting } from '../../core/completion/model-family';
import { requestFor, type CompletionSettings } from '../../core/completion/request';
import type { Dtype } from '../../core/completion/settings';
import type { Logger } from '../../core/ports';
import type { MixWeights } from '../../core/statistics/name-scores';
import { withProjectEvidence } from '../../core/statistics/project-evidence';
import { ModelHost } from '../../node/model-host';
import type { CompletionSource } from './eval-runner';
import type { EvalTask } from '../prompts/dot-prompts';

export interface ModelCompletionsOptions {
  readonly model: string;
  readonly dtype?: Dtype;
  readonly threads?: number;
  readonly task: EvalTask;
  readonly maxTokens: number;
  readonly temperature: number;
  readonly oracleTimeoutMs: number;
  readonly seed?: number;
  /** Prompt layout; the model's default when absent. */
  readonly prompting?: Prompting;
  /** Overrides of the statistics' mixing weights, for the arms that use them. */
  readonly mixWeights?: Partial<MixWeights>;
  readonly logger?: Logger;
  readonly onProgress?: (p: { file: string; loaded: number; total: number }) => void;
}

export interface ModelCompletions {
  readonly info: ModelHost['info'];
  readonly complete: CompletionSource;
  dispose(): Promise<void>;
}

/** Model downloads (hub ids) are cached beside the evaluation's packages, outside any repository. */
export function defaultModelCache(env: NodeJS.ProcessEnv = process.env): string {
  return env.MGD_MODEL_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mgd', 'models');
}

export function monitorNames(list: readonly string[]): MonitorName[] {
  const bad = list.filter((m) => !(allMonitorNames as readonly string[]).includes(m));
  if (bad.length) throw new Error(`unknown monitor(s) ${bad.join(', ')}; known: ${allMonitorNames.join(', ')}`);
  return list as MonitorName[];
}

/** Completions from the model host (model in its worker, the TypeScript oracle on this thread). */
export async function startModelCompletions(opts: ModelCompletionsOptions): Promise<ModelCompletions> {
  const host = await ModelHost.start({
    model: opts.model, dtype: opts.dtype, threads: opts.threads, cacheDir: defaultModelCache(), logger: opts.logger, onProgress: opts.onProgress,
    // Results name the exact weights they came from, and prompts do not depend on this machine's speed.
    fingerprint: true,
    measurePromptSpeed: false,
  });
  const complete: CompletionSource = (prompt, mode, oracle, project) => {
    const statistics = mode.statistics === true;
    const settings: CompletionSettings = {
      maxTokens: opts.maxTokens, temperature: opts.temperature, multiline: opts.task === 'line' ? 'never' : 'always',
      monitors: monitorNames(mode.monitors), languageServiceTimeoutMs: opts.oracleTimeoutMs, seed: opts.seed, prompting: opts.prompting,
      statistics, mixWeights: opts.mixWeights,
    };
    const request = requestFor(settings, { text: prompt.prefix + prompt.suffix, languageId: 'typescript' }, prompt.prefix.length);
    // The project's counts leave out the prompt's whole file, so the ground truth never reaches them.
    return host.complete(request, statistics && project ? withProjectEvidence(oracle, project.projectCount) : oracle);
  };
  return { info: host.info, complete, dispose: () => host.dispose() };
}
