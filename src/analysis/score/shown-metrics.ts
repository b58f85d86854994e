// What the user sees: the display gate's decision on a completion, and how close the shown line is
// to the ground truth (exact match and edit similarity, as CodeXGLUE, RepoBench and CrossCodeEval
// report them for line completion).
import { gate, type GateDecision } from '../../core/completion/display-gate';
import { postprocess } from '../../core/completion/postprocess';
import type { DotPrompt, EvalTask } from '../prompts/dot-prompts';
import type { CompletionOutcome, ShownFields } from '../eval-types';
import { textMetrics } from './metrics';

/** Levenshtein distance over UTF-16 units, two rows. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** 1 − Levenshtein / longer length of the two lines, surrounding whitespace ignored; 1 for two empty lines. */
export function editSimilarity(generated: string, truth: string): number {
  const a = generated.trim(), b = truth.trim();
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - levenshtein(a, b) / longer;
}

export function exactMatch(generated: string, truth: string): boolean {
  return generated.trim() === truth.trim();
}

export function shownFields(prompt: DotPrompt, task: EvalTask, out: CompletionOutcome, monitorsOn: boolean, threshold: number): ShownFields {
  const text = postprocess(out.text, { prefix: prompt.prefix, suffix: prompt.suffix, mode: task === 'line' ? 'line' : 'block' });
  const d: GateDecision = gate({ text, trace: out.trace, stopReason: out.stopReason, monitorsOn, prefix: prompt.prefix, suffix: prompt.suffix }, { threshold });
  return {
    shown: d.show,
    shownText: d.text,
    gate: {
      score: Math.round(d.score * 1e4) / 1e4, reason: d.reason, cuts: d.cuts, candidate: d.candidate,
      nim: d.candidate !== '' && textMetrics(d.candidate, prompt.groundTruth).nim,
      em: exactMatch(d.candidate, prompt.groundTruth),
      es: Math.round(editSimilarity(d.candidate, prompt.groundTruth) * 1e4) / 1e4,
    },
  };
}
