// Which name followed the same few tokens and a dot elsewhere in the file: `this.state.items.` or
// `= options.` after `this.indent ` tell more than the receiver alone. An n-gram cache over the
// file's tokens (Tu, Su & Devanbu, FSE 2014), read at the longest context that some legal name
// followed; on the development set and on 13 packages no weight was tuned on, the longest matching
// context of at least four tokens (`x = recv .`) picks the ground truth's name more often than the
// receiver's pairs do.

/** Tokens of a stretch of the file, and where a name follows a dot in them. */
interface Stretch {
  readonly tokens: readonly string[];
  readonly weight: number;
  readonly names: readonly number[];
}

/**
 * The file's names after dots, found by matching the tokens before each against the cursor's: a
 * scan of the dots (a few thousand in a 64 KiB window) per question is cheaper than a table of
 * every context, which would cost more to build per request than all questions together.
 */
export class DotContexts {
  private readonly stretches: Stretch[] = [];

  constructor(readonly longest: number) {}

  /** Counts every name after a dot in `tokens`, `weight` times. */
  add(tokens: readonly string[], weight: number): void {
    const names: number[] = [];
    for (let i = 1; i < tokens.length; i++) if (tokens[i - 1] === '.' && /^[A-Za-z_$]/.test(tokens[i]!)) names.push(i);
    this.stretches.push({ tokens, weight, names });
  }

  /**
   * The `legal` names that followed the longest context (at least `shortest` tokens, at most
   * `longest`, the dot included) that also ends `tail`, with their weighted counts; undefined when
   * no legal name followed a context that long.
   */
  after(tail: readonly string[], shortest: number, legal: (name: string) => boolean): ReadonlyMap<string, number> | undefined {
    if (tail.at(-1) !== '.') return undefined;
    const most = Math.min(this.longest, tail.length);
    let best = shortest;
    let out: Map<string, number> | undefined;
    for (const { tokens, weight, names } of this.stretches) {
      for (const i of names) {
        let len = 0;
        while (len < most && len < i && tokens[i - 1 - len] === tail[tail.length - 1 - len]) len++;
        if (len < best) continue;
        const name = tokens[i]!;
        if (!legal(name)) continue;
        if (len > best || !out) {
          best = len;
          out = new Map();
        }
        out.set(name, (out.get(name) ?? 0) + weight);
      }
    }
    return out;
  }
}
