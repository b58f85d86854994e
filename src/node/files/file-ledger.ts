// Files and folders the extension creates (shadow documents, in its own storage) are written down
// here before they exist; only what a ledger lists is ever deleted, never a file that merely looks
// like ours by name (a user's `.mgd-shadow-notes.md` survives). One ledger per
// extension host process, named after its id, so a second window's files are left alone and a dead
// window's are found by the next start or by the reaper (shadow-reaper.ts).
import fs from 'node:fs';
import path from 'node:path';

const PREFIX = 'created-files-';

export function ledgerPath(dir: string, pid: number): string {
  return path.join(dir, `${PREFIX}${pid}.json`);
}

function ownerOf(file: string): number | undefined {
  const m = new RegExp(`^${PREFIX}(\\d+)\\.json$`).exec(path.basename(file));
  return m ? Number(m[1]) : undefined;
}

export function readLedger(file: string): string[] {
  try {
    const v: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

export class FileLedger {
  private readonly files = new Set<string>();
  readonly file: string;

  constructor(dir: string, pid = process.pid) {
    fs.mkdirSync(dir, { recursive: true });
    this.file = ledgerPath(dir, pid);
    for (const p of readLedger(this.file)) this.files.add(p);
  }

  /** Call before creating the file: a crash right after creation must still find it. */
  add(file: string): void {
    this.files.add(file);
    this.write();
  }

  remove(file: string): void {
    if (this.files.delete(file)) this.write();
  }

  entries(): string[] {
    return [...this.files];
  }

  /** Deletes the ledger itself (every file in it is gone). */
  close(): void {
    fs.rmSync(this.file, { force: true });
  }

  private write(): void {
    // Written whole through a temporary name: a reader never sees half a list.
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.entries()));
    fs.renameSync(tmp, this.file);
  }
}

export interface SweepResult {
  deleted: string[];
  /** Listed paths that could not be deleted. */
  kept: string[];
}

/**
 * Deletes what `file` lists, newest first (files whatever they hold, folders with what is in them:
 * they live in the extension's storage, where nothing else writes), then the ledger itself.
 * `beforeDelete` lets the editor let go of an open document first.
 */
export async function sweepLedger(file: string, beforeDelete?: (p: string) => Promise<void>): Promise<SweepResult> {
  const out: SweepResult = { deleted: [], kept: [] };
  for (const p of readLedger(file).reverse()) {
    try {
      if (!fs.existsSync(p)) continue;
      if (beforeDelete) await beforeDelete(p);
      fs.rmSync(p, { recursive: true, force: true });
      out.deleted.push(p);
    } catch {
      out.kept.push(p);
    }
  }
  fs.rmSync(file, { force: true });
  return out;
}

/** Ledgers in `dir` whose owner process no longer runs. */
export function orphanedLedgers(dir: string, isAlive: (pid: number) => boolean): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((n) => path.join(dir, n))
    .filter((f) => {
      const pid = ownerOf(f);
      return pid !== undefined && !isAlive(pid);
    });
}

/** Whether a process with this id runs on this machine (signal 0 only checks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
