// A tiny C-family lexer fed one code unit at a time (UTF-8 bytes or UTF-16 units: only ASCII
// matters, anything >= 0x80 is part of a word). It knows whether the next character is in code, a
// comment or a string, and counts bracket depth outside those; monitors use it to ignore dots in
// strings and comments, the block stop rule to find where the enclosing block ends.
// A `/` starts a regex literal where an expression may start (after `(`, `=`, `return`, ...),
// otherwise it is a division: the usual heuristic, wrong only in contrived code.

export type LexState = 'code' | 'lineComment' | 'blockComment' | 'single' | 'double' | 'template' | 'regex';

const SLASH = 0x2f, STAR = 0x2a, NL = 0x0a, BACKSLASH = 0x5c, DOLLAR = 0x24;
const SQ = 0x27, DQ = 0x22, BT = 0x60, BANG = 0x21;
const LBRACE = 0x7b, RBRACE = 0x7d, LBRACKET = 0x5b, RBRACKET = 0x5d, RPAREN = 0x29;
/** After these a `/` begins a regex literal, not a division. */
const REGEX_AFTER = new Set([...'(,=:[!&|?{};+-*%<>~^'].map((c) => c.charCodeAt(0)));
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'void', 'yield', 'await', 'delete', 'throw', 'new', 'instanceof']);

export function isWordUnit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === DOLLAR || c >= 0x80;
}

export function isSpaceUnit(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === NL || c === 0x0d;
}

export class CodeScanner {
  state: LexState = 'code';
  /** Open brackets minus closed ones, outside strings and comments. */
  depth = 0;
  /** Last code unit seen in any state. */
  prev = 0;
  /** Last non-space unit seen in code (a closing quote counts), 0 if none. */
  lastSignificant = 0;
  /** The word that `lastSignificant` ends started with a digit (a number literal: `1.` is not a member access). */
  lastWordNumeric = false;
  /** The most recent word in code (its first 16 units), and the significant unit before it. */
  lastWord = '';
  beforeWord = 0;
  private wordStartDigit = false;
  private escaped = false;
  /** The previous unit was a `/` in code; what came before it, in case it starts a comment. */
  private slash?: { regex: boolean; lastSignificant: number; lastWordNumeric: boolean };
  private inClass = false;
  /** `lastSignificant` is a `!` that followed an operand: TypeScript's non-null assertion (`n! / 2` divides). */
  private postfixBang = false;
  /** Depth at which each open `${` of a template literal started. */
  private templates: number[] = [];

  clone(): CodeScanner {
    const c = new CodeScanner();
    c.state = this.state;
    c.depth = this.depth;
    c.prev = this.prev;
    c.lastSignificant = this.lastSignificant;
    c.lastWordNumeric = this.lastWordNumeric;
    c.wordStartDigit = this.wordStartDigit;
    c.lastWord = this.lastWord;
    c.beforeWord = this.beforeWord;
    c.escaped = this.escaped;
    c.templates = this.templates.slice();
    c.slash = this.slash;
    c.inClass = this.inClass;
    c.postfixBang = this.postfixBang;
    return c;
  }

  /** Makes the current position depth 0 (the cursor), keeping open templates consistent. */
  rebaseDepth(): void {
    this.templates = this.templates.map((d) => d - this.depth);
    this.depth = 0;
  }

  pushString(s: string): void {
    for (let i = 0; i < s.length; i++) this.push(s.charCodeAt(i));
  }

  push(c: number): void {
    const prev = this.prev;
    this.prev = c;
    switch (this.state) {
      case 'lineComment':
        if (c === NL) this.state = 'code';
        return;
      case 'blockComment':
        if (c === SLASH && prev === STAR) this.state = 'code';
        return;
      case 'single':
      case 'double':
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === NL) this.state = 'code'; // unterminated: recover at the line end
        else if (c === (this.state === 'single' ? SQ : DQ)) this.endLiteral(c);
        return;
      case 'template':
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === BT) this.endLiteral(c);
        else if (c === LBRACE && prev === DOLLAR) {
          this.templates.push(this.depth);
          this.depth++;
          this.state = 'code';
          this.lastSignificant = c;
        }
        return;
      case 'regex':
        this.regex(c);
        return;
      case 'code':
        this.code(c, prev);
    }
  }

  private regex(c: number): void {
    if (this.escaped) this.escaped = false;
    else if (c === BACKSLASH) this.escaped = true;
    else if (c === NL) this.state = 'code';
    else if (this.inClass) this.inClass = c !== RBRACKET;
    else if (c === LBRACKET) this.inClass = true;
    else if (c === SLASH) {
      this.state = 'code';
      // A regex literal is a complete expression: `/x/.test(s)` is a member access.
      this.lastSignificant = RPAREN;
      this.lastWordNumeric = false;
      this.prev = 0;
    }
  }

  private endLiteral(quote: number): void {
    this.state = 'code';
    this.lastSignificant = quote;
    this.lastWordNumeric = false;
    this.prev = 0; // a closing quote must not pair with a following `/` or `*`
  }

  /** The code so far ends with an operand (a name, a literal, a closing bracket, a non-null `!`). */
  private endsOperand(): boolean {
    const last = this.lastSignificant;
    if (isWordUnit(last)) return !REGEX_AFTER_WORDS.has(this.lastWord);
    if (last === BANG) return this.postfixBang;
    return last === RPAREN || last === RBRACKET || last === SQ || last === DQ || last === BT;
  }

  private code(c: number, prev: number): void {
    const slash = this.slash;
    if (slash) {
      this.slash = undefined;
      if (c === SLASH || c === STAR) {
        this.state = c === SLASH ? 'lineComment' : 'blockComment';
        this.prev = 0; // `/*/` does not close
        // A comment is not an operand: what the code ended with before it still counts.
        this.lastSignificant = slash.lastSignificant;
        this.lastWordNumeric = slash.lastWordNumeric;
        return;
      }
      if (slash.regex) {
        this.state = 'regex';
        this.inClass = false;
        this.escaped = false;
        this.regex(c);
        return;
      }
    }
    if (c === SLASH) {
      const last = this.lastSignificant;
      const regex = last === 0 || (REGEX_AFTER.has(last) && !(last === BANG && this.postfixBang)) || (isWordUnit(last) && REGEX_AFTER_WORDS.has(this.lastWord));
      this.slash = { regex, lastSignificant: last, lastWordNumeric: this.lastWordNumeric };
    }
    if (isSpaceUnit(c)) return;
    if (isWordUnit(c)) {
      if (!isWordUnit(this.lastSignificant) || !isWordUnit(prev)) {
        this.wordStartDigit = c >= 0x30 && c <= 0x39;
        this.beforeWord = this.lastSignificant;
        this.lastWord = '';
      }
      if (this.lastWord.length < 16) this.lastWord += String.fromCharCode(c);
      this.lastWordNumeric = this.wordStartDigit;
      this.lastSignificant = c;
      return;
    }
    if (c === BANG) this.postfixBang = this.endsOperand();
    this.lastSignificant = c;
    this.lastWordNumeric = false;
    switch (c) {
      case SQ: this.state = 'single'; return;
      case DQ: this.state = 'double'; return;
      case BT: this.state = 'template'; return;
      case 0x28: case 0x5b: case LBRACE: this.depth++; return;
      case 0x29: case 0x5d: this.depth--; return;
      case RBRACE: {
        const t = this.templates.length;
        if (t > 0 && this.templates[t - 1] === this.depth - 1) {
          this.templates.pop();
          this.depth--;
          this.state = 'template';
          return;
        }
        this.depth--;
        return;
      }
    }
  }
}
