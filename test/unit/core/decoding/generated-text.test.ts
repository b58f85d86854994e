import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GeneratedText } from '../../../../src/core/decoding/generated-text';
import { seededRandom } from '../../../../src/core/decoding/rng';

const enc = new TextEncoder();

/** What a streaming TextDecoder shows after each chunk: the reference the fast path must match. */
function reference(chunks: Uint8Array[]): string[] {
  const d = new TextDecoder('utf-8');
  let text = '';
  return chunks.map((c) => (text += d.decode(c, { stream: true })));
}

function check(chunks: Uint8Array[]): void {
  const g = new GeneratedText();
  const want = reference(chunks);
  chunks.forEach((c, i) => {
    g.append(c);
    assert.equal(g.text, want[i], `after chunk ${i} of ${JSON.stringify(chunks.map((x) => [...x]))}`);
  });
}

test('ASCII tokens after a character split across tokens decode like a streaming decoder', () => {
  const e = enc.encode('é'); // c3 a9
  const euro = enc.encode('€'); // e2 82 ac
  check([enc.encode('caf'), e.subarray(0, 1), e.subarray(1), enc.encode(' ok')]);
  check([euro.subarray(0, 1), euro.subarray(1, 2), enc.encode('x'), euro.subarray(2)]);
  check([enc.encode('a'), euro.subarray(0, 2), enc.encode('b')]); // incomplete character cut by ASCII
  check([new Uint8Array([0x80, 0x80]), enc.encode('x')]); // stray continuation bytes
  check([new Uint8Array([0xf0, 0x80]), enc.encode('y')]); // lead byte followed by an invalid one
});

test('random byte streams split at random points decode like a streaming decoder', () => {
  const random = seededRandom(7);
  const pool = [...enc.encode('aZ {}.\n'), ...enc.encode('é€😀'), 0x80, 0xbf, 0xc3, 0xe2, 0xf0, 0xff];
  for (let run = 0; run < 2000; run++) {
    const bytes = Array.from({ length: 1 + Math.floor(random() * 24) }, () => pool[Math.floor(random() * pool.length)]!);
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; ) {
      const n = 1 + Math.floor(random() * 4);
      chunks.push(Uint8Array.from(bytes.slice(at, at + n)));
      at += n;
    }
    check(chunks);
  }
});
