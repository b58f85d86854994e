import type { ModeRecord, ModeSummary, PickSummary, PromptRecord } from '../eval-types';
import { median, quantile } from './stats';
import { shownSummary } from './shown-summary';
import { TRIVIAL_PICKS, type TrivialPick } from './trivial-picks';


const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

function vdrOf(rs: readonly ModeRecord[]): { vdr: number | null; derefs: number; invalid: number } {
  const derefs = rs.reduce((a, r) => a + r.derefs, 0);
  const invalid = rs.reduce((a, r) => a + r.invalidDerefs, 0);
  return { vdr: derefs === 0 ? null : round(1 - invalid / derefs), derefs, invalid };
}

/** Rates are fractions 0..1 averaged over the scored prompts; VDR is pooled over all accesses. */
export function summarizeMode(records: readonly PromptRecord[], mode: string): ModeSummary {
  const all = records.map((r) => r.modes[mode]).filter((m): m is ModeRecord => m !== undefined);
  const ok = all.filter((m) => m.failed === undefined);
  const v = vdrOf(ok);
  const t = ok.map((m) => m.timings);
  return {
    n: ok.length,
    failed: all.length - ok.length,
    nim: round(mean(ok.map((m) => (m.nim ? 1 : 0)))),
    ism: round(mean(ok.map((m) => m.ism))),
    pm: round(mean(ok.map((m) => m.pm))),
    cr: round(mean(ok.map((m) => (m.compiles ? 1 : 0)))),
    vdr: v.vdr,
    derefs: v.derefs,
    invalid_derefs: v.invalid,
    vdr_guided: vdrOf(ok.filter((m) => m.guided)).vdr,
    guided: round(mean(ok.map((m) => (m.guided ? 1 : 0)))),
    oracle_timeouts: ok.filter((m) => m.notes.some((n) => n.includes('no answer within'))).length,
    blocked_per_completion: round(mean(ok.map((m) => m.blocked)), 2),
    latency_ms: {
      median: round(median(t.map((x) => x.totalMs)), 1),
      p90: round(quantile(t.map((x) => x.totalMs), 0.9), 1),
      model: round(median(t.map((x) => x.modelMs)), 1),
      mask: round(median(t.map((x) => x.maskMs)), 1),
      oracle: round(median(t.map((x) => x.oracleWaitMs)), 1),
    },
    ...shownSummary(ok),
  };
}

export function summarize(records: readonly PromptRecord[], modes: readonly string[]): Record<string, ModeSummary> {
  return Object.fromEntries(modes.map((m) => [m, summarizeMode(records, m)]));
}

/** NIM of each trivial pick over every prompt (records from before the picks existed count as none). */
export function summarizePicks(records: readonly PromptRecord[]): Record<TrivialPick, PickSummary> | undefined {
  if (!records.some((r) => r.picks !== undefined || r.legalNames !== undefined)) return undefined;
  return Object.fromEntries(TRIVIAL_PICKS.map((k) => [k, {
    n: records.length,
    nim: round(mean(records.map((r) => (r.picks?.[k] === r.name ? 1 : 0)))),
  }])) as Record<TrivialPick, PickSummary>;
}
