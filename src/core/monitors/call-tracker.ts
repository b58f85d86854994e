// Follows the generated code byte by byte to know which call's argument list it is in and how many
// arguments that list has so far. Kept apart from the arguments monitor so that a token can be
// simulated on a cheap copy: the mask is "every token whose bytes break no known argument count".
//
// Bracket kinds matter because the same `name(` is a call in a block but a method declaration in a
// class body or an object literal, where TypeScript's signature help answers with the contextual
// signature of the declaration (measured: `f({ foo(|` gets foo's parameters), whose counts do not
// bind the declaration's own parameter list.

import { CodeScanner, isSpaceUnit, isWordUnit } from '../decoding/code-scanner';

export interface Overload {
  readonly min: number;
  readonly max: number;
}

/** What a call accepts: the union over its overloads. */
export class ArgumentCounts {
  private static next = 1;
  /** Stable id for mask caches. */
  readonly id = ArgumentCounts.next++;
  readonly min: number;
  readonly max: number;

  constructor(readonly overloads: readonly Overload[]) {
    this.min = Math.min(...overloads.map((o) => o.min));
    this.max = Math.max(...overloads.map((o) => o.max));
  }

  /** Some overload takes exactly `n` arguments (overloads may leave gaps: `f()` and `f(a, b)`). */
  accepts(n: number): boolean {
    return this.overloads.some((o) => o.min <= n && n <= o.max);
  }

  toString(): string {
    return this.overloads.map((o) => (o.min === o.max ? `${o.min}` : `${o.min}..${o.max === Infinity ? '' : o.max}`)).join('|');
  }
}

/** `undefined`: asked, no answer yet; `null`: no constraint (no answer, released). */
export type FrameCounts = ArgumentCounts | null | undefined;

export interface CallFrame {
  counts: FrameCounts;
  /** Commas at this list's own depth. */
  commas: number;
  /** Something other than spaces and comments since the `(` or the last comma. */
  started: boolean;
}

type Kind = 'call' | 'paren' | 'bracket' | 'block' | 'object' | 'pattern' | 'body' | 'template' | 'import';
interface Open {
  readonly kind: Kind;
  /** Scanner depth inside this bracket. */
  readonly depth: number;
  readonly frame?: CallFrame;
}

export const OK = 0, VIOLATION = 1, OPENED_CALL = 2;
export type PushResult = typeof OK | typeof VIOLATION | typeof OPENED_CALL;

const LPAREN = 0x28, RPAREN = 0x29, LBRACKET = 0x5b, LBRACE = 0x7b, COMMA = 0x2c, SLASH = 0x2f, STAR = 0x2a, DOT = 0x2e, LT = 0x3c;
const RBRACKET = 0x5d, SEMI = 0x3b, RBRACE = 0x7d, GT = 0x3e;

/** Words after which `(` is not a call: statements, operators, declarations. */
const NOT_CALLEES = new Set([
  'if', 'for', 'while', 'switch', 'catch', 'with', 'return', 'typeof', 'void', 'delete', 'await', 'yield', 'in', 'of',
  'instanceof', 'case', 'do', 'else', 'throw', 'function', 'new', 'async', 'constructor', 'as', 'keyof', 'extends',
  'implements', 'let', 'const', 'var', 'satisfies',
]);
/** A word before the name that makes `name(` a declaration. */
const DECLARES = new Set(['function', 'get', 'set', 'static', 'public', 'private', 'protected', 'async', 'abstract', 'override', 'declare', 'accessor']);
const BLOCK_AFTER_WORD = new Set(['else', 'try', 'do', 'finally']);
/**
 * `f.call(`, `f.apply(`, `f.bind(`: their signatures spread the target's parameters as a generic
 * tuple, and signature help on the open call counts them differently from the checker on the
 * finished one (measured in immer: help said 5 arguments, the 4 written compile).
 */
const TUPLE_SPREADERS = new Set(['call', 'apply', 'bind']);
const OBJECT_AFTER_WORD = new Set(['return', 'yield', 'await', 'typeof', 'case', 'in', 'of', 'throw', 'default', 'satisfies', 'as']);

export class CallTracker {
  readonly sc: CodeScanner;
  private stack: Open[];
  /** The word before `sc.lastWord` when nothing but spaces separate them (`function foo`). */
  private prevWord: string;
  /** A `/` that may start a comment, a division or a regex: the next byte tells. */
  private slash: boolean;

  constructor(sc = new CodeScanner(), stack: Open[] = [], prevWord = '', slash = false) {
    this.sc = sc;
    this.stack = stack;
    this.prevWord = prevWord;
    this.slash = slash;
  }

  clone(): CallTracker {
    return new CallTracker(this.sc.clone(), this.stack.map((o) => (o.frame ? { ...o, frame: { ...o.frame } } : o)), this.prevWord, this.slash);
  }

  /** The innermost open call, if the code is right at its argument level. */
  atArguments(): CallFrame | undefined {
    const top = this.stack[this.stack.length - 1];
    return top?.frame && top.depth === this.sc.depth && this.sc.state === 'code' ? top.frame : undefined;
  }

  /** The frame of the call opened last (after OPENED_CALL). */
  newest(): CallFrame {
    return this.stack[this.stack.length - 1]!.frame!;
  }

  /** Right inside an object literal's own braces (not in a nested bracket, string or comment). */
  atObjectLevel(): boolean {
    const top = this.stack[this.stack.length - 1];
    return top?.kind === 'object' && top.depth === this.sc.depth && this.sc.state === 'code';
  }

  /** Right inside the braces of `import { … }`. */
  atImportLevel(): boolean {
    const top = this.stack[this.stack.length - 1];
    return top?.kind === 'import' && top.depth === this.sc.depth && this.sc.state === 'code';
  }

  /** Open calls, outermost first. */
  frames(): CallFrame[] {
    const out: CallFrame[] = [];
    for (const o of this.stack) if (o.frame) out.push(o.frame);
    return out;
  }

  /** Any open call whose counts are known: only then is there something to constrain. */
  constraining(): boolean {
    return this.stack.some((o) => o.frame?.counts);
  }

  /** Open calls' states, innermost last: equal keys (with equal scanner states) mean equal masks. */
  frameKey(): string {
    let key = '';
    for (const o of this.stack) if (o.frame) key += `${o.depth}:${o.frame.counts === undefined ? 'u' : o.frame.counts === null ? 'n' : o.frame.counts.id}:${o.frame.commas}:${o.frame.started ? 1 : 0},`;
    return key + (this.slash ? '/' : '');
  }

  /** Stops constraining every open call (something we cannot follow, e.g. a regex literal). */
  releaseAll(): void {
    for (const o of this.stack) if (o.frame) o.frame.counts = null;
  }

  /**
   * One byte. VIOLATION (nothing changed) when it would close a known call with a count no
   * overload takes, or start an argument past the most any overload takes.
   */
  push(b: number): PushResult {
    const sc = this.sc;
    if (this.slash) {
      this.slash = false;
      // A `/` where an operand is expected starts a comment (`//`, `/*`) or a regex literal, whose
      // brackets and commas we cannot tell from code.
      if (b !== SLASH && b !== STAR && sc.state === 'code') this.releaseAll();
    }
    const frame = this.atArguments();
    if (frame) {
      if (b === COMMA) {
        // `f(,` is no call at all; past the last argument it is one argument too many.
        if (!frame.started && frame.counts && frame.commas + 1 > frame.counts.max) return VIOLATION;
        frame.commas++;
        frame.started = false;
      } else if (b === RPAREN) {
        if (frame.counts && !frame.counts.accepts(frame.commas + (frame.started ? 1 : 0))) return VIOLATION;
      } else if (!isSpaceUnit(b) && b !== SLASH) {
        if (!frame.started) {
          if (frame.counts && frame.commas + 1 > frame.counts.max) return VIOLATION;
          frame.started = true;
          // `...xs` stands for any number of arguments.
          if (b === DOT) frame.counts = null;
        }
        // `<` may open type arguments (`new Map<K, V>()`), whose commas are not argument commas.
        if (b === LT) frame.counts = null;
      }
    }
    const kind = sc.state === 'code' ? this.opening(b) : undefined;
    if (sc.state === 'code') {
      const last = sc.lastSignificant;
      if (b === SLASH && sc.prev !== SLASH) this.slash = !(isWordUnit(last) || last === RPAREN || last === RBRACKET);
      if (isWordUnit(b) && !(isWordUnit(sc.prev) && isWordUnit(sc.lastSignificant))) {
        this.prevWord = isWordUnit(sc.lastSignificant) && !sc.lastWordNumeric ? sc.lastWord : '';
      }
    }
    const before = sc.depth;
    sc.push(b);
    if (sc.depth > before) {
      const k = kind ?? 'template';
      this.stack.push(k === 'call' ? { kind: k, depth: sc.depth, frame: { counts: undefined, commas: 0, started: false } } : { kind: k, depth: sc.depth });
      return k === 'call' ? OPENED_CALL : OK;
    }
    if (sc.depth < before) while (this.stack.length && this.stack[this.stack.length - 1]!.depth > sc.depth) this.stack.pop();
    return OK;
  }

  /**
   * A tracker that has read `text` (the document before the cursor). Only the last top-level
   * statement matters to the brackets open at the cursor: a fast scanner finds where it starts (after
   * the last `;` or `}` at depth 0 in code) and the tracker reads from there.
   */
  static afterPrefix(text: string): CallTracker {
    const sc = new CodeScanner();
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      sc.push(c);
      if ((c === SEMI || c === RBRACE) && sc.depth === 0 && sc.state === 'code') from = i + 1;
    }
    const t = new CallTracker();
    const units = new Uint16Array(text.length - from);
    for (let i = 0; i < units.length; i++) units[i] = text.charCodeAt(from + i);
    t.pushAll(units);
    return t;
  }

  pushAll(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) {
      if (this.push(bytes[i]!) === VIOLATION) {
        // Text that is already there (the prefix, an unconstrained step) is never wrong: let go.
        const f = this.atArguments();
        if (f) f.counts = null;
        this.push(bytes[i]!);
      }
    }
  }

  private opening(b: number): Kind | undefined {
    if (b === LPAREN) return this.isCallee() ? 'call' : 'paren';
    if (b === LBRACKET) return 'bracket';
    if (b !== LBRACE) return undefined;
    const last = this.sc.lastSignificant;
    if (isWordUnit(last)) {
      const w = this.sc.lastWord;
      if (w === 'import' || (w === 'type' && this.prevWord === 'import')) return 'import';
      if (BLOCK_AFTER_WORD.has(w)) return 'block';
      return OBJECT_AFTER_WORD.has(w) ? 'object' : 'body';
    }
    if (last === 0 || last === RPAREN || last === GT || last === SEMI || last === LBRACE || last === RBRACE) return 'block';
    // In a parenthesis that is no call, `({` and `(a, {` may be an arrow function's destructured
    // parameters, which only the `=>` after them tells (measured: TypeScript then answers with the
    // members of the callback's function type, `toString` where `type` was meant).
    const around = this.stack[this.stack.length - 1];
    if ((last === LPAREN || last === COMMA) && around?.kind === 'paren' && around.depth === this.sc.depth) return 'pattern';
    return 'object';
  }

  private isCallee(): boolean {
    const sc = this.sc;
    const last = sc.lastSignificant;
    if (last === RPAREN || last === RBRACKET) return true;
    if (!isWordUnit(last) || sc.lastWordNumeric || NOT_CALLEES.has(sc.lastWord) || DECLARES.has(this.prevWord)) return false;
    const around = this.stack[this.stack.length - 1]?.kind;
    const before = sc.beforeWord;
    if (before === DOT && TUPLE_SPREADERS.has(sc.lastWord)) return false;
    // Members of a class, interface or object literal are declared as `name(`; `x = f(` and
    // `@dec(` there are calls.
    if (around === 'body') return before !== 0 && before !== LBRACE && before !== RBRACE && before !== SEMI && before !== STAR && !isWordUnit(before) && before !== RPAREN;
    if (around === 'object' || around === 'pattern') return before !== LBRACE && before !== COMMA && before !== STAR;
    return true;
  }
}
