// A full garbage collection on demand, for benchmarks that read memory. `--expose-gc` can be passed
// neither through `npm run` nor to a worker thread, so the flag is switched on at run time and the
// `gc` function taken from a fresh context of the calling isolate (main thread or worker).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return () => gc?.();
}
