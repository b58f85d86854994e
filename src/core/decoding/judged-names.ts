// Which names of a completion the display gate judges by their probability: the first name it
// writes (the guess the rest rests on) and every link of a member chain (a name right after `.`).
// The decoder takes the model's full normaliser, a pass over the whole vocabulary, only for tokens
// that write part of such a name: elsewhere nothing reads it.

/** A name as the gate reads it out of a completion. */
export const NAME = /[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/gu;
const CONTINUES_NAME = /[\p{ID_Continue}$\u200c\u200d]/u;
const SPACE = /\s/;

/** The name starting at `start` of `text` follows a `.` (`a.b`, `a?.b`, `a.\n  b`): a chain link. */
export function followsDot(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && SPACE.test(text[i]!)) i--;
  return i >= 0 && text[i] === '.';
}

/** Tracks one completion's text as it grows, to tell which tokens write a judged name. */
export class JudgedNames {
  private firstStart = -1;

  /** Whether the token `token`, appended to the completion's text `before`, writes part of a judged name. */
  writesJudgedName(before: string, token: string): boolean {
    const text = before + token;
    if (this.firstStart < 0) {
      NAME.lastIndex = 0;
      const m = NAME.exec(text);
      if (!m) return false;
      this.firstStart = m.index;
    }
    // Back to the start of the run of name characters the token continues: matching from there
    // finds the same names as matching the whole text from its start.
    let from = before.length;
    while (from > 0 && CONTINUES_NAME.test(text[from - 1]!)) from--;
    NAME.lastIndex = from;
    for (let m = NAME.exec(text); m && m.index < text.length; m = NAME.exec(text)) {
      if (m.index + m[0].length <= before.length) continue;
      if (m.index === this.firstStart || followsDot(text, m.index)) return true;
    }
    return false;
  }
}
