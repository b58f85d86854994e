// One entry for every question a monitor asks, over a LanguageService that already holds the text
// (the tsserver plugin's overlay service in the editor, TsProject in the evaluation): both ask this code.
import type { CompletionAnswer, SignatureAnswer } from '../core/ports';
import { members } from './questions/members';
import { questionFor } from './questions/questions';
import { signature } from './questions/signature';
import type { TS, TsModule } from './questions/ts-module';

export type QuestionMethod = 'completions' | 'signatureHelp';

export function answerCompletions(ts: TsModule, service: TS.LanguageService, file: string, pos: number, trigger: string): CompletionAnswer | undefined {
  const special = questionFor(trigger);
  return special ? special(ts, service, file, pos) : members(ts, service, file, pos, trigger);
}

export function answerSignature(service: TS.LanguageService, file: string, pos: number, trigger: string): SignatureAnswer | undefined {
  return signature(service, file, pos, trigger);
}
