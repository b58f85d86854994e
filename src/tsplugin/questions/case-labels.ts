// After `case ` in a switch over an enum: the enum's name, as it is reachable in scope. The member
// after the dot is the dereference question. Over a union of string or number literals: each
// literal as code writes it (both quote styles for strings). TypeScript's own completions there
// list every name in scope, so this asks the checker for the switch's type instead. A switch over
// `true` or a plain type, an enum reachable only through a namespace: nothing is constrained.
import type { CompletionAnswer } from '../../core/ports';
import type { TS, TsModule } from './ts-module';

/** "Answered, nothing to constrain": not an enum switch is an answer, not a failure of the service. */
export const NOTHING: CompletionAnswer = { names: [], semantic: true };

export function caseLabels(ts: TsModule, program: TS.Program, file: string, pos: number): CompletionAnswer | undefined {
  const sf = program.getSourceFile(file);
  if (!sf) return undefined;
  const node = switchAround(ts, sf, pos - 1);
  if (!node) return NOTHING;
  const checker = program.getTypeChecker();
  const type = checker.getTypeAtLocation(node.expression);
  const enumSymbol = enumOf(ts, type, checker);
  if (!enumSymbol) return literalsOf(type);
  const inScope = checker.getSymbolsInScope(node.caseBlock, ts.SymbolFlags.Enum | ts.SymbolFlags.Alias);
  for (const s of inScope) {
    if (!(s.flags & ts.SymbolFlags.Alias) && s !== enumSymbol) continue;
    const target: TS.Symbol = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    if (target === enumSymbol) return { names: [{ name: s.name, kind: 'enum' }], semantic: true };
  }
  return NOTHING;
}

/** The enum a type's values all belong to: the enum itself, one of its members or a union of them. */
function enumOf(ts: TsModule, type: TS.Type, checker: TS.TypeChecker): TS.Symbol | undefined {
  const parts = type.isUnion() ? type.types : [type];
  let found: TS.Symbol | undefined;
  for (const t of parts) {
    if (!(t.flags & ts.TypeFlags.EnumLiteral) && !(t.flags & ts.TypeFlags.Enum)) return undefined;
    const s = t.symbol ?? type.symbol;
    if (!s) return undefined;
    const e = s.flags & ts.SymbolFlags.Enum ? s : s.flags & ts.SymbolFlags.EnumMember ? parentEnum(ts, s, checker) : undefined;
    if (!e || (found && found !== e)) return undefined;
    found = e;
  }
  return found;
}

function parentEnum(ts: TsModule, member: TS.Symbol, checker: TS.TypeChecker): TS.Symbol | undefined {
  const decl = member.valueDeclaration;
  if (!decl || !ts.isEnumMember(decl)) return undefined;
  const s = checker.getSymbolAtLocation(decl.parent.name);
  return s && s.flags & ts.SymbolFlags.Enum ? s : undefined;
}

/** The innermost switch whose case block holds `at` (an unterminated block runs to the end of the file). */
function switchAround(ts: TsModule, node: TS.Node, at: number): TS.SwitchStatement | undefined {
  let found: TS.SwitchStatement | undefined;
  const visit = (n: TS.Node): void => {
    if (n.pos > at || n.end < at) return;
    if (ts.isSwitchStatement(n) && n.caseBlock.pos <= at && at <= n.caseBlock.end) found = n;
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/**
 * The literals of a union of string and number literals, as code writes them: `'a'` and `"a"`,
 * `42`, `-1`. Anything else in the union (a plain `string`, `undefined`, a boolean) or a string a
 * quote cannot hold as it is: nothing to constrain.
 */
function literalsOf(type: TS.Type): CompletionAnswer {
  const parts = type.isUnion() ? type.types : [type];
  const names: { name: string; kind: 'literal' }[] = [];
  for (const t of parts) {
    if (t.isStringLiteral() && /^[^'"\\\n\r]*$/.test(t.value)) names.push({ name: `'${t.value}'`, kind: 'literal' }, { name: `"${t.value}"`, kind: 'literal' });
    else if (t.isNumberLiteral() && Number.isFinite(t.value)) names.push({ name: String(t.value), kind: 'literal' });
    else return NOTHING;
  }
  return names.length ? { names, semantic: true } : NOTHING;
}
