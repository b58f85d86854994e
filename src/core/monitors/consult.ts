// One oracle question under a deadline. Whatever goes wrong becomes "no constraint" plus a reason:
// a monitor must never block the model on an unknown.

import type { LanguageSpec } from '../tokens/language-spec';
import type { CompletionAnswer, LegalName, NameKind, OracleQuery } from '../ports';
import type { MonitorContext } from './monitor';

export type Consultation =
  | { readonly names: readonly string[]; readonly ms: number }
  | { readonly names?: undefined; readonly ms: number; readonly why: string; readonly unguided: boolean };

const notNames: ReadonlySet<NameKind> = new Set(['keyword', 'text']);
const defaultKeep = (item: LegalName) => !notNames.has(item.kind);

/**
 * Names an answer allows: items `keep` accepts (by default all but keywords and word-based items),
 * identifiers only (optionally `#private`). Editors label optional members `name?`: the `?` is not
 * part of the name.
 */
export function legalNames(answer: CompletionAnswer, lang: LanguageSpec, keep: (item: LegalName) => boolean = defaultKeep): string[] {
  const out = new Set<string>();
  for (const item of answer.names) {
    if (!keep(item)) continue;
    const name = item.name.endsWith('?') ? item.name.slice(0, -1) : item.name;
    if (isIdentifier(name, lang)) out.add(name);
  }
  return [...out];
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

export function consult(ctx: MonitorContext, generated: string, trigger: string, keep?: (item: LegalName) => boolean): Promise<Consultation> {
  const started = ctx.clock.now();
  const ms = () => Math.round((ctx.clock.now() - started) * 10) / 10;
  const abort = new AbortController();
  let onOuterAbort = () => abort.abort();
  const q: OracleQuery = { prefix: ctx.prefix, generated, suffix: ctx.suffix, trigger, signal: abort.signal };

  let cancelTimer = () => {};
  const timeout = new Promise<Consultation>((resolve) => {
    cancelTimer = deadline(ctx.oracleTimeoutMs, () => {
      abort.abort();
      resolve({ ms: ms(), why: `no answer within ${ctx.oracleTimeoutMs} ms`, unguided: true });
    });
    // A cancelled completion must not wait for an oracle that ignores its signal.
    onOuterAbort = () => {
      abort.abort();
      resolve({ ms: ms(), why: 'cancelled', unguided: false });
    };
    if (ctx.signal?.aborted) onOuterAbort();
    ctx.signal?.addEventListener('abort', onOuterAbort, { once: true });
  });
  const answer = (async (): Promise<Consultation> => {
    try {
      const a = await ctx.oracle.completions(q);
      if (!a) return { ms: ms(), why: 'no answer', unguided: true };
      if (!a.semantic) return { ms: ms(), why: 'word-based answer only', unguided: true };
      const names = legalNames(a, ctx.index.lang, keep);
      if (names.length === 0) return { ms: ms(), why: 'no legal names in the answer', unguided: false };
      return { names, ms: ms() };
    } catch (e) {
      return { ms: ms(), why: `oracle failed: ${e instanceof Error ? e.message : String(e)}`, unguided: true };
    }
  })();
  return Promise.race([answer, timeout]).finally(() => {
    cancelTimer();
    ctx.signal?.removeEventListener('abort', onOuterAbort);
  });
}
