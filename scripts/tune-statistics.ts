// Tunes the statistics' weights (src/core/statistics/name-scores.ts) on the development set
// without the model: for every prompt, the legal names the language service lists at the dot and
// what the file and the project's other files say about each; a random search over the weights
// maximises how often the statistics' favourite is the ground truth's first name. The model's own
// weight is then set with `mgd eval --arms on,stats --mix-weights model=…` (it needs the model).
//
//   node --import tsx scripts/tune-statistics.ts --package rxjs@7.8.2 zod@3.25.76 mobx@6.16.1 immer@10.2.0 --limit 100 --seed 11
import { parseArgs } from 'node:util';
import { extractDotPrompts } from '../src/analysis/prompts/dot-prompts';
import { defaultEvalCache, installPackage } from '../src/analysis/project/package-installer';
import { TsProject } from '../src/analysis/project/ts-project';
import { TsProjectOracle } from '../src/analysis/oracle/ts-project-oracle';
import { legalCandidates } from '../src/core/monitors/ask';
import { FileContext } from '../src/core/statistics/file-context';
import { receiverBeforeDot } from '../src/core/statistics/identifier-scan';
import { DEFAULT_MIX_WEIGHTS, statisticsScores, type MixWeights, type NameCandidate } from '../src/core/statistics/name-scores';
import { ProjectStatistics } from '../src/core/statistics/project-statistics';
import { withProjectEvidence } from '../src/core/statistics/project-evidence';
import { seededRandom } from '../src/core/decoding/rng';
import { languageSpecFor } from '../src/core/tokens/language-spec';
import { isHoldout } from '../src/analysis/project/holdout';

interface Case { id: string; cands: NameCandidate[]; file: FileContext; receiver?: string; truth: string }

const { values, positionals } = parseArgs({ options: { package: { type: 'string', multiple: true }, limit: { type: 'string', default: '100' }, seed: { type: 'string', default: '11' }, trials: { type: 'string', default: '1500' }, dump: { type: 'string' }, from: { type: 'string' } }, allowPositionals: true });

async function cases(spec: string): Promise<Case[]> {
  const pkg = await installPackage(spec, defaultEvalCache());
  if (isHoldout(pkg.name)) throw new Error(`${pkg.name} is a held-out package: nothing may be tuned on it`);
  const project = TsProject.for(pkg.dir);
  const stats = new ProjectStatistics();
  for (const f of project.sources) stats.set(f, project.text(f));
  const { prompts } = extractDotPrompts(project, { task: 'line', limit: Number(values.limit), seed: Number(values.seed) });
  const out: Case[] = [];
  for (const p of prompts) {
    const oracle = new TsProjectOracle({ projectDir: project.dir, file: p.file, project });
    await oracle.warm(p.prefix, p.suffix);
    const a = await withProjectEvidence(oracle, stats.without(project.resolve(p.file))).answer({ kind: 'members', generated: '', triggerCharacter: '.' }, { prefix: p.prefix, suffix: p.suffix });
    if (a.status !== 'answered' || !('names' in a.value)) continue;
    const cands = legalCandidates(a.value, languageSpecFor('typescript'));
    const truth = /^[A-Za-z_$][\w$]*/.exec(p.groundTruth)?.[0];
    if (!truth || cands.length === 0) continue;
    out.push({ id: p.id, cands, file: new FileContext(p.prefix, p.suffix), receiver: receiverBeforeDot(p.prefix), truth });
  }
  project.clearOverlay();
  process.stderr.write(`${spec}: ${out.length} prompts\n`);
  return out;
}

/** The statistics' favourite name at a prompt under `w`, undefined when they know nothing there. */
function favourite(c: Case, w: MixWeights): { name: string; p: number; weight: number } | undefined {
  const s = statisticsScores(c.cands, c.file, c.receiver, w);
  let best = 0;
  for (let i = 1; i < c.cands.length; i++) if (s.p[i]! > s.p[best]!) best = i;
  return s.weight > 0 ? { name: c.cands[best]!.name, p: s.p[best]!, weight: s.weight } : undefined;
}

function accuracy(all: Case[], w: MixWeights): number {
  let hit = 0;
  for (const c of all) if (favourite(c, w)?.name === c.truth) hit++;
  return hit / all.length;
}

async function main(): Promise<void> {
  const all: Case[] = [];
  for (const spec of [...(values.package ?? []), ...positionals]) all.push(...await cases(spec));
  if (values.dump) {
    // The statistics' favourite per prompt under the weights given as JSON (to compare with a run's records).
    const w = { ...DEFAULT_MIX_WEIGHTS, ...JSON.parse(values.dump) } as MixWeights;
    for (const c of all) {
      const f = favourite(c, w);
      process.stdout.write(`${JSON.stringify({ id: c.id, favourite: f?.name ?? null, p: f?.p ?? 0, weight: f?.weight ?? 0, truth: c.truth })}\n`);
    }
    return;
  }
  const rnd = seededRandom(Number(values.seed));
  const start = { ...DEFAULT_MIX_WEIGHTS, ...(values.from ? JSON.parse(values.from) : {}) } as MixWeights;
  let best = { w: start, acc: accuracy(all, start) };
  process.stdout.write(`start: ${(best.acc * 100).toFixed(1)} % (${all.length} prompts) ${JSON.stringify(start)}\n`);
  const grid: Record<string, number[]> = {
    filePair: [0, 0.5, 1, 2, 3, 5, 8], file: [0, 0.25, 0.5, 1, 2, 3], recent: [0, 0.5, 1, 2, 3, 5], recentPair: [0, 0.5, 1, 2, 3, 5], fileMember: [0, 0.5, 1, 2, 3],
    projectPair: [0, 0.25, 0.5, 1, 2, 3], project: [0, 0.1, 0.25, 0.5, 1], projectMember: [0, 0.25, 0.5, 1, 2], order: [0, 0.01, 0.05, 0.2],
    after: [0.3, 0.5, 0.7, 1, 1.5], decay: [0.2, 0.35, 0.5, 0.7, 0.85], halfAt: [0.1, 0.25, 0.5, 1, 2, 4],
    lineWords: [0, 0.5, 1, 1.5, 2, 3], enclosing: [0, 1, 2, 3, 4],
  };
  const pick = (xs: number[]) => xs[Math.floor(rnd() * xs.length)]!;
  const consider = (w: MixWeights): void => {
    const acc = accuracy(all, w);
    if (acc > best.acc) {
      best = { w, acc };
      process.stdout.write(`${(acc * 100).toFixed(1)} % ${JSON.stringify(w)}\n`);
    }
  };
  // A random search, then coordinate steps from the best point until none helps.
  for (let t = 0; t < Number(values.trials); t++) {
    consider({ ...DEFAULT_MIX_WEIGHTS, ...Object.fromEntries(Object.entries(grid).map(([k, xs]) => [k, pick(xs)])) } as MixWeights);
  }
  for (let improved = true; improved;) {
    const before = best.acc;
    for (const [k, xs] of Object.entries(grid)) for (const x of xs) consider({ ...best.w, [k]: x });
    improved = best.acc > before;
  }
  process.stdout.write(`best: ${(best.acc * 100).toFixed(1)} % ${JSON.stringify(best.w)}\n`);
}

void main();
