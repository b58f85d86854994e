// The editor's answer after `case `: the enum the switch is over, by its name in scope. VS Code's
// completion list there holds every name in scope, so the switch's type comes from a hover over its
// discriminant; the answer is that type's name only when the same list has it as an enum. Anything
// else (literal unions, aliases, `true`) is no answer: the model stays unconstrained.
import * as vscode from 'vscode';
import type { CompletionAnswer, OracleQuery } from '../../core/ports';
import { hoverTypeName, positionIn, switchSubject } from './switch-subject';

export async function caseLabels(target: { uri: vscode.Uri; position: vscode.Position }, q: OracleQuery, deadline: number): Promise<CompletionAnswer | undefined> {
  const text = q.prefix + q.generated + q.suffix;
  const subject = switchSubject(text, q.prefix.length + q.generated.length);
  if (!subject) return undefined;
  const at = positionIn(text, subject.end);
  const hovers = await within(vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', target.uri, new vscode.Position(at.line, Math.max(0, at.character - 1))), deadline, q.signal);
  const typeName = hovers?.flatMap((h) => h.contents.map(markdownOf)).map(hoverTypeName).find((n) => n !== undefined);
  if (!typeName) return undefined;
  const list = await within(vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', target.uri, target.position), deadline, q.signal);
  const isEnum = list?.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === typeName && i.kind === vscode.CompletionItemKind.Enum);
  return isEnum ? { names: [{ name: typeName, kind: 'enum' }], semantic: true } : undefined;
}

function markdownOf(c: vscode.MarkdownString | vscode.MarkedString): string {
  return typeof c === 'string' ? c : 'value' in c && typeof c.value === 'string' ? ('language' in c ? `\`\`\`${c.language}\n${c.value}\n\`\`\`` : c.value) : '';
}

function within<T>(p: Thenable<T>, deadline: number, signal?: AbortSignal): Promise<T | undefined> {
  const ms = deadline - Date.now();
  if (ms <= 0 || signal?.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    signal?.addEventListener('abort', () => resolve(undefined), { once: true });
    p.then((v) => { clearTimeout(timer); resolve(v); }, () => { clearTimeout(timer); resolve(undefined); });
  });
}
