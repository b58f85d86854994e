// Inside `import { … } from 'mod'`: what the module exports and the line does not import yet,
// which TypeScript lists there as a member completion. No `from` yet, or a module it cannot
// resolve: nothing to constrain.
import type { CompletionAnswer, LegalName } from '../../core/ports';
import type { TS, TsModule } from './ts-module';
import { nameKindOf } from './completion-kinds';
import { NOTHING } from './case-labels';

export function importSpecifiers(ts: TsModule, service: TS.LanguageService, file: string, pos: number): CompletionAnswer | undefined {
  const info = service.getCompletionsAtPosition(file, pos, { triggerKind: ts.CompletionTriggerKind.Invoked });
  if (!info || !info.isMemberCompletion || info.isNewIdentifierLocation) return NOTHING;
  const names: LegalName[] = info.entries.map((e) => ({ name: e.name, kind: nameKindOf(e.kind) }));
  return names.some((n) => n.kind !== 'keyword') ? { names, semantic: true } : NOTHING;
}
