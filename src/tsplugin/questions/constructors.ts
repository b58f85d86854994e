// After `new `: the names in scope, with imports resolved to what they import (TypeScript lists an
// import as kind `alias`, which says nothing about whether it can be constructed) and abstract
// classes left out (`new Shape()` is error 2511). The newClass monitor keeps classes and values.
import type { CompletionAnswer, LegalName, NameKind } from '../../core/ports';
import { nameKindOf } from './completion-kinds';
import type { TS, TsModule } from './ts-module';

export function constructors(ts: TsModule, service: TS.LanguageService, file: string, pos: number): CompletionAnswer | undefined {
  const info = service.getCompletionsAtPosition(file, pos, { triggerKind: ts.CompletionTriggerKind.Invoked, includeCompletionsForModuleExports: false });
  if (!info) return undefined;
  const program = service.getProgram();
  const checker = program?.getTypeChecker();
  const constructible = program && checker ? constructibleValues(ts, program, checker, file, pos) : undefined;
  const names: LegalName[] = [];
  // The variable this `new` initialises does not exist yet (`const made = new |` is error 2448),
  // though its type, still `any`, would make it look constructible.
  const seen = new Set<string>(declaredHere(program?.getSourceFile(file)?.text, pos));
  for (const e of info.entries) {
    if (seen.has(e.name) || (e.kind === ts.ScriptElementKind.keyword && e.name !== 'class' && e.name !== 'this')) continue;
    let kind: NameKind | undefined = nameKindOf(e.kind);
    if (e.kindModifiers?.split(',').includes('abstract')) continue;
    if (e.kind === ts.ScriptElementKind.alias && checker) kind = aliasKind(ts, service, checker, file, pos, e);
    if (!kind) continue;
    // A value is only worth `new` when its type has a construct signature (`Map`, not `isNaN`).
    if ((kind === 'variable' || kind === 'constant' || kind === 'function') && constructible && !constructible.has(e.name)) continue;
    seen.add(e.name);
    names.push({ name: e.name, kind });
  }
  return names.length ? { names, semantic: true } : undefined;
}

function aliasKind(ts: TsModule, service: TS.LanguageService, checker: TS.TypeChecker, file: string, pos: number, e: TS.CompletionEntry): NameKind | undefined {
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

/**
 * Whether a global the default library alone declares can be constructed, per set of library files:
 * the library never changes while the editor runs, and with the DOM library deciding its ~1,500
 * globals afresh took 80-270 ms of every `new ` question (each question has a new type checker).
 */
const libVerdicts = new Map<string, Map<string, boolean>>();

function verdictsFor(program: TS.Program): Map<string, boolean> {
  const key = program.getSourceFiles().filter((f) => program.isSourceFileDefaultLibrary(f)).map((f) => f.fileName).join('|');
  let v = libVerdicts.get(key);
  if (!v) libVerdicts.set(key, (v = new Map()));
  return v;
}

/** Names of values in scope at `pos` whose type can be called with `new` (or is `any`). */
function constructibleValues(ts: TsModule, program: TS.Program, checker: TS.TypeChecker, file: string, pos: number): Set<string> | undefined {
  const sf = program.getSourceFile(file);
  if (!sf) return undefined;
  let node: TS.Node = sf;
  for (;;) {
    const child: TS.Node | undefined = node.getChildren(sf).find((c) => c.pos <= pos - 1 && pos - 1 < c.end);
    if (!child) break;
    node = child;
  }
  const lib = verdictsFor(program);
  const out = new Set<string>();
  for (const s of checker.getSymbolsInScope(node, ts.SymbolFlags.Value | ts.SymbolFlags.Alias)) {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    if (!(target.flags & ts.SymbolFlags.Value)) continue;
    // A global the user's code also declares (`declare global`) is decided here, every time.
    const fromLib = !!target.declarations?.length && target.declarations.every((d) => program.isSourceFileDefaultLibrary(d.getSourceFile()));
    let ok = fromLib ? lib.get(target.name) : undefined;
    if (ok === undefined) {
      // A `const`/`let` whose declaration is not over yet (`const made = new |`) is used before it
      // exists (error 2448); its type is still `any`, which would make it look constructible.
      const type = checker.getTypeOfSymbolAtLocation(target, node);
      ok = (type.flags & ts.TypeFlags.Any) !== 0 || type.getConstructSignatures().length > 0;
      if (fromLib) lib.set(target.name, ok);
    }
    if (ok) out.add(s.name);
  }
  return out;
}

/** The name a `const`/`let`/`var` on this line declares when `pos` is in its initializer. */
function declaredHere(text: string | undefined, pos: number): string[] {
  if (text === undefined) return [];
  const line = text.slice(text.lastIndexOf('\n', pos - 1) + 1, pos);
  const m = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=[^;]*$/.exec(line);
  return m ? [m[1]!] : [];
}
