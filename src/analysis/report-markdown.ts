import type { EvalReport } from './eval-report';
import type { ModeSummary } from './eval-types';

const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const ms = (x: number): string => `${Math.round(x)}`;

const rows: [string, (s: ModeSummary) => string][] = [
  ['Prompts scored (failed)', (s) => `${s.n} (${s.failed})`],
  ['NIM — next identifier match', (s) => pct(s.nim)],
  ['ISM — identifier sequence match', (s) => pct(s.ism)],
  ['PM — prefix match', (s) => pct(s.pm)],
  ['CR — compilation rate', (s) => pct(s.cr)],
  ['VDR — valid dereferences', (s) => `${pct(s.vdr)} (${s.derefs - s.invalid_derefs}/${s.derefs})`],
  ['VDR where every query was answered', (s) => pct(s.vdr_guided)],
  ['Completions fully guided', (s) => pct(s.guided)],
  ['Tokens blocked per completion', (s) => s.blocked_per_completion.toFixed(2)],
  ['Latency median / p90 (ms)', (s) => `${ms(s.latency_ms.median)} / ${ms(s.latency_ms.p90)}`],
  ['  model forward (median ms)', (s) => ms(s.latency_ms.model)],
  ['  mask (median ms)', (s) => ms(s.latency_ms.mask)],
  ['  language service wait (median ms)', (s) => ms(s.latency_ms.oracle)],
];

export function summaryTable(summary: Record<string, ModeSummary>): string {
  const modes = Object.keys(summary);
  const head = `| Metric | ${modes.map((m) => `monitors ${m}`).join(' | ')} |`;
  const sep = `|---|${modes.map(() => '---:').join('|')}|`;
  const body = rows.map(([label, f]) => `| ${label} | ${modes.map((m) => f(summary[m]!)).join(' | ')} |`);
  return [head, sep, ...body].join('\n');
}

export function markdownReport(r: EvalReport, chartFile?: string): string {
  const c = r.config;
  const pk = c.packages.map((p) => p.skipped
    ? `| ${p.spec} | – | – | – | skipped: ${p.skipped} |`
    : `| ${p.spec} | ${p.version} | ${p.sourceFiles} | ${p.candidates} | ${p.prompts} prompts (tsconfig: ${p.tsconfig}) |`);
  const perPackage = Object.entries(r.packages).map(([name, s]) => `### ${name}\n\n${summaryTable(s)}\n`);
  return [
    '# DotPrompts-TS: monitors off vs on',
    '',
    '```sh',
    c.command,
    '```',
    '',
    `Model \`${c.model}\`, task \`${c.task}\`, up to ${c.limit} prompts per package, seed ${c.seed}, temperature ${c.temperature}, ` +
      `at most ${c.maxTokens} tokens, language-service timeout ${c.oracleTimeoutMs} ms. ` +
      `Modes: ${Object.entries(c.modes).map(([m, mons]) => `\`${m}\` = [${mons.join(', ')}]`).join(', ')}. ` +
      `TypeScript ${c.typescript}, Node ${c.node}, ${c.cpus} CPUs; started ${c.startedAt}, took ${(c.wallSeconds / 60).toFixed(1)} min.`,
    '',
    summaryTable(r.summary),
    '',
    chartFile ? `![metrics](${chartFile})\n` : '',
    `Language service: ${r.oracle.queries} queries, median ${r.oracle.medianMs.toFixed(1)} ms, p90 ${r.oracle.p90Ms.toFixed(1)} ms per query.`,
    '',
    'Rates are fractions of the scored prompts, VDR is pooled over all `.name` accesses the generations contain.',
    '',
    '## Packages',
    '',
    '| Package | Version | Source files | Candidates | Prompts |',
    '|---|---|---:|---:|---|',
    ...pk,
    '',
    ...perPackage,
  ].join('\n');
}
