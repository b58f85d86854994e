// Every token's bytes in one buffer. A Uint8Array per token made three heap objects per
// vocabulary entry (450,000 for Qwen's), which the model process's garbage collector marked again
// at every full collection, and a forward pass of a 0.5B model starts one every few tokens.

export class PackedBytes {
  private constructor(
    private readonly pool: Uint8Array,
    /** Token `id`'s bytes are pool[start[id], start[id + 1]). */
    private readonly start: Uint32Array,
    /** 1 where the token has bytes (special tokens have none, which differs from empty). */
    private readonly present: Uint8Array,
  ) {}

  static from(count: number, bytesOf: (id: number) => Uint8Array | undefined): PackedBytes {
    let total = 0;
    for (let id = 0; id < count; id++) total += bytesOf(id)?.length ?? 0;
    const pool = new Uint8Array(total);
    const start = new Uint32Array(count + 1);
    const present = new Uint8Array(count);
    let at = 0;
    for (let id = 0; id < count; id++) {
      start[id] = at;
      const b = bytesOf(id);
      if (!b) continue;
      present[id] = 1;
      pool.set(b, at);
      at += b.length;
    }
    start[count] = at;
    return new PackedBytes(pool, start, present);
  }

  get count(): number {
    return this.present.length;
  }

  /** A view of the token's bytes; undefined for a token without text or past the end. */
  get(id: number): Uint8Array | undefined {
    return this.present[id] === 1 ? this.pool.subarray(this.start[id]!, this.start[id + 1]!) : undefined;
  }

  has(id: number): boolean {
    return this.present[id] === 1;
  }
}
