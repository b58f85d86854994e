import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';
import { NameTrie } from '../../../../src/core/tokens/name-trie';
import { TokenIndex } from '../../../../src/core/tokens/token-index';
import { FakeTokenizer, SPECIAL } from '../../support/fakes';

const enc = new TextEncoder();
const vocab = [SPECIAL, 'a', 'ab', 'abc', 'ab', '(', ' x', 'é', new Uint8Array([0xc3]), '→', 'a(', 'a→', 'aé', '', '<fim>'];
const tok = new FakeTokenizer(vocab);
const index = TokenIndex.build(tok, languageSpecFor('typescript'));
const ids = (...texts: string[]) => texts.flatMap((t) => vocab.flatMap((v, i) => (v === t ? [i] : [])));

test('every id keeps its exact bytes, including pieces that are partial UTF-8', () => {
  assert.deepEqual([...index.bytesOf(8)!], [0xc3]);
  assert.equal(index.textOf(3), 'abc');
  assert.equal(index.isSpecial(0), true);
  assert.equal(index.isSpecial(13), true, 'an empty piece contributes nothing: treated as a control token');
  assert.deepEqual([...index.endIds], [0]);
});

test('ids that share a string are all kept in the trie', () => {
  const node = index.nodeFor(enc.encode('ab'));
  assert.deepEqual([...index.ownIds(node)], ids('ab'));
  assert.deepEqual([...index.subtree(node).toIds()], [...ids('ab', 'abc')].sort((a, b) => a - b));
});

test('break-start set: tokens whose first character cannot continue an identifier', () => {
  assert.deepEqual([...index.breakStart.toIds()], ids('(', ' x', '→', '<fim>').sort((a, b) => a - b));
  assert.equal(index.textTokens.has(0), false);
});

test('a complete name allows break tokens and end-of-text; an incomplete one neither', () => {
  const trie = new NameTrie(['a', 'abc']);
  const atA = trie.walk(enc.encode('a'));
  const mask = index.allowedAfter(trie, atA);
  // From `a`: a token starting with `b` would continue `abc` (none here), break tokens, end of text.
  assert.deepEqual([...mask.toIds()], [0, ...ids('(', ' x', '→', '<fim>')].sort((a, b) => a - b));
  const atAb = trie.walk(enc.encode('ab'));
  assert.deepEqual([...index.allowedAfter(trie, atAb).toIds()], []);
  const fresh = index.allowedAfter(trie, NameTrie.ROOT);
  assert.deepEqual([...fresh.toIds()], [...ids('a', 'ab', 'abc', 'a(', 'a→')].sort((x, y) => x - y));
});

test('a lead byte alone is a prefix of a name with that character, not a break', () => {
  const trie = new NameTrie(['é', 'aé']);
  assert.deepEqual([...index.allowedAfter(trie, NameTrie.ROOT).toIds()], [...ids('é', 'a', 'aé'), 8].sort((x, y) => x - y));
});

test('the index refuses nothing it cannot place: a node lookup for missing bytes is -1', () => {
  assert.equal(index.nodeFor(enc.encode('zz')), -1);
  assert.ok(index.nodeFor(enc.encode('ab')) > 0);
});

test('identifier classes follow the language', () => {
  const ts = languageSpecFor('typescript');
  const py = languageSpecFor('python');
  assert.equal(ts.isIdContinue('$'.codePointAt(0)!), true);
  assert.equal(py.isIdContinue('$'.codePointAt(0)!), false);
  for (const spec of [ts, py]) {
    assert.equal(spec.isIdStart('é'.codePointAt(0)!), true);
    assert.equal(spec.isIdStart('中'.codePointAt(0)!), true);
    assert.equal(spec.isIdStart('1'.codePointAt(0)!), false);
    assert.equal(spec.isIdContinue('1'.codePointAt(0)!), true);
    assert.equal(spec.isIdContinue('→'.codePointAt(0)!), false);
    assert.equal(spec.isIdContinue('_'.codePointAt(0)!), true);
  }
  assert.equal(ts.isIdContinue(0x200d), true, 'ZWJ continues an ECMAScript identifier');
});
