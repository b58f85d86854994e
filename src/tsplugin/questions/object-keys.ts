// At `{` or `,` inside an object literal: the properties of its contextual type not written yet,
// which is what TypeScript lists there when it calls the list a member completion. An untyped
// literal, an index signature (`Record<string, T>`), a block or a value position: nothing to
// constrain (an answer, so the completion stays guided).
import type { CompletionAnswer, LegalName } from '../../core/ports';
import type { TS, TsModule } from './ts-module';
import { nameKindOf } from './completion-kinds';
import { NOTHING } from './case-labels';

export function objectKeys(ts: TsModule, service: TS.LanguageService, file: string, pos: number): CompletionAnswer | undefined {
  const info = service.getCompletionsAtPosition(file, pos, { triggerKind: ts.CompletionTriggerKind.Invoked, includeCompletionsWithInsertText: true });
  if (!info || !info.isMemberCompletion || info.isNewIdentifierLocation) return NOTHING;
  const names: LegalName[] = [];
  for (const e of info.entries) {
    const kind = nameKindOf(e.kind);
    if (kind !== 'property' && kind !== 'method') continue;
    // Names that are no identifiers come quoted: the monitor's escapes allow any quoted key.
    if (e.insertText !== undefined && e.insertText !== e.name) continue;
    names.push({ name: e.name, kind });
  }
  return names.length ? { names, semantic: true } : NOTHING;
}
