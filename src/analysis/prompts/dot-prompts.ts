import ts from 'typescript';
import { relative } from 'node:path';
import { shuffled } from './seeded-random';
import type { TsProject } from '../project/ts-project';

export type EvalTask = 'line' | 'method';

/** One DotPrompts-TS prompt: the file up to and including a `.`, and what the author wrote next. */
export interface DotPrompt {
  /** `relative/file.ts:line:col` of the cursor (1-based), unique within a package. */
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly prefix: string;
  readonly groundTruth: string;
  /** Text after the ground truth (what a FIM model sees as the suffix). */
  readonly suffix: string;
  /** The identifier right after the dot in the original. */
  readonly name: string;
  /** Offsets (in the original file) of the outermost function around the prompt: what CR type-checks. */
  readonly scope: { readonly pos: number; readonly end: number };
}

export interface Extraction {
  readonly prompts: DotPrompt[];
  /** Property accesses inside function bodies that were considered. */
  readonly candidates: number;
  /** Candidates checked against the service (the rest were not needed for the sample). */
  readonly checked: number;
  readonly files: number;
}

interface Candidate { file: string; nameStart: number; end: number; name: string; scope: { pos: number; end: number } }

function isFunctionBody(node: ts.Node): boolean {
  const p = node.parent;
  return !!p && (ts.isFunctionLike(p) && (p as ts.FunctionLikeDeclaration).body === node);
}

function candidatesIn(sf: ts.SourceFile, task: EvalTask): Candidate[] {
  const text = sf.text;
  const out: Candidate[] = [];
  const visit = (node: ts.Node, body: ts.Node | undefined, outer: ts.Node | undefined): void => {
    const inner = isFunctionBody(node) ? node : body;
    const scope = outer ?? (inner ? inner.parent : undefined);
    if (inner && ts.isPropertyAccessExpression(node) && !node.questionDotToken && ts.isIdentifier(node.name)) {
      const nameStart = node.name.getStart(sf);
      if (text[nameStart - 1] === '.') {
        let end: number;
        if (task === 'line') {
          const nl = text.indexOf('\n', nameStart);
          end = nl < 0 ? text.length : nl;
          if (text[end - 1] === '\r') end--;
        } else {
          // The rest of the body up to (not including) its closing brace; an arrow's expression body to its end.
          end = ts.isBlock(inner) ? inner.getEnd() - 1 : inner.getEnd();
        }
        if (end > nameStart) out.push({ file: sf.fileName, nameStart, end, name: node.name.text, scope: { pos: scope!.getStart(sf), end: scope!.getEnd() } });
      }
    }
    ts.forEachChild(node, (c) => visit(c, inner, scope));
  };
  visit(sf, undefined, undefined);
  return out;
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) { line++; last = i; }
  return { line, col: offset - last };
}

/**
 * DotPrompts-TS: each `expr.name` inside a function or method body whose `name` the service lists
 * among the completions right after the dot. A seeded shuffle picks the sample; candidates are
 * checked against the service in that order until `limit` prompts are found, so a small sample of
 * a large package costs only what it uses.
 */
export function extractDotPrompts(project: TsProject, opts: { task: EvalTask; limit: number; seed: number }): Extraction {
  project.clearOverlay();
  const program = project.service.getProgram();
  if (!program) throw new Error('the TypeScript program could not be built');
  const all: Candidate[] = [];
  for (const f of project.sources) {
    const sf = program.getSourceFile(f);
    if (sf) all.push(...candidatesIn(sf, opts.task));
  }
  const prompts: DotPrompt[] = [];
  let checked = 0;
  for (const c of shuffled(all, opts.seed)) {
    if (prompts.length >= opts.limit) break;
    checked++;
    let listed = false;
    try {
      const info = project.service.getCompletionsAtPosition(c.file, c.nameStart, { triggerCharacter: '.', triggerKind: ts.CompletionTriggerKind.TriggerCharacter });
      listed = !!info?.entries.some((e) => e.name === c.name && e.kind !== ts.ScriptElementKind.warning);
    } catch {
      listed = false;
    }
    if (!listed) continue;
    const text = project.text(c.file);
    const { line, col } = lineCol(text, c.nameStart);
    const rel = relative(project.dir, c.file).replace(/\\/g, '/');
    prompts.push({
      id: `${rel}:${line}:${col}`, file: rel, line, col,
      prefix: text.slice(0, c.nameStart), groundTruth: text.slice(c.nameStart, c.end), suffix: text.slice(c.end), name: c.name, scope: c.scope,
    });
  }
  return { prompts, candidates: all.length, checked, files: project.sources.length };
}
