/**
 * A one-line progress bar on stderr (redrawn in place on a terminal; a line every 10 % when
 * stderr is a file or pipe, so logs stay readable). stdout stays clean for the table.
 */
export class ProgressBar {
  private done = 0;
  private lastDecile = -1;
  private readonly started = performance.now();
  private readonly tty: boolean;

  constructor(private readonly total: number, private readonly out: NodeJS.WriteStream = process.stderr) {
    this.tty = !!out.isTTY;
  }

  tick(label: string): void {
    this.done++;
    const frac = this.total === 0 ? 1 : this.done / this.total;
    const elapsed = (performance.now() - this.started) / 1000;
    const eta = this.done === 0 ? 0 : (elapsed / this.done) * (this.total - this.done);
    const width = 28;
    const filled = Math.round(frac * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} ${(frac * 100).toFixed(0)}% ` +
      `${fmt(elapsed)} elapsed, ~${fmt(eta)} left  ${label}`;
    if (this.tty) {
      const cols = this.out.columns || 100;
      this.out.write(`\r${line.slice(0, cols - 1).padEnd(cols - 1)}`);
    } else {
      const decile = Math.floor(frac * 10);
      if (decile !== this.lastDecile) {
        this.lastDecile = decile;
        this.out.write(`${line}\n`);
      }
    }
  }

  finish(): void {
    if (this.tty) this.out.write('\n');
  }
}

function fmt(s: number): string {
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}
