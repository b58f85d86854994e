// The editor's answer inside `import { … } from 'mod'`: the module's exports as VS Code lists them.
// With no `from` yet or a module it cannot resolve, the list holds only the keyword `type`: nothing
// to constrain (it would otherwise allow nothing but `type`).
import * as vscode from 'vscode';
import type { CompletionAnswer, OracleQuery } from '../../core/ports';
import { NOTHING } from '../../core/oracle/query';
import { toCompletionAnswer } from './completion-answer';
import type { Target } from './target';
import { beforeDeadline } from './within';

export async function importSpecifiers(target: Target, q: OracleQuery, deadline: number): Promise<CompletionAnswer | undefined> {
  const list = await beforeDeadline(vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', target.uri, target.position), deadline, q.signal);
  if (!list) return undefined;
  const answer = toCompletionAnswer(list);
  return answer && answer.semantic && answer.names.some((n) => n.kind !== 'keyword') ? answer : NOTHING;
}
