// The legal names of one oracle answer as a byte trie. A monitor keeps a pointer into it (the
// bytes generated since the trigger), and the mask is a joint walk of this trie with the token
// trie, so its cost follows the legal names and not the vocabulary.

const utf8 = new TextEncoder();

export class NameNode {
  terminal = false;
  /** Ascending edge bytes; `children[i]` hangs under `labels[i]`. */
  labels: number[] = [];
  children: NameNode[] = [];

  child(byte: number): NameNode | undefined {
    const labels = this.labels;
    let lo = 0, hi = labels.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const l = labels[mid]!;
      if (l === byte) return this.children[mid];
      if (l < byte) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}

export class NameTrie {
  readonly root = new NameNode();
  readonly size: number;

  constructor(names: Iterable<string>) {
    // Inserting in byte order keeps every children list sorted without a sort per node.
    const encoded = [...new Set(names)].map((n) => utf8.encode(n));
    encoded.sort(compareBytes);
    for (const bytes of encoded) {
      let node = this.root;
      for (const b of bytes) {
        const last = node.labels.length - 1;
        if (last >= 0 && node.labels[last] === b) node = node.children[last]!;
        else {
          const next = new NameNode();
          node.labels.push(b);
          node.children.push(next);
          node = next;
        }
      }
      node.terminal = true;
    }
    this.size = encoded.length;
  }

  /** The node reached by `bytes` from `from`, or undefined when no name continues that way. */
  walk(bytes: ArrayLike<number>, from: NameNode = this.root): NameNode | undefined {
    let node: NameNode | undefined = from;
    for (let i = 0; i < bytes.length && node; i++) node = node.child(bytes[i]!);
    return node;
  }
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
