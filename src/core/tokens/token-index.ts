// Built once per tokenizer: the exact bytes of every token, and a byte trie over them in which
// every node owns a contiguous range of `order` (ids sorted by bytes). Ids that share the same
// bytes sit side by side in that range, so none is lost; a whole subtree is one range.
//
// Allow rules (the paper's, at byte level): with L the legal remaining suffixes, token t is allowed
// iff (a) t is a non-empty prefix of some s in L, or (b) t = s + c + anything with s in L and c a
// complete character that cannot continue an identifier (`length)`, `push(`). Special tokens (no
// bytes) are never allowed at a constrained position, except that end-of-text tokens may follow a
// complete name.

import type { Tokenizer } from '../ports';
import type { LanguageSpec } from './language-spec';
import type { NameTrie } from './name-trie';
import { TokenSet } from './token-set';
import { codePointAt, sequenceLength } from './utf8';
import { PackedBytes } from './packed-bytes';

const lossy = new TextDecoder('utf-8');

export class TokenIndex {
  readonly vocabSize: number;
  readonly endIds: ReadonlySet<number>;
  /** Tokens whose first character cannot continue an identifier: what may follow a complete name. */
  readonly breakStart: TokenSet;
  /** Tokens with text (everything but special/control tokens). */
  readonly textTokens: TokenSet;
  /**
   * Tokens no step may pick: those without text that do not end a completion (prompt-structure
   * markers, chat openers, ids past the tokenizer's vocabulary). A model that writes one means a
   * new prompt section, never part of the completion.
   */
  readonly neverSampled: TokenSet;
  readonly nodeCount: number;

  private constructor(
    readonly lang: LanguageSpec,
    private readonly bytes: PackedBytes,
    endIds: readonly number[],
    /** Token ids in byte order. */
    private readonly order: Int32Array,
    /** Per node, preorder: edge byte into it, first node after its subtree, and its token ranges. */
    private readonly label: Uint8Array,
    private readonly nodeEnd: Int32Array,
    private readonly tokStart: Int32Array,
    private readonly ownEnd: Int32Array,
    private readonly tokEnd: Int32Array,
    nodeCount: number,
  ) {
    this.vocabSize = bytes.count;
    this.endIds = new Set(endIds);
    this.nodeCount = nodeCount;
    this.textTokens = TokenSet.of(this.vocabSize, order);
    this.neverSampled = new TokenSet(this.vocabSize);
    for (let id = 0; id < this.vocabSize; id++) if (!bytes.has(id) && !this.endIds.has(id)) this.neverSampled.add(id);
    this.breakStart = new TokenSet(this.vocabSize);
    for (const n of this.breakChildren(0)) this.addSubtree(this.breakStart, n);
  }

  static build(tok: Tokenizer, lang: LanguageSpec): TokenIndex {
    const n = tok.vocabSize;
    const bytes: (Uint8Array | undefined)[] = new Array(n);
    // Latin-1 strings as sort keys: the engine's string order equals byte order. Sorting ids by
    // key (ties by id) puts ids that share the same bytes side by side.
    const keys: string[] = new Array(n);
    const ids: number[] = [];
    let totalBytes = 0;
    for (let id = 0; id < n; id++) {
      const b = tok.tokenBytes(id);
      if (!b || b.length === 0) {
        bytes[id] = undefined;
        continue;
      }
      bytes[id] = b;
      totalBytes += b.length;
      keys[id] = String.fromCharCode.apply(null, b as unknown as number[]);
      ids.push(id);
    }
    ids.sort((a, b) => {
      const ka = keys[a]!, kb = keys[b]!;
      return ka < kb ? -1 : ka > kb ? 1 : a - b;
    });

    const maxNodes = totalBytes + 1;
    const label = new Uint8Array(maxNodes);
    const nodeEnd = new Int32Array(maxNodes);
    const tokStart = new Int32Array(maxNodes);
    const ownEnd = new Int32Array(maxNodes);
    const tokEnd = new Int32Array(maxNodes);
    const order = new Int32Array(n);
    let nodeCount = 1;
    let pos = 0;
    const stack: number[] = [0];
    let prev = '';
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const key = keys[id]!;
      if (key === prev && k > 0) {
        order[pos++] = id;
        ownEnd[stack[stack.length - 1]!] = pos;
        continue;
      }
      let lcp = 0;
      const lim = Math.min(prev.length, key.length, stack.length - 1);
      while (lcp < lim && prev.charCodeAt(lcp) === key.charCodeAt(lcp)) lcp++;
      while (stack.length - 1 > lcp) {
        const done = stack.pop()!;
        nodeEnd[done] = nodeCount;
        tokEnd[done] = pos;
      }
      for (let d = lcp; d < key.length; d++) {
        const node = nodeCount++;
        label[node] = key.charCodeAt(d);
        tokStart[node] = pos;
        ownEnd[node] = pos;
        stack.push(node);
      }
      order[pos++] = id;
      ownEnd[stack[stack.length - 1]!] = pos;
      prev = key;
    }
    while (stack.length) {
      const done = stack.pop()!;
      nodeEnd[done] = nodeCount;
      tokEnd[done] = pos;
    }
    // Node arrays were sized for one node per byte; keep only what the trie uses (about a third).
    const fit = <T extends Uint8Array | Int32Array>(a: T): T => a.slice(0, nodeCount) as T;
    return new TokenIndex(lang, PackedBytes.from(n, (id) => bytes[id]), tok.endIds, order.slice(0, pos), fit(label), fit(nodeEnd), fit(tokStart), fit(ownEnd), fit(tokEnd), nodeCount);
  }

  /** Exact bytes of a token; undefined for special/control tokens and ids past the vocabulary. */
  bytesOf(id: number): Uint8Array | undefined {
    return this.bytes.get(id);
  }

  /** Display text (partial UTF-8 shows as U+FFFD); for traces, not for reasoning about text. */
  textOf(id: number): string {
    // Every traced step asks; a TextDecoder call per step is a measurable part of the loop's own time.
    let t = this.texts.get(id);
    if (t === undefined) {
      const b = this.bytes.get(id);
      t = b ? lossy.decode(b) : '';
      this.texts.set(id, t);
    }
    return t;
  }

  private readonly texts = new Map<number, string>();

  isSpecial(id: number): boolean {
    return !this.bytes.has(id);
  }

  // --- trie navigation -------------------------------------------------------------------------

  private childTables = new Map<number, Int32Array>();

  /** Child of `node` along `byte`, or -1. */
  child(node: number, byte: number): number {
    const table = this.childTables.get(node);
    if (table) return table[byte]!;
    const end = this.nodeEnd[node]!;
    let c = node + 1, count = 0;
    while (c < end) {
      const l = this.label[c]!;
      if (l === byte) return c;
      if (l > byte) break;
      c = this.nodeEnd[c]!;
      count++;
    }
    // Wide nodes (the root, the space-prefixed node) get a direct table the first time they are scanned far.
    if (count >= 16) this.childTables.set(node, this.buildTable(node));
    return -1;
  }

  private buildTable(node: number): Int32Array {
    const t = new Int32Array(256).fill(-1);
    for (let c = node + 1; c < this.nodeEnd[node]!; c = this.nodeEnd[c]!) t[this.label[c]!] = c;
    return t;
  }

  /** Node reached from `from` by `bytes`, or -1. */
  nodeFor(bytes: ArrayLike<number>, from = 0): number {
    let node = from;
    for (let i = 0; i < bytes.length && node >= 0; i++) node = this.child(node, bytes[i]!);
    return node;
  }

  addSubtree(set: TokenSet, node: number): void {
    const order = this.order;
    for (let i = this.tokStart[node]!, e = this.tokEnd[node]!; i < e; i++) set.add(order[i]!);
  }

  addOwn(set: TokenSet, node: number): void {
    const order = this.order;
    for (let i = this.tokStart[node]!, e = this.ownEnd[node]!; i < e; i++) set.add(order[i]!);
  }

  /** Calls `f` with every id whose bytes are exactly the path to `node` (`own`) or start with it. */
  forEachId(node: number, own: boolean, f: (id: number) => void): void {
    const order = this.order;
    for (let i = this.tokStart[node]!, e = own ? this.ownEnd[node]! : this.tokEnd[node]!; i < e; i++) f(order[i]!);
  }

  /** Some token's bytes are exactly the path to `node`. */
  hasOwn(node: number): boolean {
    return this.ownEnd[node]! > this.tokStart[node]!;
  }

  /** Ids whose bytes are exactly the path to `node`. */
  ownIds(node: number): Int32Array {
    return this.order.slice(this.tokStart[node]!, this.ownEnd[node]!);
  }

  /** All tokens whose bytes start with the path to `node`. */
  subtree(node: number): TokenSet {
    const s = new TokenSet(this.vocabSize);
    this.addSubtree(s, node);
    return s;
  }

  private breakCache = new Map<number, Int32Array>();

  /**
   * Nodes under `node` at which one complete character has been added that cannot continue an
   * identifier; their subtrees are rule (b)'s tokens when a name ends at `node`.
   */
  breakChildren(node: number): Int32Array {
    let cached = this.breakCache.get(node);
    if (cached) return cached;
    const out: number[] = [];
    const path: number[] = [];
    const visit = (n: number, need: number): void => {
      if (need === 0) {
        const cp = codePointAt(path, 0);
        if (cp >= 0 && !this.lang.isIdContinue(cp)) out.push(n);
        return;
      }
      for (let c = n + 1; c < this.nodeEnd[n]!; c = this.nodeEnd[c]!) {
        path.push(this.label[c]!);
        visit(c, need - 1);
        path.pop();
      }
    };
    for (let c = node + 1; c < this.nodeEnd[node]!; c = this.nodeEnd[c]!) {
      const lead = this.label[c]!;
      const len = sequenceLength(lead);
      if (len === 0) continue;
      path.push(lead);
      visit(c, len - 1);
      path.pop();
    }
    cached = Int32Array.from(out);
    this.breakCache.set(node, cached);
    return cached;
  }

  /**
   * The mask while a name is being generated: node `at` of `names` holds the legal remaining
   * suffixes. `from` is the token-trie node of text already in the token (0 = a fresh token);
   * `escapes` are first bytes that leave the name position at once (`(` and `[` after `?.`);
   * `followers`, when given, the only first bytes that may follow a complete name.
   */
  allowedAfter(names: NameTrie, at: number, opts: { from?: number; escapes?: readonly number[]; followers?: readonly number[]; into?: TokenSet } = {}): TokenSet {
    const from = opts.from ?? 0;
    const set = opts.into ?? new TokenSet(this.vocabSize);
    const followers = opts.followers;
    const walk = (tok: number, nm: number, depth: number): void => {
      if (depth > 0) this.addOwn(set, tok);
      if (names.isTerminal(nm)) {
        if (followers) {
          for (const b of followers) {
            const t = this.child(tok, b);
            if (t >= 0) this.addSubtree(set, t);
          }
        } else if (tok === 0) set.union(this.breakStart);
        else for (const c of this.breakChildren(tok)) this.addSubtree(set, c);
      }
      for (let c = names.first(nm); c >= 0; c = names.next(c)) {
        const t = this.child(tok, names.labelOf(c));
        if (t >= 0) walk(t, c, depth + 1);
      }
    };
    walk(from, at, 0);
    // A complete name may also be where the completion ends.
    if (from === 0 && names.isTerminal(at) && !followers) for (const id of this.endIds) if (id < this.vocabSize) set.add(id);
    for (const b of opts.escapes ?? []) {
      const t = this.child(from, b);
      if (t >= 0) this.addSubtree(set, t);
    }
    return set;
  }
}
