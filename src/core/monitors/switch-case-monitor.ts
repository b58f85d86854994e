// After `case ` in a switch over an enum only that enum may follow (the paper's enum-constant
// monitor, for TypeScript): the oracle answers with the enum's name as it is reachable in scope,
// and the member after the dot is the dereference monitor's question. After the enum's name only
// the dot may follow: `case E:` (the enum itself as the label) was a small model's favourite. In a
// switch over a union of string or number literals only those literals may follow (`'red'` or
// `"red"`, `42`). A switch over anything else (`true`, a plain string) gets no answer and stays
// unconstrained.

import { isWordUnit, type CodeScanner } from '../decoding/code-scanner';
import type { CompletionAnswer, LegalName } from '../ports';
import { NamePositionMonitor } from './name-position-monitor';

const SPACE = 0x20, DOT = 0x2e, E = 0x65;

/** `case ` when a space pushed now follows the keyword `case` (not `x.case`, not `showcase`). */
export function caseTrigger(sc: CodeScanner, unit: number): string | undefined {
  if (unit !== SPACE || sc.state !== 'code' || sc.lastWord !== 'case' || sc.prev !== E) return undefined;
  return isWordUnit(sc.lastSignificant) && sc.beforeWord !== DOT ? 'case ' : undefined;
}

export class SwitchCaseMonitor extends NamePositionMonitor {
  readonly name = 'switchCase';
  protected readonly kind = 'caseLabels';

  protected detect(sc: CodeScanner, unit: number): string | undefined {
    return caseTrigger(sc, unit);
  }

  /** The enum is never the label itself (`case E:`): a member follows (`case E.A:`). A literal is the label. */
  protected override followersFor(answer: CompletionAnswer): readonly number[] | undefined {
    return answer.names.some((n) => n.kind === 'enum') ? [DOT] : undefined;
  }

  protected override keep(item: LegalName): boolean {
    return item.kind === 'enum' || item.kind === 'literal';
  }
}
