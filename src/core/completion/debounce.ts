// Waits for a pause in typing. Only the newest caller proceeds: an older one that is still waiting
// when a newer one arrives is told it was superseded (VS Code usually cancels it too, but not always
// before the timer fires).

export type DebounceOutcome = 'ready' | 'superseded' | 'cancelled';

export class Debouncer {
  private generation = 0;

  wait(ms: number, signal?: AbortSignal): Promise<DebounceOutcome> {
    const mine = ++this.generation;
    if (signal?.aborted) return Promise.resolve('cancelled');
    return new Promise((resolve) => {
      const done = (o: DebounceOutcome): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(o);
      };
      const onAbort = (): void => done('cancelled');
      const timer = setTimeout(() => done(mine === this.generation ? 'ready' : 'superseded'), Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** How long the cursor rests before the model reads ahead: longer than a pause between keystrokes. */
export const READ_AHEAD_REST_MS = 600;
