// Summary figures of what the user sees: how often the gate shows a completion, and how good the
// shown ones are; the same over a range of thresholds (the curve a threshold is chosen from).
import type { GateCurvePoint, ModeRecord } from '../eval-types';

const round = (x: number): number => Math.round(x * 1e4) / 1e4;
const rate = (xs: readonly number[]): number | null => (xs.length === 0 ? null : round(xs.reduce((a, b) => a + b, 0) / xs.length));

export const CURVE_THRESHOLDS: readonly number[] = Array.from({ length: 21 }, (_, i) => i / 20);

export interface ShownSummary {
  readonly shown_rate: number | null;
  readonly shown_nim: number | null;
  readonly em: number | null;
  readonly es: number | null;
  readonly gate_curve: readonly GateCurvePoint[];
}

/** Over the scored records that carry the gate's fields (older reports have none: nulls, no curve). */
export function shownSummary(records: readonly ModeRecord[]): ShownSummary {
  const gated = records.filter((r) => r.shown !== undefined && r.gate !== undefined);
  if (gated.length === 0) return { shown_rate: null, shown_nim: null, em: null, es: null, gate_curve: [] };
  const shown = gated.filter((r) => r.shown);
  const curve = CURVE_THRESHOLDS.map((t): GateCurvePoint => {
    // A candidate is shown at threshold t when the gate kept some text and its score reaches t.
    const at = gated.filter((r) => r.gate!.candidate !== '' && r.gate!.score >= t);
    return {
      threshold: t,
      shown_rate: round(at.length / gated.length),
      shown_nim: rate(at.map((r) => (r.gate!.nim ? 1 : 0))),
      em: rate(at.map((r) => (r.gate!.em ? 1 : 0))),
      es: rate(at.map((r) => r.gate!.es)),
    };
  });
  return {
    shown_rate: round(shown.length / gated.length),
    shown_nim: rate(shown.map((r) => (r.gate!.nim ? 1 : 0))),
    em: rate(shown.map((r) => (r.gate!.em ? 1 : 0))),
    es: rate(shown.map((r) => r.gate!.es)),
    gate_curve: curve,
  };
}
