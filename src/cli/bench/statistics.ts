// `mgd bench statistics`: what the project statistics cost. (1) The decoder's extra work at a
// constrained step when the statistics mix into the choice, on the real 151k-token vocabulary with
// 1000 legal names, next to the mask of the same step. (2) Counting a project of up to 2000 source
// files (read from a folder, `--dir`, by default the installed packages), and the memory it holds.
// (3) A request's first constrained step, which also reads the file around the cursor (the
// editor's window of it: up to 32 KiB on each side) into its tables, and a step no monitor
// constrains with the copy prior over that window.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CopyMixer } from '../../core/decoding/copy-mixer';
import { NameMixer } from '../../core/decoding/name-mixer';
import { FileContext } from '../../core/statistics/file-context';
import { seededRandom } from '../../core/decoding/rng';
import type { NamePosition } from '../../core/monitors/monitor';
import { DEFAULT_MIX_WEIGHTS, type NameCandidate } from '../../core/statistics/name-scores';
import { ProjectStatistics } from '../../core/statistics/project-statistics';
import { languageSpecFor } from '../../core/tokens/language-spec';
import { NameTrie } from '../../core/tokens/name-trie';
import { TokenIndex } from '../../core/tokens/token-index';
import { median, quantile } from '../../analysis/score/stats';
import { UsageError } from '../usage-error';
import { fmt, round } from './format';
import { parseOptions } from './options';
import { libMemberNames, loadQwenVocabulary } from './qwen-index';

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const utf8 = new TextEncoder();

export async function run(args: string[]): Promise<number> {
  const opts = parseOptions(args, { files: 2000, dir: 'node_modules' });
  const files = Math.max(1, Math.floor(opts.files));
  const dir = resolve(opts.dir);
  const step = mixingCost();
  const project = indexCost(dir, files);
  const lines = [
    `constrained step, ${step.names} legal names (${step.withEvidence} with file or project evidence), ${step.vocab}-token vocabulary, ${step.steps} steps along random names:`,
    `  mask alone:            median ${fmt(step.mask.median, 3)} ms   p99 ${fmt(step.mask.p99, 3)} ms`,
    `  statistics mixed in:   median ${fmt(step.mix.median, 3)} ms   p99 ${fmt(step.mix.p99, 3)} ms added   (goal <= 1 ms median: ${step.mix.median <= 1 ? 'met' : 'NOT met'})`,
    `  a step no monitor constrains, with the copy prior (the file had a continuation at ${fmt(step.copy.found * 100, 0)} % of them): median ${fmt(step.copy.median, 3)} ms   p99 ${fmt(step.copy.p99, 3)} ms added`,
    `  a request's first step, reading ${fmt(step.first.chars / 1024, 0)} KiB of file into its tables: median ${fmt(step.first.median, 2)} ms   max ${fmt(step.first.max, 2)} ms`,
    `project index: ${project.files} files (${(project.chars / 1e6).toFixed(1)} M characters) from ${dir}`,
    `  counting: ${fmt(project.countMs, 0)} ms (reading them: ${fmt(project.readMs, 0)} ms)   goal <= 2000 ms: ${project.countMs <= 2000 ? 'met' : 'NOT met'}`,
    `  held: ~${fmt(project.bytes / 1e6, 1)} MB by the index's own estimate, ${fmt(project.heapDelta / 1e6, 1)} MB heap growth   goal <= 50 MB: ${Math.max(project.bytes, project.heapDelta) <= 50e6 ? 'met' : 'NOT met'}`,
    `  one file changed: ${fmt(project.updateMs, 2)} ms to recount it`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  process.stdout.write(JSON.stringify({
    step: { names: step.names, mask_median_ms: round(step.mask.median, 4), mix_median_ms: round(step.mix.median, 4), mix_p99_ms: round(step.mix.p99, 4), first_step_median_ms: round(step.first.median, 3), copy_median_ms: round(step.copy.median, 4), first_step_chars: step.first.chars },
    index: { files: project.files, count_ms: round(project.countMs), read_ms: round(project.readMs), bytes: project.bytes, heap_delta_bytes: project.heapDelta, update_ms: round(project.updateMs, 3) },
  }) + '\n');
  return 0;
}

function mixingCost() {
  const { tokenizer } = loadQwenVocabulary();
  const index = TokenIndex.build(tokenizer, languageSpecFor('typescript'));
  const rnd = seededRandom(7);
  const names = libMemberNames().slice(0, 1000);
  // A file that uses 60 of the names, some after the receiver `obj`, and a project that uses 100.
  const used = names.filter((_, i) => i % 17 === 0);
  // The cursor's line and function name words that the names are compared with.
  const prefix = Array.from({ length: 2000 }, (_, i) => `const v${i} = ${i % 3 ? 'obj' : 'other'}.${used[i % used.length]}(${i});`).join('\n')
    + '\nfunction updateRecordState(event) {\n  const handlerValue = other.get(event);\n  const nextValueHandler = obj.';
  const candidates: NameCandidate[] = names.map((name, order) => (order % 10 === 0 ? { name, order, uses: 1 + (order % 7), pairUses: order % 3 } : { name, order }));
  const trie = new NameTrie(names);
  const mixer = new NameMixer(index, DEFAULT_MIX_WEIGHTS, prefix, new FileContext(prefix, '\n}\n'));
  const logits = new Float32Array(index.vocabSize).map(() => rnd() * 12);
  const maskTimes: number[] = [];
  const mixTimes: number[] = [];
  for (let r = 0; r < 300; r++) {
    const target = utf8.encode(names[Math.floor(rnd() * names.length)]!);
    let node = NameTrie.ROOT;
    let generated = '';
    for (let done = 0; done <= target.length;) {
      let t = performance.now();
      const joint = index.allowedAfter(trie, node);
      maskTimes.push(performance.now() - t);
      const pos: NamePosition = { monitor: 'dereference', kind: 'members', trie, node, candidates };
      t = performance.now();
      mixer.choose(pos, generated, logits, index.vocabSize, joint, undefined);
      mixTimes.push(performance.now() - t);
      if (done === target.length) break;
      const take = Math.min(target.length - done, 1 + Math.floor(rnd() * 4));
      node = trie.walk(target.subarray(done, done + take), node);
      generated += new TextDecoder().decode(target.subarray(done, done + take));
      done += take;
    }
  }
  // A fresh request reads its file (here 64 KiB: the most the editor sends) on its first step.
  const before = prefix.slice(-32768);
  const after = `\n}\n${prefix.slice(0, 32768 - 3)}`;
  const firstTimes: number[] = [];
  const start: NamePosition = { monitor: 'dereference', kind: 'members', trie, node: NameTrie.ROOT, candidates };
  for (let r = 0; r < 20; r++) {
    const fresh = new NameMixer(index, DEFAULT_MIX_WEIGHTS, before, new FileContext(before, after));
    const joint = index.allowedAfter(trie, NameTrie.ROOT);
    const t = performance.now();
    fresh.choose(start, '', logits, index.vocabSize, joint, undefined);
    firstTimes.push(performance.now() - t);
  }
  // A step no monitor constrains, with the copy prior reading the same window (the request's
  // tables already built): the line so far ends like lines of the file do.
  const copier = new CopyMixer(index, DEFAULT_MIX_WEIGHTS, new FileContext(before, after));
  const copyTimes: number[] = [];
  let copied = 0;
  for (let r = 0; r < 300; r++) {
    const name = used[r % used.length]!;
    const generated = `${name}${r % 2 ? '(' : ''}`;
    const t = performance.now();
    if (copier.choose(generated, logits, index.vocabSize, undefined) !== undefined) copied++;
    copyTimes.push(performance.now() - t);
  }
  return {
    copy: { median: median(copyTimes), p99: quantile(copyTimes, 0.99), found: copied / copyTimes.length },
    first: { chars: before.length + after.length, median: median(firstTimes), max: Math.max(...firstTimes) },
    names: names.length, withEvidence: used.length + candidates.filter((c) => c.uses).length, vocab: index.vocabSize, steps: mixTimes.length,
    mask: { median: median(maskTimes), p99: quantile(maskTimes, 0.99) },
    mix: { median: median(mixTimes), p99: quantile(mixTimes, 0.99) },
  };
}

function indexCost(dir: string, limit: number) {
  const paths: string[] = [];
  const walk = (d: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const e of entries.sort()) {
      if (paths.length >= limit) return;
      const p = join(d, e);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (SOURCE.test(e) && !e.endsWith('.d.ts') && st.size < 512 * 1024) paths.push(p);
    }
  };
  walk(dir);
  if (paths.length === 0) throw new UsageError(`no source files under ${dir}`);
  let t = performance.now();
  const texts = paths.map((p) => readFileSync(p, 'utf8'));
  const readMs = performance.now() - t;
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const stats = new ProjectStatistics();
  t = performance.now();
  for (let i = 0; i < paths.length; i++) stats.set(paths[i]!, texts[i]!);
  const countMs = performance.now() - t;
  globalThis.gc?.();
  const heapDelta = process.memoryUsage().heapUsed - heap0;
  const updates: number[] = [];
  for (let i = 0; i < 50; i++) {
    const k = i % paths.length;
    t = performance.now();
    stats.set(paths[k]!, texts[k]! + '\nconst extra = obj.member;');
    updates.push(performance.now() - t);
  }
  return { files: paths.length, chars: texts.reduce((a, s) => a + s.length, 0), readMs, countMs, bytes: stats.approximateBytes(), heapDelta, updateMs: median(updates) };
}
