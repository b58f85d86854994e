// How often each identifier and member pair (`receiver.name`) occurs in the project's files, kept
// per file so that a file can be added, replaced or removed without rescanning the others, and so
// that the file being edited can be left out of "the project's other files". Memory is bounded:
// files past `maxFileChars` are skipped, at most `maxFiles` files are held, and once `maxKeys`
// distinct keys exist new ones are not counted (an estimate degrades; nothing grows without end).

import { countIdentifiers } from './identifier-scan';

export interface ProjectStatisticsLimits {
  readonly maxFiles: number;
  readonly maxFileChars: number;
  readonly maxKeys: number;
}

export const DEFAULT_STATISTICS_LIMITS: ProjectStatisticsLimits = { maxFiles: 5000, maxFileChars: 512 * 1024, maxKeys: 400_000 };

export type IndexOutcome = 'indexed' | 'tooLarge' | 'tooManyFiles';

export class ProjectStatistics {
  readonly limits: ProjectStatisticsLimits;
  private readonly keys = new Map<string, number>();
  private totals = new Int32Array(1024);
  /** Per file: key id, count, key id, count, … */
  private readonly files = new Map<string, Int32Array>();

  constructor(limits: Partial<ProjectStatisticsLimits> = {}) {
    this.limits = { ...DEFAULT_STATISTICS_LIMITS, ...limits };
  }

  get fileCount(): number {
    return this.files.size;
  }

  get keyCount(): number {
    return this.keys.size;
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  /** Adds the file, or replaces what was indexed for it. */
  set(file: string, text: string): IndexOutcome {
    if (text.length > this.limits.maxFileChars) {
      this.delete(file);
      return 'tooLarge';
    }
    if (!this.files.has(file) && this.files.size >= this.limits.maxFiles) return 'tooManyFiles';
    this.delete(file);
    const counts = countIdentifiers(text);
    const entry = new Int32Array(counts.size * 2);
    let n = 0;
    for (const [key, count] of counts) {
      const id = this.idOf(key);
      if (id < 0) continue;
      this.totals[id]! += count;
      entry[n++] = id;
      entry[n++] = count;
    }
    this.files.set(file, n === entry.length ? entry : entry.slice(0, n));
    return 'indexed';
  }

  delete(file: string): void {
    const entry = this.files.get(file);
    if (!entry) return;
    for (let i = 0; i < entry.length; i += 2) this.totals[entry[i]!]! -= entry[i + 1]!;
    this.files.delete(file);
  }

  /** Occurrences of `key` (a name, or a `receiver.name` pair) in every indexed file but `except`. */
  count(key: string, except?: string): number {
    const id = this.keys.get(key);
    if (id === undefined) return 0;
    let n = this.totals[id]!;
    const own = except === undefined ? undefined : this.files.get(except);
    if (own) for (let i = 0; i < own.length; i += 2) if (own[i] === id) n -= own[i + 1]!;
    return n;
  }

  /** A view that leaves one file out, answering many keys with one pass over that file. */
  without(except: string | undefined): (key: string) => number {
    const own = except === undefined ? undefined : this.files.get(except);
    let mine: Map<number, number> | undefined;
    return (key) => {
      const id = this.keys.get(key);
      if (id === undefined) return 0;
      if (own && !mine) {
        mine = new Map();
        for (let i = 0; i < own.length; i += 2) mine.set(own[i]!, own[i + 1]!);
      }
      return this.totals[id]! - (mine?.get(id) ?? 0);
    };
  }

  /** Bytes held by the index, roughly: key strings and map entries, counts, per-file arrays. */
  approximateBytes(): number {
    let b = this.totals.byteLength;
    for (const k of this.keys.keys()) b += 2 * k.length + 56;
    for (const [f, e] of this.files) b += e.byteLength + 2 * f.length + 80;
    return b;
  }

  private idOf(key: string): number {
    let id = this.keys.get(key);
    if (id !== undefined) return id;
    if (this.keys.size >= this.limits.maxKeys) return -1;
    id = this.keys.size;
    this.keys.set(key, id);
    if (id >= this.totals.length) {
      const grown = new Int32Array(this.totals.length * 2);
      grown.set(this.totals);
      this.totals = grown;
    }
    return id;
  }
}
