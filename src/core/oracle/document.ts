// The one place that builds the text an oracle question is about: prefix + generated + closers +
// suffix, and the offset of the question in it.
//
// What an oracle question sees is prefix + generated + suffix, but the suffix was written to follow
// code that is not there yet. Brackets open at the cursor that the suffix does not close swallow it:
// an unclosed `if (x) {` or `catch (e) {` turns the rest of a class into statements of the method,
// so members declared after the cursor vanish from `this.` completions (and a monitor would block
// correct code). Closing them right after the cursor gives the suffix the structure it closes.

import { CodeScanner } from '../decoding/code-scanner';
import type { Around } from './query';

const BT = 0x60;
const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}', '${': '}', '`': '`' };

/** A CodeScanner that also remembers which brackets (and template literals) are open. */
class BracketStack {
  readonly sc = new CodeScanner();
  readonly open: string[] = [];
  /** Closers that found nothing open. */
  unmatched = 0;

  push(c: number): void {
    const before = this.sc.state;
    const depth = this.sc.depth;
    this.sc.push(c);
    const after = this.sc.state;
    if (this.sc.depth > depth) this.open.push(before === 'template' ? '${' : String.fromCharCode(c));
    else if (this.sc.depth < depth) {
      if (this.open.pop() === undefined) this.unmatched++;
    }
    else if (c === BT && before === 'code' && after === 'template') this.open.push('`');
    else if (c === BT && before === 'template' && after === 'code') this.open.pop();
  }

  clone(): BracketStack {
    const b = new BracketStack();
    (b as { sc: CodeScanner }).sc = this.sc.clone();
    b.open.push(...this.open);
    b.unmatched = this.unmatched;
    return b;
  }
}

/** How many of the brackets open in `from` the text closes, and where the scan ends. */
function scan(text: string, from: BracketStack): { closes: number; end: BracketStack } {
  const s = from.clone();
  const start = s.open.length;
  let low = start;
  for (let i = 0; i < text.length; i++) {
    s.push(text.charCodeAt(i));
    if (s.open.length < low) low = s.open.length;
  }
  return { closes: start - low + s.unmatched - from.unmatched, end: s };
}

interface Texts {
  prefix: string;
  suffix: string;
  /** Open after the prefix. */
  stack: BracketStack;
  /**
   * How many open brackets the suffix closes, read after the prefix (right when the suffix was
   * written to follow it, the editor's document) and read from plain code (right when the code
   * still to come closes a template expression the prefix opened, as a ground-truth replay does).
   */
  candidates: number[];
  /** Whether the suffix closes exactly what is open before it and ends in code, by what is open before it. */
  fits: Map<string, boolean>;
}

let last: Texts | undefined;

function texts(prefix: string, suffix: string): Texts {
  if (last?.prefix !== prefix || last.suffix !== suffix) {
    const stack = new BracketStack();
    for (let i = 0; i < prefix.length; i++) stack.push(prefix.charCodeAt(i));
    const afterPrefix = scan(suffix, stack).closes;
    const fromCode = scan(suffix, new BracketStack()).closes;
    last = { prefix, suffix, stack, candidates: [...new Set([afterPrefix, fromCode])], fits: new Map() };
  }
  return last;
}

/**
 * The brackets open at the end of `text`, outermost first (`${` for a template expression), or
 * undefined when the text ends outside code (in a string or comment).
 */
export function openBrackets(text: string): string[] | undefined {
  const stack = new BracketStack();
  for (let i = 0; i < text.length; i++) stack.push(text.charCodeAt(i));
  return stack.sc.state === 'code' ? stack.open.filter((b) => b !== '`') : undefined;
}

/**
 * What to insert at the cursor, between prefix + generated and the suffix, so that the suffix
 * closes what it was written to close: the closing text (innermost first) of every bracket, `${`
 * and template literal open at the cursor beyond the ones the suffix itself closes. Empty when the
 * cursor is not in code (inside a string or comment nothing can be closed safely).
 */
export function closersFor(prefix: string, generated: string, suffix: string): string {
  const t = texts(prefix, suffix);
  const stack = t.stack.clone();
  for (let i = 0; i < generated.length; i++) stack.push(generated.charCodeAt(i));
  if (stack.sc.state !== 'code') return '';
  const closing = (keep: number): string => {
    let out = '';
    for (let i = stack.open.length - 1; i >= keep; i--) out += CLOSER[stack.open[i]!] ?? '';
    return out;
  };
  // The first reading under which the whole suffix then scans as well-formed code wins.
  for (const keep of t.candidates) {
    if (keep > stack.open.length) continue;
    const key = `${keep}:${stack.open.slice(0, keep).join(' ')}`;
    let fits = t.fits.get(key);
    if (fits === undefined) {
      const closed = stack.clone();
      for (const ch of closing(keep)) closed.push(ch.charCodeAt(0));
      const { end } = scan(suffix, closed);
      fits = end.sc.state === 'code' && end.open.length === 0 && end.unmatched === closed.unmatched;
      t.fits.set(key, fits);
    }
    if (fits) return closing(keep);
  }
  return closing(Math.min(t.candidates[0]!, stack.open.length));
}

/** The document an oracle answers about, and where in it the question is asked (right after the generated text). */
export function oracleDocument(around: Around, generated: string): { readonly text: string; readonly offset: number } {
  return {
    text: around.prefix + generated + closersFor(around.prefix, generated, around.suffix) + around.suffix,
    offset: around.prefix.length + generated.length,
  };
}
