// What TypeScript says about one line of a workspace file with a given text, as a user would see it
// after accepting a completion: the fixture's own compiler options, the file's text replaced in
// memory, the rest of the workspace read from disk.
import path from 'node:path';
import ts from 'typescript';

/** "Cannot find name", "Property does not exist", "only refers to a type", … : a name that is not there. */
export const MISSING_NAME = new Set([2304, 2305, 2339, 2551, 2552, 2585, 2614, 2693, 2724]);

/** Diagnostics (`code: message`) on 1-based `line` of `relFile` when its text is `text`, limited to `codes` when given. */
export function lineDiagnostics(workspace: string, relFile: string, text: string, line: number, codes?: ReadonlySet<number>): string[] {
  const file = path.join(workspace, relFile);
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noEmit: true };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => (path.resolve(f) === file ? text : read(f));
  const getSf = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang) => (path.resolve(f) === file ? ts.createSourceFile(f, text, lang, true) : getSf(f, lang));
  const program = ts.createProgram([file], options, host);
  const sf = program.getSourceFile(file)!;
  return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]
    .filter((d) => (!codes || codes.has(d.code)) && d.start !== undefined && sf.getLineAndCharacterOfPosition(d.start).line === line - 1)
    .map((d) => `${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

/** `lines` with line `line` (1-based) replaced by `text`. */
export function withLine(lines: readonly string[], line: number, text: string): string {
  const out = [...lines];
  out[line - 1] = text;
  return out.join('\n');
}
