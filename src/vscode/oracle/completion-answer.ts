// The editor's completion items and signature help, in the shapes the pure rules take.
import * as vscode from 'vscode';
import { answerFromItems, answerFromSignatures, type EditorItem } from '../../core/oracle/editor-answers';
import type { CompletionAnswer, NameKind, SignatureAnswer } from '../../core/ports';

const K = vscode.CompletionItemKind;
const KINDS = new Map<vscode.CompletionItemKind, NameKind | 'snippet'>([
  [K.Method, 'method'], [K.Function, 'function'], [K.Constructor, 'function'], [K.Property, 'property'],
  [K.Field, 'field'], [K.Variable, 'variable'], [K.Constant, 'constant'], [K.Class, 'class'],
  [K.Interface, 'interface'], [K.Enum, 'enum'], [K.EnumMember, 'enumMember'], [K.Module, 'module'],
  [K.TypeParameter, 'type'], [K.Struct, 'type'], [K.Keyword, 'keyword'], [K.Text, 'text'], [K.Snippet, 'snippet'],
]);

export function toCompletionAnswer(list: vscode.CompletionList | undefined): CompletionAnswer | undefined {
  if (!list) return undefined;
  const items: EditorItem[] = list.items.map((i) => ({
    label: typeof i.label === 'string' ? i.label : i.label.label,
    kind: i.kind === undefined ? undefined : (KINDS.get(i.kind) ?? 'other'),
    insertText: typeof i.insertText === 'string' ? i.insertText : undefined,
  }));
  return answerFromItems(items);
}

export function toSignatureAnswer(help: vscode.SignatureHelp | undefined): SignatureAnswer | undefined {
  if (!help) return undefined;
  const sigs = help.signatures.map((sig) => sig.parameters.map((p) => (typeof p.label === 'string' ? p.label : sig.label.slice(p.label[0], p.label[1]))));
  return answerFromSignatures(sigs, help.activeParameter ?? 0);
}
