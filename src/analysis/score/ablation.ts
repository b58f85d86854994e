// `mgd eval --ablation`: the same prompts with no monitor, each monitor alone and all together,
// so that each monitor's effect and cost can be read on its own. A monitor that never triggers on
// the task shows it here: its trigger counts are zero and its row equals `none`.

import type { EvalMode, ModeSummary, PromptRecord } from '../eval-types';
import type { CompletionTraceStep } from '../eval-types';

export const NONE = 'none';
export const ALL = 'all';

/** none, one mode per monitor (named after it), all. */
export function ablationModes(monitors: readonly string[]): EvalMode[] {
  return [{ name: NONE, monitors: [] }, ...monitors.map((m) => ({ name: m, monitors: [m] })), { name: ALL, monitors: [...monitors] }];
}

/** Per monitor: steps it constrained (a step constrained by two counts for both). */
export function monitorSteps(trace: readonly CompletionTraceStep[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of trace) if (s.monitor) for (const m of s.monitor.split('+')) out[m] = (out[m] ?? 0) + 1;
  return out;
}

export interface TriggerCounts {
  /** Completions in which the monitor constrained at least one step. */
  readonly completions: number;
  readonly steps: number;
}

/** How often each monitor constrained something in one mode, over the scored prompts. */
export function triggerCounts(records: readonly PromptRecord[], mode: string): Record<string, TriggerCounts> {
  const out: Record<string, { completions: number; steps: number }> = {};
  for (const r of records) {
    const m = r.modes[mode];
    if (!m || m.failed !== undefined) continue;
    for (const [name, steps] of Object.entries(m.monitorSteps ?? {})) {
      const c = (out[name] ??= { completions: 0, steps: 0 });
      c.completions++;
      c.steps += steps;
    }
  }
  return out;
}

const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const delta = (x: number | null, base: number | null): string => {
  if (x === null || base === null) return '';
  const d = (x - base) * 100;
  return Math.abs(d) < 0.05 ? ' (±0)' : ` (${d > 0 ? '+' : ''}${d.toFixed(1)})`;
};

/** Markdown: one row per mode, metric deltas against `none` in points, latency cost in ms. */
export function ablationTable(summary: Record<string, ModeSummary>, records: readonly PromptRecord[], modes: readonly EvalMode[]): string {
  const base = summary[NONE];
  const head = '| Mode | n | Triggered in (completions / steps) | NIM | ISM | PM | CR | VDR | Blocked / completion | Latency median (ms) | Mask (ms) | LS wait (ms) |';
  const sep = '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const rows = modes.map((mode) => {
    const s = summary[mode.name];
    if (!s) return `| ${mode.name} | – |`;
    const t = triggerCounts(records, mode.name);
    const fired = mode.monitors.length === 0 ? '–' : mode.monitors.map((m) => `${m} ${t[m]?.completions ?? 0} / ${t[m]?.steps ?? 0}`).join(', ');
    const latency = base && mode.name !== NONE ? ` (${s.latency_ms.median - base.latency_ms.median >= 0 ? '+' : ''}${Math.round(s.latency_ms.median - base.latency_ms.median)})` : '';
    const cell = (x: number | null, b: number | null | undefined) => `${pct(x)}${mode.name === NONE || b === undefined ? '' : delta(x, b)}`;
    return `| ${mode.name} | ${s.n} | ${fired} | ${cell(s.nim, base?.nim)} | ${cell(s.ism, base?.ism)} | ${cell(s.pm, base?.pm)} | ${cell(s.cr, base?.cr)} | ${cell(s.vdr, base?.vdr)} | ${s.blocked_per_completion.toFixed(2)} | ${Math.round(s.latency_ms.median)}${latency} | ${s.latency_ms.mask.toFixed(1)} | ${Math.round(s.latency_ms.oracle)} |`;
  });
  return [
    '## Ablation: each monitor alone, all together, none',
    '',
    'Same prompts, model and seed in every row. Deltas against `none` in percentage points; latency delta in ms.',
    '"Triggered in": completions in which the monitor constrained at least one step / constrained steps in all.',
    '',
    head,
    sep,
    ...rows,
  ].join('\n');
}
