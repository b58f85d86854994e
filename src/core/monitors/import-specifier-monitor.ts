// Inside `import { | } from 'mod'` only names the module exports and that are not imported yet
// (TypeScript's member completion there). The module is named after the braces, so this guides
// edits of an existing import line; while a new line is typed the service has no module yet, says
// so, and nothing is constrained. Same state machine as object keys: whitespace, then a name.

import type { LegalName, NamesKind } from '../ports';
import type { CallTracker } from './call-tracker';
import { ObjectKeysMonitor } from './object-keys-monitor';

const LBRACE = 0x7b, COMMA = 0x2c;
/** `}`, a comment, a quoted export name (`import { 'a-b' as ab }`). */
const ESCAPES = [0x7d, 0x2f, 0x27, 0x22];

export class ImportSpecifierMonitor extends ObjectKeysMonitor {
  override readonly name: string = 'importSpecifier';
  protected override readonly escapes: readonly number[] = ESCAPES;
  protected override readonly modifiers: readonly string[] = [];
  protected override readonly kind: NamesKind = 'importSpecifiers';

  protected override atKey(t: CallTracker): boolean {
    const last = t.sc.lastSignificant;
    return (last === LBRACE || last === COMMA) && t.atImportLevel();
  }

  /** Any export (values, types, classes), and `type` for `import { type X }`. */
  protected override keep(item: LegalName): boolean {
    return item.kind !== 'text' && (item.kind !== 'keyword' || item.name === 'type');
  }
}
