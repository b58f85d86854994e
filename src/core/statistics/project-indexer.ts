// Keeps ProjectStatistics up to date from file events without ever holding the thread for long:
// files wait in a queue (a file changed twice before its turn is read once), one runner reads and
// counts them, and it yields after every `sliceMs` of work so a keystroke is never kept waiting
// behind the index. Text the editor already holds (an open document) is counted from there.

import type { ProjectStatistics } from './project-statistics';

export interface IndexerDeps {
  /** The file's text as stored, or undefined when it is gone or unreadable. */
  read(key: string): Promise<string | undefined>;
  /** Gives the thread back to the editor for a turn. */
  pause(): Promise<void>;
  now(): number;
}

export class ProjectIndexer {
  private readonly queue = new Set<string>();
  private running: Promise<void> | undefined;
  private disposed = false;
  /** Files counted so far, and the time spent counting them (ms). */
  readonly progress = { files: 0, ms: 0 };

  constructor(
    readonly statistics: ProjectStatistics,
    private readonly deps: IndexerDeps,
    private readonly sliceMs = 8,
  ) {}

  /** Reads the file (again) when the runner gets to it. */
  enqueue(key: string): void {
    if (this.disposed) return;
    this.queue.add(key);
    // The runner starts a turn later, so that a burst of events (a checkout, a save-all) is one queue.
    this.running ??= Promise.resolve().then(() => this.run()).finally(() => (this.running = undefined));
  }

  /** Counts text the editor holds (an unsaved document); a queued read of the file is dropped. */
  setText(key: string, text: string): void {
    if (this.disposed) return;
    this.queue.delete(key);
    this.statistics.set(key, text);
  }

  remove(key: string): void {
    this.queue.delete(key);
    this.statistics.delete(key);
  }

  /** Resolves once the queue is empty (tests, benchmarks). */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  dispose(): void {
    this.disposed = true;
    this.queue.clear();
  }

  private async run(): Promise<void> {
    let sliceStart = this.deps.now();
    while (this.queue.size && !this.disposed) {
      const key = this.queue.values().next().value as string;
      this.queue.delete(key);
      let text: string | undefined;
      try {
        text = await this.deps.read(key);
      } catch {
        text = undefined;
      }
      if (this.disposed) return;
      const t0 = this.deps.now();
      if (text === undefined) this.statistics.delete(key);
      else if (this.statistics.set(key, text) === 'indexed') this.progress.files++;
      const t1 = this.deps.now();
      this.progress.ms += t1 - t0;
      if (t1 - sliceStart >= this.sliceMs) {
        await this.deps.pause();
        sliceStart = this.deps.now();
      }
    }
  }
}
