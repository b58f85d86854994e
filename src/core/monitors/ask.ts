// The one way a monitor asks the oracle. The helper owns the deadline, the cancellation and the
// fallback: whatever goes wrong becomes "no constraint" plus a reason in the trace, because a
// monitor must never block the model on an unknown. A monitor only says what it asks and how an
// answer becomes its legal set (the paper's maskgen input).

import type { LanguageSpec } from '../tokens/language-spec';
import type { AnswerValue, CompletionAnswer, LegalName, NameKind, OracleAnswer, OracleQuery, QueryKind } from '../oracle/query';
import type { MonitorContext } from './monitor';
import type { NameCandidate } from '../statistics/name-scores';

export type Legal<R> = { readonly legal: R; readonly note?: string } | { readonly legal?: undefined; readonly why: string; readonly unguided?: boolean; readonly nothingThere?: boolean };

export interface Question<K extends QueryKind, R> {
  /** The asking monitor, for the trace. */
  readonly monitor: string;
  readonly kind: K;
  /** Generated text up to the question. */
  readonly generated: string;
  readonly triggerCharacter?: string;
  /** Whether a "no answer" leaves the completion unguided (names: yes; signature help after `(`: no, most `(` are no call). */
  readonly noAnswerIsUnguided: boolean;
  /** The answer as the monitor's legal set, or why it gives none. */
  legal(answer: AnswerValue<K>): Legal<R>;
}

/** Asks `q` within the context's deadline and reports the outcome; `undefined`: leave the model free. */
export async function ask<K extends QueryKind, R>(ctx: MonitorContext, q: Question<K, R>): Promise<R | undefined> {
  const started = ctx.clock.now();
  const outcome = await answerWithin(ctx, { kind: q.kind, generated: q.generated, triggerCharacter: q.triggerCharacter });
  const ms = Math.round((ctx.clock.now() - started) * 10) / 10;
  const result = legalOf(q, outcome);
  if (result.legal !== undefined) {
    ctx.report({ monitor: q.monitor, oracleMs: ms, note: (result as { note?: string }).note });
    return result.legal;
  }
  const failed = result as { why: string; unguided?: boolean; nothingThere?: boolean };
  // A cancelled completion generates nothing more: its question is not a step left unconstrained.
  const note = ctx.signal?.aborted ? failed.why : `${failed.why}: unconstrained`;
  ctx.report({ monitor: q.monitor, oracleMs: ms, note, unguided: failed.unguided, ...(failed.nothingThere && { nothingThere: q.kind }) });
  return undefined;
}

function legalOf<K extends QueryKind, R>(q: Question<K, R>, outcome: Outcome): Legal<R> {
  if (!('answer' in outcome)) return outcome;
  const a = outcome.answer;
  switch (a.status) {
    case 'answered': return q.legal(a.value as AnswerValue<K>);
    case 'noAnswer': return { why: a.reason, unguided: q.noAnswerIsUnguided || undefined, nothingThere: true };
    case 'timedOut': return { why: a.reason, unguided: true };
  }
}

/**
 * Calls `expire` once `ms` have passed, one event-loop turn late; returns the cancel function. The
 * model's forward pass blocks the thread the monitors run on: a deadline that passes during it is
 * delivered together with an answer that arrived in time, and one more turn lets the answer be
 * read first (a 7 s prefill otherwise timed out a question answered in 23 ms).
 */
export function deadline(ms: number, expire: () => void): () => void {
  let timer = setTimeout(() => {
    timer = setTimeout(expire, 0);
  }, ms);
  return () => clearTimeout(timer);
}

type Outcome = { readonly answer: OracleAnswer } | { readonly why: string; readonly unguided: boolean };

/** The oracle's answer, or why there is none: past the deadline, cancelled, or the oracle threw. */
function answerWithin(ctx: MonitorContext, q: Omit<OracleQuery, 'signal'>): Promise<Outcome> {
  const abort = new AbortController();
  let cancelTimer = () => {};
  let onOuterAbort = () => abort.abort();
  const giveUp = new Promise<Outcome>((resolve) => {
    cancelTimer = deadline(ctx.oracleTimeoutMs, () => {
      abort.abort();
      resolve({ why: `no answer within ${ctx.oracleTimeoutMs} ms`, unguided: true });
    });
    // A cancelled completion must not wait for an oracle that ignores its signal.
    onOuterAbort = () => {
      abort.abort();
      resolve({ why: 'cancelled', unguided: false });
    };
    if (ctx.signal?.aborted) onOuterAbort();
    ctx.signal?.addEventListener('abort', onOuterAbort, { once: true });
  });
  const answer = ctx.oracle.answer({ ...q, signal: abort.signal }, { prefix: ctx.prefix, suffix: ctx.suffix }).then(
    (a): Outcome => ({ answer: a }),
    (e: unknown): Outcome => ({ why: `oracle failed: ${e instanceof Error ? e.message : String(e)}`, unguided: true }),
  );
  return Promise.race([answer, giveUp]).finally(() => {
    cancelTimer();
    ctx.signal?.removeEventListener('abort', onOuterAbort);
  });
}

const notNames: ReadonlySet<NameKind> = new Set(['keyword', 'text']);
const defaultKeep = (item: LegalName) => !notNames.has(item.kind);

/** The names an answer allows, or why it allows none (a word-based answer is no answer). */
export function legalNameList(answer: CompletionAnswer, lang: LanguageSpec, keep?: (item: LegalName) => boolean): Legal<NameCandidate[]> {
  if (!answer.semantic) return { why: 'word-based answer only', unguided: true };
  const names = legalCandidates(answer, lang, keep);
  return names.length ? { legal: names } : { why: 'no legal names in the answer', unguided: false };
}

/**
 * Names an answer allows: items `keep` accepts (by default all but keywords and word-based items),
 * identifiers only (optionally `#private`), and literals as written. Editors label optional members `name?`: the `?` is not
 * part of the name.
 */
export function legalNames(answer: CompletionAnswer, lang: LanguageSpec, keep: (item: LegalName) => boolean = defaultKeep): string[] {
  return legalCandidates(answer, lang, keep).map((c) => c.name);
}

/** `legalNames`, each with its place in the service's list and what the project says of it. */
export function legalCandidates(answer: CompletionAnswer, lang: LanguageSpec, keep: (item: LegalName) => boolean = defaultKeep): NameCandidate[] {
  const out = new Map<string, NameCandidate>();
  answer.names.forEach((item, order) => {
    if (!keep(item)) return;
    const name = item.kind === 'literal' ? item.name : item.name.endsWith('?') ? item.name.slice(0, -1) : item.name;
    if (out.has(name) || (item.kind !== 'literal' && !isIdentifier(name, lang))) return;
    out.set(name, { name, order, uses: item.uses, pairUses: item.pairUses, memberUses: item.memberUses });
  });
  return [...out.values()];
}

export function isIdentifier(name: string, lang: LanguageSpec): boolean {
  const body = name.startsWith('#') ? name.slice(1) : name;
  let first = true;
  for (const ch of body) {
    const cp = ch.codePointAt(0)!;
    if (first ? !lang.isIdStart(cp) : !lang.isIdContinue(cp)) return false;
    first = false;
  }
  return !first;
}
