// Resident memory of another process (the model's), read from /proc: the benchmark's own
// process.memoryUsage() no longer sees the model since it runs in a process of its own.
import { readFileSync } from 'node:fs';

/** Resident memory of a process in bytes, now (`VmRSS`) or at its peak so far (`VmHWM`); undefined where /proc does not say. */
export function rssOf(pid: number | undefined, which: 'now' | 'peak' = 'now'): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const field = which === 'now' ? 'VmRSS' : 'VmHWM';
    const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? kb * 1024 : undefined;
  } catch {
    return undefined;
  }
}
