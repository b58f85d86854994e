// Markdown for "Explain Last Completion": per generated token, what the model wanted, what the
// monitor allowed, and why. Typed structurally so it reads any DecodeResult.
import type { DecodeTimings, TraceStep } from '../decoding/decode';

export type ExplainStep = Readonly<TraceStep>;

export type ExplainTimings = Readonly<DecodeTimings>;

export interface ExplainInput {
  readonly file: string;
  readonly line: number;
  readonly character: number;
  readonly languageId: string;
  readonly modelId: string;
  readonly monitors: readonly string[];
  readonly shown: string;
  readonly result: {
    readonly text: string;
    readonly stopReason: string;
    readonly error?: string;
    readonly guided: boolean;
    readonly trace: readonly ExplainStep[];
    readonly timings: ExplainTimings;
  };
}

export function tokensPerSecond(t: Pick<ExplainTimings, 'tokens' | 'modelMs' | 'totalMs'>): number {
  const ms = t.modelMs > 0 ? t.modelMs : t.totalMs;
  return ms > 0 ? (t.tokens * 1000) / ms : 0;
}

/** Tokens where the monitor changed the model's choice (not where the file's own continuation did). */
export function blockedCount(trace: readonly ExplainStep[]): number {
  return trace.filter((s) => s.wanted !== undefined && s.wanted.tokenId !== s.tokenId && !s.copied).length;
}

const cell = (s: string): string => '`' + JSON.stringify(s).slice(1, -1).replace(/`/g, "'").replace(/\|/g, '\\|') + '`';

export function renderExplanation(x: ExplainInput): string {
  const r = x.result;
  const t = r.timings;
  const out: string[] = [
    '# Last completion',
    '',
    `- Position: ${x.file}:${x.line + 1}:${x.character + 1} (${x.languageId})`,
    `- Model: ${x.modelId}`,
    `- Monitors: ${x.monitors.length ? x.monitors.join(', ') : 'off'}`,
    `- Guided: ${r.guided ? 'yes' : 'no — a language-service answer was missing or too slow at some step'}`,
    `- Stopped: ${r.stopReason}${r.error ? ` (${r.error})` : ''}`,
    `- Generated: ${cell(r.text)}`,
    `- Shown: ${cell(x.shown)}`,
    `- Timings: prompt ${fmt(t.promptMs)} ms, model ${fmt(t.modelMs)} ms, masks ${fmt(t.maskMs)} ms, waiting for the language service ${fmt(t.oracleWaitMs)} ms, total ${fmt(t.totalMs)} ms; ${t.tokens} tokens, ${fmt(tokensPerSecond(t))} tokens/s`,
    `- Tokens the monitors blocked: ${blockedCount(r.trace)}`,
    '',
    '| # | chosen | model wanted | monitor | allowed tokens | oracle ms | why |',
    '|---|---|---|---|---|---|---|',
  ];
  r.trace.forEach((s, i) => {
    const changed = s.wanted !== undefined && s.wanted.tokenId !== s.tokenId;
    out.push(
      `| ${i + 1} | ${cell(s.text)} | ${changed ? cell(s.wanted!.text) : 'same'} | ${s.monitor ?? '—'} | ${s.allowed ?? 'any'} | ${s.oracleMs !== undefined ? fmt(s.oracleMs) : ''} | ${why(s, changed)} |`,
    );
  });
  if (r.trace.length === 0) out.push('| | (no tokens) | | | | | |');
  return out.join('\n') + '\n';
}

function why(s: ExplainStep, changed: boolean): string {
  const parts: string[] = [];
  if (changed && s.copied) parts.push('the file went on this way after the same tokens elsewhere');
  else if (changed) parts.push(`${s.monitor ?? 'a monitor'} ruled out the model's first choice`);
  else if (s.monitor) parts.push(`allowed by ${s.monitor}`);
  if (s.note) parts.push(s.note.replace(/\|/g, '\\|'));
  return parts.join('; ');
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}
