// After a `.` (and for any trigger without a question of its own): the names TypeScript's completion
// list offers there, as in the paper and in the editor's own suggest list.
import type { CompletionAnswer, LegalName } from '../../core/ports';
import { nameKindOf } from './completion-kinds';
import type { TS, TsModule } from './ts-module';

export function members(ts: TsModule, service: TS.LanguageService, file: string, pos: number, trigger: string): CompletionAnswer | undefined {
  const dot = trigger.endsWith('.') ? '.' : undefined;
  const info = service.getCompletionsAtPosition(file, pos, {
    triggerCharacter: dot,
    triggerKind: dot ? ts.CompletionTriggerKind.TriggerCharacter : ts.CompletionTriggerKind.Invoked,
    includeCompletionsForModuleExports: false,
    includeCompletionsWithInsertText: true,
  });
  if (!info) return undefined;
  // `f.x = 1` declares x on a function of this file: after `f.` a name never seen may be right.
  if (dot && expandoReceiver(ts, service, file, pos)) return undefined;
  const names: LegalName[] = [];
  const seen = new Set<string>();
  for (const e of info.entries) {
    const kind = nameKindOf(e.kind);
    if (kind === 'keyword') continue;
    // Members whose names are not identifiers come as `["a-b"]` / `?.["x"]` insertions that
    // replace the dot: they cannot follow the `.` the model already wrote. A member of a value that
    // may be undefined comes as `?.name`: it exists, and the editor's own list offers it after the
    // dot (strict null checks then ask for `?.`, which no name after the dot can mend).
    if (e.insertText !== undefined && e.insertText !== e.name && e.insertText !== `?.${e.name}`) continue;
    if (seen.has(e.name)) continue;
    seen.add(e.name);
    names.push({ name: e.name, kind });
  }
  // Nothing to choose from (`any`, an error type) is "no answer": never constrain on it.
  if (names.length === 0) return undefined;
  return { names, semantic: names.some((n) => n.kind !== 'text') };
}

/**
 * The `.` before `pos` follows a function declared in this file (a function declaration, or a const
 * holding a function expression or arrow): TypeScript lets assignments add properties to it
 * (`create.get = ajaxGet`), so the completion list does not bound the names that may follow.
 */
function expandoReceiver(ts: TsModule, service: TS.LanguageService, file: string, pos: number): boolean {
  const program = service.getProgram();
  const sf = program?.getSourceFile(file);
  if (!program || !sf) return false;
  let access: TS.PropertyAccessExpression | undefined;
  const visit = (n: TS.Node): void => {
    if (n.pos >= pos || n.end < pos - 1) return;
    if (ts.isPropertyAccessExpression(n) && n.name.pos === pos) access = n;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (!access || !ts.isIdentifier(access.expression)) return false;
  const decl = program.getTypeChecker().getSymbolAtLocation(access.expression)?.valueDeclaration;
  if (!decl || decl.getSourceFile() !== sf) return false;
  if (ts.isFunctionDeclaration(decl)) return true;
  return ts.isVariableDeclaration(decl) && !!decl.initializer && (ts.isFunctionExpression(decl.initializer) || ts.isArrowFunction(decl.initializer))
    && (ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) !== 0;
}
