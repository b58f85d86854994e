// After `case ` in a switch over an enum only that enum may follow (the paper's enum-constant
// monitor, for TypeScript): the oracle answers with the enum's name as it is reachable in scope,
// and the member after the dot is the dereference monitor's question. A switch over anything else
// (literal unions, `true`) gets no answer and stays unconstrained. After the enum's name only the
// dot may follow: `case E:` (the enum itself as the label) was a small model's favourite.

import { isWordUnit, type CodeScanner } from '../decoding/code-scanner';
import type { LegalName } from '../ports';
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
  /** The enum is never the label itself (`case E:`): a member follows (`case E.A:`). */
  protected override readonly followers: readonly number[] = [DOT];

  protected detect(sc: CodeScanner, unit: number): string | undefined {
    return caseTrigger(sc, unit);
  }

  protected override keep(item: LegalName): boolean {
    return item.kind === 'enum';
  }
}
