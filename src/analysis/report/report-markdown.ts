import type { EvalReport } from './eval-report';
import type { ModeSummary, PickSummary } from '../eval-types';
import { shownSection } from './report-shown-markdown';
import { TRIVIAL_PICKS, trivialPickLabels, type TrivialPick } from '../score/trivial-picks';
import { modeLabel } from './mode-label';

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
  ['Completions with a language-service timeout', (s) => String(s.oracle_timeouts)],
  ['Tokens blocked per completion', (s) => s.blocked_per_completion.toFixed(2)],
  ['Latency median / p90 (ms)', (s) => `${ms(s.latency_ms.median)} / ${ms(s.latency_ms.p90)}`],
  ['  model forward (median ms)', (s) => ms(s.latency_ms.model)],
  ['  mask (median ms)', (s) => s.latency_ms.mask.toFixed(1)],
  ['  language service wait (median ms)', (s) => ms(s.latency_ms.oracle)],
];

export function summaryTable(summary: Record<string, ModeSummary>): string {
  const modes = Object.keys(summary);
  const head = `| Metric | ${modes.map(modeLabel).join(' | ')} |`;
  const sep = `|---|${modes.map(() => '---:').join('|')}|`;
  const body = rows.map(([label, f]) => `| ${label} | ${modes.map((m) => f(summary[m]!)).join(' | ')} |`);
  return [head, sep, ...body].join('\n');
}

/**
 * NIM of each trivial pick among the legal names beside each arm's NIM, and how far each arm is
 * above the best of them (in points).
 */
export function picksTable(picks: Record<TrivialPick, PickSummary>, summary: Record<string, ModeSummary>): string {
  const best = Math.max(...TRIVIAL_PICKS.map((k) => picks[k].nim));
  const rows = TRIVIAL_PICKS.map((k) => `| ${trivialPickLabels[k]} | ${pct(picks[k].nim)} | ${picks[k].nim === best ? 'best trivial pick' : ''} |`);
  const arms = Object.entries(summary).map(([m, s]) => {
    const d = (s.nim - best) * 100;
    return `| the model, ${modeLabel(m)} | ${pct(s.nim)} | ${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)} points against the best trivial pick |`;
  });
  return ['| pick among the legal names at the dot | NIM | |', '|---|---:|---|', ...rows, ...arms].join('\n');
}

/** Prompt layout and weights fingerprint, when the model reported them (older results did not). */
function modelDetails(info: Record<string, unknown> | undefined, prompting: unknown): string {
  const layout = prompting ?? info?.prompting;
  const parts = [
    typeof layout === 'string' ? `${layout} prompts` : '',
    typeof info?.weights === 'string' ? `weights sha256 ${info.weights}…` : '',
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

export function markdownReport(r: EvalReport, chartFile?: string): string {
  const c = r.config;
  const pk = c.packages.map((p) => p.skipped
    ? `| ${p.spec} | – | – | – | skipped: ${p.skipped} | – |`
    : `| ${p.spec} | ${p.version} | ${p.sourceFiles} | ${p.candidates} | ${p.prompts} prompts (tsconfig: ${p.tsconfig}) | ${p.seconds !== undefined ? `${(p.seconds / 60).toFixed(1)} min` : '–'} |`);
  const perPackage = Object.entries(r.packages).map(([name, s]) => {
    const picks = r.packagePicks?.[name];
    return `### ${name}\n\n${summaryTable(s)}\n${picks ? `\n${picksTable(picks, s)}\n` : ''}`;
  });
  return [
    '# DotPrompts-TS: monitors off, on, and on with project statistics',
    '',
    '```sh',
    c.command,
    '```',
    '',
    `Model \`${c.model}\`${modelDetails(c.modelInfo, c.prompting)}, task \`${c.task}\`, up to ${c.limit} prompts per package, seed ${c.seed}, temperature ${c.temperature}, ` +
      `at most ${c.maxTokens} tokens, language-service timeout ${c.oracleTimeoutMs} ms. ` +
      `Modes: ${Object.entries(c.modes).map(([m, mons]) => `\`${m}\` = [${mons.join(', ')}]${m === 'stats' ? ' + project statistics' : ''}`).join(', ')}${c.mixWeights ? ` (mixing weights changed: ${Object.entries(c.mixWeights).map(([k, v]) => `${k}=${v}`).join(', ')})` : ''}. ` +
      `TypeScript ${c.typescript}, Node ${c.node}, ${c.cpus} CPUs; started ${c.startedAt}, took ${(c.wallSeconds / 60).toFixed(1)} min.`,
    '',
    summaryTable(r.summary),
    '',
    ...(r.picks ? [
      'Trivial picks: rules that choose one of the names the language service lists at the prompt\'s dot without a model, on the same prompts (the file before and after the cursor and the project\'s other files, never the ground truth; ties go to the earlier name in the service\'s order).',
      '',
      picksTable(r.picks, r.summary),
      '',
    ] : []),
    chartFile ? `![metrics](${chartFile})\n` : '',
    shownSection(r, chartFile ? 'gate.svg' : undefined),
    `Language service: ${r.oracle.queries} queries, median ${r.oracle.medianMs.toFixed(1)} ms, p90 ${r.oracle.p90Ms.toFixed(1)} ms per query.`,
    '',
    '## How it is measured',
    '',
    '- Prompts (DotPrompts-TS): every `expr.name` inside a function or method body of the package\'s own non-test `.ts` sources whose `name` the TypeScript service lists after the dot; a seeded shuffle picks the sample. The prompt is the file up to the dot, the ground truth the rest of the line (`line`) or of the body (`method`), the suffix (for FIM) what follows it.',
    '- Every arm completes the same prompts with the same model and settings; only the monitors and the statistics differ. The statistics arm mixes the model with what the file (before and after the cursor) and the project\'s other files say about each legal name; the prompt\'s own file is left out of the project\'s counts, so the ground truth never reaches them.',
    '- NIM: first generated identifier equals the ground truth\'s. ISM / PM: longest common prefix of the identifier / token sequences (TypeScript scanner) over the ground truth\'s length. Rates are means over the scored prompts.',
    '- CR: the generation spliced in place of the ground truth (in memory); it compiles when the file has no syntax error and the function around the prompt no type error that the original did not have (compared by code and message; TypeScript region diagnostics over that function).',
    '- VDR: of the `.name` accesses whose name the model wrote (a name cut off by the token limit does not count), the share TypeScript does not reject as missing or inaccessible (2339, 2551, 2550, 2576, 2341, 2445, 2694, 2724); pooled over all generations.',
    '- Latency: medians per completion of the whole completion, its model forward passes, mask computation and waiting for the language service.',
    '',
    '## Packages',
    '',
    '| Package | Version | Source files | Candidates | Prompts | Time, both modes |',
    '|---|---|---:|---:|---|---:|',
    ...pk,
    '',
    ...perPackage,
  ].join('\n');
}
