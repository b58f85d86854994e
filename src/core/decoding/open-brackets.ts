// What an oracle question sees is prefix + generated + suffix, but the suffix was written to follow
// code that is not there yet. Brackets open at the cursor that the suffix does not close swallow it:
// an unclosed `if (x) {` or `catch (e) {` turns the rest of a class into statements of the method,
// so members declared after the cursor vanish from `this.` completions (and a monitor would block
// correct code). Closing them right after the cursor gives the suffix the structure it closes.

import { CodeScanner } from './code-scanner';

const BT = 0x60;
const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}', '${': '}', '`': '`' };

/** A CodeScanner that also remembers which brackets (and template literals) are open. */
class BracketStack {
  readonly sc = new CodeScanner();
  readonly open: string[] = [];

  push(c: number): void {
    const before = this.sc.state;
    const depth = this.sc.depth;
    this.sc.push(c);
    const after = this.sc.state;
    if (this.sc.depth > depth) this.open.push(before === 'template' ? '${' : String.fromCharCode(c));
    else if (this.sc.depth < depth) this.open.pop();
    else if (c === BT && before === 'code' && after === 'template') this.open.push('`');
    else if (c === BT && before === 'template' && after === 'code') this.open.pop();
  }

  clone(): BracketStack {
    const b = new BracketStack();
    (b as { sc: CodeScanner }).sc = this.sc.clone();
    b.open.push(...this.open);
    return b;
  }
}

/** The brackets open after the prefix, and how many of them the suffix closes. */
let last: { prefix: string; suffix: string; stack: BracketStack; closedBySuffix: number } | undefined;

function atPrefixEnd(prefix: string, suffix: string): { stack: BracketStack; closedBySuffix: number } {
  if (last?.prefix !== prefix || last.suffix !== suffix) {
    const stack = new BracketStack();
    for (let i = 0; i < prefix.length; i++) stack.push(prefix.charCodeAt(i));
    const s = stack.clone();
    let low = s.open.length;
    for (let i = 0; i < suffix.length; i++) {
      s.push(suffix.charCodeAt(i));
      if (s.open.length < low) low = s.open.length;
    }
    last = { prefix, suffix, stack, closedBySuffix: stack.open.length - low };
  }
  return { stack: last.stack.clone(), closedBySuffix: last.closedBySuffix };
}

/**
 * What to insert at the cursor, between prefix + generated and the suffix, so that the suffix
 * closes what it was written to close: the closing text (innermost first) of every bracket, `${`
 * and template literal open at the cursor beyond the ones the suffix itself closes. Empty when the
 * cursor is not in code (inside a string or comment nothing can be closed safely).
 */
export function closersFor(prefix: string, generated: string, suffix: string): string {
  if (generated === '') return '';
  const { stack, closedBySuffix } = atPrefixEnd(prefix, suffix);
  for (let i = 0; i < generated.length; i++) stack.push(generated.charCodeAt(i));
  if (stack.sc.state !== 'code') return '';
  let out = '';
  for (let i = stack.open.length - 1; i >= closedBySuffix; i--) out += CLOSER[stack.open[i]!] ?? '';
  return out;
}
