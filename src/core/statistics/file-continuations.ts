// What followed the same tokens elsewhere in the file, as text: after `this.isStopped = ` the file
// that wrote `this.isStopped = true;` twice already says how the line goes on. A copy prior for
// the steps no monitor constrains, read at the longest matching context like the names after a dot
// (src/core/statistics/dot-contexts.ts). The cursor's last token may be cut short (`this.isSto`):
// it matches any token it begins, and the copy goes on from inside that token.

import type { CodeTokens } from './code-tokens';

const ID_END = /[\w$]$/;
/** A copy reaches at most this far: the rest of the line, as a line completion would. */
const MAX_COPY_CHARS = 80;

interface Stretch {
  readonly text: string;
  readonly tokens: readonly string[];
  readonly at: readonly number[];
  readonly weight: number;
  /** Where each token occurs, and the distinct tokens sorted (for the ones a cut-short name begins); built on first use. */
  where?: Map<string, number[]>;
  sorted?: string[];
}

/** Positions of `last` in the stretch, and with `open` of every token it begins. */
function placesOf(s: Stretch, last: string, open: boolean): number[] {
  if (!s.where) {
    s.where = new Map();
    s.tokens.forEach((t, i) => {
      const list = s.where!.get(t);
      if (list) list.push(i);
      else s.where!.set(t, [i]);
    });
    s.sorted = [...s.where.keys()].sort();
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

export class FileContinuations {
  private readonly stretches: Stretch[] = [];

  constructor(readonly longest: number) {}

  /** A stretch of the file whose continuations count `weight` times. */
  add(text: string, { tokens, at }: CodeTokens, weight: number): void {
    this.stretches.push({ text, tokens, at, weight });
  }

  /**
   * The rest of the line after each place where the longest context (at least `shortest` tokens)
   * that ends `tail` (the tokens before the cursor) also occurs in the file, with weighted counts.
   * `open`: the text before the cursor ends inside an identifier, so its last token may go on.
   * `spaced`: it ends with blanks, which the copies then do not repeat.
   */
  after(tail: readonly string[], open: boolean, spaced: boolean, shortest: number): Map<string, number> | undefined {
    const last = tail.at(-1);
    if (last === undefined || tail.length < shortest) return undefined;
    const most = Math.min(this.longest, tail.length);
    let best = shortest;
    let out: Map<string, number> | undefined;
    for (const stretch of this.stretches) {
      const { text, tokens, at, weight } = stretch;
      for (const i of placesOf(stretch, last, open)) {
        const t = tokens[i]!;
        let len = 1;
        while (len < most && len <= i && tokens[i - len] === tail[tail.length - 1 - len]) len++;
        if (len < best) continue;
        const from = at[i]! + (t === last ? t.length : last.length);
        const eol = text.indexOf('\n', from);
        let copy = text.slice(from, Math.min(eol < 0 ? text.length : eol, from + MAX_COPY_CHARS));
        if (spaced) copy = copy.replace(/^[ \t]+/, '');
        if (!copy.trim()) continue;
        if (len > best || !out) {
          best = len;
          out = new Map();
        }
        out.set(copy, (out.get(copy) ?? 0) + weight);
      }
    }
    return out;
  }
}

/** The tail's shape: whether it ends inside an identifier, or with blanks. */
export function tailShape(text: string): { open: boolean; spaced: boolean } {
  return { open: ID_END.test(text), spaced: /[ \t]$/.test(text) };
}
