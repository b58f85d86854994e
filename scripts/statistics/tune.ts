// Tunes the statistics' weights (src/core/statistics/name-scores.ts) on cases collected by
// collect-cases.ts from the development set, without the model: a random search over the weights
// maximises how often the statistics' favourite is the ground truth's first name. `--check` files
// (cases of packages no weight is tuned on) are only reported, for each weight set the search keeps.
// The model's own weight is then set with `mgd eval --arms on,stats --mix-weights model=…`.
//
//   node --import tsx scripts/statistics/tune.ts --cases dev.jsonl [--check other.jsonl] [--from '{"context":8}']
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FileContext } from '../../src/core/statistics/file-context';
import { receiverBeforeDot } from '../../src/core/statistics/identifier-scan';
import { DEFAULT_MIX_WEIGHTS, statisticsScores, type MixWeights, type NameCandidate } from '../../src/core/statistics/name-scores';
import { seededRandom } from '../../src/core/decoding/rng';
import type { StatisticsCase } from './statistics-case';

interface Case { id: string; cands: NameCandidate[]; file: FileContext; receiver?: string; truth: string }

const { values } = parseArgs({ options: { cases: { type: 'string', multiple: true }, check: { type: 'string', multiple: true }, seed: { type: 'string', default: '11' }, trials: { type: 'string', default: '1500' }, dump: { type: 'string' }, from: { type: 'string' } } });

function load(files: readonly string[]): Case[] {
  const out: Case[] = [];
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!line) continue;
      const c = JSON.parse(line) as StatisticsCase;
      out.push({ id: c.id, cands: c.cands, file: new FileContext(c.prefix, c.suffix), receiver: receiverBeforeDot(c.prefix), truth: c.truth });
    }
  }
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

function main(): void {
  const all = load(values.cases ?? []);
  const check = load(values.check ?? []);
  const checked = (w: MixWeights): string => (check.length ? ` (check: ${(accuracy(check, w) * 100).toFixed(1)} % of ${check.length})` : '');
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
  process.stdout.write(`start: ${(best.acc * 100).toFixed(1)} % (${all.length} prompts)${checked(start)} ${JSON.stringify(start)}\n`);
  const grid: Record<string, number[]> = {
    filePair: [0, 0.5, 1, 2, 3, 5, 8], file: [0, 0.25, 0.5, 1, 2, 3], recent: [0, 0.5, 1, 2, 3, 5], recentPair: [0, 0.5, 1, 2, 3, 5], fileMember: [0, 0.5, 1, 2, 3],
    projectPair: [0, 0.25, 0.5, 1, 2, 3], project: [0, 0.1, 0.25, 0.5, 1], projectMember: [0, 0.25, 0.5, 1, 2], order: [0, 0.01, 0.05, 0.2],
    after: [0.3, 0.5, 0.7, 1, 1.5], decay: [0.2, 0.35, 0.5, 0.7, 0.85], halfAt: [0.1, 0.25, 0.5, 1, 2, 4],
    lineWords: [0, 0.5, 1, 1.5, 2, 3], enclosing: [0, 1, 2, 3, 4],
    context: [0, 1, 2, 4, 8, 16, 32], contextShortest: [2, 3, 4, 5], contextLongest: [6, 8, 10],
  };
  const pick = (xs: number[]) => xs[Math.floor(rnd() * xs.length)]!;
  const consider = (w: MixWeights): void => {
    const acc = accuracy(all, w);
    if (acc > best.acc) {
      best = { w, acc };
      process.stdout.write(`${(acc * 100).toFixed(1)} %${checked(w)} ${JSON.stringify(w)}\n`);
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
  process.stdout.write(`best: ${(best.acc * 100).toFixed(1)} %${checked(best.w)} ${JSON.stringify(best.w)}\n`);
}

main();
