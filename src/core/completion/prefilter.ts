// Positions where a completion would only get in the way. Each returns a named reason so that the
// log says why nothing showed up.

export type PrefilterReason = 'MID_WORD' | 'CODE_AFTER_CURSOR' | 'IN_LINE_COMMENT_START';

/** Characters the editor auto-closes or that commonly end a statement: ghost text may sit before them. */
const TAILS = /^[\s)\]}>"'`;,:]*$/;

export function prefilter(linePrefix: string, lineSuffix: string, isIdContinue: (cp: number) => boolean): PrefilterReason | undefined {
  const after = lineSuffix.codePointAt(0);
  if (after !== undefined && isIdContinue(after)) return 'MID_WORD';
  if (!TAILS.test(lineSuffix)) return 'CODE_AFTER_CURSOR';
  // Just typed `//` or `/*`: the user is starting prose, not code.
  if (/\/[/*]$/.test(linePrefix)) return 'IN_LINE_COMMENT_START';
  return undefined;
}
