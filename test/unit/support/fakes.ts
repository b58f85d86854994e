// Test doubles for the core: a tokenizer over a hand-written vocabulary, a model whose preferences
// are scripted per step, and an oracle with canned answers.
import type { Around, CompletionAnswer, LanguageModel, LanguageOracle, LegalName, OracleAnswer, OracleQuery, SignatureAnswer, Tokenizer } from '../../../src/core/ports';
import { answerOrNone, noAnswer } from '../../../src/core/oracle/query';

const enc = new TextEncoder();
export const SPECIAL = '<|endoftext|>';

export class FakeTokenizer implements Tokenizer {
  readonly vocabSize: number;
  readonly endIds: number[];
  private readonly pieces: (Uint8Array | undefined)[];

  /** Strings are UTF-8 encoded; a Uint8Array is taken as is (partial characters); SPECIAL is a control token. */
  constructor(readonly vocab: readonly (string | Uint8Array)[]) {
    this.vocabSize = vocab.length;
    this.pieces = vocab.map((v) => (v === SPECIAL ? undefined : typeof v === 'string' ? enc.encode(v) : v));
    this.endIds = vocab.flatMap((v, i) => (v === SPECIAL ? [i] : []));
  }
  tokenBytes(id: number) {
    return this.pieces[id];
  }
  encode(): number[] {
    throw new Error('not needed');
  }
  specialId(text: string) {
    const i = this.vocab.indexOf(text);
    return i >= 0 ? i : undefined;
  }
  id(text: string): number {
    const i = this.vocab.indexOf(text);
    if (i < 0) throw new Error(`no token ${JSON.stringify(text)}`);
    return i;
  }
}

/**
 * Logits from a script: step i ranks token texts or ids (best first); unlisted tokens get a low logit.
 * Past the script it wants end-of-text.
 */
export class ScriptedModel implements LanguageModel {
  readonly vocabSize: number;
  readonly fed: number[] = [];
  steps = 0;
  onStep?: (n: number) => void;

  constructor(private readonly tok: FakeTokenizer, private readonly script: readonly (readonly (string | number)[])[]) {
    this.vocabSize = tok.vocabSize;
  }
  prefills = 0;
  private promptLength = -1;

  /** The first call is the prompt; later ones re-run from a prefix of prompt + fed tokens (a rollback). */
  async prefill(ids: readonly number[]): Promise<Float32Array> {
    this.prefills++;
    if (this.promptLength < 0) this.promptLength = ids.length;
    this.fed.splice(0, this.fed.length, ...ids.slice(this.promptLength));
    this.steps = this.fed.length;
    return this.logits(this.steps);
  }
  async step(id: number, signal?: AbortSignal): Promise<Float32Array> {
    this.fed.push(id);
    this.steps++;
    this.onStep?.(this.steps);
    if (signal?.aborted) throw new Error('aborted');
    return this.logits(this.steps);
  }
  private logits(i: number): Float32Array {
    const out = new Float32Array(this.vocabSize).fill(-10);
    const ranked = this.script[i] ?? [SPECIAL];
    ranked.forEach((t, r) => (out[typeof t === 'number' ? t : this.tok.id(t)] = 10 - r));
    return out;
  }
}

export type Answer = CompletionAnswer | undefined | Error | 'hang';

/** A question as an oracle receives it: the query and the document around the cursor. */
export type SeenQuery = OracleQuery & Around;

/** Answers by the text before the question (prefix + generated); records every question. */
export class FakeOracle implements LanguageOracle {
  readonly queries: SeenQuery[] = [];

  constructor(
    private readonly names: (textBefore: string, q: SeenQuery) => Answer,
    private readonly signature?: (textBefore: string) => SignatureAnswer | undefined | Error,
  ) {}

  async answer(q: OracleQuery, around: Around): Promise<OracleAnswer> {
    const seen: SeenQuery = { ...q, ...around };
    if (q.kind === 'signature') {
      if (!this.signature) return noAnswer('no signature help');
      this.queries.push(seen);
      const a = this.signature(around.prefix + q.generated);
      if (a instanceof Error) throw a;
      return answerOrNone(a, 'no signature here');
    }
    this.queries.push(seen);
    const a = this.names(around.prefix + q.generated, seen);
    if (a === 'hang') return new Promise(() => {});
    if (a instanceof Error) throw a;
    return answerOrNone(a, 'no answer');
  }
}

export function members(...names: string[]): CompletionAnswer {
  return { semantic: true, names: names.map((name): LegalName => ({ name, kind: 'property' })) };
}
