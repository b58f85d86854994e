// Editor completion items → the core's legal names. Word-based items (kind Text, what VS Code
// offers while the TypeScript server is still starting) are not an answer: a constraint built from
// them would forbid the real members (measured: the first query on a fresh shadow returned only
// `a, Account, const, export, ...`).
import * as vscode from 'vscode';
import type { CompletionAnswer, LegalName, NameKind, SignatureAnswer } from '../../core/ports';

const K = vscode.CompletionItemKind;
const KINDS = new Map<vscode.CompletionItemKind, NameKind>([
  [K.Method, 'method'], [K.Function, 'function'], [K.Constructor, 'function'], [K.Property, 'property'],
  [K.Field, 'field'], [K.Variable, 'variable'], [K.Constant, 'constant'], [K.Class, 'class'],
  [K.Interface, 'interface'], [K.Enum, 'enum'], [K.EnumMember, 'enumMember'], [K.Module, 'module'],
  [K.TypeParameter, 'type'], [K.Struct, 'type'], [K.Keyword, 'keyword'], [K.Text, 'text'],
]);

const NOT_ANALYSIS = new Set<vscode.CompletionItemKind | undefined>([K.Text, K.Snippet, undefined]);

export function toCompletionAnswer(list: vscode.CompletionList | undefined): CompletionAnswer | undefined {
  if (!list) return undefined;
  const semantic = list.items.some((i) => !NOT_ANALYSIS.has(i.kind));
  const names: LegalName[] = [];
  const seen = new Set<string>();
  for (const item of list.items) {
    if (semantic && NOT_ANALYSIS.has(item.kind)) continue;
    const name = nameOf(item);
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    names.push({ name, kind: (item.kind !== undefined && KINDS.get(item.kind)) || 'other' });
  }
  return { names, semantic };
}

function nameOf(item: vscode.CompletionItem): string | undefined {
  const label = typeof item.label === 'string' ? item.label : item.label.label;
  // TypeScript inserts `["odd-name"]` for members that are not identifiers: not reachable after `.`.
  if (typeof item.insertText === 'string' && /^\??\.?\[/.test(item.insertText)) return undefined;
  // Optional members are labelled `name?`; the name itself is what can be typed.
  const name = label.replace(/\?$/, '');
  return name === '' ? undefined : name;
}

export function toSignatureAnswer(help: vscode.SignatureHelp | undefined): SignatureAnswer | undefined {
  if (!help || help.signatures.length === 0) return undefined;
  const overloads = help.signatures.map((sig) => {
    let min = 0;
    let max = 0;
    for (const p of sig.parameters) {
      const text = typeof p.label === 'string' ? p.label : sig.label.slice(p.label[0], p.label[1]);
      if (text.trimStart().startsWith('...')) {
        max = Infinity;
        continue;
      }
      max++;
      if (!/^\s*[\w$]+\?/.test(text) && !text.includes('=')) min = max;
    }
    return { min, max };
  });
  return { overloads, activeArgument: help.activeParameter ?? 0 };
}
