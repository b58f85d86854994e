// Turns raw model output into the text shown as ghost text at the cursor. A model prompted
// left to right never sees what follows the cursor, and one prompted FIM still often re-types it:
// the auto-closed `)` the editor inserted, or the next line of code. Those duplicates are cut here.

export interface PostprocessContext {
  /** Document text before the cursor. */
  readonly prefix: string;
  /** Document text after the cursor. */
  readonly suffix: string;
  readonly mode: 'line' | 'block';
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set([')', ']', '}']);
const QUOTES = new Set(['"', "'", '`']);

export function postprocess(raw: string, ctx: PostprocessContext): string {
  let text = raw.replace(/\r\n/g, '\n');
  if (ctx.mode === 'line') {
    const nl = text.indexOf('\n');
    // A line completion at the end of an otherwise empty line may start with the newline itself.
    if (nl >= 0) text = text.slice(0, nl);
  }
  const lineSuffix = firstLine(ctx.suffix);
  text = cutAtClosedQuote(text, lastLine(ctx.prefix), lineSuffix);
  text = cutAtAutoClosedBracket(text, lineSuffix);
  text = cutBeforeRepeatedSuffixLine(text, ctx.suffix);
  text = trimTrailing(text, lineSuffix);
  return text.trim() === '' ? '' : text;
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

function lastLine(s: string): string {
  return s.slice(s.lastIndexOf('\n') + 1);
}

/**
 * The first closing bracket in `text` that has no opener in `text` closes something opened before
 * the cursor. If the editor already put that very bracket right after the cursor (auto-close),
 * everything from it on is a duplicate of the suffix.
 */
export function cutAtAutoClosedBracket(text: string, lineSuffix: string): string {
  const next = lineSuffix.trimStart()[0];
  if (next === undefined || !CLOSERS.has(next)) return text;
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (QUOTES.has(c)) quote = c;
    else if (c in OPENERS) stack.push(OPENERS[c]!);
    else if (CLOSERS.has(c)) {
      if (stack.length > 0 && stack[stack.length - 1] === c) stack.pop();
      else if (stack.length === 0) return c === next ? text.slice(0, i).replace(/[ \t]+$/, '') : text;
      else return text;
    }
  }
  return text;
}

/**
 * Cursor inside a string whose closing quote the editor already inserted (`f("|")`): the model's own
 * closing quote and whatever follows it duplicate the suffix.
 */
export function cutAtClosedQuote(text: string, linePrefix: string, lineSuffix: string): string {
  const q = lineSuffix[0];
  if (q === undefined || !QUOTES.has(q) || !insideString(linePrefix, q)) return text;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') i++;
    else if (c === q) return text.slice(0, i);
    else if (c === '\n') return text;
  }
  return text;
}

function insideString(linePrefix: string, q: string): boolean {
  let open: string | undefined;
  for (let i = 0; i < linePrefix.length; i++) {
    const c = linePrefix[i]!;
    if (open) {
      if (c === '\\') i++;
      else if (c === open) open = undefined;
    } else if (QUOTES.has(c)) open = c;
  }
  return open === q;
}

/**
 * Block completions often run on into code that already follows the cursor. The first generated
 * line (after the one at the cursor) equal to the next non-empty line of the suffix marks where
 * the model started repeating.
 */
export function cutBeforeRepeatedSuffixLine(text: string, suffix: string): string {
  if (!text.includes('\n')) return text;
  const rest = suffix.split('\n').slice(1);
  const anchor = rest.find((l) => l.trim() !== '')?.trimEnd();
  if (anchor === undefined) return text;
  // A lone `}` only counts at the same indentation; a longer line counts at any indentation.
  const same = (l: string): boolean => l.trimEnd() === anchor || (anchor.trim().length >= 8 && l.trim() === anchor.trim());
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (same(lines[i]!)) return lines.slice(0, i).join('\n') + (i > 1 ? '\n' : '');
  }
  return text;
}

/**
 * Trailing spaces never help. Trailing newlines are kept only when code follows the cursor on its
 * line, so that code stays on its own line below the completion; indentation of inner lines is the
 * model's (it saw the real indentation in the prompt) and is left alone.
 */
function trimTrailing(text: string, lineSuffix: string): string {
  if (lineSuffix.trim() === '') return text.replace(/\s+$/, '');
  const m = /\n[ \t]*$/.exec(text);
  return m ? text.replace(/\s+$/, '') + '\n' : text.replace(/[ \t]+$/, '');
}
