// After `expr.` or `expr?.` only members that exist may follow (the paper's dereference monitor).

import { isWordUnit, type CodeScanner } from '../decoding/code-scanner';
import { NamePositionMonitor, NO_ESCAPES } from './name-position-monitor';

const DOT = 0x2e, QUESTION = 0x3f;
/** `a?.(x)` and `a?.[i]` are optional calls/element accesses, not member names. */
const AFTER_OPTIONAL: readonly number[] = [0x28, 0x5b];
/** Units after which a `.` is a member access: a word, a closing bracket or quote, a non-null `!`. */
const EXPRESSION_END = new Set([0x29, 0x5d, 0x27, 0x22, 0x60, 0x21]);

/**
 * Members of Object.prototype: legal on every object (`cfg.hasOwnProperty(k)`, `n.valueOf()`), yet
 * TypeScript lists them only for types that declare them, never for an interface or object type.
 * `constructor` is left out on purpose: small models reach for it after any dot (it is one of the
 * most frequent words in code), and real code seldom reads it through an instance.
 */
export const OBJECT_MEMBERS: readonly string[] = ['hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf'];

export function triggerFor(sc: CodeScanner, unit: number): string | undefined {
  if (unit !== DOT || sc.state !== 'code') return undefined;
  if (sc.prev === QUESTION) return '?.';
  const last = sc.lastSignificant;
  if (isWordUnit(last)) return sc.lastWordNumeric ? undefined : '.';
  return EXPRESSION_END.has(last) ? '.' : undefined;
}

export class DereferenceMonitor extends NamePositionMonitor {
  readonly name = 'dereference';

  protected detect(sc: CodeScanner, unit: number): string | undefined {
    return triggerFor(sc, unit);
  }

  protected override alsoLegal(): readonly string[] {
    return OBJECT_MEMBERS;
  }

  protected override escapesAfter(trigger: string): readonly number[] {
    return trigger === '?.' ? AFTER_OPTIONAL : NO_ESCAPES;
  }
}
