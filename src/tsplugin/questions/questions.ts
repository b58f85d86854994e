// Query kinds that TypeScript's completion list does not answer as such: they get their own answer
// from the checker. Members go to getCompletionsAtPosition, signatures to getSignatureHelpItems.
import type { CompletionAnswer, NamesKind } from '../../core/ports';
import type { TS, TsModule } from './ts-module';
import { caseLabels } from './case-labels';
import { constructors } from './constructors';
import { importSpecifiers } from './import-specifiers';
import { objectKeys } from './object-keys';

export type Question = (ts: TsModule, service: TS.LanguageService, file: string, pos: number) => CompletionAnswer | undefined;

const questions: Partial<Record<NamesKind, Question>> = {
  caseLabels: (ts, service, file, pos) => caseLabels(ts, service.getProgram()!, file, pos),
  constructibleNames: constructors,
  objectKeys,
  importSpecifiers,
};

export function questionFor(kind: NamesKind): Question | undefined {
  return Object.hasOwn(questions, kind) ? questions[kind] : undefined; // never Object.prototype's members
}
