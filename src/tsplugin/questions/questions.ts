// Triggers whose question TypeScript's completion list does not answer as such: they get their
// own answer from the checker. Everything else goes to getCompletionsAtPosition.
import type { CompletionAnswer } from '../../core/ports';
import type { TS, TsModule } from './ts-module';
import { caseLabels } from './case-labels';
import { constructors } from './constructors';
import { importSpecifiers } from './import-specifiers';
import { objectKeys } from './object-keys';

export type Question = (ts: TsModule, service: TS.LanguageService, file: string, pos: number) => CompletionAnswer | undefined;

const questions: Record<string, Question> = {
  'case ': (ts, service, file, pos) => caseLabels(ts, service.getProgram()!, file, pos),
  'new ': constructors,
  // The object-keys monitor asks at `{` and `,` only inside object literals; signature help at `,` is another method.
  '{': objectKeys,
  ',': objectKeys,
  'import {': importSpecifiers,
  'import ,': importSpecifiers,
};

export function questionFor(trigger: string): Question | undefined {
  return Object.hasOwn(questions, trigger) ? questions[trigger] : undefined;
}
