// What followed the same tokens elsewhere in the file, as text: after `this.isStopped = ` the file
// that wrote `this.isStopped = true;` twice already says how the line goes on. A copy prior for
// the steps no monitor constrains, read at the longest matching context like the names after a dot
// (token-stretches.ts). The cursor's last token may be cut short (`this.isSto`): it matches any
// token it begins, and the copy goes on from inside that token.

import type { TokenStretches } from './token-stretches';

const ID_END = /[\w$]$/;
/** A copy reaches at most this far: the rest of the line, as a line completion would. */
const MAX_COPY_CHARS = 80;

/**
 * The rest of the line after each place where the longest context (at least `shortest` tokens)
 * that ends `tail` (the tokens before the cursor) also occurs in the file, with weighted counts.
 * `open`: the text before the cursor ends inside an identifier, so its last token may go on.
 * `spaced`: it ends with blanks, which the copies then do not repeat.
 */
export function continuationsAfter(
  file: TokenStretches,
  tail: readonly string[],
  { open, spaced }: TailShape,
  shortest: number,
  longest: number,
): Map<string, number> | undefined {
  const last = tail.at(-1);
  if (last === undefined) return undefined;
  return file.longest(tail, shortest, longest, open, ({ text, tokens, at }, i) => {
    const t = tokens[i]!;
    const from = at[i]! + (t === last ? t.length : last.length);
    const eol = text.indexOf('\n', from);
    let copy = text.slice(from, Math.min(eol < 0 ? text.length : eol, from + MAX_COPY_CHARS));
    if (spaced) copy = copy.replace(/^[ \t]+/, '');
    return copy.trim() ? copy : undefined;
  });
}

export interface TailShape {
  readonly open: boolean;
  readonly spaced: boolean;
}

/** The tail's shape: whether it ends inside an identifier, or with blanks. */
export function tailShape(text: string): TailShape {
  return { open: ID_END.test(text), spaced: /[ \t]$/.test(text) };
}
