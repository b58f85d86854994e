// Patterns of text a small model writes when it has lost the thread: loops, stutters, copies of
// the code around the cursor, comment runs. Each rule reads the completion (with the code around
// the cursor where it needs it) and says where the completion stops being worth showing: a cut
// position, 0 meaning "nothing of it". Pure, so each rule is tested on the outputs seen in use.

export interface Cut {
  /** Characters of the completion to keep. */
  readonly at: number;
  readonly why: DegenerationReason;
}

export type DegenerationReason =
  | 'LOOP'
  | 'STUTTER'
  | 'REPEATS_LINE_ABOVE'
  | 'ECHOES_SUFFIX'
  | 'COMMENT_RUN'
  | 'DIRECTIVE_COMMENT'
  | 'UNMATCHED_CLOSER'
  | 'STRAY_COMMA'
  | 'PUNCTUATION_RUN'
  | 'UNKNOWN_NAME'
  | 'ENUM_AS_CASE_LABEL'
  | 'CASE_LABEL_GOES_ON'
  | 'DANGLING_QUESTION_MARK';

interface Word {
  readonly text: string;
  readonly start: number;
  readonly name: boolean;
}

const WORD = /[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*|\d[\w.]*|\S/gu;
const NAME = /^[\p{ID_Start}$_]/u;

/** The completion as words and punctuation (whitespace dropped), with where each starts. */
function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) out.push({ text: m[0], start: m.index!, name: NAME.test(m[0]) });
  return out;
}

/**
 * A unit of words repeated back to back: `a.g.g.g` (`.g` three times), `.name.normalize` twice.
 * A unit of one or two words must occur three times (`node.parent.parent` is real code); a longer
 * unit with a name in it, twice; a unit of punctuation and literals only, four times (`" + " + " +
 * " + "`, `- 1.0.0 - 1.0.0 - 1.0.0 - 1.0.0`, seen on the development set), except a list of numbers
 * (`[0, 0, 0, 0, 0]` is real code). The first occurrence stays.
 */
export function loop(text: string): Cut | undefined {
  const w = words(text);
  for (let i = 0; i < w.length; i++) {
    for (let p = 1; p <= 8 && i + 2 * p <= w.length; p++) {
      const unit = w.slice(i, i + p);
      const named = unit.some((x) => x.name);
      if (!named && unit.every((x) => x.text === ',' || /^\d/.test(x.text))) continue;
      const times = !named ? 4 : p <= 2 ? 3 : 2;
      if (i + times * p > w.length) continue;
      let same = true;
      for (let k = 0; k < (times - 1) * p && same; k++) same = w[i + k]!.text === w[i + p + k]!.text;
      if (same) return { at: trimEnd(text, w[i + p]!.start), why: 'LOOP' };
    }
  }
  return undefined;
}

/**
 * Names that stutter: a letter four times in a row (`bbbbb`), a name that is the start of the
 * name written just before it (`bbbb, bbb`), or the same name twice in a list (`key, key`). The
 * completion stops before the first such name.
 */
export function stutter(text: string): Cut | undefined {
  const w = words(text).filter((x) => x.name);
  for (let i = 0; i < w.length; i++) {
    const cur = w[i]!.text;
    const prev = i > 0 ? w[i - 1]!.text : undefined;
    const between = prev === undefined ? '' : text.slice(w[i - 1]!.start + prev.length, w[i]!.start);
    const stutters =
      /(\p{L})\1{3}/u.test(cur) ||
      (prev !== undefined && prev.length > cur.length && prev.startsWith(cur) && /(\p{L})\1/u.test(cur)) ||
      // The same argument twice in a row: `add(key, key, value, value)`.
      (prev === cur && /^\s*,\s*$/.test(between));
    if (stutters) {
      return { at: trimEnd(text, w[i]!.start), why: 'STUTTER' };
    }
  }
  return undefined;
}

/** The line the completion finishes, read whole, equals the line above it (a copy, not a new line). */
export function repeatsLineAbove(text: string, prefix: string): Cut | undefined {
  const lines = prefix.split('\n');
  const current = lines[lines.length - 1]! + firstLine(text);
  const above = [...lines.slice(0, -1)].reverse().find((l) => l.trim() !== '');
  if (above === undefined || firstLine(text).trim() === '') return undefined;
  return normalise(current) === normalise(above) && normalise(above).length >= 4 ? { at: 0, why: 'REPEATS_LINE_ABOVE' } : undefined;
}

/**
 * The completion writes again what already follows the cursor: its first line ends with the text
 * after the cursor on that line (cut it off), or the line it finishes equals the next line of code.
 */
export function echoesSuffix(text: string, prefix: string, suffix: string): Cut | undefined {
  const first = firstLine(text);
  const lineSuffix = firstLine(suffix).trim();
  if (lineSuffix.length >= 2 && first.trimEnd().endsWith(lineSuffix)) {
    const at = first.trimEnd().length - lineSuffix.length;
    return { at: trimEnd(text, at), why: 'ECHOES_SUFFIX' };
  }
  const next = suffix.split('\n').slice(1).find((l) => l.trim() !== '');
  const current = lastLine(prefix) + first;
  if (next !== undefined && first.trim() !== '' && normalise(current) === normalise(next) && normalise(next).length >= 4) return { at: 0, why: 'ECHOES_SUFFIX' };
  return undefined;
}

const DIRECTIVE = /\/[/*]\s*(@ts-(expect-error|ignore|nocheck)|eslint-disable|prettier-ignore)/;
/** A doc-comment line written as code (`length * @param`): the model thinks it is in a comment. */
const DOC_TAG = /\s\*\s*@\w/;

/**
 * Comments that switch checks off (`// @ts-expect-error`) are never worth suggesting; two or more
 * lines that are only comments are the model writing prose in a loop. The completion stops before
 * either.
 */
export function commentRun(text: string): Cut | undefined {
  const d = DIRECTIVE.exec(text);
  let cut: Cut | undefined = d ? { at: trimEnd(text, d.index), why: 'DIRECTIVE_COMMENT' } : undefined;
  const doc = DOC_TAG.exec(text);
  if (doc && (!cut || doc.index < cut.at) && !/\/\*/.test(text.slice(0, doc.index))) cut = { at: trimEnd(text, doc.index), why: 'COMMENT_RUN' };
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const start = offset;
    offset += lines[i]!.length + 1;
    const comment = isCommentLine(lines[i]!) || (i === 0 && /\/[/*]/.test(lines[0]!));
    if (!comment || i + 1 >= lines.length || !isCommentLine(lines[i + 1]!)) continue;
    // The cursor's own line keeps the code before a trailing comment.
    const at = i === 0 ? trimEnd(text, lines[0]!.search(/\/[/*]/)) : Math.max(0, start - 1);
    if (!cut || at < cut.at) cut = { at, why: 'COMMENT_RUN' };
    break;
  }
  return cut;
}

function isCommentLine(line: string): boolean {
  const t = line.trim();
  return t.startsWith('//') || t.startsWith('/*') || t.startsWith('*');
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * A closing bracket that closes nothing open, neither in the completion nor before the cursor
 * (`q.m(2).m2(a))`): everything from it on is noise. `open` lists the brackets open at the cursor,
 * innermost last. Brackets inside strings and comments of the completion are not read.
 */
export function unmatchedCloser(text: string, open: readonly string[]): Cut | undefined {
  const scan = scanBrackets(text, open);
  return scan.unmatchedAt === undefined ? undefined : { at: trimEnd(text, scan.unmatchedAt), why: 'UNMATCHED_CLOSER' };
}

/**
 * A comma that ends the completion where a statement ends (`obj.name,` in a function body): after
 * Tab the line would not parse. Inside parentheses and square brackets a comma separates
 * arguments or elements, and inside braces it ends an object literal's entry (`key: obj.name,`,
 * `...obj.rest,`); a block's statement line is neither.
 */
export function strayComma(text: string, open: readonly string[], linePrefix: string): Cut | undefined {
  const m = /,\s*$/.exec(text);
  if (!m) return undefined;
  const scan = scanBrackets(text, open);
  if (scan.unmatchedAt !== undefined) return undefined;
  const top = scan.stack[scan.stack.length - 1];
  const entry = /^\s*(?:[\w$]+|'[^']*'|"[^"]*"|\[[^\]]*\])\s*:|^\s*\.\.\./.test(linePrefix);
  return top === undefined || (top === '{' && !entry) ? { at: trimEnd(text, m.index), why: 'STRAY_COMMA' } : undefined;
}

/** Brackets still open after `text` (those open at the cursor first), or where one closes nothing. */
function scanBrackets(text: string, open: readonly string[]): { stack: string[]; unmatchedAt?: number } {
  const stack = open.map((b) => (b === '${' ? '{' : b));
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote || (c === '\n' && quote !== '`')) quote = undefined;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c in OPEN) stack.push(c);
    else if (c === ')' || c === ']' || c === '}') {
      const top = stack.pop();
      if (top === undefined || OPEN[top] !== c) return { stack, unmatchedAt: i };
    }
  }
  return { stack };
}

/**
 * After `case ` the enum's own name must be followed by a member (`E.A:`), never by the colon
 * (`E:`); and the member ends the label: what follows it is the colon (`E.A.valueOf(` is no label).
 */
export function enumAsCaseLabel(text: string, enumNames: readonly string[]): Cut | undefined {
  const m = /^\s*([\p{ID_Start}$_][\p{ID_Continue}$]*)(\s*\.\s*[\p{ID_Start}$_][\p{ID_Continue}$]*)?/u.exec(text);
  if (!m || !enumNames.includes(m[1]!)) return undefined;
  const rest = text.slice(m[0].length);
  if (!m[2]) return /^\s*:/.test(rest) ? { at: 0, why: 'ENUM_AS_CASE_LABEL' } : undefined;
  return rest === '' || /^\s*:/.test(rest) ? undefined : { at: m[0].length, why: 'CASE_LABEL_GOES_ON' };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

function lastLine(s: string): string {
  return s.slice(s.lastIndexOf('\n') + 1);
}

function normalise(line: string): string {
  return line.replace(/\s+/g, '');
}

/** A cut at `at`, moved back over the spaces before it. */
function trimEnd(text: string, at: number): number {
  let i = Math.max(0, at);
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return i;
}

/**
 * The same punctuation three times in a row in code (`name???`, `;;;`, `,,,`): a model going in
 * circles. Comments and strings may hold such runs (`// ----`) and are not read.
 */
export function punctuationRun(text: string): Cut | undefined {
  for (const m of text.matchAll(/([^\p{L}\p{N}\s_$'"`])\1{2,}/gu)) {
    if (afterCommentOrQuote(text, m.index!)) continue;
    return { at: trimEnd(text, m.index!), why: 'PUNCTUATION_RUN' };
  }
  return undefined;
}

/** Whether the line before `at` opens a comment or a quote: punctuation there may be prose. */
function afterCommentOrQuote(text: string, at: number): boolean {
  return /\/\/|\/\*|['"`]/.test(text.slice(text.lastIndexOf('\n', at) + 1, at));
}

/** A completion that ends in a lone `?` (`obj.name?`) stops inside a conditional expression: the `?` goes. */
export function danglingQuestionMark(text: string): Cut | undefined {
  const m = /(?<!\?)\?[ \t]*$/.exec(text);
  if (!m) return undefined;
  if (afterCommentOrQuote(text, m.index)) return undefined;
  return { at: trimEnd(text, m.index), why: 'DANGLING_QUESTION_MARK' };
}

/** Words a completion may use without the file mentioning them: keywords, and globals every program has. */
const KNOWN = new Set((
  'as async await break case catch class const continue debugger default delete do else enum export extends false finally for from ' +
  'function get if implements import in instanceof interface let new null of package private protected public readonly return set ' +
  'static super switch this throw true try type typeof undefined var void while with yield keyof infer is satisfies declare abstract ' +
  'any unknown never object string number boolean bigint symbol ' +
  'console Math JSON Object Array String Number Boolean Promise Error TypeError RangeError Date Map Set WeakMap WeakSet Symbol RegExp ' +
  'BigInt Reflect Proxy Intl Infinity NaN globalThis window document process require module exports parseInt parseFloat isNaN ' +
  'isFinite setTimeout clearTimeout setInterval clearInterval queueMicrotask structuredClone Uint8Array Int32Array Float32Array ' +
  'Float64Array ArrayBuffer DataView TextEncoder TextDecoder URL AbortController fetch arguments Function Record Partial Readonly ' +
  'Required Pick Omit Exclude Extract ReturnType Parameters NonNullable Awaited PromiseLike Iterable IterableIterator ArrayLike'
).split(' '));

const NAME_AT = /(?<![\w$])[A-Za-z_$][\w$]*/g;

/**
 * A name the model made up: used where only a name in scope can stand (not after a dot, not a key
 * before `:`, not being declared), yet neither the file nor the completion before it mentions it,
 * and it is no keyword or common global (`new made(value, key)` in a file with no `value`). A name
 * a monitor chose (`guarded`) is legal by construction. The
 * language service is not asked (it would cost a question per name); the file's own words are
 * what a reader would check first. The completion stops before it.
 */
export function unknownName(text: string, prefix: string, suffix: string, guarded: (offset: number) => boolean = () => false): Cut | undefined {
  const mentioned = (name: string, before: number): boolean => {
    const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
    return word.test(prefix) || word.test(suffix) || word.test(text.slice(0, before));
  };
  let quote: string | undefined;
  let at = 0;
  for (const m of text.matchAll(NAME_AT)) {
    // Skip names inside strings and comments of the completion.
    for (; at < m.index!; at++) {
      const c = text[at]!;
      if (quote) {
        if (c === '\\') at++;
        else if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'" || c === '`') quote = c;
      else if (c === '/' && text[at + 1] === '/') return undefined;
    }
    if (quote) continue;
    const name = m[0];
    // What stands before the name, the text before the cursor included (`obj.` + `name`).
    const before = prefix.slice(-200) + text.slice(0, m.index);
    const after = text.slice(m.index! + name.length);
    if (KNOWN.has(name) || guarded(m.index!) || /[.]\s*$|\?\.\s*$/.test(before)) continue;
    if (/^\s*\??:(?!:)/.test(after) && !/\?\s*$/.test(before)) continue; // a key or a typed parameter
    if (/\b(const|let|var|function|class|interface|type|enum|as|catch)\s+$|[({,]\s*\.\.\.$/.test(before)) continue; // being declared
    if (/^\s*(=>|,[^()]*\)\s*=>|\)\s*=>)/.test(after)) continue; // an arrow function's parameter
    if (mentioned(name, m.index!)) continue;
    return { at: trimEnd(text, m.index!), why: 'UNKNOWN_NAME' };
  }
  return undefined;
}
