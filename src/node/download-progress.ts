/** Prints download progress of hub models as one updating line on stderr. */
export function progressBar(out: NodeJS.WriteStream = process.stderr): (p: { file: string; loaded: number; total: number }) => void {
  let lastDraw = 0;
  return (p) => {
    const now = Date.now();
    if (now - lastDraw < 100 && p.loaded < p.total) return;
    lastDraw = now;
    const frac = p.total > 0 ? Math.min(1, p.loaded / p.total) : 0;
    const bar = '#'.repeat(Math.round(frac * 30)).padEnd(30, '.');
    out.write(`\r${bar} ${(frac * 100).toFixed(0).padStart(3)}% ${(p.loaded / 1e6).toFixed(1)}/${(p.total / 1e6).toFixed(1)} MB ${p.file}${p.loaded >= p.total ? '\n' : ''}`);
  };
}
