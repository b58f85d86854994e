// Byte-pair encoding of one pre-tokenized word, with every table in typed arrays. The tokenizer
// transformers.js builds keeps a Qwen-sized vocabulary as ~450,000 strings, arrays and map entries
// (47 MB of heap). The model process's collector marks all of it at every full collection, and the
// key/value tensors each forward pass hands V8 start one every few tokens: measured with the 0.5B
// stand-in, 55 ms per token with that tokenizer in the heap against 40-44 without.

export type MergePair = readonly [string, string];

/** Words longer than this are encoded each time, not remembered. */
const CACHED_WORD_CHARS = 64;
/** The cache is emptied when it reaches this many words: a bound on the heap it adds. */
const CACHED_WORDS = 4096;

export class BpeMerges {
  private readonly cache = new Map<string, Int32Array>();
  // Scratch for one word: symbol ids, links between live symbols, and a heap of candidate merges.
  private sym = new Int32Array(64);
  private next = new Int32Array(64);
  private prev = new Int32Array(64);
  private heapRank = new Int32Array(192);
  private heapPos = new Int32Array(192);
  private heapSize = 0;

  private constructor(
    /** The id of each one-character piece, by UTF-16 code unit; -1 for none. */
    private readonly charId: Int32Array,
    // Open addressing over (left id, right id): the merge's rank and the id it makes.
    private readonly slotLeft: Int32Array,
    private readonly slotRight: Int32Array,
    private readonly slotRank: Int32Array,
    private readonly slotMerged: Int32Array,
  ) {}

  /**
   * The merge table of a BPE vocabulary, or undefined where a word could reach a piece the
   * vocabulary lacks (a merge whose result it does not list): this encoder would then differ from
   * the reference tokenizer, which drops such pieces.
   */
  static build(ids: ReadonlyMap<string, number>, merges: readonly MergePair[]): BpeMerges | undefined {
    let maxCode = 0;
    for (const [piece] of ids) if (piece.length === 1) maxCode = Math.max(maxCode, piece.charCodeAt(0));
    const charId = new Int32Array(maxCode + 1).fill(-1);
    for (const [piece, id] of ids) if (piece.length === 1) charId[piece.charCodeAt(0)] = id;
    let size = 1;
    while (size < merges.length * 2) size <<= 1;
    const left = new Int32Array(size).fill(-1);
    const right = new Int32Array(size);
    const rank = new Int32Array(size);
    const merged = new Int32Array(size);
    const table = new BpeMerges(charId, left, right, rank, merged);
    for (let r = 0; r < merges.length; r++) {
      const [a, b] = merges[r]!;
      const ia = ids.get(a);
      const ib = ids.get(b);
      const m = ids.get(a + b);
      if (ia === undefined || ib === undefined || m === undefined) return undefined;
      const slot = table.slotOf(ia, ib);
      // A pair listed twice keeps its later rank, as the reference tokenizer's map does.
      left[slot] = ia;
      right[slot] = ib;
      rank[slot] = r;
      merged[slot] = m;
    }
    return table;
  }

  /**
   * Appends the ids of `word` (already mapped to the vocabulary's characters, e.g. byte-level) to
   * `out`. False, with `out` unchanged, if a character has no piece of its own.
   */
  encodeWord(word: string, out: number[]): boolean {
    const cached = this.cache.get(word);
    if (cached) {
      for (let i = 0; i < cached.length; i++) out.push(cached[i]!);
      return true;
    }
    const n = word.length;
    if (n === 0) return true;
    this.reserve(n);
    const { sym, next, prev } = this;
    for (let i = 0; i < n; i++) {
      const c = word.charCodeAt(i);
      const id = c < this.charId.length ? this.charId[c]! : -1;
      if (id < 0) return false;
      sym[i] = id;
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    this.heapSize = 0;
    for (let i = 0; i + 1 < n; i++) this.offer(i);
    // Lowest rank first, leftmost among equals; a merge only makes pairs of higher rank, so
    // entries made stale by an earlier merge are recognised by their pair's rank no longer matching.
    while (this.heapSize > 0) {
      const rank = this.heapRank[0]!;
      const pos = this.heapPos[0]!;
      this.pop();
      const q = next[pos]!;
      if (q < 0 || sym[pos]! < 0) continue;
      const slot = this.find(sym[pos]!, sym[q]!);
      if (slot < 0 || this.slotRank[slot] !== rank) continue;
      sym[pos] = this.slotMerged[slot]!;
      sym[q] = -1;
      const after = next[q]!;
      next[pos] = after;
      if (after >= 0) prev[after] = pos;
      if (prev[pos]! >= 0) this.offer(prev[pos]!);
      if (after >= 0) this.offer(pos);
    }
    const start = out.length;
    for (let i = 0; i >= 0; i = next[i]!) out.push(sym[i]!);
    if (n <= CACHED_WORD_CHARS) {
      if (this.cache.size >= CACHED_WORDS) this.cache.clear();
      this.cache.set(word, Int32Array.from(out.slice(start)));
    }
    return true;
  }

  /** Queues the merge of the symbol at `pos` with the next one, if the vocabulary has it. */
  private offer(pos: number): void {
    const slot = this.find(this.sym[pos]!, this.sym[this.next[pos]!]!);
    if (slot < 0) return;
    const rank = this.slotRank[slot]!;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(rank, pos, this.heapRank[parent]!, this.heapPos[parent]!)) break;
      this.heapRank[i] = this.heapRank[parent]!;
      this.heapPos[i] = this.heapPos[parent]!;
      i = parent;
    }
    this.heapRank[i] = rank;
    this.heapPos[i] = pos;
  }

  private pop(): void {
    const size = --this.heapSize;
    const rank = this.heapRank[size]!;
    const pos = this.heapPos[size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && this.before(this.heapRank[child + 1]!, this.heapPos[child + 1]!, this.heapRank[child]!, this.heapPos[child]!)) child++;
      if (!this.before(this.heapRank[child]!, this.heapPos[child]!, rank, pos)) break;
      this.heapRank[i] = this.heapRank[child]!;
      this.heapPos[i] = this.heapPos[child]!;
      i = child;
    }
    this.heapRank[i] = rank;
    this.heapPos[i] = pos;
  }

  private before(rankA: number, posA: number, rankB: number, posB: number): boolean {
    return rankA < rankB || (rankA === rankB && posA < posB);
  }

  /** The slot of the pair (a, b), or -1 when it is no merge. */
  private find(a: number, b: number): number {
    const s = this.slotOf(a, b);
    return this.slotLeft[s] === -1 ? -1 : s;
  }

  /** The slot the pair (a, b) has or would take. */
  private slotOf(a: number, b: number): number {
    const mask = this.slotLeft.length - 1;
    for (let s = hash(a, b) & mask; ; s = (s + 1) & mask) {
      const l = this.slotLeft[s]!;
      if (l === -1 || (l === a && this.slotRight[s] === b)) return s;
    }
  }

  private reserve(n: number): void {
    if (this.sym.length >= n) return;
    let size = this.sym.length;
    while (size < n) size *= 2;
    this.sym = new Int32Array(size);
    this.next = new Int32Array(size);
    this.prev = new Int32Array(size);
    // Each merge offers at most two new pairs.
    this.heapRank = new Int32Array(size * 3);
    this.heapPos = new Int32Array(size * 3);
  }
}

function hash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
}
