// Between the decoder and the ghost text: a completion is shown only when it is worth it. A wrong
// suggestion costs the user more than none, so the gate cuts what it cannot vouch for and drops
// what is left when the first name is a guess. It reads only what the decoder already knows: the
// probability of every token (and of each name among the legal ones), which steps the language
// service answered, where the text stopped, and the text itself (loops, copies, comment runs).

import { openBrackets } from '../oracle/document';
import { NAME } from '../decoding/judged-names';
import { commentRun, danglingQuestionMark, echoesSuffix, enumAsCaseLabel, loop, punctuationRun, repeatsLineAbove, strayComma, stutter, unknownName, unmatchedCloser, type Cut, type DegenerationReason } from './degeneration';

/** The slice of a decode trace step the gate reads (src/core/decoding/decode.ts TraceStep). */
export interface GateStep {
  readonly text: string;
  readonly offset?: number;
  readonly logprob?: number;
  readonly maskedLogprob?: number;
  readonly monitor?: string;
  readonly unguided?: true;
  /** The service knows no call for a `(` written up to the end of this step. */
  readonly noSignature?: true;
}

export interface GateInput {
  /** The completion after post-processing (a prefix of the decoded text). */
  readonly text: string;
  readonly trace: readonly GateStep[];
  readonly stopReason: string;
  /** Whether any monitor ran: without monitors nothing is guided and nothing is withheld for it. */
  readonly monitorsOn: boolean;
  readonly prefix: string;
  readonly suffix: string;
  /**
   * The completion continues a name the editor already chose (the suggest list's selected item):
   * there is no first guess to judge, only the links after it.
   */
  readonly startGiven?: boolean;
}

export interface GateOptions {
  /** Least probability of the first name (and of each further link of a member chain) to show it. */
  readonly threshold: number;
}

export type GateReason = 'SHOWN' | 'UNGUIDED_AT_TRIGGER' | 'LOW_CONFIDENCE' | 'NOTHING_LEFT';

export interface GateDecision {
  readonly show: boolean;
  /** What to show: `candidate` when shown, else empty. */
  readonly text: string;
  /** The text after every cut, whatever the threshold (what a threshold of 0 would show). */
  readonly candidate: string;
  /** Probability of the first name the completion writes (1 when the editor gave it). */
  readonly score: number;
  readonly reason: GateReason;
  /** Cuts applied, in order, as `REASON@chars kept`. */
  readonly cuts: readonly string[];
  /** Nothing was shown because the language service did not answer at the cursor: asking again soon may succeed. */
  readonly retry: boolean;
}

/**
 * The measured default (ARCHITECTURE.md, "Display gate"): the first name must have at least this
 * probability among the legal names.
 */
export const DEFAULT_DISPLAY_THRESHOLD = 0.38;

const CONTENT = /[\p{ID_Continue}$"'`]/u;

export function gate(input: GateInput, opts: GateOptions): GateDecision {
  const { trace } = input;
  const cuts: string[] = [];
  const drop = (reason: GateReason, score: number, retry = false, candidate = ''): GateDecision => ({ show: false, text: '', candidate, score, reason, cuts, retry });

  // A trigger at the cursor the language service did not answer: the first name is the model's
  // unguided guess. Nothing is shown; the service is usually still loading and answers soon.
  if (input.monitorsOn && trace[0]?.unguided) return drop('UNGUIDED_AT_TRIGGER', 0, true);

  let text = input.text;
  const cut = (at: number, why: string): void => {
    if (at >= text.length) return;
    text = dropDanglingDot(text.slice(0, Math.max(0, at)));
    cuts.push(`${why}@${text.length}`);
  };

  // Later steps the service did not answer went unconstrained: the text stops before them.
  if (input.monitorsOn) {
    const k = trace.findIndex((s, i) => i > 0 && s.unguided);
    if (k > 0 && trace[k]!.offset !== undefined) cut(trace[k]!.offset!, 'UNGUIDED_STEP');
  }
  // A member the service knows no call signature for (`origin.x(` with `x` a number): the member
  // stays, its call goes. Only after a member a monitor chose: `(` after an `any` value has no
  // signature either, and after a keyword it opens no call at all.
  for (const s of trace) {
    const open = s.noSignature && s.offset !== undefined ? memberCallBefore(text, input.prefix, trace, s.offset + s.text.length) : undefined;
    if (open !== undefined) {
      cut(open, 'NOT_CALLABLE');
      break;
    }
  }
  // A token limit or time budget stops mid-name: the half-written name goes.
  if (input.stopReason === 'maxTokens' || input.stopReason === 'timeBudget') {
    const m = /[\p{ID_Continue}$]+$/u.exec(text);
    if (m) cut(m.index, 'CUT_OFF');
  }

  const names = [...text.matchAll(NAME)].map((m) => ({ name: m[0], start: m.index!, end: m.index! + m[0].length }));
  const probOf = (start: number, end: number): number => nameProbability(trace, start, end);

  // The first name: the one guess the whole completion rests on.
  let score = 1;
  const first = names[0];
  if (!input.startGiven && first) score = probOf(first.start, first.end);
  // A member chain goes on only while the next link is as sure as the threshold asks of the first.
  for (let i = input.startGiven ? 0 : 1; i < names.length; i++) {
    const n = names[i]!;
    if (n.start >= text.length) break;
    const link = /\??\.\s*$/.exec(text.slice(0, n.start));
    const isLink = link !== null || (input.startGiven && i === 0);
    if (!isLink) continue;
    if (probOf(n.start, n.end) < opts.threshold) {
      cut(link ? link.index : n.start, 'UNSURE_LINK');
      break;
    }
  }

  for (const rule of degenerationRules(input, trace, first)) {
    const c = rule(text);
    if (c) cut(c.at, c.why);
  }

  // Punctuation alone is not worth a suggestion, except after a name the editor chose (`fetch` + `()`).
  if (input.startGiven ? text.trim() === '' : !CONTENT.test(text)) return drop('NOTHING_LEFT', score);
  if (!input.startGiven && score < opts.threshold) return drop('LOW_CONFIDENCE', score, false, text);
  return { show: true, text, candidate: text, score, reason: 'SHOWN', cuts, retry: false };
}

type Rule = (text: string) => Cut | undefined;

function degenerationRules(input: GateInput, trace: readonly GateStep[], first: { name: string; start: number } | undefined): Rule[] {
  const open = openBrackets(input.prefix);
  // The step that wrote the first name, not the first step: a completion asked before the space
  // after `case` starts with that space, which no monitor constrains.
  const caseLabel = first !== undefined && stepAt(trace, first.start)?.monitor?.split('+').includes('switchCase') === true;
  return [
    loop,
    stutter,
    commentRun,
    (t) => (open ? unmatchedCloser(t, open) : undefined),
    punctuationRun,
    (t) => unknownName(t, input.prefix, input.suffix, (at) => guardedAt(trace, at)),
    (t) => (open ? strayComma(t, open, input.prefix.slice(input.prefix.lastIndexOf('\n') + 1)) : undefined),
    (t) => echoesSuffix(t, input.prefix, input.suffix),
    (t) => repeatsLineAbove(t, input.prefix),
    (t) => (caseLabel ? enumAsCaseLabel(t, [first!.name]) : undefined),
    danglingQuestionMark,
  ];
}

/** Where the last `(` before `end` is, when it directly follows a member name (after `.`) that a monitor chose. */
function memberCallBefore(text: string, prefix: string, trace: readonly GateStep[], end: number): number | undefined {
  const open = text.lastIndexOf('(', end - 1);
  if (open < 0) return undefined;
  const name = /[\p{ID_Start}$_][\p{ID_Continue}$]*\s*$/u.exec(text.slice(0, open));
  if (!name) return undefined;
  const start = name.index;
  if (!/\??\.\s*$/.test(start === 0 ? prefix : text.slice(0, start))) return undefined;
  const chosen = trace.some((s) => s.monitor?.includes('dereference') && s.offset !== undefined && s.offset >= start && s.offset < start + name[0].trimEnd().length);
  return chosen ? open : undefined;
}

/**
 * Probability of the name at [start, end) of the text: the product, over the tokens that write
 * it, of each token's probability among the legal names where a monitor constrained it, else under
 * the model's whole distribution. 1 when the trace does not say (a name the editor typed).
 */
export function nameProbability(trace: readonly GateStep[], start: number, end: number): number {
  let sum = 0;
  let seen = false;
  for (let i = 0; i < trace.length; i++) {
    const s = trace[i]!;
    if (s.offset === undefined) continue;
    const from = s.offset;
    const to = i + 1 < trace.length && trace[i + 1]!.offset !== undefined ? trace[i + 1]!.offset! : from + s.text.length;
    if (to <= start || from >= end) continue;
    const lp = s.maskedLogprob ?? s.logprob;
    if (lp === undefined) continue;
    sum += lp;
    seen = true;
  }
  return seen ? Math.exp(sum) : 1;
}

export type { DegenerationReason };

/** The character at `offset` was written in a step a monitor constrained (and the language service answered). */
function guardedAt(trace: readonly GateStep[], offset: number): boolean {
  const s = stepAt(trace, offset);
  return s !== undefined && s.monitor !== undefined && !s.unguided;
}

/** The step that wrote the character at `offset`. */
function stepAt(trace: readonly GateStep[], offset: number): GateStep | undefined {
  for (let i = 0; i < trace.length; i++) {
    const s = trace[i]!;
    if (s.offset === undefined || s.offset > offset) continue;
    const end = i + 1 < trace.length && trace[i + 1]!.offset !== undefined ? trace[i + 1]!.offset! : s.offset + s.text.length;
    if (offset < end) return s;
  }
  return undefined;
}

/** A cut right after a dot leaves a member access with no member: the dot goes too. */
function dropDanglingDot(text: string): string {
  return text.replace(/\s+$/, '').replace(/\??\.$/, '').replace(/\s+$/, '');
}
