import { parseArgs } from 'node:util';
import { EvalError } from '../eval-error';
import { extractDotPrompts } from '../prompts/dot-prompts';
import { defaultEvalCache, installPackage, PackageError } from '../project/package-installer';
import { median, quantile } from '../score/stats';
import { TsProject } from '../project/ts-project';
import { TsProjectOracle } from '../oracle/ts-project-oracle';

/**
 * `mgd bench oracle`: milliseconds per TypeScript LanguageService question on a real package, the
 * way the monitors ask them: at the prompt's dot (the user's document), then after a generated
 * member and another dot (the overlay changes, so the program is rebuilt incrementally).
 */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { package: { type: 'string', default: 'rxjs@7' }, prompts: { type: 'string', default: '100' }, seed: { type: 'string', default: '1' }, cache: { type: 'string' } } });
  const n = Number(values.prompts);
  if (!Number.isInteger(n) || n < 1) throw new EvalError('--prompts needs a whole number ≥ 1');
  let pkg;
  try {
    pkg = await installPackage(values.package, values.cache ?? defaultEvalCache());
  } catch (err) {
    if (err instanceof PackageError) throw new EvalError(err.message);
    throw err;
  }
  const t0 = performance.now();
  const project = TsProject.for(pkg.dir);
  const { prompts } = extractDotPrompts(project, { task: 'line', limit: n, seed: Number(values.seed) });
  const openMs = performance.now() - t0;
  if (prompts.length === 0) throw new EvalError(`${pkg.name}@${pkg.version} gave no prompts`);
  const atDot: number[] = [];
  const chained: number[] = [];
  let answered = 0;
  let chainedAnswered = 0;
  for (const p of prompts) {
    const oracle = new TsProjectOracle({ projectDir: project.dir, file: p.file, project });
    let t = performance.now();
    const around = { prefix: p.prefix, suffix: p.suffix };
    const a = await oracle.answer({ kind: 'members', generated: '', triggerCharacter: '.' }, around);
    atDot.push(performance.now() - t);
    if (a.status === 'answered') answered++;
    t = performance.now();
    const b = await oracle.answer({ kind: 'members', generated: `${p.name}.`, triggerCharacter: '.' }, around);
    chained.push(performance.now() - t);
    if (b.status === 'answered') chainedAnswered++;
  }
  project.clearOverlay();
  const row = (label: string, xs: number[], ok: number): string =>
    `${label.padEnd(34)} ${String(xs.length).padStart(6)} ${median(xs).toFixed(1).padStart(9)} ${quantile(xs, 0.9).toFixed(1).padStart(9)} ${Math.max(...xs).toFixed(1).padStart(9)} ${((ok / xs.length) * 100).toFixed(0).padStart(8)}%`;
  process.stdout.write([
    `TypeScript LanguageService on ${pkg.name}@${pkg.version} (${project.sources.length} source files; opening + extracting ${prompts.length} prompts took ${Math.round(openMs)} ms)`,
    `${'query'.padEnd(34)} ${'n'.padStart(6)} ${'median ms'.padStart(9)} ${'p90 ms'.padStart(9)} ${'max ms'.padStart(9)} ${'answered'.padStart(9)}`,
    row('at the prompt dot (document)', atDot, answered),
    row('after generated `name.` (overlay)', chained, chainedAnswered),
    '',
  ].join('\n'));
  const r = (x: number): number => Math.round(x * 10) / 10;
  process.stdout.write(JSON.stringify({
    bench: 'oracle', package: `${pkg.name}@${pkg.version}`, prompts: prompts.length, openMs: Math.round(openMs),
    atDot: { medianMs: r(median(atDot)), p90Ms: r(quantile(atDot, 0.9)), maxMs: r(Math.max(...atDot)), answered: answered / prompts.length },
    chained: { medianMs: r(median(chained)), p90Ms: r(quantile(chained, 0.9)), maxMs: r(Math.max(...chained)), answered: chainedAnswered / prompts.length },
  }) + '\n');
  return 0;
}
