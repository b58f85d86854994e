// Inside a call's argument list, the number of arguments must be one the callee accepts (the
// paper's argument-count monitor, for TypeScript): the call cannot be closed before its required
// arguments are there and cannot take more than any overload accepts (rest parameters: no upper
// bound). The callee's overloads come from signature help, asked when the `(` is generated, so the
// question overlaps the model's pass over that token. Unlike a name position, this constrains
// every step inside the list, but only tokens that close the call or start one argument too many.

import { TokenSet } from '../tokens/token-set';
import type { TokenIndex } from '../tokens/token-index';
import { ask } from './ask';
import type { Monitor, MonitorContext, Verdict } from './monitor';
import { ArgumentCounts, CallTracker, OPENED_CALL, VIOLATION, type CallFrame } from './call-tracker';
import { anySignal } from './any-signal';
import { CheckedSimulations, type Simulation } from './checked-simulation';

const RPAREN = 0x29, COMMA = 0x2c, SLASH = 0x2f;
const SPACES = [0x20, 0x09, 0x0a, 0x0d];

type SimState = { readonly tracker: CallTracker; readonly opened: boolean };

/** Per vocabulary: tokens with a `)` or `,` (only they can break a count, except right after a full list). */
const candidatesOf = new WeakMap<TokenIndex, Int32Array>();

function candidates(index: TokenIndex): Int32Array {
  let c = candidatesOf.get(index);
  if (!c) {
    const ids: number[] = [];
    for (let id = 0; id < index.vocabSize; id++) {
      const b = index.bytesOf(id);
      if (b && (b.includes(RPAREN) || b.includes(COMMA))) ids.push(id);
    }
    c = Int32Array.from(ids);
    candidatesOf.set(index, c);
  }
  return c;
}

export class ArgumentsMonitor implements Monitor {
  readonly name = 'arguments';
  private ctx!: MonitorContext;
  private tracker = new CallTracker();
  /** Frames whose answer the next mask needs. */
  private waiting: { frame: CallFrame; answer: Promise<ArgumentCounts | null> }[] = [];
  private answers = new Map<string, Promise<ArgumentCounts | null>>();
  private readonly checked = new CheckedSimulations<SimState>((bytes, id) => this.simulate(bytes, id));
  private maskCache = new Map<string, TokenSet>();
  private readonly abort = new AbortController();

  start(ctx: MonitorContext): void {
    this.ctx = { ...ctx, signal: ctx.signal ? anySignal(ctx.signal, this.abort.signal) : this.abort.signal };
    this.tracker = CallTracker.afterPrefix(ctx.prefix);
    for (const f of this.tracker.frames()) f.counts = null;
    // The cursor right after `foo(` or `foo(a, `: ask about that call. Mid-argument, the service
    // cannot confirm the `(` or `,` belongs to the call, so the list stays unconstrained.
    const frame = this.tracker.atArguments();
    const last = this.tracker.sc.lastSignificant;
    if (frame && !frame.started && (last === 0x28 || last === COMMA)) {
      frame.counts = undefined;
      this.waiting.push({ frame, answer: this.ask('', String.fromCharCode(last), frame.commas) });
    }
  }

  mask(): TokenSet | undefined {
    const t = this.tracker;
    if (!t.constraining()) return undefined;
    const key = this.stateKey(t);
    let set = key === undefined ? undefined : this.maskCache.get(key);
    if (!set) {
      set = this.computeMask(t);
      if (key !== undefined) {
        if (this.maskCache.size > 64) this.maskCache.clear();
        this.maskCache.set(key, set);
      }
    }
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
      // Committed without our check passing (the loop gave up on vetoes): follow the text only.
      const before = this.tracker.frames().length;
      this.tracker.pushAll(bytes);
      for (const f of this.tracker.frames().slice(before)) if (f.counts === undefined) f.counts = null;
      return;
    }
    this.tracker = sim.tracker;
    if (sim.opened) {
      const frame = this.tracker.newest();
      this.waiting.push({ frame, answer: this.ask(this.ctx.generated.decodeWith(bytes), '(', 0) });
    }
  }

  async settle(): Promise<void> {
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) w.frame.counts = await w.answer;
  }

  dispose(): void {
    this.abort.abort();
  }

  /**
   * The token through the tracker. A call opened inside the token (`()`, `(x,`) is asked about
   * before the token is accepted, so its tail is judged against the answer.
   */
  private async simulate(bytes: Uint8Array, tokenId: number): Promise<Simulation<SimState>> {
    const t = this.tracker.clone();
    // Set once a call opened inside this token has known counts: from there on, a break is a veto.
    let judged: { end: number; counts: ArgumentCounts } | undefined;
    for (let i = 0; i < bytes.length; i++) {
      const r = t.push(bytes[i]!);
      if (r === VIOLATION) {
        if (judged) return { ok: false, exclude: this.tailViolations(bytes.subarray(0, judged.end), judged.counts, tokenId), reason: 'the call cannot take this many arguments' };
        // Not in the mask: this step went unconstrained (an empty joint mask). Let the call go.
        const f = t.atArguments();
        if (f) f.counts = null;
        t.push(bytes[i]!);
        continue;
      }
      if (r !== OPENED_CALL) continue;
      if (i === bytes.length - 1) return { ok: true, tracker: t, opened: true };
      const counts = await this.ask(this.ctx.generated.decodeWith(bytes.subarray(0, i + 1)), '(', 0);
      t.newest().counts = counts;
      if (counts) judged = { end: i + 1, counts };
    }
    return { ok: true, tracker: t, opened: false };
  }

  /** Tokens that share the text up to the in-token `(` with the sampled one and break its count. */
  private tailViolations(head: Uint8Array, counts: ArgumentCounts, tokenId: number): TokenSet {
    const index = this.ctx.index;
    const out = new TokenSet(index.vocabSize);
    out.add(tokenId);
    const node = index.nodeFor(head);
    if (node < 0) return out;
    const base = this.tracker.clone();
    for (let i = 0; i < head.length; i++) {
      const r = base.push(head[i]!);
      if (r === VIOLATION) return out;
      if (r === OPENED_CALL && i === head.length - 1) base.newest().counts = counts;
    }
    for (const id of index.subtree(node).toIds()) if (breaks(base.clone(), index.bytesOf(id)!, head.length)) out.add(id);
    return out;
  }

  /** Equal keys, equal masks; undefined when the state cannot be keyed cheaply (never cached). */
  private stateKey(t: CallTracker): string | undefined {
    const sc = t.sc;
    // Inside a string, whether a quote ends it depends on escapes the key cannot see: probe it.
    let lex: string = sc.state;
    if (sc.state === 'single' || sc.state === 'double' || sc.state === 'template') {
      const probe = sc.clone();
      probe.push(sc.state === 'single' ? 0x27 : sc.state === 'double' ? 0x22 : 0x60);
      lex += probe.state === sc.state ? '\\' : '';
    } else if (sc.state !== 'code') {
      return undefined;
    }
    return `${lex}|${sc.depth}|${sc.prev === SLASH ? '/' : ''}|${t.frameKey()}`;
  }

  private computeMask(t: CallTracker): TokenSet {
    const index = this.ctx.index;
    const frame = t.atArguments();
    // Right after a full list (`f(` of a 0-argument function, `g(a,` of a 1-argument one) only
    // spaces, comments and `)` can come: build that set positively instead of subtracting.
    if (frame?.counts && !frame.started && frame.commas + 1 > frame.counts.max) {
      const set = new TokenSet(index.vocabSize);
      const visit = (node: number, depth: number): void => {
        if (depth > 0) index.addOwn(set, node);
        for (const b of [RPAREN, SLASH]) {
          const c = index.child(node, b);
          if (c >= 0) index.addSubtree(set, c);
        }
        if (depth < 16) for (const s of SPACES) {
          const c = index.child(node, s);
          if (c >= 0) visit(c, depth + 1);
        }
      };
      visit(0, 0);
      for (const id of set.toIds()) if (breaks(t.clone(), index.bytesOf(id)!, 0)) removeId(set, id);
      for (const id of index.endIds) if (id < index.vocabSize) set.add(id);
      return set;
    }
    const set = index.textTokens.clone();
    for (const id of index.endIds) if (id < index.vocabSize) set.add(id);
    for (const id of candidates(index)) if (breaks(t.clone(), index.bytesOf(id)!, 0)) removeId(set, id);
    return set;
  }

  private ask(generated: string, trigger: string, expectArgument: number): Promise<ArgumentCounts | null> {
    const key = `${trigger}\u0000${generated}`;
    let p = this.answers.get(key);
    if (!p) {
      p = this.consult(generated, trigger, expectArgument);
      this.answers.set(key, p);
    }
    return p;
  }

  private consult(generated: string, trigger: string, expectArgument: number): Promise<ArgumentCounts | null> {
    return ask(this.ctx, {
      monitor: this.name,
      kind: 'signature',
      generated,
      triggerCharacter: trigger,
      // No signature help is the usual answer for `(` that is no call (`if (`, a declaration).
      noAnswerIsUnguided: false,
      legal: (answer) => {
        if (answer.overloads.length === 0) return { why: 'no overloads' };
        if (answer.activeArgument !== expectArgument) return { why: `the service placed the cursor in argument ${answer.activeArgument + 1}, not ${expectArgument + 1}` };
        const counts = new ArgumentCounts(answer.overloads);
        return { legal: counts, note: `accepts ${counts.toString()} arguments` };
      },
    }).then((counts) => counts ?? null);
  }
}

/** Whether feeding `bytes[from..]` to `t` breaks a known count (calls opened inside stay unknown). */
function breaks(t: CallTracker, bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (t.push(bytes[i]!) === VIOLATION) return true;
  return false;
}

function removeId(set: TokenSet, id: number): void {
  set.words[id >>> 5]! &= ~(1 << (id & 31));
}
