import ts from 'typescript';
import type { CompletionAnswer, LanguageOracle, LegalName, OracleQuery, SignatureAnswer } from '../../core/ports';
import { closersFor } from '../../core/decoding/open-brackets';
import { nameKindOf } from './completion-kinds';
import { questionFor } from './questions';
import { TsProject } from '../project/ts-project';

export interface TsProjectOracleOptions {
  /** The project folder (its tsconfig.json if any, node_modules for dependencies). */
  readonly projectDir: string;
  /** The file the queries are about, absolute or relative to projectDir. */
  readonly file: string;
  /** Use this project instead of the shared warm one for projectDir. */
  readonly project?: TsProject;
}

export interface OracleStats {
  readonly queries: number;
  readonly totalMs: number;
  readonly ms: readonly number[];
}

/**
 * The LanguageOracle of the command line and the evaluation: the TypeScript LanguageService on the
 * file text prefix + generated + suffix, held in memory (never written to disk). Brackets open at
 * the cursor that the suffix does not close are closed right after it (see closersFor).
 */
export class TsProjectOracle implements LanguageOracle {
  readonly project: TsProject;
  readonly file: string;
  private readonly times: number[] = [];

  constructor(opts: TsProjectOracleOptions) {
    this.project = opts.project ?? TsProject.for(opts.projectDir);
    this.file = this.project.addRoot(opts.file);
  }

  async completions(q: OracleQuery): Promise<CompletionAnswer | undefined> {
    if (q.signal?.aborted) return undefined;
    const special = questionFor(q.trigger);
    if (special) return this.timed(() => special(this.project.service, this.file, this.place(q)));
    return this.timed(() => {
      const pos = this.place(q);
      const trigger = q.trigger.endsWith('.') ? '.' : undefined;
      const info = this.project.service.getCompletionsAtPosition(this.file, pos, {
        triggerCharacter: trigger,
        triggerKind: trigger ? ts.CompletionTriggerKind.TriggerCharacter : ts.CompletionTriggerKind.Invoked,
        includeCompletionsForModuleExports: false,
        includeCompletionsWithInsertText: true,
      });
      if (!info) return undefined;
      // `f.x = 1` declares x on a function of this file: after `f.` a name never seen may be right.
      if (trigger && expandoReceiver(this.project.service, this.file, pos)) return undefined;
      const names: LegalName[] = [];
      const seen = new Set<string>();
      for (const e of info.entries) {
        const kind = nameKindOf(e.kind);
        if (kind === 'keyword') continue;
        // Members whose names are not identifiers come as `["a-b"]` / `?.["x"]` insertions that
        // replace the dot: they cannot follow the `.` the model already wrote.
        if (e.insertText !== undefined && e.insertText !== e.name) continue;
        if (seen.has(e.name)) continue;
        seen.add(e.name);
        names.push({ name: e.name, kind });
      }
      // Nothing to choose from (`any`, an error type) is "no answer": never constrain on it.
      if (names.length === 0) return undefined;
      const semantic = names.some((n) => n.kind !== 'text');
      return { names, semantic };
    });
  }

  async signatureHelp(q: OracleQuery): Promise<SignatureAnswer | undefined> {
    if (q.signal?.aborted) return undefined;
    return this.timed(() => {
      const pos = this.place(q);
      const ch = q.trigger.slice(-1);
      const triggerReason: ts.SignatureHelpTriggerReason = ch === '(' || ch === ',' || ch === '<'
        ? { kind: 'characterTyped', triggerCharacter: ch }
        : { kind: 'invoked' };
      const help = this.project.service.getSignatureHelpItems(this.file, pos, { triggerReason });
      if (!help || help.items.length === 0) return undefined;
      const overloads = help.items.map((item) => {
        // TypeScript flags the variadic signature, not its rest parameter (isRest stays false).
        const isRest = (p: ts.SignatureHelpParameter): boolean => !!p.isRest || p.displayParts[0]?.text === '...';
        const rest = item.isVariadic || item.parameters.some(isRest);
        const required = item.parameters.filter((p) => !p.isOptional && !isRest(p)).length;
        return { min: required, max: rest ? Infinity : item.parameters.length };
      });
      return { overloads, activeArgument: help.argumentIndex };
    });
  }

  /** Milliseconds of every query so far (the LanguageService work, on this thread). */
  stats(): OracleStats {
    return { queries: this.times.length, totalMs: this.times.reduce((a, b) => a + b, 0), ms: [...this.times] };
  }

  private place(q: OracleQuery): number {
    // Brackets open at the cursor that the suffix does not close are closed there, or they would swallow it.
    this.project.setOverlay(this.file, q.prefix + q.generated + closersFor(q.prefix, q.generated, q.suffix) + q.suffix);
    return q.prefix.length + q.generated.length;
  }

  private timed<T>(fn: () => T): T | undefined {
    const t0 = performance.now();
    try {
      return fn();
    } catch {
      // A LanguageService exception is "no answer" for the monitor, never a failed completion.
      return undefined;
    } finally {
      this.times.push(performance.now() - t0);
    }
  }
}

/**
 * The `.` before `pos` follows a function declared in this file (a function declaration, or a const
 * holding a function expression or arrow): TypeScript lets assignments add properties to it
 * (`create.get = ajaxGet`), so the completion list does not bound the names that may follow.
 */
function expandoReceiver(service: ts.LanguageService, file: string, pos: number): boolean {
  const program = service.getProgram();
  const sf = program?.getSourceFile(file);
  if (!program || !sf) return false;
  let access: ts.PropertyAccessExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (n.pos >= pos || n.end < pos - 1) return;
    if (ts.isPropertyAccessExpression(n) && n.name.pos === pos) access = n;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (!access || !ts.isIdentifier(access.expression)) return false;
  const decl = program.getTypeChecker().getSymbolAtLocation(access.expression)?.valueDeclaration;
  if (!decl || decl.getSourceFile() !== sf) return false;
  if (ts.isFunctionDeclaration(decl)) return true;
  return ts.isVariableDeclaration(decl) && !!decl.initializer && (ts.isFunctionExpression(decl.initializer) || ts.isArrowFunction(decl.initializer))
    && (ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) !== 0;
}
