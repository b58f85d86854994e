// The project's word on each legal name travels with the oracle's answer: the side that holds the
// project index (the extension host, the evaluation) fills it in, and the decoder, which may run in
// another process without the index, reads it there. Only counts cross, never the other files' text.

import type { LanguageOracle, LegalName, OracleAnswer } from '../ports';
import { memberKey, pairKey, receiverBeforeDot } from './identifier-scan';

/** Uses of a name or `receiver.name` pair in the project's files other than the one being edited. */
export type ProjectCount = (key: string) => number;

/** `oracle`, with `uses` (and, after a dot, `pairUses`) on every name it answers with. */
export function withProjectEvidence(oracle: LanguageOracle, count: ProjectCount): LanguageOracle {
  return {
    async answer(q, around): Promise<OracleAnswer> {
      const a = await oracle.answer(q, around);
      if (a.status !== 'answered' || q.kind === 'signature' || !('names' in a.value)) return a;
      const receiver = q.kind === 'members' ? receiverBeforeDot(around.prefix.slice(-256) + q.generated) : undefined;
      const names = a.value.names.map((item): LegalName => {
        const uses = count(item.name);
        const pairUses = receiver === undefined ? 0 : count(pairKey(receiver, item.name));
        const memberUses = count(memberKey(item.name));
        return uses || pairUses || memberUses ? { ...item, uses, pairUses, memberUses } : item;
      });
      return { status: 'answered', value: { ...a.value, names } };
    },
  };
}
