// One entry for every question a monitor asks, over a LanguageService that already holds the text
// (the tsserver plugin's overlay service in the editor, TsProject in the evaluation): both ask this code.
import type { AnswerValue, OracleQuery } from '../core/ports';
import { members } from './questions/members';
import { questionFor } from './questions/questions';
import { signature } from './questions/signature';
import type { TS, TsModule } from './questions/ts-module';

/** The answer to `q` at `pos` of `file`; undefined when TypeScript has nothing to say there. */
export function answerQuery(ts: TsModule, service: TS.LanguageService, file: string, pos: number, q: Pick<OracleQuery, 'kind' | 'triggerCharacter'>): AnswerValue | undefined {
  if (q.kind === 'signature') return signature(service, file, pos, q.triggerCharacter ?? '');
  const special = questionFor(q.kind);
  return special ? special(ts, service, file, pos) : members(ts, service, file, pos, q.triggerCharacter ?? '');
}
