// What a hub model's download shows while it runs (the notification's bar and message, the status
// item's percentage) and what its Cancel does. No vscode import, so node:test runs it.

/** One progress event of a file download, as the model host reports it. */
export interface FileProgress {
  file: string;
  loaded: number;
  total: number;
}

/** The notification's side: vscode's `Progress<{ message, increment }>`. */
export interface ProgressReport {
  report(value: { message?: string; increment?: number }): void;
}

/** The notification's Cancel: vscode's `CancellationToken`. */
export interface CancelButton {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): unknown;
}

// Config and tokenizer files come first and are small: counted in the bar, they would fill it
// before the weights begin, and a notification's bar cannot go back. The weights (the graph and its
// external data, downloaded side by side) are nearly all of the bytes.
const WEIGHTS = /^onnx\//;

export class DownloadNotification {
  private readonly weights = new Map<string, { loaded: number; total: number }>();
  /** Percent of the bar filled so far. */
  private shown = 0;

  /** `status`: the status item's detail while loading (`42%`). */
  constructor(private readonly notification: ProgressReport, private readonly status: (detail: string) => void) {}

  readonly onProgress = (p: FileProgress): void => {
    if (!WEIGHTS.test(p.file)) {
      this.notification.report({ message: `${p.file} — ${ofTotal(p.loaded, p.total)}` });
      return;
    }
    this.weights.set(p.file, { loaded: p.loaded, total: p.total });
    let loaded = 0;
    let total = 0;
    for (const f of this.weights.values()) {
      loaded += f.loaded;
      total += f.total;
    }
    const pct = total > 0 ? Math.min(100, (100 * loaded) / total) : 0;
    this.notification.report({ increment: Math.max(0, pct - this.shown), message: `${p.file} — ${ofTotal(loaded, total)}` });
    this.shown = Math.max(this.shown, pct);
    this.status(`${Math.floor(pct)}%`);
  };
}

/**
 * Waits for `load` under a notification whose Cancel calls `abort` (which stops the load: its
 * process, and the download with it). After a Cancel it still waits until the load has ended, so
 * that nothing of it runs or is half-written when the session counts it as stopped; a model that
 * finished loading just then is disposed. Resolves with the model, or 'cancelled'.
 */
export async function cancellable<T extends { dispose(): Promise<void> }>(load: Promise<T>, cancel: CancelButton, abort: () => void): Promise<T | 'cancelled'> {
  let cancelled = false;
  const onCancel = new Promise<'cancelled'>((resolve) => {
    const stop = () => {
      if (cancelled) return;
      cancelled = true;
      abort();
      resolve('cancelled');
    };
    if (cancel.isCancellationRequested) stop();
    else cancel.onCancellationRequested(stop);
  });
  const first = await Promise.race([load, onCancel]);
  if (first !== 'cancelled' && !cancelled) return first;
  const engine = await load.catch(() => undefined);
  await engine?.dispose().catch(() => undefined);
  return 'cancelled';
}

function ofTotal(loaded: number, total: number): string {
  return `${mb(loaded)} of ${mb(total)}`;
}

function mb(bytes: number): string {
  return bytes < 10e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e6).toFixed(0)} MB`;
}
