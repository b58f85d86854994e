// The display gate's trade-off: precision of what is shown (NIM among shown) against how often
// anything is shown, one line per mode, one point per threshold; the run's threshold is circled.
import type { ModeSummary } from '../eval-types';
import { modeLabel } from './mode-label';

const palette = ['#9aa5b1', '#2f6fdf', '#e8883a', '#3aa76d'];
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function gateCurveSvg(summary: Record<string, ModeSummary>, title: string, threshold?: number): string {
  const modes = Object.keys(summary).filter((m) => (summary[m]!.gate_curve?.length ?? 0) > 0);
  const W = 640, H = 400, left = 56, right = 24, top = 40, bottom = 64;
  const plotW = W - left - right, plotH = H - top - bottom;
  const x = (v: number): number => left + plotW * v;
  const y = (v: number): number => top + plotH * (1 - v);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`,
  ];
  for (let t = 0; t <= 1.0001; t += 0.25) {
    out.push(`<line x1="${left}" x2="${W - right}" y1="${y(t)}" y2="${y(t)}" stroke="#e3e6ea"/>`);
    out.push(`<line x1="${x(t)}" x2="${x(t)}" y1="${top}" y2="${top + plotH}" stroke="#e3e6ea"/>`);
    out.push(`<text x="${left - 6}" y="${y(t) + 4}" text-anchor="end" fill="#555">${Math.round(t * 100)}%</text>`);
    out.push(`<text x="${x(t)}" y="${top + plotH + 16}" text-anchor="middle" fill="#555">${Math.round(t * 100)}%</text>`);
  }
  out.push(`<text x="${left + plotW / 2}" y="${top + plotH + 34}" text-anchor="middle">shown rate</text>`);
  out.push(`<text x="14" y="${top + plotH / 2}" text-anchor="middle" transform="rotate(-90 14 ${top + plotH / 2})">NIM among shown</text>`);
  modes.forEach((m, mi) => {
    const color = palette[mi % palette.length];
    const pts = summary[m]!.gate_curve!.filter((p) => p.shown_nim !== null && p.shown_rate > 0);
    if (pts.length === 0) return;
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map((p) => `${x(p.shown_rate).toFixed(1)},${y(p.shown_nim!).toFixed(1)}`).join(' ')}"/>`);
    for (const p of pts) {
      const chosen = threshold !== undefined && Math.abs(p.threshold - threshold) < 1e-9;
      out.push(`<circle cx="${x(p.shown_rate).toFixed(1)}" cy="${y(p.shown_nim!).toFixed(1)}" r="${chosen ? 6 : 3}" fill="${chosen ? 'none' : color}" stroke="${color}" stroke-width="2"><title>${esc(`${m}, threshold ${p.threshold.toFixed(2)}: shown ${(p.shown_rate * 100).toFixed(1)}%, NIM among shown ${(p.shown_nim! * 100).toFixed(1)}%`)}</title></circle>`);
    }
  });
  modes.forEach((m, mi) => {
    const lx = left + mi * 150;
    out.push(`<rect x="${lx}" y="${H - 22}" width="12" height="12" fill="${palette[mi % palette.length]}"/>`);
    out.push(`<text x="${lx + 18}" y="${H - 12}">${esc(modeLabel(m))}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
