// A fake oracle for monitors that ask more than completions: signature help by the text before the
// question, completions by the same rule as the core's FakeOracle.
import type { CompletionAnswer, LanguageOracle, OracleQuery, SignatureAnswer } from '../../../src/core/ports';

export type Reply<T> = T | undefined | Error | 'hang';

export class ScriptedOracle implements LanguageOracle {
  readonly queries: (OracleQuery & { method: 'completions' | 'signatureHelp' })[] = [];
  constructor(
    private readonly signatures: (textBefore: string, q: OracleQuery) => Reply<SignatureAnswer> = () => undefined,
    private readonly names: (textBefore: string, q: OracleQuery) => Reply<CompletionAnswer> = () => undefined,
  ) {}
  completions(q: OracleQuery): Promise<CompletionAnswer | undefined> {
    this.queries.push({ ...q, method: 'completions' });
    return settle(this.names(q.prefix + q.generated, q));
  }
  signatureHelp(q: OracleQuery): Promise<SignatureAnswer | undefined> {
    this.queries.push({ ...q, method: 'signatureHelp' });
    return settle(this.signatures(q.prefix + q.generated, q));
  }
}

async function settle<T>(r: Reply<T>): Promise<T | undefined> {
  if (r === 'hang') return new Promise(() => {});
  if (r instanceof Error) throw r;
  return r;
}

export const takes = (...overloads: [number, number][]): SignatureAnswer => ({ overloads: overloads.map(([min, max]) => ({ min, max })), activeArgument: 0 });
