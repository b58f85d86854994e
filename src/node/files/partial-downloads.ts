// transformers.js downloads a file into `<file>.tmp.<pid>.<random>` beside it and renames it when
// complete. A download cut short (a failed or cancelled load whose worker was ended, a killed
// process) leaves that file behind in the model cache.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const PARTIAL = /\.tmp\.(\d+)\.[0-9a-z]+$/;

/**
 * Removes the partial downloads under `dir` of this process (called when no load of it is running
 * there) and of processes that are gone; another live process's are its downloads in progress.
 * Returns the paths removed.
 */
export function sweepPartialDownloads(dir: string): string[] {
  const removed: string[] = [];
  const walk = (d: string): void => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return; // nothing downloaded there yet
    }
    for (const name of names) {
      const p = join(d, name);
      let isDir: boolean;
      try {
        isDir = statSync(p).isDirectory();
      } catch {
        continue;
      }
      if (isDir) {
        walk(p);
        continue;
      }
      const pid = Number(PARTIAL.exec(name)?.[1]);
      if (!pid || (pid !== process.pid && alive(pid))) continue;
      rmSync(p, { force: true });
      removed.push(p);
    }
  };
  walk(dir);
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}
