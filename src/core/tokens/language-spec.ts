// Which characters make up an identifier. The dereference monitor needs this to tell where a name
// ends inside a token (`length)`), so it must match the language, not a generic \w.

export interface LanguageSpec {
  readonly id: string;
  isIdStart(cp: number): boolean;
  isIdContinue(cp: number): boolean;
}

const ID_START = /^\p{ID_Start}$/u;
const ID_CONTINUE = /^\p{ID_Continue}$/u;

/** ASCII answers from a table, the rest from the Unicode property escapes (memoised: vocabularies repeat code points). */
function unicodeClass(extraStart: string, extraContinue: string): Pick<LanguageSpec, 'isIdStart' | 'isIdContinue'> {
  const asciiStart = new Uint8Array(128);
  const asciiContinue = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    asciiStart[c] = ID_START.test(ch) || extraStart.includes(ch) ? 1 : 0;
    asciiContinue[c] = ID_CONTINUE.test(ch) || extraStart.includes(ch) || extraContinue.includes(ch) ? 1 : 0;
  }
  const memoStart = new Map<number, boolean>();
  const memoContinue = new Map<number, boolean>();
  const extraStartCps = new Set([...extraStart].map((c) => c.codePointAt(0)!));
  const extraContinueCps = new Set([...extraStart, ...extraContinue].map((c) => c.codePointAt(0)!));
  const lookup = (cp: number, memo: Map<number, boolean>, re: RegExp, extra: Set<number>): boolean => {
    let v = memo.get(cp);
    if (v === undefined) {
      v = extra.has(cp) || (cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) && re.test(String.fromCodePoint(cp)));
      memo.set(cp, v);
    }
    return v;
  };
  return {
    isIdStart: (cp) => (cp < 128 ? asciiStart[cp] === 1 : lookup(cp, memoStart, ID_START, extraStartCps)),
    isIdContinue: (cp) => (cp < 128 ? asciiContinue[cp] === 1 : lookup(cp, memoContinue, ID_CONTINUE, extraContinueCps)),
  };
}

// ECMAScript: IdentifierStart = ID_Start | $ | _ ; IdentifierPart adds ZWNJ/ZWJ.
const ecmascript = unicodeClass('$_', '\u200c\u200d');
// Most other languages: Unicode identifiers plus `_` (Python, Rust, Go, Java without `$` is close enough).
const generic = unicodeClass('_', '');
const javaLike = unicodeClass('$_', '');

const ecmascriptIds = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'ts', 'tsx', 'js', 'jsx', 'vue', 'svelte']);
const javaLikeIds = new Set(['java', 'kotlin', 'scala', 'groovy', 'csharp']);

const cache = new Map<string, LanguageSpec>();

export function languageSpecFor(languageId: string): LanguageSpec {
  let spec = cache.get(languageId);
  if (!spec) {
    const cls = ecmascriptIds.has(languageId) ? ecmascript : javaLikeIds.has(languageId) ? javaLike : generic;
    spec = { id: languageId, ...cls };
    cache.set(languageId, spec);
  }
  return spec;
}
