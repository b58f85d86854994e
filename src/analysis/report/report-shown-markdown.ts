// The Markdown section on what the user sees: the gate's figures per mode and its threshold curve.
import type { EvalReport } from './eval-report';
import { modeLabel } from './mode-label';

const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)} %`);

export function shownSection(r: EvalReport, chartFile?: string): string {
  const modes = Object.keys(r.summary).filter((m) => r.summary[m]!.shown_rate !== undefined && r.summary[m]!.shown_rate !== null);
  if (modes.length === 0) return '';
  const t = r.config.displayThreshold;
  const rows: [string, (m: string) => string][] = [
    ['shown_rate — completions shown', (m) => pct(r.summary[m]!.shown_rate)],
    ['shown_nim — NIM among shown', (m) => pct(r.summary[m]!.shown_nim)],
    ['em — exact match of the shown line', (m) => pct(r.summary[m]!.em)],
    ['es — edit similarity of the shown line', (m) => pct(r.summary[m]!.es)],
  ];
  const curveModes = modes.filter((m) => (r.summary[m]!.gate_curve?.length ?? 0) > 0);
  const thresholds = r.summary[curveModes[0] ?? '']?.gate_curve?.map((p) => p.threshold) ?? [];
  const curve = thresholds.map((th, i) => `| ${th.toFixed(2)}${t !== undefined && Math.abs(th - t) < 1e-9 ? ' ◀' : ''} | ${curveModes.map((m) => {
    const p = r.summary[m]!.gate_curve![i]!;
    return `${pct(p.shown_rate)} | ${pct(p.shown_nim)} | ${pct(p.es)}`;
  }).join(' | ')} |`);
  return [
    '## What the user sees',
    '',
    `The display gate${t !== undefined ? ` at threshold ${t}` : ''} decides per completion whether it is shown (after the editor's post-processing and the gate's cuts: loops, stutters, comment runs, copies of the line above or of the suffix, unmatched closers, unsure member-chain links, steps the language service did not answer). NIM, em and es are among the shown completions.`,
    '',
    `| Metric | ${modes.map(modeLabel).join(' | ')} |`,
    `|---|${modes.map(() => '---:').join('|')}|`,
    ...rows.map(([label, f]) => `| ${label} | ${modes.map(f).join(' | ')} |`),
    '',
    chartFile ? `![precision against shown rate](${chartFile})\n` : '',
    'Threshold curve (a threshold shows the completions whose first name has at least that probability):',
    '',
    `| threshold | ${curveModes.map((m) => `${m}: shown | ${m}: NIM among shown | ${m}: es`).join(' | ')} |`,
    `|---:|${curveModes.map(() => '---:|---:|---:').join('|')}|`,
    ...curve,
    '',
  ].join('\n');
}
