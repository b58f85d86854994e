// Identifier occurrences in source text, found on characters (no parser): cheap enough to run over
// a whole project, and it sees what a reader sees. `a.b` and `a?.b` also count as the member pair
// `a.b`: which names follow which receiver is the most specific thing a file says about the next
// name after a dot.

/** An identifier not preceded by a word character (so `0x1F` and `1e5` are no names). */
const ID = /(?<![\w$])[A-Za-z_$][\w$]*/g;
const MEMBER_GAP = /^\s*\??\.\s*$/;

/** The key of a member pair: identifiers never contain a dot. */
export function pairKey(receiver: string, name: string): string {
  return `${receiver}.${name}`;
}

/** The key of a name used as a member (after any receiver). */
export function memberKey(name: string): string {
  return `.${name}`;
}

/**
 * Calls `onName(name, offset)` for each identifier in order, and `onPair(key)` twice for each
 * `receiver.name`: with its pair key and with its member key.
 * `offset` is where the identifier starts in `text`.
 */
export function scanIdentifiers(text: string, onName: (name: string, offset: number) => void, onPair?: (key: string) => void): void {
  let prev: string | undefined;
  let prevEnd = 0;
  for (const m of text.matchAll(ID)) {
    const name = m[0];
    const at = m.index!;
    onName(name, at);
    if (onPair && prev !== undefined && at - prevEnd <= 8 && MEMBER_GAP.test(text.slice(prevEnd, at))) {
      onPair(pairKey(prev, name));
      onPair(memberKey(name));
    }
    prev = name;
    prevEnd = at + name.length;
  }
}

/** Occurrences of every identifier and member pair in `text`. */
export function countIdentifiers(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (k: string): void => {
    counts.set(k, (counts.get(k) ?? 0) + 1);
  };
  scanIdentifiers(text, add, add);
  return counts;
}

/** The identifier right before a trailing `.` / `?.` (and a partly typed name after it), if any. */
export function receiverBeforeDot(text: string): string | undefined {
  const tail = text.slice(-256);
  const m = /([A-Za-z_$][\w$]*)\s*\??\.\s*[A-Za-z_$\w]*$/.exec(tail);
  return m?.[1];
}
