import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EvalError } from '../eval-error';
import type { PromptRecord } from '../eval-types';

/**
 * `records.jsonl` in the output folder: a header line with the run's settings, then one line per
 * finished prompt, appended as the run goes. `--resume` reuses the lines of an interrupted run
 * with the same settings, so a crash or Ctrl-C costs only the prompt in flight.
 */
export class RecordJournal {
  readonly file: string;
  private readonly done = new Map<string, PromptRecord>();

  constructor(dir: string, settings: object, resume: boolean) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'records.jsonl');
    const header = JSON.stringify({ settings });
    if (resume && existsSync(this.file)) {
      const [first, ...rest] = readFileSync(this.file, 'utf8').split('\n').filter(Boolean);
      if (first !== header) {
        throw new EvalError(`${this.file} is from a run with other settings; start over without --resume or use another --out`);
      }
      for (const line of rest) {
        try {
          const r = JSON.parse(line) as PromptRecord;
          this.done.set(key(r.package, r.id), r);
        } catch {
          // The last line may be cut short by the crash we resume from.
        }
      }
      writeFileSync(this.file, [header, ...[...this.done.values()].map((r) => JSON.stringify(r))].join('\n') + '\n');
    } else {
      writeFileSync(this.file, header + '\n');
    }
  }

  /** After a finished run the report holds every record; the journal only matters for an interrupted one. */
  remove(): void {
    rmSync(this.file, { force: true });
  }

  saved(pkg: string, id: string): PromptRecord | undefined {
    return this.done.get(key(pkg, id));
  }

  append(r: PromptRecord): void {
    this.done.set(key(r.package, r.id), r);
    appendFileSync(this.file, JSON.stringify(r) + '\n');
  }
}

const key = (pkg: string, id: string): string => `${pkg}\0${id}`;
