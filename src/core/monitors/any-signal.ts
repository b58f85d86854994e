/** Aborts when either signal does: a monitor's questions stop with the request or with the monitor. */
export function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  const c = new AbortController();
  const fire = () => c.abort();
  if (a.aborted || b.aborted) c.abort();
  a.addEventListener('abort', fire, { once: true });
  b.addEventListener('abort', fire, { once: true });
  return c.signal;
}
