// What of a document a completion reads, and documents it does not complete in.

/**
 * Characters read on each side of the cursor for one request. The model worker's prompt holds at
 * most 2048 tokens and the prompt builder reads at most 8 characters per token (16 KiB), so twice
 * that on either side never changes a prompt; a 5 MB file then costs a 64 KiB copy per keystroke
 * instead of 5 MB read, copied to the model worker and scanned for brackets by every question.
 */
export const WINDOW_CHARS = 32 * 1024;
/**
 * The window's start moves in steps of this many characters: the prompt builder cuts the prefix at
 * multiples of 256 counted from the window's start, and a start that moved with every keystroke
 * would move that cut too, and the model's KV cache would be recomputed for every request.
 */
const WINDOW_STEP = 4096;
/**
 * A cursor line longer than this is minified or generated code: nobody types it, a prompt of it
 * has no line start to cut at, and a suggestion in it would be one more token in a wall of text.
 */
export const MAX_LINE_CHARS = 1000;

/** The part of a document `[start, end)` a request reads: the cursor's surroundings. */
export interface TextWindow {
  readonly start: number;
  readonly end: number;
}

export function textWindow(documentLength: number, cursor: number): TextWindow {
  const start = Math.max(0, Math.floor((cursor - WINDOW_CHARS) / WINDOW_STEP) * WINDOW_STEP);
  return { start, end: Math.min(documentLength, cursor + WINDOW_CHARS) };
}

export type InputSkip = 'LINE_TOO_LONG' | 'BINARY_CONTENT';

/**
 * Documents a completion stays out of: minified code (a cursor line over `MAX_LINE_CHARS`) and
 * binary content shown as text (a NUL character around the cursor; no source file has one).
 */
export function inputSkip(windowText: string, cursorLineLength: number): InputSkip | undefined {
  if (cursorLineLength > MAX_LINE_CHARS) return 'LINE_TOO_LONG';
  if (windowText.includes('\0')) return 'BINARY_CONTENT';
  return undefined;
}
