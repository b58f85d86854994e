// A position where only names the oracle knows may follow (a member after `.`, a constructor after
// `new `). The trigger is found on characters, not tokens: a token like `.len` or ` Foo` splits at
// the trigger and its tail must fit the oracle's answer before the token is accepted. A trigger
// that ends a token is asked about at commit time, so the question overlaps the model's forward
// pass over that token. Subclasses say what a trigger is and which answer items count.

import { CodeScanner, isSpaceUnit } from '../decoding/code-scanner';
import type { CompletionAnswer, LegalName, NamesKind } from '../ports';
import { NameTrie } from '../tokens/name-trie';
import type { TokenSet } from '../tokens/token-set';
import { codePointAt } from '../tokens/utf8';
import type { LanguageSpec } from '../tokens/language-spec';
import { ask, legalNameList } from './ask';
import type { Monitor, MonitorContext, NamePosition, Verdict } from './monitor';
import type { NameCandidate } from '../statistics/name-scores';
import { anySignal } from './any-signal';
import { CheckedSimulations, type Simulation } from './checked-simulation';

export const NO_ESCAPES: readonly number[] = [];
const NONE = NO_ESCAPES;

/** `escapes`: first bytes that may replace the name after this answer's trigger. */
type Answer = { readonly trie?: NameTrie; readonly candidates?: readonly NameCandidate[]; readonly escapes: readonly number[]; readonly followers?: readonly number[] };
type Idle = { readonly kind: 'idle' };
type Pending = { readonly kind: 'pending'; readonly trigger: string };
type Awaiting = { readonly kind: 'awaiting'; readonly answer: Promise<Answer>; readonly typed?: Uint8Array };
type Constrained = {
  readonly kind: 'constrained'; readonly trie: NameTrie; readonly node: number; readonly escapes: readonly number[]; readonly followers?: readonly number[];
  readonly candidates: readonly NameCandidate[];
};
type Mode = Idle | Pending | Awaiting | Constrained;
type SimState = { readonly mode: Mode; readonly scanner: CodeScanner };

const IDLE: Idle = { kind: 'idle' };
const utf8 = new TextEncoder();

/** The character at `bytes[i]` is complete within `bytes` and cannot continue an identifier. */
function endsNameAt(bytes: Uint8Array, i: number, lang: LanguageSpec): boolean {
  const cp = codePointAt(bytes, i);
  return cp >= 0 && !lang.isIdContinue(cp);
}

export abstract class NamePositionMonitor implements Monitor {
  abstract readonly name: string;
  /** What the oracle is asked at this monitor's trigger. */
  protected abstract readonly kind: NamesKind;
  /** Called before `unit` is pushed into `sc`: the trigger text when `unit` completes a trigger. */
  protected abstract detect(sc: CodeScanner, unit: number): string | undefined;
  /** First bytes that may stand instead of a name right after `trigger`. */
  protected escapesAfter(_trigger: string): readonly number[] {
    return NONE;
  }
  /** First bytes that may follow a complete name; any character that cannot continue a name when undefined. */
  protected readonly followers?: readonly number[];
  /** `followers` for the names of one answer (a monitor whose answers differ in kind says per answer). */
  protected followersFor(_answer: CompletionAnswer): readonly number[] | undefined {
    return this.followers;
  }
  /** Whether an answer item is a legal name here (keywords and word-based items never are). */
  protected keep(item: LegalName): boolean {
    return item.kind !== 'keyword' && item.kind !== 'text';
  }

  private ctx!: MonitorContext;
  /** The language id of the document (`typescript`, `javascript`, …). */
  protected get languageId(): string {
    return this.ctx.index.lang.id;
  }
  private scanner = new CodeScanner();
  private mode: Mode = IDLE;
  /** Answers by the generated text they were asked at (a rejected `.len` and the next `.get` share one). */
  private answers = new Map<string, Promise<Answer>>();
  private readonly checked = new CheckedSimulations<SimState>((bytes) => this.simulate(bytes));
  private maskCache?: { trie: NameTrie; node: number; set: TokenSet };
  private readonly abort = new AbortController();

  start(ctx: MonitorContext): void {
    this.ctx = { ...ctx, signal: ctx.signal ? anySignal(ctx.signal, this.abort.signal) : this.abort.signal, report: ctx.report };
    // The cursor may already sit right after a trigger or inside the name that follows one
    // (`obj.na|`): then the first tokens are constrained too.
    const prefix = ctx.prefix;
    let last: { trigger: string; end: number } | undefined;
    for (let i = 0; i < prefix.length; i++) {
      const unit = prefix.charCodeAt(i);
      const trigger = this.detect(this.scanner, unit);
      this.scanner.push(unit);
      if (trigger) last = { trigger, end: i + 1 };
    }
    // Whitespace may separate the trigger from the name (`obj.\n  x` is a member access): a cursor
    // after it is still at the name position.
    const typedText = last ? prefix.slice(last.end).replace(/^\s+/, '') : '';
    if (last && isNameSoFar(typedText, ctx.index.lang)) {
      const typed = utf8.encode(typedText);
      this.mode = { kind: 'awaiting', answer: this.ask('', last.trigger), typed };
    }
  }

  mask(): TokenSet | undefined {
    const m = this.mode;
    if (m.kind !== 'constrained') return undefined;
    let c = this.maskCache;
    if (!c || c.trie !== m.trie || c.node !== m.node) {
      c = { trie: m.trie, node: m.node, set: this.ctx.index.allowedAfter(m.trie, m.node, { escapes: m.escapes, followers: m.followers }) };
      this.maskCache = c;
    }
    return c.set;
  }

  check(tokenId: number): Promise<Verdict> {
    return this.checked.check(this.ctx.index, tokenId);
  }

  wouldAsk(tokenId: number): boolean {
    const bytes = this.ctx.index.bytesOf(tokenId);
    if (!bytes || bytes.length < 2) return false;
    const sc = this.scanner.clone();
    for (let i = 0; i < bytes.length - 1; i++) {
      if (this.detect(sc, bytes[i]!)) return true;
      sc.push(bytes[i]!);
    }
    return false;
  }

  commit(tokenId: number): void {
    const bytes = this.ctx.index.bytesOf(tokenId);
    if (!bytes) return;
    const sim = this.checked.take(tokenId);
    if (!sim) {
      // Not checked (or vetoed by us and committed anyway): track the text, constrain nothing.
      for (const b of bytes) this.scanner.push(b);
      this.mode = IDLE;
      return;
    }
    this.scanner = sim.scanner;
    this.mode = sim.mode;
    if (this.mode.kind === 'pending') {
      this.mode = { kind: 'awaiting', answer: this.ask(this.ctx.generated.decodeWith(bytes), this.mode.trigger) };
    }
  }

  async settle(): Promise<void> {
    const m = this.mode;
    if (m.kind !== 'awaiting') return;
    const answer = await m.answer;
    if (!answer.trie) {
      this.mode = IDLE;
      return;
    }
    const node = m.typed ? answer.trie.walk(m.typed) : NameTrie.ROOT;
    if (node < 0) {
      this.ctx.report({ monitor: this.name, note: 'the name before the cursor starts no legal name: unconstrained' });
      this.mode = IDLE;
      return;
    }
    this.mode = { kind: 'constrained', trie: answer.trie, node, escapes: m.typed?.length ? NONE : answer.escapes, followers: answer.followers, candidates: answer.candidates ?? [] };
  }

  namePosition(): NamePosition | undefined {
    const m = this.mode;
    return m.kind === 'constrained' ? { monitor: this.name, kind: this.kind, trie: m.trie, node: m.node, candidates: m.candidates } : undefined;
  }

  dispose(): void {
    this.abort.abort();
  }

  private ask(generated: string, trigger: string): Promise<Answer> {
    const key = `${trigger}\u0000${generated}`;
    let p = this.answers.get(key);
    if (!p) {
      const escapes = this.escapesAfter(trigger);
      let followers: readonly number[] | undefined;
      p = ask(this.ctx, {
        monitor: this.name,
        kind: this.kind,
        generated,
        triggerCharacter: trigger.endsWith('.') ? '.' : undefined,
        noAnswerIsUnguided: true,
        legal: (answer) => {
          followers = this.followersFor(answer);
          return legalNameList(answer, this.ctx.index.lang, (item) => this.keep(item));
        },
      }).then((names) => (names ? { trie: new NameTrie(names.map((c) => c.name)), candidates: names, escapes, followers } : { escapes }));
      this.answers.set(key, p);
    }
    return p;
  }

  /** Runs the token's bytes through the state machine without changing this monitor. */
  private async simulate(bytes: Uint8Array): Promise<Simulation<SimState>> {
    const lang = this.ctx.index.lang;
    let mode: Mode = this.mode.kind === 'constrained' ? this.mode : IDLE;
    const sc = this.scanner.clone();
    // Set when a trigger inside this token got an answer: the tail after it must fit.
    let head = -1;
    let headMode: Constrained | undefined;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (mode.kind === 'constrained') {
        // Whitespace before the first character of the name keeps the name position (the mask
        // never offers it; this holds when a step went unconstrained and wrote some).
        if (mode.node === NameTrie.ROOT && isSpaceUnit(b)) {
          sc.push(b);
          continue;
        }
        const next = mode.trie.child(mode.node, b);
        if (next >= 0) {
          mode = { ...mode, node: next, escapes: NONE };
          sc.push(b);
          continue;
        }
        const ends = (mode.trie.isTerminal(mode.node) && (mode.followers ? mode.followers.includes(b) : endsNameAt(bytes, i, lang))) || mode.escapes.includes(b);
        if (!ends && head >= 0 && headMode) {
          return { ok: false, exclude: this.tailMismatches(bytes.subarray(0, head), headMode), reason: 'no legal name continues this way' };
        }
        // `!ends` without a head: this step went unconstrained (empty joint mask) and left the names.
        mode = IDLE;
      }
      const trigger = this.detect(sc, b);
      sc.push(b);
      if (!trigger) continue;
      if (i === bytes.length - 1) {
        mode = { kind: 'pending', trigger };
        break;
      }
      const answer = await this.ask(this.ctx.generated.decodeWith(bytes.subarray(0, i + 1)), trigger);
      if (!answer.trie) {
        mode = IDLE;
        continue;
      }
      mode = headMode = { kind: 'constrained', trie: answer.trie, node: NameTrie.ROOT, escapes: answer.escapes, followers: answer.followers, candidates: answer.candidates ?? [] };
      head = i + 1;
    }
    return { ok: true, mode, scanner: sc };
  }

  /** Tokens that share the text up to the trigger with the sampled one and whose tail does not fit. */
  private tailMismatches(head: Uint8Array, at: Constrained): TokenSet {
    const index = this.ctx.index;
    const node = index.nodeFor(head);
    const fits = index.allowedAfter(at.trie, at.node, { from: node, escapes: at.escapes, followers: at.followers });
    index.addOwn(fits, node);
    return index.subtree(node).subtract(fits);
  }
}

/** `text` could be the start of a name: identifier characters only (possibly none). */
function isNameSoFar(text: string, lang: LanguageSpec): boolean {
  for (const ch of text) if (!lang.isIdContinue(ch.codePointAt(0)!)) return false;
  return true;
}
