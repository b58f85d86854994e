// The legal names of one oracle answer as a byte trie. A monitor keeps a node of it (the bytes
// generated since the trigger), and the mask is a joint walk of this trie with the token trie, so
// its cost follows the legal names and not the vocabulary. Flat typed arrays: one is built per
// oracle answer (thousands of names), and objects per node would make that the slow part.

const utf8 = new TextEncoder();
const ASCII = /^[\x00-\x7f]*$/;

export class NameTrie {
  static readonly ROOT = 0;
  readonly size: number;
  readonly nodeCount: number;
  /** Per node: edge byte into it, first child, next sibling (children in ascending byte order), 1 if a name ends here. */
  private readonly label: Uint8Array;
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly terminal: Uint8Array;
  private readonly parent: Int32Array;

  constructor(names: Iterable<string>) {
    const list: (string | Uint8Array)[] = [];
    let total = 0;
    for (const name of names) {
      // ASCII names are their own bytes; others are encoded once.
      const entry = ASCII.test(name) ? name : utf8.encode(name);
      list.push(entry);
      total += entry.length;
    }
    const cap = total + 1;
    this.label = new Uint8Array(cap);
    this.firstChild = new Int32Array(cap).fill(-1);
    this.nextSibling = new Int32Array(cap).fill(-1);
    this.terminal = new Uint8Array(cap);
    this.parent = new Int32Array(cap).fill(-1);
    // Children are inserted at their place in the sibling list (lists are short, except the
    // root's), which is cheaper than sorting thousands of names first.
    let count = 1, size = 0;
    for (const entry of list) {
      let node = 0;
      const ascii = typeof entry === 'string';
      for (let d = 0; d < entry.length; d++) {
        const b = ascii ? entry.charCodeAt(d) : entry[d]!;
        let prev = -1, c = this.firstChild[node]!;
        while (c >= 0 && this.label[c]! < b) {
          prev = c;
          c = this.nextSibling[c]!;
        }
        if (c < 0 || this.label[c] !== b) {
          const n = count++;
          this.label[n] = b;
          this.parent[n] = node;
          this.nextSibling[n] = c;
          if (prev < 0) this.firstChild[node] = n;
          else this.nextSibling[prev] = n;
          c = n;
        }
        node = c;
      }
      if (this.terminal[node] === 0) size++;
      this.terminal[node] = 1;
    }
    this.size = size;
    this.nodeCount = count;
  }

  isTerminal(node: number): boolean {
    return this.terminal[node] === 1;
  }

  labelOf(node: number): number {
    return this.label[node]!;
  }

  /** First child of `node`, -1 if none; continue with `next`. */
  first(node: number): number {
    return this.firstChild[node]!;
  }

  next(node: number): number {
    return this.nextSibling[node]!;
  }

  child(node: number, byte: number): number {
    for (let c = this.firstChild[node]!; c >= 0; c = this.nextSibling[c]!) {
      const l = this.label[c]!;
      if (l === byte) return c;
      if (l > byte) break;
    }
    return -1;
  }

  /** The bytes from the root to `node`: the part of a name written so far. */
  pathOf(node: number): Uint8Array {
    let depth = 0;
    for (let n = node; n > NameTrie.ROOT; n = this.parent[n]!) depth++;
    const out = new Uint8Array(depth);
    for (let n = node; n > NameTrie.ROOT; n = this.parent[n]!) out[--depth] = this.label[n]!;
    return out;
  }

  /** The node reached by `bytes` from `from`, or -1 when no name continues that way. */
  walk(bytes: ArrayLike<number>, from = NameTrie.ROOT): number {
    let node = from;
    for (let i = 0; i < bytes.length && node >= 0; i++) node = this.child(node, bytes[i]!);
    return node;
  }
}
