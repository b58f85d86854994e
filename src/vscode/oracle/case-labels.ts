// The editor's answer after `case `: the enum the switch is over, by its name in scope. VS Code's
// completion list there holds every name in scope, so the switch's type comes from a hover over its
// discriminant, and a hover over that type's name where the file writes it says whether it is an
// enum. Anything else (literal unions, aliases, `true`) is an empty answer: nothing is constrained,
// and the completion still counts as guided; only a hover that does not come back is no answer.
import * as vscode from 'vscode';
import type { CompletionAnswer, OracleQuery } from '../../core/ports';
import { NOTHING } from '../../core/oracle/query';
import { hoverTypeName, positionIn, switchSubject } from '../../core/oracle/switch-subject';
import type { Target } from './target';
import { beforeDeadline } from './within';

export async function caseLabels(target: Target, q: OracleQuery, deadline: number): Promise<CompletionAnswer | undefined> {
  const { text, offset } = target.doc;
  const subject = switchSubject(text, offset);
  if (!subject) return NOTHING;
  const at = positionIn(text, subject.end);
  const hovers = await beforeDeadline(vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', target.uri, new vscode.Position(at.line, Math.max(0, at.character - 1))), deadline, q.signal);
  if (!hovers) return undefined;
  const typeName = hovers.flatMap((h) => h.contents.map(markdownOf)).map(hoverTypeName).find((n) => n !== undefined);
  if (!typeName) return NOTHING;
  // Whether that type is an enum: a hover over the name where the file writes it (its import, its
  // declaration, an annotation) says `enum Kind`. The completion list cannot tell: an imported
  // enum is listed as an alias there.
  const at2 = firstWord(text.slice(0, offset), typeName);
  if (at2 === undefined) return NOTHING;
  const p2 = positionIn(text, at2);
  const about = await beforeDeadline(vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', target.uri, new vscode.Position(p2.line, p2.character)), deadline, q.signal);
  if (!about) return undefined;
  const isEnum = about.some((h) => h.contents.map(markdownOf).some((m) => new RegExp(`\\benum ${typeName}\\b`).test(m)));
  return isEnum ? { names: [{ name: typeName, kind: 'enum' }], semantic: true } : NOTHING;
}

/** Offset of the first whole-word occurrence of `word` in `text`. */
function firstWord(text: string, word: string): number | undefined {
  const m = new RegExp(`(?<![\\w$])${word}(?![\\w$])`).exec(text);
  return m?.index;
}

function markdownOf(c: vscode.MarkdownString | vscode.MarkedString): string {
  return typeof c === 'string' ? c : 'value' in c && typeof c.value === 'string' ? ('language' in c ? `\`\`\`${c.language}\n${c.value}\n\`\`\`` : c.value) : '';
}
