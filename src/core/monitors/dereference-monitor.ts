// After `expr.` or `expr?.` only members that exist may follow (the paper's dereference monitor).
// Legal means what the language service lists there, as in the editor's own suggest list. That
// leaves out Object.prototype members TypeScript does not list for object types (`toString` on a
// class instance): offered to a small model, they took over its completions after every dot. Text
// the user typed is never blocked: a name before the cursor that no listed member starts leaves
// the completion unconstrained.

import { isWordUnit, type CodeScanner } from '../decoding/code-scanner';
import { NamePositionMonitor, NO_ESCAPES } from './name-position-monitor';

const DOT = 0x2e, QUESTION = 0x3f;
/** `a?.(x)` and `a?.[i]` are optional calls/element accesses, not member names. */
const AFTER_OPTIONAL: readonly number[] = [0x28, 0x5b];
/** Units after which a `.` is a member access: a word, a closing bracket or quote, a non-null `!`. */
const EXPRESSION_END = new Set([0x29, 0x5d, 0x27, 0x22, 0x60, 0x21]);

export function triggerFor(sc: CodeScanner, unit: number): string | undefined {
  if (unit !== DOT || sc.state !== 'code') return undefined;
  if (sc.prev === QUESTION) return '?.';
  const last = sc.lastSignificant;
  if (isWordUnit(last)) return sc.lastWordNumeric ? undefined : '.';
  return EXPRESSION_END.has(last) ? '.' : undefined;
}

export class DereferenceMonitor extends NamePositionMonitor {
  readonly name = 'dereference';
  protected readonly kind = 'members';

  protected detect(sc: CodeScanner, unit: number): string | undefined {
    return triggerFor(sc, unit);
  }

  protected override escapesAfter(trigger: string): readonly number[] {
    return trigger === '?.' ? AFTER_OPTIONAL : NO_ESCAPES;
  }
}
