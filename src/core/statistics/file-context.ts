// What the file being edited says about names, as seen from the cursor: occurrences before it (the
// document's prefix plus what has been generated so far), occurrences after it (the suffix), and
// where each name was last used before it. Built once per request from the prefix and suffix; the
// generated text is rescanned with the prefix's last line each time it changes (a line is short),
// so the whole prefix is scanned once.

import { codeTokens, codeTokensAt, type CodeTokens } from './code-tokens';
import { namesAfterDot } from './dot-contexts';
import { continuationsAfter, tailShape } from './file-continuations';
import { scanIdentifiers } from './identifier-scan';
import { enclosingFunctionName, WordSet } from './name-words';
import { TokenStretches } from './token-stretches';

interface Side {
  readonly counts: Map<string, number>;
  /** Offset of the last occurrence of each name and member pair. */
  readonly last: Map<string, number>;
}

function scan(text: string, base: number): Side {
  const counts = new Map<string, number>();
  const last = new Map<string, number>();
  let nameAt = 0;
  scanIdentifiers(
    text,
    (name, at) => {
      counts.set(name, (counts.get(name) ?? 0) + 1);
      last.set(name, base + at);
      nameAt = base + at;
    },
    (key) => {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      // A pair is used where its name is.
      last.set(key, nameAt);
    },
  );
  return { counts, last };
}

/** Words of the language, not of the program: `const` says nothing of `constructor`. */
const KEYWORDS = new Set(['const', 'let', 'var', 'return', 'this', 'new', 'typeof', 'instanceof', 'if', 'else', 'await', 'async', 'function', 'export', 'import', 'from', 'for', 'of', 'in', 'while', 'switch', 'case', 'throw', 'yield', 'void', 'delete', 'true', 'false', 'null', 'undefined', 'super', 'class', 'extends', 'as', 'is', 'keyof', 'readonly', 'private', 'public', 'protected', 'static']);

export class FileContext {
  private readonly head: Side;
  private readonly tail: Side;
  private readonly lineStart: number;
  private readonly lastLine: string;
  /** The prefix up to the cursor's line. */
  private readonly beforeLine: string;
  private generated = '';
  private live: Side;
  private words: WordSet | undefined;
  private enclosing: string | null | undefined;
  private stretches: { after: number; file: TokenStretches } | undefined;
  private headCache: CodeTokens | undefined;
  private liveTokens: string[] | undefined;

  constructor(private readonly prefix: string, private readonly suffix: string) {
    this.lineStart = prefix.lastIndexOf('\n') + 1;
    this.lastLine = prefix.slice(this.lineStart);
    this.beforeLine = prefix.slice(0, this.lineStart);
    this.head = scan(this.beforeLine, 0);
    this.tail = scan(suffix, 0);
    this.live = scan(this.lastLine, this.lineStart);
  }

  /** The text generated so far (replaces what was set before). */
  setGenerated(text: string): void {
    if (text === this.generated) return;
    this.generated = text;
    this.live = scan(this.lastLine + text, this.lineStart);
    this.words = undefined;
    this.liveTokens = undefined;
  }

  /**
   * The file's tokens before the cursor's line and after the cursor (those after it counting
   * `after` times), once per request. The cursor's own line is left out: what is generated there
   * changes at every step.
   */
  private file(after: number): TokenStretches {
    if (this.stretches?.after === after) return this.stretches.file;
    const file = new TokenStretches();
    file.add(this.beforeLine, this.headTokens(), 1);
    file.add(this.suffix, codeTokensAt(this.suffix), after);
    this.stretches = { after, file };
    return file;
  }

  private headTokens(): CodeTokens {
    return (this.headCache ??= codeTokensAt(this.beforeLine));
  }

  /** The last `n` code tokens before the cursor, generated text included. */
  private tailTokens(n: number): string[] {
    this.liveTokens ??= codeTokens(this.lastLine + this.generated);
    return this.liveTokens.length >= n ? this.liveTokens : [...this.headTokens().tokens.slice(-n), ...this.liveTokens];
  }

  /**
   * The names that followed the longest context (`shortest` to `longest` tokens) that ends the
   * text before the cursor and that a `legal` name followed, elsewhere in the file (occurrences
   * after the cursor count `after` times).
   */
  namesAfterContext(shortest: number, longest: number, after: number, legal: (name: string) => boolean): ReadonlyMap<string, number> | undefined {
    return namesAfterDot(this.file(after), this.tailTokens(longest), shortest, longest, legal);
  }

  /**
   * How the line went on after the same `shortest` to `longest` tokens elsewhere in the file (see
   * src/core/statistics/file-continuations.ts), each way with its weighted count.
   */
  continuations(shortest: number, longest: number, after: number): Map<string, number> | undefined {
    const shape = tailShape(this.lastLine + this.generated);
    return continuationsAfter(this.file(after), this.tailTokens(longest), shape, shortest, longest);
  }

  /**
   * The words of the identifiers on the cursor's line before it (generated text included), less
   * the last one: at a dot, that is the receiver, whose own name the member rarely repeats.
   */
  lineWords(): WordSet {
    if (!this.words) {
      const ids: string[] = [];
      scanIdentifiers(this.lastLine + this.generated, (name) => ids.push(name));
      ids.pop();
      for (let i = ids.length - 1; i >= 0; i--) if (KEYWORDS.has(ids[i]!)) ids.splice(i, 1);
      this.words = new WordSet(ids);
    }
    return this.words;
  }

  /** The name of the function or method the cursor is in, if its head reads like one. */
  enclosingFunction(): string | undefined {
    if (this.enclosing === undefined) this.enclosing = enclosingFunctionName(this.prefix) ?? null;
    return this.enclosing ?? undefined;
  }

  /** Occurrences of a name or `receiver.name` pair before the cursor. */
  before(key: string): number {
    return (this.head.counts.get(key) ?? 0) + (this.live.counts.get(key) ?? 0);
  }

  /** Occurrences after the cursor. */
  after(key: string): number {
    return this.tail.counts.get(key) ?? 0;
  }

  /** Offset of the last use of a name (or `receiver.name` pair) before the cursor, -1 if none. */
  lastUse(name: string): number {
    return this.live.last.get(name) ?? this.head.last.get(name) ?? -1;
  }
}
