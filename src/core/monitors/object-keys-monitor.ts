// Inside an object literal whose type is known, a member must start with one of its property names
// not written yet (TypeScript's own answer at `{` or `,`). The name may follow the `{` or `,` after
// any whitespace, so this is not a plain name position: the mask allows whitespace, then a legal
// name (or its prefix), or something that is not a plain key (`}`, `...spread`, `[computed]`,
// a quoted key, a comment). Brackets are told apart as in the arguments monitor: `{` where a value
// is expected opens an object literal, `{` after `)` or `=>` a block.

import { isSpaceUnit } from '../decoding/code-scanner';
import { NameTrie } from '../tokens/name-trie';
import { TokenSet } from '../tokens/token-set';
import { codePointAt } from '../tokens/utf8';
import { ask, legalNameList } from './ask';
import { CallTracker } from './call-tracker';
import type { Monitor, MonitorContext, Verdict } from './monitor';
import type { LegalName, NamesKind } from '../ports';
import { anySignal } from './any-signal';
import { CheckedSimulations, type Simulation } from './checked-simulation';

const LBRACE = 0x7b, COMMA = 0x2c;
/**
 * What may start a member instead of a plain key: `}` `...x` `[k]` `'k'` `"k"` a comment, a number key.
 * Not `*`: a generator method in a typed literal is rare, while a small model that reaches a `{`
 * often wants to open a doc comment (`* @param`) there.
 */
const ESCAPES = [0x7d, 0x2e, 0x5b, 0x27, 0x22, 0x2f, ...'0123456789'.split('').map((c) => c.charCodeAt(0))];
/** Words that may come before a method's name (`get total() {}`): allowed as if they were names. */
const MODIFIERS = ['get', 'set', 'async'];
const SPACES = [0x20, 0x09, 0x0a, 0x0d];

type Answer = NameTrie | null;
type Mode =
  | { readonly kind: 'idle' }
  /** At a key position; `answer` undefined until settled. */
  | { readonly kind: 'key'; readonly asked: Promise<Answer>; readonly answer?: Answer }
  | { readonly kind: 'name'; readonly trie: NameTrie; readonly node: number };
type SimState = { readonly tracker: CallTracker; readonly mode: Mode; readonly askAt?: number };

const IDLE: Mode = { kind: 'idle' };

export class ObjectKeysMonitor implements Monitor {
  readonly name: string = 'objectKeys';
  /** First bytes that may start a member instead of a plain name. */
  protected readonly escapes: readonly number[] = ESCAPES;
  /** Words allowed besides the answer's names. */
  protected readonly modifiers: readonly string[] = MODIFIERS;
  protected readonly kind: NamesKind = 'objectKeys';
  protected ctx!: MonitorContext;
  private tracker = new CallTracker();
  private mode: Mode = IDLE;
  private answers = new Map<string, Promise<Answer>>();
  private readonly checked = new CheckedSimulations<SimState>((bytes, id) => this.simulate(bytes, id));
  private maskCache?: { key: Mode; trie: NameTrie; node: number; set: TokenSet };
  private readonly abort = new AbortController();

  start(ctx: MonitorContext): void {
    this.ctx = { ...ctx, signal: ctx.signal ? anySignal(ctx.signal, this.abort.signal) : this.abort.signal };
    this.tracker = CallTracker.afterPrefix(ctx.prefix);
    // The cursor at a key position (`{`, `{\n  `, `a: 1, `): the first token is constrained too.
    if (this.atKey(this.tracker)) this.mode = { kind: 'key', asked: this.ask('') };
  }

  mask(): TokenSet | undefined {
    const m = this.mode;
    const trie = m.kind === 'name' ? m.trie : m.kind === 'key' ? m.answer : undefined;
    if (!trie) return undefined;
    const node = m.kind === 'name' ? m.node : NameTrie.ROOT;
    const c = this.maskCache;
    if (c && c.trie === trie && c.node === node && c.key.kind === m.kind) return c.set;
    const index = this.ctx.index;
    let set: TokenSet;
    if (m.kind === 'name') {
      set = index.allowedAfter(trie, node);
    } else {
      set = new TokenSet(index.vocabSize);
      // Whitespace, then a legal name (or a prefix of one), or an escape.
      const visit = (wsNode: number, depth: number): void => {
        if (depth > 0) index.addOwn(set, wsNode);
        index.allowedAfter(trie, NameTrie.ROOT, { from: wsNode, escapes: this.escapes, into: set });
        if (depth < 16) for (const s of SPACES) {
          const c2 = index.child(wsNode, s);
          if (c2 >= 0) visit(c2, depth + 1);
        }
      };
      visit(0, 0);
      for (const id of index.endIds) if (id < index.vocabSize) set.add(id);
    }
    this.maskCache = { key: m, trie, node, set };
    return set;
  }

  check(tokenId: number): Promise<Verdict> {
    return this.checked.check(this.ctx.index, tokenId);
  }

  commit(tokenId: number): void {
    const bytes = this.ctx.index.bytesOf(tokenId);
    if (!bytes) return;
    const sim = this.checked.take(tokenId);
    if (!sim) {
      this.tracker.pushAll(bytes);
      this.mode = IDLE;
      return;
    }
    this.tracker = sim.tracker;
    this.mode = sim.askAt !== undefined ? { kind: 'key', asked: this.ask(this.ctx.generated.decodeWith(bytes.subarray(0, sim.askAt))) } : sim.mode;
  }

  async settle(): Promise<void> {
    const m = this.mode;
    if (m.kind === 'key' && m.answer === undefined) this.mode = { kind: 'key', asked: m.asked, answer: await m.asked };
  }

  dispose(): void {
    this.abort.abort();
  }

  /** A member may start here: right after `{` or `,` (and any whitespace) at an object literal's level. */
  protected atKey(t: CallTracker): boolean {
    const last = t.sc.lastSignificant;
    return (last === LBRACE || last === COMMA) && t.atObjectLevel();
  }

  /** The `{` or `,` the question is asked after (`at`: generated text ending in it). */
  protected trigger(at: string): string {
    return at.length ? at[at.length - 1]! : (this.ctx.prefix.replace(/\s+$/, '').slice(-1) || '{');
  }

  protected keep(item: LegalName): boolean {
    return item.kind === 'property' || item.kind === 'method' || item.kind === 'field';
  }

  private ask(generated: string): Promise<Answer> {
    // Whitespace after the `{` or `,` does not change the answer.
    const at = generated.replace(/\s+$/, '');
    let p = this.answers.get(at);
    if (!p) {
      p = ask(this.ctx, {
        monitor: this.name,
        kind: this.kind,
        generated: at,
        triggerCharacter: this.trigger(at),
        noAnswerIsUnguided: true,
        legal: (answer) => legalNameList(answer, this.ctx.index.lang, (item) => this.keep(item)),
      }).then((names) => (names ? new NameTrie([...names.map((c) => c.name), ...this.modifiers]) : null));
      this.answers.set(at, p);
    }
    return p;
  }

  private async simulate(bytes: Uint8Array, tokenId: number): Promise<Simulation<SimState>> {
    const lang = this.ctx.index.lang;
    const t = this.tracker.clone();
    let mode: Mode = this.mode;
    // Set once a key position inside this token got its answer: a mismatch after it is a veto.
    let judged = false;
    let askAt: number | undefined;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (mode.kind === 'key' && !isSpaceUnit(b)) {
        const trie = mode.answer;
        if (trie) {
          const next = trie.child(NameTrie.ROOT, b);
          if (next >= 0) mode = { kind: 'name', trie, node: next };
          else if (this.escapes.includes(b)) mode = IDLE;
          else if (judged) return { ok: false, exclude: TokenSet.of(this.ctx.index.vocabSize, [tokenId]), reason: 'no property of this object starts this way' };
          else mode = IDLE;
        } else {
          mode = IDLE;
        }
      } else if (mode.kind === 'name') {
        const next = mode.trie.child(mode.node, b);
        if (next >= 0) mode = { kind: 'name', trie: mode.trie, node: next };
        else {
          const cp = codePointAt(bytes, i);
          const ends = mode.trie.isTerminal(mode.node) && cp >= 0 && !lang.isIdContinue(cp);
          if (!ends && judged) return { ok: false, exclude: TokenSet.of(this.ctx.index.vocabSize, [tokenId]), reason: 'no property of this object is named so' };
          mode = IDLE;
        }
      }
      const wasKey = mode.kind === 'key';
      t.push(b);
      if (!wasKey && mode.kind === 'idle' && (b === LBRACE || b === COMMA) && this.atKey(t)) {
        if (i === bytes.length - 1) {
          askAt = i + 1;
          break;
        }
        const asked = this.ask(this.ctx.generated.decodeWith(bytes.subarray(0, i + 1)));
        const answer = await asked;
        mode = { kind: 'key', asked, answer };
        judged = answer !== null;
      }
    }
    return { ok: true, tracker: t, mode, askAt };
  }
}
