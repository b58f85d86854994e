// Typing through a shown suggestion must not start a new generation: when the user types the very
// characters the ghost text shows, the rest of that suggestion is still the answer. A few recent
// suggestions are kept, so that deleting a character and typing it again, or Escape and a new
// trigger at the same place, reuse them too.

export interface RememberedSuggestion<M = unknown> {
  readonly docKey: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly text: string;
  /** What the caller wants back with a hit (how the suggestion was made). */
  readonly meta?: M;
}

export class SuggestionMemory<M = unknown> {
  private recent: RememberedSuggestion<M>[] = [];

  constructor(private readonly capacity = 8) {}

  remember(s: RememberedSuggestion<M>): void {
    if (s.text === '') return;
    this.recent = [s, ...this.recent.filter((r) => !(r.docKey === s.docKey && r.prefix === s.prefix && r.suffix === s.suffix))].slice(0, this.capacity);
  }

  /** The rest of a remembered suggestion at this position, if the user typed along with it. */
  lookup(docKey: string, prefix: string, suffix: string): string | undefined {
    return this.find(docKey, prefix, suffix)?.rest;
  }

  find(docKey: string, prefix: string, suffix: string): { rest: string; meta?: M } | undefined {
    for (const s of this.recent) {
      if (s.docKey !== docKey || s.suffix !== suffix) continue;
      if (prefix.length < s.prefix.length || !prefix.startsWith(s.prefix)) continue;
      const typed = prefix.slice(s.prefix.length);
      if (typed.length < s.text.length && s.text.startsWith(typed)) return { rest: s.text.slice(typed.length), meta: s.meta };
    }
    return undefined;
  }

  /** Settings changed (monitors, model): earlier suggestions no longer say what a new one would. */
  clear(): void {
    this.recent = [];
  }
}
