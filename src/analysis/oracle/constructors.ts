// After `new `: the names in scope, with imports resolved to what they import (TypeScript lists an
// import as kind `alias`, which says nothing about whether it can be constructed) and abstract
// classes left out (`new Shape()` is error 2511). The newClass monitor keeps classes and values.
import ts from 'typescript';
import type { CompletionAnswer, LegalName, NameKind } from '../../core/ports';
import { nameKindOf } from '../completion-kinds';

export function constructors(service: ts.LanguageService, file: string, pos: number): CompletionAnswer | undefined {
  const info = service.getCompletionsAtPosition(file, pos, { triggerKind: ts.CompletionTriggerKind.Invoked, includeCompletionsForModuleExports: false });
  if (!info) return undefined;
  const checker = service.getProgram()?.getTypeChecker();
  const names: LegalName[] = [];
  const seen = new Set<string>();
  for (const e of info.entries) {
    if (seen.has(e.name) || (e.kind === ts.ScriptElementKind.keyword && e.name !== 'class' && e.name !== 'this')) continue;
    let kind: NameKind | undefined = nameKindOf(e.kind);
    if (e.kindModifiers?.split(',').includes('abstract')) continue;
    if (e.kind === ts.ScriptElementKind.alias && checker) kind = aliasKind(service, checker, file, pos, e);
    if (!kind) continue;
    seen.add(e.name);
    names.push({ name: e.name, kind });
  }
  return names.length ? { names, semantic: true } : undefined;
}

function aliasKind(service: ts.LanguageService, checker: ts.TypeChecker, file: string, pos: number, e: ts.CompletionEntry): NameKind | undefined {
  const alias = service.getCompletionEntrySymbol(file, pos, e.name, e.source);
  if (!alias) return 'other';
  const target = alias.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(alias) : alias;
  const f = target.flags;
  if (f & ts.SymbolFlags.Class) {
    const decl = target.valueDeclaration ?? target.declarations?.[0];
    const abstract = decl && ts.canHaveModifiers(decl) && ts.getModifiers(decl)?.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword);
    return abstract ? undefined : 'class';
  }
  if (f & (ts.SymbolFlags.Variable | ts.SymbolFlags.Function)) return 'variable';
  if (f & (ts.SymbolFlags.ValueModule | ts.SymbolFlags.NamespaceModule)) return 'module';
  if (f & ts.SymbolFlags.Interface) return 'interface';
  if (f & ts.SymbolFlags.Enum) return 'enum';
  if (f & ts.SymbolFlags.TypeAlias) return 'type';
  return 'other';
}
