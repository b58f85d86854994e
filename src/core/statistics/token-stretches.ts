// The file's code tokens, matched backwards against the tokens before the cursor: an n-gram cache
// over the file (Tu, Su & Devanbu, FSE 2014) read at the longest context that something usable
// followed. Both the names after a dot (dot-contexts.ts) and the copy prior's continuations
// (file-continuations.ts) are read this way; they differ only in which places they look at and
// what they take from each.

import type { CodeTokens } from './code-tokens';

/** A stretch of the file: its text, its tokens and where each starts, and how much it counts. */
export interface Stretch extends CodeTokens {
  readonly text: string;
  readonly weight: number;
}

interface Indexed {
  readonly stretch: Stretch;
  /** Where each token occurs, and the distinct tokens sorted (for the ones a cut-short name begins); built on first use. */
  where?: Map<string, number[]>;
  sorted?: string[];
}

/**
 * The places are found by scanning: a few thousand tokens of a 64 KiB window per question cost
 * less than a table of every context, which would cost more to build per request than all
 * questions together.
 */
export class TokenStretches {
  private readonly stretches: Indexed[] = [];

  add(text: string, { tokens, at }: CodeTokens, weight: number): void {
    this.stretches.push({ stretch: { text, tokens, at, weight } });
  }

  /**
   * What `take` makes of each place whose context matches the longest run (at least `shortest`
   * tokens, at most `longest`) ending `tail`, with the places' weights summed per value; undefined
   * when no place that long gave a value. A place is a token equal to the tail's last (with `open`,
   * one it begins: the cursor may be inside a name); `take` answers undefined for a place that gives
   * nothing, which then does not count towards the longest.
   */
  longest<K>(
    tail: readonly string[],
    shortest: number,
    longest: number,
    open: boolean,
    take: (stretch: Stretch, place: number) => K | undefined,
  ): Map<K, number> | undefined {
    const last = tail.at(-1);
    if (last === undefined || tail.length < shortest) return undefined;
    const most = Math.min(longest, tail.length);
    let best = shortest;
    let out: Map<K, number> | undefined;
    for (const indexed of this.stretches) {
      const { tokens, weight } = indexed.stretch;
      for (const i of placesOf(indexed, last, open)) {
        let len = 1;
        while (len < most && len <= i && tokens[i - len] === tail[tail.length - 1 - len]) len++;
        if (len < best) continue;
        const value = take(indexed.stretch, i);
        if (value === undefined) continue;
        if (len > best || !out) {
          best = len;
          out = new Map();
        }
        out.set(value, (out.get(value) ?? 0) + weight);
      }
    }
    return out;
  }
}

/** Positions of `last` in the stretch, and with `open` of every token it begins. */
function placesOf(s: Indexed, last: string, open: boolean): number[] {
  if (!s.where) {
    const where = new Map<string, number[]>();
    s.stretch.tokens.forEach((t, i) => {
      const list = where.get(t);
      if (list) list.push(i);
      else where.set(t, [i]);
    });
    s.where = where;
    s.sorted = [...where.keys()].sort();
  }
  const exact = s.where.get(last) ?? [];
  if (!open) return exact;
  const sorted = s.sorted!;
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < last) lo = mid + 1;
    else hi = mid;
  }
  const out = [...exact];
  for (let k = lo; k < sorted.length && sorted[k]!.startsWith(last); k++) if (sorted[k] !== last) out.push(...s.where.get(sorted[k]!)!);
  return out;
}
