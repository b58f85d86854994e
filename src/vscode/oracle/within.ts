// Editor commands cannot be cancelled: the oracle stops waiting for them instead. A late or failed
// answer is no answer (the step goes unguided), never an error.

/** `p`'s value if it settles within `ms` and before `signal` aborts; otherwise undefined. */
export function within<T>(p: Thenable<T>, ms: number, signal?: AbortSignal): Promise<T | undefined> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const done = (v: T | undefined): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(v);
    };
    const onAbort = (): void => done(undefined);
    const timer = setTimeout(() => done(undefined), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    p.then(done, () => done(undefined));
  });
}

/** `within`, for a deadline given as a `Date.now()` time. */
export function beforeDeadline<T>(p: Thenable<T>, deadline: number, signal?: AbortSignal): Promise<T | undefined> {
  return within(p, deadline - Date.now(), signal);
}
