// The trie-walk mask against the allow rules checked token by token, on random vocabularies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';
import { NameTrie } from '../../../../src/core/tokens/name-trie';
import { TokenIndex } from '../../../../src/core/tokens/token-index';
import { seededRandom } from '../../../../src/core/decoding/rng';
import { FakeTokenizer, SPECIAL } from '../../support/fakes';

const lang = languageSpecFor('typescript');
const enc = new TextEncoder();
const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Identifier pieces (ASCII, 2-, 3- and 4-byte), breaks (ASCII and not), and raw bytes.
const ID_PARTS = ['a', 'b', 'g', 'e', 't', '_', '$', '1', 'é', 'ï', '中', '\u200d', '𝑥'];
const OTHER_PARTS = ['.', '(', ')', ' ', ';', '\n', '→', '—', '\u00a0'];

/** First complete character of `bytes`, by trying longer and longer slices with a strict decoder. */
function firstChar(bytes: Uint8Array): number | undefined {
  for (let k = 1; k <= Math.min(4, bytes.length); k++) {
    try {
      const s = fatal.decode(bytes.subarray(0, k));
      return s.codePointAt(0);
    } catch {
      // incomplete or invalid so far
    }
  }
  return undefined;
}

function startsWith(t: Uint8Array, s: Uint8Array): boolean {
  if (t.length < s.length) return false;
  for (let i = 0; i < s.length; i++) if (t[i] !== s[i]) return false;
  return true;
}

/** The paper's rules, at byte level, for one token's bytes against the remaining suffixes. */
function allowedByRules(t: Uint8Array, suffixes: Uint8Array[]): boolean {
  for (const s of suffixes) {
    if (t.length > 0 && t.length <= s.length && startsWith(s, t)) return true; // (a)
    if (t.length > s.length && startsWith(t, s)) {
      const cp = firstChar(t.subarray(s.length));
      if (cp !== undefined && !lang.isIdContinue(cp)) return true; // (b)
    }
  }
  return false;
}

function randomVocab(rnd: () => number): (string | Uint8Array)[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const vocab: (string | Uint8Array)[] = [SPECIAL];
  const n = 20 + Math.floor(rnd() * 60);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.08) {
      // A fragment of a multi-byte character, or of a name, cut at a random byte.
      const whole = enc.encode(pick(ID_PARTS) + pick([...ID_PARTS, ...OTHER_PARTS]));
      const from = Math.floor(rnd() * whole.length);
      vocab.push(whole.subarray(from, from + 1 + Math.floor(rnd() * (whole.length - from))));
    } else if (r < 0.12 && vocab.length > 1) {
      vocab.push(vocab[1 + Math.floor(rnd() * (vocab.length - 1))]!); // same bytes, another id
    } else {
      let s = '';
      const len = 1 + Math.floor(rnd() * 4);
      for (let k = 0; k < len; k++) s += rnd() < 0.75 ? pick(ID_PARTS) : pick(OTHER_PARTS);
      vocab.push(s);
    }
  }
  if (rnd() < 0.5) vocab.push(SPECIAL);
  return vocab;
}

function randomNames(rnd: () => number): string[] {
  const names: string[] = [];
  const n = Math.floor(rnd() * 8);
  for (let i = 0; i < n; i++) {
    let s = '';
    const len = 1 + Math.floor(rnd() * 5);
    for (let k = 0; k < len; k++) s += ID_PARTS[Math.floor(rnd() * ID_PARTS.length)];
    names.push(s);
  }
  if (n > 1 && rnd() < 0.4) names.push(names[0]!.slice(0, Math.max(1, names[0]!.length - 1))); // get / getAll
  return names;
}

test('the mask equals the allow rules checked on every token (3000 random vocabularies)', () => {
  const rnd = seededRandom(12345);
  let checked = 0, nonEmpty = 0;
  for (let round = 0; round < 3000; round++) {
    const vocab = randomVocab(rnd);
    const tok = new FakeTokenizer(vocab);
    const index = TokenIndex.build(tok, lang);
    const names = randomNames(rnd);
    const trie = new NameTrie(names);
    // Some of what was generated since the trigger: a byte prefix of a random name.
    const typedFrom = names.length && rnd() < 0.6 ? enc.encode(names[Math.floor(rnd() * names.length)]!) : new Uint8Array();
    const typed = typedFrom.subarray(0, Math.floor(rnd() * (typedFrom.length + 1)));
    const node = trie.walk(typed);
    assert.ok(node >= 0);
    const suffixes = names.map((n) => enc.encode(n)).filter((b) => startsWith(b, typed)).map((b) => b.subarray(typed.length));
    const mask = index.allowedAfter(trie, node);
    for (let id = 0; id < tok.vocabSize; id++) {
      const bytes = tok.tokenBytes(id);
      const want: boolean = bytes ? allowedByRules(bytes, suffixes) : tok.endIds.includes(id) && trie.isTerminal(node);
      if (mask.has(id) !== want) {
        assert.fail(`round ${round}: token ${id} ${JSON.stringify(vocab[id] instanceof Uint8Array ? [...vocab[id]] : vocab[id])} names ${JSON.stringify(names)} typed ${JSON.stringify([...typed])}: mask ${mask.has(id)}, rules ${want}`);
      }
      checked++;
      if (want) nonEmpty++;
    }
  }
  assert.ok(nonEmpty > checked / 50, `the random cases must allow something often enough (${nonEmpty}/${checked})`);
});

test('from a token-trie node (the text up to a trigger inside a token), the mask judges only the tail', () => {
  const rnd = seededRandom(777);
  for (let round = 0; round < 1500; round++) {
    const vocab = randomVocab(rnd);
    const tok = new FakeTokenizer(vocab);
    const index = TokenIndex.build(tok, lang);
    const names = randomNames(rnd);
    const trie = new NameTrie(names);
    // A head: a prefix of a random token.
    const donor = tok.tokenBytes(1 + Math.floor(rnd() * (tok.vocabSize - 1)));
    if (!donor) continue;
    const head = donor.subarray(0, 1 + Math.floor(rnd() * donor.length));
    const from = index.nodeFor(head);
    assert.ok(from > 0);
    const mask = index.allowedAfter(trie, NameTrie.ROOT, { from });
    const suffixes = names.map((n) => enc.encode(n));
    for (let id = 0; id < tok.vocabSize; id++) {
      const bytes = tok.tokenBytes(id);
      const want = !!bytes && bytes.length > head.length && startsWith(bytes, head) && allowedByRules(bytes.subarray(head.length), suffixes);
      assert.equal(mask.has(id), want, `round ${round} token ${id}`);
    }
  }
});
