// After the `new` keyword only something constructible in scope may follow (the paper's class
// instantiation monitor): names the oracle knows at that position, minus those that are only
// types (interfaces, type aliases) or enums. `new Foo.Bar` releases at the dot, where the
// dereference monitor takes over.

import { isWordUnit, type CodeScanner } from '../decoding/code-scanner';
import type { LegalName, NameKind } from '../ports';
import { NamePositionMonitor } from './name-position-monitor';

const SPACE = 0x20, DOT = 0x2e;
const notConstructible: ReadonlySet<NameKind> = new Set(['interface', 'type', 'enum', 'enumMember', 'keyword', 'text']);
/** Keywords that may follow `new`: `new class {…}`, `new this.constructor()`. */
const keywordsAfterNew = new Set(['class', 'this']);
/** `new (getClass())()`. */
const ESCAPES: readonly number[] = [0x28];

/** `new ` when a space pushed now follows the keyword `new` (not `x.new`, not `renew`). */
export function newTrigger(sc: CodeScanner, unit: number): string | undefined {
  if (unit !== SPACE || sc.state !== 'code' || sc.lastWord !== 'new' || sc.prev !== 0x77 /* w */) return undefined;
  return isWordUnit(sc.lastSignificant) && sc.beforeWord !== DOT ? 'new ' : undefined;
}

export class NewClassMonitor extends NamePositionMonitor {
  readonly name = 'newClass';
  protected readonly kind = 'constructibleNames';

  protected detect(sc: CodeScanner, unit: number): string | undefined {
    return newTrigger(sc, unit);
  }

  protected override escapesAfter(): readonly number[] {
    return ESCAPES;
  }

  protected override keep(item: LegalName): boolean {
    // A TypeScript function has no construct signature (`new escape(…)` does not type-check);
    // in JavaScript a function is still a constructor the old way.
    if (item.kind === 'function' && this.languageId.startsWith('typescript')) return false;
    return item.kind === 'keyword' ? keywordsAfterNew.has(item.name) : !notConstructible.has(item.kind);
  }
}
