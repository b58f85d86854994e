// A fake oracle for monitors that ask more than completions: signature help by the text before the
// question, completions by the same rule as the core's FakeOracle.
import type { Around, CompletionAnswer, LanguageOracle, OracleAnswer, OracleQuery, SignatureAnswer } from '../../../src/core/ports';
import { answerOrNone } from '../../../src/core/oracle/query';
import type { SeenQuery } from './fakes';

export type Reply<T> = T | undefined | Error | 'hang';

export class ScriptedOracle implements LanguageOracle {
  readonly queries: SeenQuery[] = [];
  constructor(
    private readonly signatures: (textBefore: string, q: SeenQuery) => Reply<SignatureAnswer> = () => undefined,
    private readonly names: (textBefore: string, q: SeenQuery) => Reply<CompletionAnswer> = () => undefined,
  ) {}
  answer(q: OracleQuery, around: Around): Promise<OracleAnswer> {
    const seen: SeenQuery = { ...q, ...around };
    this.queries.push(seen);
    const textBefore = around.prefix + q.generated;
    return q.kind === 'signature'
      ? settle(this.signatures(textBefore, seen), 'no signature here')
      : settle(this.names(textBefore, seen), 'no answer');
  }
}

async function settle<T>(r: Reply<T>, none: string): Promise<OracleAnswer<T>> {
  if (r === 'hang') return new Promise(() => {});
  if (r instanceof Error) throw r;
  return answerOrNone(r, none);
}

export const takes = (...overloads: [number, number][]): SignatureAnswer => ({ overloads: overloads.map(([min, max]) => ({ min, max })), activeArgument: 0 });
