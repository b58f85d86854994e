// How an arm of the comparison is called in tables and charts.
const LABELS: Record<string, string> = { off: 'monitors off', on: 'monitors on', stats: 'monitors on + statistics' };

export function modeLabel(mode: string): string {
  return LABELS[mode] ?? `monitors ${mode}`;
}
