import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvalReport } from './eval-report';
import { markdownReport } from './report-markdown';
import { svgChart } from './report-svg';
import { gateCurveSvg } from './report-gate-svg';

export interface WrittenReport { json: string; markdown: string; svg: string; gateSvg: string }

/** eval.json, eval.md and eval.svg in `dir` (created if needed). */
export function writeReport(dir: string, report: EvalReport): WrittenReport {
  mkdirSync(dir, { recursive: true });
  const files = { json: join(dir, 'eval.json'), markdown: join(dir, 'eval.md'), svg: join(dir, 'eval.svg'), gateSvg: join(dir, 'gate.svg') };
  // Infinity/NaN never reach JSON: every figure is a finite number or null.
  writeFileSync(files.json, JSON.stringify(report, null, 1) + '\n');
  const pkgs = report.config.packages.filter((p) => !p.skipped).map((p) => `${p.name}@${p.version}`).join(', ');
  writeFileSync(files.svg, svgChart(report.summary, `DotPrompts-TS (${report.config.task}), ${pkgs || 'no packages'}`, report.picks));
  writeFileSync(files.gateSvg, gateCurveSvg(report.summary, `Display gate: precision against shown rate over the threshold (${report.config.task})`, report.config.displayThreshold));
  writeFileSync(files.markdown, markdownReport(report, 'eval.svg'));
  return files;
}
