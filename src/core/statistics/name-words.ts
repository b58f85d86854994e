// Names are made of words, and the code around the cursor often names the words of the next name
// before it is written: `const valueResult = def.` → `valueType`, `dedented … " ".repeat(this.` →
// `indent`, a method `has(key)` that delegates to `this.data_.has`. The words are found on
// characters (camelCase, snake_case, digits), lower-cased, and two words match when one is the
// other or they share a stem of four characters (`subscription` and `subscribe`).

const WORD = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g;

/** The words of an identifier, lower-cased; single letters are left out (they name nothing). */
export function subWords(name: string): string[] {
  const out: string[] = [];
  for (const m of name.matchAll(WORD)) if (m[0].length >= 2) out.push(m[0].toLowerCase());
  return out;
}

/**
 * Words seen in some context; `overlap` is the share of a name's words among them. Two words match
 * when they are equal, share their first four characters, or one is three characters long and
 * starts the other (`err` and `error`): each test is a set lookup, so a step with hundreds of
 * legal names stays cheap.
 */
export class WordSet {
  private readonly exact = new Set<string>();
  private readonly stem4 = new Set<string>();
  private readonly head3 = new Set<string>();
  private readonly short3 = new Set<string>();
  private readonly names: ReadonlySet<string>;
  private readonly without = new Map<string, WordSet>();

  constructor(private readonly identifiers: readonly string[]) {
    this.names = new Set(identifiers);
    for (const id of identifiers) {
      for (const w of subWords(id)) {
        this.exact.add(w);
        if (w.length >= 4) this.stem4.add(w.slice(0, 4));
        if (w.length >= 3) this.head3.add(w.slice(0, 3));
        if (w.length === 3) this.short3.add(w);
      }
    }
  }

  get empty(): boolean {
    return this.exact.size === 0;
  }

  /**
   * The share of `name`'s words that some word here matches, 0 to 1. Identifiers that are `name`
   * itself do not count: a name already on the line says it was used, not that it comes next.
   */
  overlap(name: string, nameWords: readonly string[] = subWords(name)): number {
    if (nameWords.length === 0 || this.exact.size === 0) return 0;
    if (this.names.has(name)) {
      let rest = this.without.get(name);
      if (!rest) this.without.set(name, (rest = new WordSet(this.identifiers.filter((n) => n !== name))));
      return rest.overlap(name, nameWords);
    }
    let hits = 0;
    for (const w of nameWords) if (this.matches(w)) hits++;
    return hits / nameWords.length;
  }

  private matches(w: string): boolean {
    return this.exact.has(w) || (w.length >= 4 && this.stem4.has(w.slice(0, 4))) || (w.length === 3 && this.head3.has(w)) || (w.length >= 3 && this.short3.has(w.slice(0, 3)));
  }
}

const HEAD = [
  /\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)/,
  // A method or accessor: `name(args) {`, `name<T>(args): Type {`.
  /([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\([^)]*\)?\s*(?::[^{=]*)?\{\s*$/,
  // `name = (args) =>`, `name: function`, `name = async x =>`.
  /([A-Za-z_$][\w$]*)\s*[:=]\s*(?:async\s*)?(?:function\b|\(|[A-Za-z_$][\w$]*\s*=>)/,
];
const NOT_NAMES = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'else', 'do', 'try', 'with']);
/** How far back the head of the enclosing function is looked for. */
const MAX_LINES_BACK = 400;

/**
 * The name of the function or method around the end of `prefix`, read on characters: the nearest
 * line above, indented less than the cursor's line, that reads like a function's head.
 */
export function enclosingFunctionName(prefix: string): string | undefined {
  let end = prefix.length;
  let start = prefix.lastIndexOf('\n', end - 1) + 1;
  const indent = (from: number): number => {
    let i = from;
    while (i < prefix.length && (prefix[i] === ' ' || prefix[i] === '\t')) i++;
    return i - from;
  };
  const cursorIndent = indent(start);
  for (let n = 0; start > 0 && n < MAX_LINES_BACK; n++) {
    end = start - 1;
    start = prefix.lastIndexOf('\n', end - 1) + 1;
    const line = prefix.slice(start, end);
    if (line.trim() === '' || indent(start) >= cursorIndent) continue;
    for (const re of HEAD) {
      const name = re.exec(line)?.[1];
      if (name && !NOT_NAMES.has(name)) return name;
    }
  }
  return undefined;
}
