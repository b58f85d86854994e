// The editor's answer inside `import { … } from 'mod'`: the module's exports as VS Code lists them.
// With no `from` yet or a module it cannot resolve, the list holds only the keyword `type`: nothing
// to constrain (it would otherwise allow nothing but `type`).
import * as vscode from 'vscode';
import type { CompletionAnswer, OracleQuery } from '../../core/ports';
import { toCompletionAnswer } from './completion-answer';
import { NOTHING } from './switch-subject';

export async function importSpecifiers(target: { uri: vscode.Uri; position: vscode.Position }, q: OracleQuery, deadline: number): Promise<CompletionAnswer | undefined> {
  const ms = deadline - Date.now();
  if (ms <= 0 || q.signal?.aborted) return undefined;
  const list = await Promise.race([
    Promise.resolve(vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', target.uri, target.position)).catch(() => undefined),
    new Promise<undefined>((r) => setTimeout(() => r(undefined), ms)),
  ]);
  if (!list) return undefined;
  const answer = toCompletionAnswer(list);
  return answer && answer.semantic && answer.names.some((n) => n.kind !== 'keyword') ? answer : NOTHING;
}
