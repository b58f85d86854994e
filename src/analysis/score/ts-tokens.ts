import ts from 'typescript';

export interface Lexeme {
  readonly kind: ts.SyntaxKind;
  readonly text: string;
}

/** Tokens of a piece of TypeScript, trivia skipped; a fragment that stops mid-string still scans. */
export function lex(text: string): Lexeme[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const out: Lexeme[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    out.push({ kind, text: scanner.getTokenText() });
  }
  return out;
}

const isName = (k: ts.SyntaxKind): boolean =>
  k === ts.SyntaxKind.Identifier || k === ts.SyntaxKind.PrivateIdentifier || (k >= ts.SyntaxKind.FirstKeyword && k <= ts.SyntaxKind.LastKeyword);

/**
 * Identifier names in order. Keywords count: after a dot `delete`, `default` or `then`-like names
 * are member names, and a line's identifiers include `return`/`new` the same way on both sides.
 */
export function identifiers(text: string): string[] {
  return lex(text).filter((t) => isName(t.kind)).map((t) => t.text);
}
