// Code as a reader splits it, on characters (no parser): identifiers, runs of digits, and every
// other non-blank character on its own; `?.` reads as `.`, so `a?.b` and `a.b` are the same context.

const TOKEN = /[A-Za-z_$][\w$]*|\d+|\?\.|[^\s\w$]/g;

export interface CodeTokens {
  readonly tokens: string[];
  /** Where each token starts in the text. */
  readonly at: number[];
}

export function codeTokensAt(text: string): CodeTokens {
  const tokens: string[] = [];
  const at: number[] = [];
  for (const m of text.matchAll(TOKEN)) {
    tokens.push(m[0] === '?.' ? '.' : m[0]);
    at.push(m.index!);
  }
  return { tokens, at };
}

export function codeTokens(text: string): string[] {
  return codeTokensAt(text).tokens;
}
