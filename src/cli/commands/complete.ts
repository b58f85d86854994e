import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultModelCache, monitorNames } from '../../analysis/run/model-completions';
import { TsProject } from '../../analysis/project/ts-project';
import { TsProjectOracle } from '../../analysis/oracle/ts-project-oracle';
import { allMonitorNames } from '../../core/monitors/registry';
import { isPrompting, PROMPTINGS } from '../../core/completion/model-family';
import { median } from '../../analysis/score/stats';
import { requestFor } from '../../core/completion/request';
import { UsageError } from '../usage-error';
import { DEFAULT_DISPLAY_THRESHOLD } from '../../core/completion/display-gate';
import { completionStart, ghostText } from '../../core/completion/ghost-text';

export const completeUsage = '<file>:<line>:<col> [--model M] [--monitors on|off|a,b] [--mode line|block] [--max-tokens N] [--temperature T] [--prompting fim|left-to-right] [--prompt-tokens N] [--display-threshold P] [--json]';

/** The folder TypeScript would treat as the file's project: nearest tsconfig.json, else package.json. */
function projectDirOf(file: string): string {
  for (const marker of ['tsconfig.json', 'package.json']) {
    for (let d = dirname(file); ; d = dirname(d)) {
      if (existsSync(join(d, marker))) return d;
      if (dirname(d) === d) break;
    }
  }
  return dirname(file);
}

function parseTarget(target: string): { file: string; line: number; col: number } {
  const m = /^(.*):(\d+):(\d+)$/.exec(target);
  if (!m) throw new UsageError(`expected <file>:<line>:<col>, got '${target}'`);
  return { file: resolve(m[1]!), line: Number(m[2]), col: Number(m[3]) };
}

function offsetOf(text: string, line: number, col: number, file: string): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) throw new UsageError(`${file} has fewer than ${line} lines`);
    off = nl + 1;
  }
  const end = text.indexOf('\n', off);
  const lineLen = (end < 0 ? text.length : end) - off;
  if (col < 1 || col - 1 > lineLen) throw new UsageError(`column ${col} is outside line ${line} (1..${lineLen + 1})`);
  return off + col - 1;
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, options: {
        model: { type: 'string', default: 'bundled' },
        monitors: { type: 'string', default: 'on' },
        mode: { type: 'string', default: 'line' },
        'max-tokens': { type: 'string', default: '48' },
        temperature: { type: 'string', default: '0' },
        'oracle-timeout-ms': { type: 'string', default: '2000' },
        'display-threshold': { type: 'string' },
        prompting: { type: 'string' },
        'prompt-tokens': { type: 'string', default: '0' },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nusage: mgd complete ${completeUsage}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`usage: mgd complete ${completeUsage}`);
  const { file, line, col } = parseTarget(positionals[0]!);
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const mode = values.mode;
  if (mode !== 'line' && mode !== 'block') throw new UsageError(`--mode is line or block, got '${mode}'`);
  const maxTokens = Number(values['max-tokens']);
  const temperature = Number(values.temperature);
  const oracleTimeoutMs = Number(values['oracle-timeout-ms']);
  if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new UsageError('--max-tokens needs a whole number ≥ 1');
  if (!Number.isFinite(temperature) || temperature < 0) throw new UsageError('--temperature needs a number ≥ 0');
  if (!Number.isFinite(oracleTimeoutMs) || oracleTimeoutMs < 1) throw new UsageError('--oracle-timeout-ms needs a number ≥ 1');
  const threshold = values['display-threshold'] === undefined ? DEFAULT_DISPLAY_THRESHOLD : Number(values['display-threshold']);
  if (!(threshold >= 0 && threshold <= 1)) throw new UsageError('--display-threshold needs a probability between 0 and 1');
  const prompting = values.prompting;
  if (prompting !== undefined && !isPrompting(prompting)) throw new UsageError(`--prompting is ${PROMPTINGS.join(' or ')}, got '${prompting}'`);
  const promptTokens = Number(values['prompt-tokens']);
  if (!Number.isInteger(promptTokens) || promptTokens < 0) throw new UsageError('--prompt-tokens needs a whole number (0: sized from the measured speed)');
  const list = values.monitors === 'on' ? [...allMonitorNames] : values.monitors === 'off' ? [] : values.monitors.split(',').map((s) => s.trim()).filter(Boolean);
  let monitors;
  try { monitors = monitorNames(list); } catch (err) { throw new UsageError(`${(err as Error).message} (or on/off)`); }

  const text = readFileSync(file, 'utf8');
  const offset = offsetOf(text, line, col, file);
  const projectDir = projectDirOf(file);
  const project = TsProject.for(projectDir, { rootFiles: [file] });
  const oracle = new TsProjectOracle({ projectDir, file, project });

  const { ModelHost } = await import('../../node/model-host');
  let host;
  try {
    const loading = ModelHost.start({ model: values.model, cacheDir: defaultModelCache(), fingerprint: true });
    loading.catch(() => undefined);
    // The model loads in its worker while this thread builds the program for the first question.
    await oracle.warm(text.slice(0, offset), text.slice(offset));
    host = await loading;
  } catch (err) {
    throw new UsageError(`the model '${values.model}' could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const settings = { maxTokens, temperature, multiline: mode === 'line' ? 'never' : 'always', monitors, languageServiceTimeoutMs: oracleTimeoutMs, prompting, promptTokens } as const;
    const languageId = file.endsWith('.js') || file.endsWith('.jsx') ? 'javascript' : 'typescript';
    const r = await host.complete(requestFor(settings, { text, languageId }, offset), oracle);
    // What the editor would show: post-processing and the display gate, as in the inline provider.
    const view = ghostText(r, completionStart(text, offset), { mode, monitorsOn: monitors.length > 0, threshold });
    const gate = { score: Math.round(view.decision.score * 1e4) / 1e4, reason: view.decision.reason, cuts: view.decision.cuts, threshold };
    const os = oracle.stats();
    const oracleMs = median(os.ms);
    if (values.json) {
      process.stdout.write(JSON.stringify({
        file, line, col, projectDir, monitors, model: host.info,
        text: r.text, stopReason: r.stopReason, error: r.error, guided: r.guided, timings: r.timings, trace: r.trace,
        shown: view.itemText !== undefined, shownText: view.shown, gate,
        oracle: { queries: os.queries, medianMs: Math.round(oracleMs * 10) / 10, totalMs: Math.round(os.totalMs * 10) / 10 },
      }, null, 1) + '\n');
      return r.stopReason === 'error' ? 1 : 0;
    }
    const t = r.timings;
    const out: string[] = [
      r.text,
      '─'.repeat(40),
      `model ${host.info.modelId}; monitors: ${monitors.length ? monitors.join(', ') : 'off'}${monitors.length === 0 ? '' : ` (of ${allMonitorNames.join(', ')})`}`,
      `stop: ${r.stopReason}${r.error ? ` (${r.error})` : ''}; ${r.guided ? 'guided' : 'NOT fully guided (a language-service answer failed or came too late)'}; ${t.tokens} tokens`,
      `time: ${Math.round(t.totalMs)} ms total — prompt ${Math.round(t.promptMs)}, model ${Math.round(t.modelMs)}, mask ${t.maskMs.toFixed(1)}, language-service wait ${Math.round(t.oracleWaitMs)}`,
      `shown in the editor: ${view.itemText !== undefined ? JSON.stringify(view.shown) : 'nothing'} (display gate: ${gate.reason}, first name p=${gate.score.toFixed(3)}, threshold ${threshold}${gate.cuts.length ? `; cuts ${gate.cuts.join(', ')}` : ''})`,
      `language service: ${os.queries} queries, median ${oracleMs.toFixed(1)} ms, total ${Math.round(os.totalMs)} ms`,
    ];
    const blocked = r.trace.filter((s) => s.monitor && s.wanted && s.wanted.tokenId !== s.tokenId);
    const constrained = r.trace.filter((s) => s.monitor);
    out.push(`constrained steps: ${constrained.length}; blocked the model's first choice: ${blocked.length}`);
    for (const s of r.trace) {
      if (!s.monitor && !s.note) continue;
      const what = s.wanted && s.wanted.tokenId !== s.tokenId ? `blocked ${JSON.stringify(s.wanted.text)}, took ${JSON.stringify(s.text)}` : `took ${JSON.stringify(s.text)}`;
      out.push(`  ${s.monitor ?? '-'}: ${what}${s.allowed !== undefined ? ` (${s.allowed} tokens allowed)` : ''}${s.oracleMs !== undefined ? `, oracle ${s.oracleMs.toFixed(1)} ms` : ''}${s.note ? ` — ${s.note}` : ''}`);
    }
    process.stdout.write(out.join('\n') + '\n');
    return r.stopReason === 'error' ? 1 : 0;
  } finally {
    await host.dispose();
  }
}
