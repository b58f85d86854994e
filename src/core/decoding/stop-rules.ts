// When a completion is finished, judged on the decoded text after every token.
// - 'line': the first newline ends it (the newline is not part of the completion).
// - 'block': it ends where a bracket opened before the cursor would be closed (the closer is left
//   out: the document already has it after the cursor), or at a line, outside brackets opened by
//   the completion, that is indented less than the cursor's line (a dedent leaves the block in
//   indentation-based languages). Brackets in strings and comments are ignored.
// - stop strings end it right before their first occurrence.

import { CodeScanner, isSpaceUnit } from './code-scanner';

export type StopRuleReason = 'stopString' | 'endOfLine' | 'endOfBlock';

export interface StopRuleOptions {
  mode: 'line' | 'block';
  stopStrings?: readonly string[];
}

export interface StopHit {
  readonly reason: StopRuleReason;
  /** Length of the text to keep. */
  readonly cut: number;
}

export class StopRules {
  private readonly scanner = new CodeScanner();
  private scanned = 0;
  private readonly baseIndent: number;
  private readonly longestStop: number;
  /** Offset of the start of the current generated line, -1 while still on the cursor's line. */
  private lineStart = -1;
  private lineIndent = 0;
  private lineHasText = false;

  constructor(private readonly opts: StopRuleOptions, prefix: string) {
    this.longestStop = Math.max(0, ...(opts.stopStrings ?? []).map((s) => s.length));
    if (opts.mode === 'block') {
      this.scanner.pushString(prefix);
      this.scanner.rebaseDepth();
    }
    const lineStart = prefix.lastIndexOf('\n') + 1;
    let indent = 0;
    while (lineStart + indent < prefix.length && (prefix[lineStart + indent] === ' ' || prefix[lineStart + indent] === '\t')) indent++;
    this.baseIndent = indent;
  }

  /** `text` is everything generated so far; `from` where this token's text starts. */
  check(text: string, from: number): StopHit | undefined {
    const stops = this.opts.stopStrings;
    let hit: StopHit | undefined;
    if (stops?.length) {
      const searchFrom = Math.max(0, from - this.longestStop + 1);
      for (const s of stops) {
        if (!s) continue;
        const at = text.indexOf(s, searchFrom);
        if (at >= 0 && (!hit || at < hit.cut)) hit = { reason: 'stopString', cut: at };
      }
    }
    const structural = this.opts.mode === 'line' ? lineEnd(text, from) : this.blockEnd(text);
    if (structural && (!hit || structural.cut < hit.cut)) hit = structural;
    return hit;
  }

  private blockEnd(text: string): StopHit | undefined {
    const sc = this.scanner;
    for (; this.scanned < text.length; this.scanned++) {
      const i = this.scanned;
      const c = text.charCodeAt(i);
      if (sc.state === 'code' && c !== 0x0a) {
        if (this.lineStart >= 0 && !this.lineHasText) {
          if (c === 0x20 || c === 0x09) this.lineIndent++;
          else {
            this.lineHasText = true;
            // A dedented line at the completion's top level leaves the enclosing block.
            if (this.lineIndent < this.baseIndent && sc.depth <= 0 && !isCloser(c)) return { reason: 'endOfBlock', cut: this.lineStart - 1 };
          }
        }
      }
      const before = sc.depth;
      sc.push(c);
      if (sc.depth < 0 && sc.depth < before) return { reason: 'endOfBlock', cut: i };
      if (c === 0x0a) {
        this.lineStart = i + 1;
        this.lineIndent = 0;
        this.lineHasText = false;
      } else if (!isSpaceUnit(c) && this.lineStart >= 0) this.lineHasText = true;
    }
    return undefined;
  }
}

function isCloser(c: number): boolean {
  return c === 0x29 || c === 0x5d || c === 0x7d;
}

function lineEnd(text: string, from: number): StopHit | undefined {
  const at = text.indexOf('\n', from);
  return at >= 0 ? { reason: 'endOfLine', cut: at > 0 && text[at - 1] === '\r' ? at - 1 : at } : undefined;
}
