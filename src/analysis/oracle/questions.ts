// Triggers whose question TypeScript's completion list does not answer as such: they get their
// own answer from the checker. Everything else goes to getCompletionsAtPosition.
import type ts from 'typescript';
import type { CompletionAnswer } from '../../core/ports';
import { caseLabels } from './case-labels';

export type Question = (program: ts.Program, file: string, pos: number) => CompletionAnswer | undefined;

const questions: Record<string, Question> = {
  'case ': caseLabels,
};

export function questionFor(trigger: string): Question | undefined {
  return Object.hasOwn(questions, trigger) ? questions[trigger] : undefined;
}
