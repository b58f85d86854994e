import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VocabTokenizer, byteLevelInverse, type TokenizerJson } from '../../../src/node/vocab-tokenizer';

const hex = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('hex') : 'undefined');

test('the GPT-2 byte alphabet maps 256 distinct characters onto all 256 bytes', () => {
  const m = byteLevelInverse();
  assert.equal(m.size, 256);
  assert.equal(new Set(m.values()).size, 256);
  assert.equal(m.get('Ġ'), 0x20);
  assert.equal(m.get('Ċ'), 0x0a);
  assert.equal(m.get('A'), 0x41);
});

test('byte-level pieces give exact bytes, including halves of a UTF-8 character', () => {
  // 'é' is C3 A9; in the byte alphabet C3 → 'Ã', A9 → '©'.
  const json: TokenizerJson = {
    model: { type: 'BPE', vocab: { '<|endoftext|>': 0, 'Ġfoo': 5, 'Ã': 6, '©': 7, 'ĊĠĠ': 8 } },
    added_tokens: [{ id: 0, content: '<|endoftext|>', special: true }, { id: 9, content: '<|fim_prefix|>', special: true }, { id: 10, content: 'TODO', special: false }],
    decoder: { type: 'ByteLevel' },
  };
  const tok = new VocabTokenizer(json, () => [5], { endTokens: ['<|endoftext|>', '<|nope|>'], vocabSize: 16 });
  assert.equal(tok.vocabSize, 16);
  assert.equal(hex(tok.tokenBytes(5)), Buffer.from(' foo').toString('hex'));
  assert.equal(hex(tok.tokenBytes(6)), 'c3');
  assert.equal(hex(tok.tokenBytes(7)), 'a9');
  assert.equal(hex(tok.tokenBytes(8)), '0a2020');
  assert.equal(tok.tokenBytes(0), undefined);
  assert.equal(tok.tokenBytes(9), undefined);
  assert.equal(tok.tokenBytes(15), undefined, 'padding rows of the output layer have no text');
  assert.equal(hex(tok.tokenBytes(10)), Buffer.from('TODO').toString('hex'));
  assert.deepEqual(tok.endIds, [0]);
  const endsAsText = new VocabTokenizer(json, () => [], { endTokens: ['TODO'] });
  assert.equal(endsAsText.tokenBytes(10), undefined, 'an end marker never contributes text, even when not marked special');
  assert.equal(tok.specialId('<|fim_prefix|>'), 9);
  assert.deepEqual(tok.encode(''), []);
  assert.deepEqual(tok.encode('x'), [5]);
});

test('SentencePiece pieces: ▁ is a space and <0xNN> is a raw byte', () => {
  const json: TokenizerJson = {
    model: { type: 'BPE', vocab: { '<s>': 0, '▁return': 1, '<0xE2>': 2 } },
    added_tokens: [{ id: 0, content: '<s>', special: true }],
    decoder: { type: 'Sequence', decoders: [{ type: 'Replace' }, { type: 'ByteFallback' }] },
  };
  const tok = new VocabTokenizer(json, () => [], { endTokens: [] });
  assert.equal(hex(tok.tokenBytes(1)), Buffer.from(' return').toString('hex'));
  assert.equal(hex(tok.tokenBytes(2)), 'e2');
});
