// Model starts one at a time: a newer start (a setting changed again) aborts the one in flight and
// begins only once that one has ended, so two model workers never run side by side. No vscode
// import, so node:test runs it.

export class OneStart {
  private previous: Promise<unknown> = Promise.resolve();
  private inFlight: AbortController | undefined;

  /**
   * Runs `start` after every earlier start has ended; an earlier one still running is aborted.
   * Undefined: a newer start came before this one began, so it never did.
   */
  run<T>(start: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    this.inFlight?.abort();
    const ac = new AbortController();
    this.inFlight = ac;
    const run = this.previous.then(() => (ac.signal.aborted ? undefined : start(ac.signal))).finally(() => {
      if (this.inFlight === ac) this.inFlight = undefined;
    });
    this.previous = run.catch(() => undefined);
    return run;
  }

  /** Aborts the start in flight, if any. */
  abort(): void {
    this.inFlight?.abort();
  }
}
