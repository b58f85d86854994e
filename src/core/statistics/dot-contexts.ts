// Which name followed the same few tokens and a dot elsewhere in the file: `this.state.items.` or
// `= options.` after `this.indent ` tell more than the receiver alone. Read at the longest context
// that some legal name followed (token-stretches.ts); on the development set and on 13 packages no
// weight was tuned on, the longest matching context of at least four tokens (`x = recv .`) picks
// the ground truth's name more often than the receiver's pairs do.

import type { TokenStretches } from './token-stretches';

const NAME = /^[A-Za-z_$]/;

/**
 * The `legal` names that followed the longest context (at least `shortest` tokens, at most
 * `longest`, the dot included) that also ends `tail`, with their weighted counts; undefined when
 * no legal name followed a context that long.
 */
export function namesAfterDot(
  file: TokenStretches,
  tail: readonly string[],
  shortest: number,
  longest: number,
  legal: (name: string) => boolean,
): Map<string, number> | undefined {
  if (tail.at(-1) !== '.') return undefined;
  return file.longest(tail, shortest, longest, false, ({ tokens }, dot) => {
    const name = tokens[dot + 1];
    return name !== undefined && NAME.test(name) && legal(name) ? name : undefined;
  });
}
