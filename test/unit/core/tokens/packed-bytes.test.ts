import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PackedBytes } from '../../../../src/core/tokens/packed-bytes';

test('each id reads back its own bytes; a token without text stays distinct from an empty one', () => {
  const src = [Uint8Array.of(104, 105), undefined, new Uint8Array(0), Uint8Array.of(0xe2, 0x82, 0xac), Uint8Array.of(46)];
  const packed = PackedBytes.from(src.length, (id) => src[id]);
  assert.equal(packed.count, 5);
  for (let id = 0; id < src.length; id++) {
    assert.equal(packed.has(id), src[id] !== undefined, `id ${id}`);
    assert.deepEqual(packed.get(id) && [...packed.get(id)!], src[id] && [...src[id]!], `id ${id}`);
  }
  assert.equal(packed.get(5), undefined, 'past the end');
  assert.equal(packed.get(-1), undefined);
});
