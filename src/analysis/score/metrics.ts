import ts from 'typescript';
import { identifiers, lex } from './ts-tokens';
import type { TsProject } from '../project/ts-project';

/** TypeScript's "this member does not exist / is not accessible here" family. */
export const missingMemberCodes: ReadonlySet<number> = new Set([
  2339, // Property 'x' does not exist on type 'T'.
  2551, // Property 'x' does not exist on type 'T'. Did you mean 'y'?
  2550, // Property 'x' does not exist on type 'T'. Do you need to change your target library?
  2576, // Property 'x' does not exist on type 'T'. Did you mean to access the static member?
  2341, // Property 'x' is private and only accessible within class 'C'.
  2445, // Property 'x' is protected and only accessible within class 'C' and its subclasses.
  2694, // Namespace 'N' has no exported member 'x'.
  2724, // 'N' has no exported member named 'x'. Did you mean 'y'?
]);

export interface TextMetrics {
  /** The first generated identifier equals the ground truth's. */
  readonly nim: boolean;
  /** Longest common prefix of the identifier sequences / ground-truth identifier count. */
  readonly ism: number;
  /** Longest common prefix of the token sequences / ground-truth token count. */
  readonly pm: number;
}

export interface CompileMetrics {
  /** No error in the spliced file that the original file did not have. */
  readonly compiles: boolean;
  /** Errors the splice added, as `code: message` (a few, for the report). */
  readonly newErrors: string[];
  /** `.name` accesses whose name lies in the generated text. */
  readonly derefs: number;
  /** Of those, the ones TypeScript rejects as a missing or inaccessible member. */
  readonly invalidDerefs: number;
  readonly invalidNames: string[];
}

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export function textMetrics(generated: string, groundTruth: string): TextMetrics {
  const gi = identifiers(generated);
  const ti = identifiers(groundTruth);
  const gt = lex(generated).map((t) => t.text);
  const tt = lex(groundTruth).map((t) => t.text);
  return {
    nim: gi.length > 0 && gi[0] === ti[0],
    ism: ti.length === 0 ? 0 : commonPrefix(gi, ti) / ti.length,
    pm: tt.length === 0 ? 0 : commonPrefix(gt, tt) / tt.length,
  };
}

const key = (d: ts.Diagnostic): string => `${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;

/** Multiset of the original file's errors, by code and message (positions move with the splice). */
export function errorKeys(diags: readonly ts.Diagnostic[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of diags) m.set(key(d), (m.get(key(d)) ?? 0) + 1);
  return m;
}

/**
 * Splices `generated` in place of the ground truth (in memory) and compares the file's errors with
 * the original's (pass the original's errors over the same `region`, if one is given); counts the member accesses written by the model and those TypeScript rejects.
 */
export function compileMetrics(
  project: TsProject, file: string, original: Map<string, number>, prefix: string, generated: string, suffix: string,
  opts: { region?: ts.TextRange; cutOff?: boolean } = {},
): CompileMetrics {
  const { region, cutOff } = opts;
  const f = project.setOverlay(file, prefix + generated + suffix);
  try {
    // The region is in original offsets; its end moves with the splice (the prompt is inside it).
    const shift = prefix.length + generated.length + suffix.length - project.diskLength(f);
    const errors = project.errors(f, region && { pos: region.pos, end: region.end + shift });
    const left = new Map(original);
    const newErrors: string[] = [];
    for (const d of errors) {
      const k = key(d);
      const n = left.get(k) ?? 0;
      if (n > 0) left.set(k, n - 1);
      else newErrors.push(k);
    }
    const start = prefix.length;
    const end = start + generated.length;
    const names: ts.MemberName[] = [];
    const sf = project.sourceFile(f);
    const visit = (node: ts.Node): void => {
      if (node.end < start || node.pos > end) return;
      // A name the parser had to invent (`obj.` followed by punctuation) is a syntax error, not a dereference.
      if (ts.isPropertyAccessExpression(node) && node.name.text.length > 0) {
        const s = node.name.getStart(sf);
        // A name the token budget cut off (`searc`) was never finished: not a dereference the model made.
        const truncated = cutOff && node.name.getEnd() === end;
        if (s >= start && s < end && !truncated) names.push(node.name);
      }
      ts.forEachChild(node, visit);
    };
    if (sf) visit(sf);
    const rejectedAt = new Set(errors.filter((d) => missingMemberCodes.has(d.code) && d.start !== undefined).map((d) => d.start!));
    const invalid = names.filter((n) => rejectedAt.has(n.getStart(sf)));
    return {
      compiles: newErrors.length === 0,
      newErrors: newErrors.slice(0, 3),
      derefs: names.length,
      invalidDerefs: invalid.length,
      invalidNames: invalid.map((n) => n.text),
    };
  } finally {
    project.clearOverlay();
  }
}
