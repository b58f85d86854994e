import type { ModeSummary, PickSummary } from '../eval-types';
import { TRIVIAL_PICKS, trivialPickLabels, type TrivialPick } from '../score/trivial-picks';
import { modeLabel } from './mode-label';

const metrics: [string, (s: ModeSummary) => number | null][] = [
  ['NIM', (s) => s.nim], ['ISM', (s) => s.ism], ['PM', (s) => s.pm], ['CR', (s) => s.cr], ['VDR', (s) => s.vdr],
];
const palette = ['#9aa5b1', '#2f6fdf', '#e8883a', '#3aa76d'];
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Grouped bars, one group per metric, one bar per mode; with `picks`, a second panel below sets each
 * arm's NIM beside the trivial picks'. Self-contained SVG (no fonts or scripts).
 */
export function svgChart(summary: Record<string, ModeSummary>, title: string, picks?: Record<TrivialPick, PickSummary>): string {
  const modes = Object.keys(summary);
  const W = 640, left = 48, right = 16, top = 40, bottom = 56;
  const panelH = 320;
  const rowsBelow = picks ? TRIVIAL_PICKS.length + modes.length : 0;
  const H = panelH + (picks ? 40 + rowsBelow * 18 + 12 : 0);
  const plotW = W - left - right, plotH = panelH - top - bottom;
  const groupW = plotW / metrics.length;
  const barW = Math.min(40, (groupW - 16) / Math.max(1, modes.length));
  const y = (v: number): number => top + plotH * (1 - v);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`,
  ];
  for (let t = 0; t <= 1.0001; t += 0.25) {
    out.push(`<line x1="${left}" x2="${W - right}" y1="${y(t)}" y2="${y(t)}" stroke="#e3e6ea"/>`);
    out.push(`<text x="${left - 6}" y="${y(t) + 4}" text-anchor="end" fill="#555">${Math.round(t * 100)}%</text>`);
  }
  metrics.forEach(([name, get], gi) => {
    const gx = left + gi * groupW + (groupW - barW * modes.length) / 2;
    modes.forEach((m, mi) => {
      const v = get(summary[m]!);
      const x = gx + mi * barW;
      if (v === null) {
        out.push(`<text x="${x + barW / 2}" y="${y(0) - 4}" text-anchor="middle" fill="#999">n/a</text>`);
        return;
      }
      out.push(`<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${(plotH * v).toFixed(1)}" fill="${palette[mi % palette.length]}"><title>${esc(`${name} ${m}: ${(v * 100).toFixed(1)}%`)}</title></rect>`);
      out.push(`<text x="${(x + barW / 2 - 1).toFixed(1)}" y="${(y(v) - 4).toFixed(1)}" text-anchor="middle" font-size="10">${(v * 100).toFixed(0)}</text>`);
    });
    out.push(`<text x="${left + gi * groupW + groupW / 2}" y="${panelH - bottom + 18}" text-anchor="middle">${name}</text>`);
  });
  modes.forEach((m, mi) => {
    const lx = left + mi * 150;
    out.push(`<rect x="${lx}" y="${panelH - 22}" width="12" height="12" fill="${palette[mi % palette.length]}"/>`);
    out.push(`<text x="${lx + 18}" y="${panelH - 12}">${esc(modeLabel(m))} (n=${summary[m]!.n})</text>`);
  });
  if (picks) out.push(...picksPanel(summary, picks, panelH, W));
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** NIM as horizontal bars: the trivial picks (grey), then each arm in its colour. */
function picksPanel(summary: Record<string, ModeSummary>, picks: Record<TrivialPick, PickSummary>, y0: number, W: number): string[] {
  const labelW = 330, barX = labelW + 8, barMax = W - barX - 48;
  const out = [`<text x="${W / 2}" y="${y0 + 24}" text-anchor="middle" font-size="13" font-weight="bold">NIM beside the trivial picks among the legal names</text>`];
  const rows: [string, number, string][] = [
    ...TRIVIAL_PICKS.map((k): [string, number, string] => [trivialPickLabels[k], picks[k].nim, '#c9ced6']),
    ...Object.keys(summary).map((m, mi): [string, number, string] => [`the model, ${modeLabel(m)}`, summary[m]!.nim, palette[mi % palette.length]!]),
  ];
  rows.forEach(([label, v, colour], i) => {
    const y = y0 + 40 + i * 18;
    out.push(`<text x="${labelW}" y="${y + 11}" text-anchor="end" font-size="11">${esc(label)}</text>`);
    out.push(`<rect x="${barX}" y="${y}" width="${(barMax * v).toFixed(1)}" height="13" fill="${colour}"><title>${esc(`${label}: ${(v * 100).toFixed(1)}%`)}</title></rect>`);
    out.push(`<text x="${(barX + barMax * v + 4).toFixed(1)}" y="${y + 11}" font-size="10">${(v * 100).toFixed(1)}</text>`);
  });
  return out;
}
