// The editor's answer at `{` or `,` inside an object literal. VS Code's completion list carries no
// flag saying "members of the contextual type", but in an object literal with a known type
// TypeScript lists only those properties; anywhere else (a block, a value, an untyped literal) the
// list also holds variables and keywords. So: an answer only when every item from the language
// service (word-based and snippet items aside) is a property or method.
import * as vscode from 'vscode';
import type { CompletionAnswer, OracleQuery } from '../../core/ports';
import { NOTHING } from '../../core/oracle/query';
import { toCompletionAnswer } from './completion-answer';
import type { Target } from './target';
import { beforeDeadline } from './within';

const MEMBER_KINDS = new Set([vscode.CompletionItemKind.Property, vscode.CompletionItemKind.Method, vscode.CompletionItemKind.Field]);

export async function objectKeys(target: Target, q: OracleQuery, deadline: number): Promise<CompletionAnswer | undefined> {
  const list = await beforeDeadline(vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', target.uri, target.position), deadline, q.signal);
  if (!list) return undefined;
  // Word-based and snippet items come from other providers and say nothing about the position.
  const semantic = list.items.filter((i) => i.kind !== undefined && i.kind !== vscode.CompletionItemKind.Text && i.kind !== vscode.CompletionItemKind.Snippet);
  if (semantic.length === 0 || !semantic.every((i) => MEMBER_KINDS.has(i.kind!))) return NOTHING;
  return toCompletionAnswer(new vscode.CompletionList(semantic));
}
