// Editor completion items and signatures → the oracle's answers. Pure, so the rules are tested
// without an editor; src/vscode/oracle maps the editor's types onto these shapes.
import type { CompletionAnswer, LegalName, NameKind, SignatureAnswer } from './query';

export interface EditorItem {
  readonly label: string;
  /** `undefined`: the provider gave no kind; `snippet`: a template, never a name. */
  readonly kind: NameKind | 'snippet' | undefined;
  /** Only when the provider gave a plain-string insert text. */
  readonly insertText?: string;
}

/**
 * Word-based items (kind Text, what VS Code offers while the TypeScript server is still starting)
 * are not an answer: a constraint built from them would forbid the real members (measured: the
 * first query on a fresh shadow returned only `a, Account, const, export, ...`).
 */
export function answerFromItems(items: readonly EditorItem[]): CompletionAnswer {
  const analysis = (i: EditorItem): boolean => i.kind !== undefined && i.kind !== 'text' && i.kind !== 'snippet';
  const semantic = items.some(analysis);
  const names: LegalName[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (semantic && !analysis(item)) continue;
    const name = nameOf(item);
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    names.push({ name, kind: item.kind === undefined || item.kind === 'snippet' ? 'other' : item.kind });
  }
  return { names, semantic };
}

function nameOf(item: EditorItem): string | undefined {
  // TypeScript inserts `["odd-name"]` for members that are not identifiers: not reachable after `.`.
  if (item.insertText !== undefined && /^\??\.?\[/.test(item.insertText)) return undefined;
  // Optional members are labelled `name?`; the name itself is what can be typed.
  const name = item.label.replace(/\?$/, '');
  return name === '' ? undefined : name;
}

/** One entry per overload, parameters as their label text (`b?: number`, `...rest: T[]`). */
export function answerFromSignatures(signatures: readonly (readonly string[])[], activeParameter: number): SignatureAnswer | undefined {
  if (signatures.length === 0) return undefined;
  const overloads = signatures.map((params) => {
    let min = 0;
    let max = 0;
    for (const text of params) {
      if (text.trimStart().startsWith('...')) {
        max = Infinity;
        continue;
      }
      max++;
      if (!/^\s*[\p{ID_Continue}$]+\?/u.test(text) && !text.includes('=')) min = max;
    }
    return { min, max };
  });
  return { overloads, activeArgument: activeParameter };
}
