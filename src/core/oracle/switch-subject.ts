// Where the discriminant of the switch around an offset is, found on the text alone (strings and
// comments skipped). The editor oracle hovers over its end to learn its type.
import { CodeScanner } from '../decoding/code-scanner';

export interface Range {
  readonly start: number;
  readonly end: number;
}

/** The `expr` of the innermost `switch (expr) {` whose block is still open at `offset`. */
export function switchSubject(text: string, offset: number): Range | undefined {
  const sc = new CodeScanner();
  const blocks: { depth: number; subject: Range }[] = [];
  let paren: { depth: number; start: number } | undefined;
  let subject: Range | undefined;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    const inCode = sc.state === 'code';
    const isSwitchParen = inCode && c === 0x28 && sc.lastWord === 'switch' && sc.lastSignificant === 0x68 /* h */;
    sc.push(c);
    if (!inCode) continue;
    if (isSwitchParen) paren = { depth: sc.depth, start: i + 1 };
    else if (c === 0x29 && paren && sc.depth === paren.depth - 1) {
      subject = { start: paren.start, end: i };
      paren = undefined;
    } else if (c === 0x7b && subject) {
      blocks.push({ depth: sc.depth, subject });
      subject = undefined;
    } else if (c === 0x7d) {
      while (blocks.length && blocks[blocks.length - 1]!.depth > sc.depth) blocks.pop();
    } else if (subject && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      subject = undefined;
    }
  }
  const s = blocks[blocks.length - 1]?.subject;
  if (!s) return undefined;
  // Trim spaces inside the parentheses.
  let { start, end } = s;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : undefined;
}

/** The type name a TypeScript hover gives for a variable, parameter or property (`const c: Color`). */
export function hoverTypeName(hover: string): string | undefined {
  const code = /```\w*\n([\s\S]*?)```/.exec(hover)?.[1] ?? hover;
  const line = code.split('\n')[0]!.trim();
  const m = /:\s*([\p{ID_Start}$_][\p{ID_Continue}$]*)$/u.exec(line);
  return m?.[1];
}

/** Line and character (UTF-16) of `offset` in `text`. */
export function positionIn(text: string, offset: number): { line: number; character: number } {
  let line = 0, lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}
