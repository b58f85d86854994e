// Collects the cases the statistics' weights are tuned on (scripts/statistics/tune.ts) and checked against: for each dot prompt of a
// package, the legal names the language service lists there (with what the project's other files
// say about each), the file's text before and after the cursor, and the ground truth's first name.
// The truth is stored beside the case, never inside what the statistics read. Refuses held-out
// packages (../shared/holdout-packages.sha256).
//
//   node --import tsx scripts/statistics/collect-cases.ts --out ~/.cache/mgd/statistics/dev.jsonl --limit 100 --seed 11 PKG@VER…
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { extractDotPrompts } from '../../src/analysis/prompts/dot-prompts';
import { defaultEvalCache, installPackage } from '../../src/analysis/project/package-installer';
import { TsProject } from '../../src/analysis/project/ts-project';
import { TsProjectOracle } from '../../src/analysis/oracle/ts-project-oracle';
import { isHoldout } from '../../src/analysis/project/holdout';
import { legalCandidates } from '../../src/core/monitors/ask';
import { ProjectStatistics } from '../../src/core/statistics/project-statistics';
import { withProjectEvidence } from '../../src/core/statistics/project-evidence';
import { languageSpecFor } from '../../src/core/tokens/language-spec';
import type { StatisticsCase } from './statistics-case';

const { values, positionals } = parseArgs({ options: { out: { type: 'string' }, limit: { type: 'string', default: '100' }, seed: { type: 'string', default: '11' } }, allowPositionals: true });

async function collect(spec: string, out: string): Promise<void> {
  const pkg = await installPackage(spec, defaultEvalCache());
  if (isHoldout(pkg.name)) throw new Error(`${pkg.name} is a held-out package: nothing may be learned or tuned on it`);
  const project = TsProject.for(pkg.dir);
  const stats = new ProjectStatistics();
  for (const f of project.sources) stats.set(f, project.text(f));
  const { prompts } = extractDotPrompts(project, { task: 'line', limit: Number(values.limit), seed: Number(values.seed) });
  let n = 0;
  for (const p of prompts) {
    const oracle = new TsProjectOracle({ projectDir: project.dir, file: p.file, project });
    await oracle.warm(p.prefix, p.suffix);
    const a = await withProjectEvidence(oracle, stats.without(project.resolve(p.file))).answer({ kind: 'members', generated: '', triggerCharacter: '.' }, { prefix: p.prefix, suffix: p.suffix });
    if (a.status !== 'answered' || !('names' in a.value)) continue;
    const cands = legalCandidates(a.value, languageSpecFor('typescript'));
    const truth = /^[A-Za-z_$][\w$]*/.exec(p.groundTruth)?.[0];
    if (!truth || cands.length === 0) continue;
    const c: StatisticsCase = { pkg: pkg.name, id: p.id, cands, prefix: p.prefix, suffix: p.suffix, truth };
    appendFileSync(out, `${JSON.stringify(c)}\n`);
    n++;
  }
  project.clearOverlay();
  process.stderr.write(`${spec}: ${n} cases\n`);
}

async function main(): Promise<void> {
  if (!values.out) throw new Error('--out FILE is required');
  mkdirSync(dirname(values.out), { recursive: true });
  for (const spec of positionals) {
    try { await collect(spec, values.out); } catch (e) { process.stderr.write(`${spec}: ${(e as Error).message}\n`); }
  }
}

void main();
