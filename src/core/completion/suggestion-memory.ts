// Typing through a shown suggestion must not start a new generation: when the user types the very
// characters the ghost text shows, the rest of that suggestion is still the answer.

export interface RememberedSuggestion {
  readonly docKey: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly text: string;
}

export class SuggestionMemory {
  private last: RememberedSuggestion | undefined;

  remember(s: RememberedSuggestion): void {
    this.last = s.text === '' ? undefined : s;
  }

  /** The rest of the remembered suggestion at this position, if the user typed along with it. */
  lookup(docKey: string, prefix: string, suffix: string): string | undefined {
    const s = this.last;
    if (!s || s.docKey !== docKey || s.suffix !== suffix) return undefined;
    if (prefix.length < s.prefix.length || !prefix.startsWith(s.prefix)) return undefined;
    const typed = prefix.slice(s.prefix.length);
    if (typed.length >= s.text.length || !s.text.startsWith(typed)) return undefined;
    return s.text.slice(typed.length);
  }

  clear(): void {
    this.last = undefined;
  }
}
