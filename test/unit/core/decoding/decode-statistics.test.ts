import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, type DecodeRequest } from '../../../../src/core/decoding/decode';
import { DereferenceMonitor } from '../../../../src/core/monitors/dereference-monitor';
import type { CompletionAnswer, LegalName } from '../../../../src/core/ports';
import { CopyMixer } from '../../../../src/core/decoding/copy-mixer';
import { FileContext } from '../../../../src/core/statistics/file-context';
import { DEFAULT_MIX_WEIGHTS } from '../../../../src/core/statistics/name-scores';
import { TokenSet } from '../../../../src/core/tokens/token-set';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';
import { TokenIndex } from '../../../../src/core/tokens/token-index';
import { FakeOracle, FakeTokenizer, ScriptedModel, SPECIAL } from '../../support/fakes';

const VOCAB = [SPECIAL, '.', 'len', 'gth', 'length', 'push', 'push(', 'get', 'getAll', 'All', 'A', 'll', '(', ')', '();', ';', ' ', '\n', 'foo', 'x'];
const tok = new FakeTokenizer(VOCAB);
const index = TokenIndex.build(tok, languageSpecFor('typescript'));

const names = (...items: LegalName[]): CompletionAnswer => ({ semantic: true, names: items });
const plain = names({ name: 'length', kind: 'property' }, { name: 'push', kind: 'method' }, { name: 'get', kind: 'method' }, { name: 'getAll', kind: 'method' });

// The model prefers `length` at the dot; the second step's ranking reads after either choice.
const SCRIPT = [['len', 'get', 'push'], ['gth', 'All', ';'], [';'], ['\n']];

async function complete(prefix: string, answer: CompletionAnswer, statistics: boolean) {
  const req: DecodeRequest = {
    promptIds: [1], context: { prefix, suffix: '\n' }, monitors: [new DereferenceMonitor()], sampling: { temperature: 0 },
    stop: { maxTokens: 3, mode: 'line' }, oracleTimeoutMs: 200, ...(statistics ? { names: DEFAULT_MIX_WEIGHTS } : {}),
  };
  const oracle = new FakeOracle((t) => (t.endsWith('.') ? answer : undefined));
  return decode(new ScriptedModel(tok, SCRIPT), index, oracle, req);
}

test('a name the file keeps using wins over the model\'s first choice, and is written whole', async () => {
  const prefix = 'a.getAll();\nb.getAll();\nfoo.';
  assert.equal((await complete(prefix, plain, false)).text.slice(0, 6), 'length');
  const r = await complete(prefix, plain, true);
  assert.equal(r.text, 'getAll;');
  assert.equal(r.trace[0]!.favoured, 'getAll');
  assert.ok(Math.exp(r.trace[0]!.maskedLogprob!) > 0.5, 'the mixture\'s own probability is what the display gate reads');
});

test('what the project\'s other files say reaches the choice through the oracle\'s answer', async () => {
  const withUses = names({ name: 'length', kind: 'property' }, { name: 'push', kind: 'method', uses: 9, pairUses: 6 }, { name: 'get', kind: 'method' }, { name: 'getAll', kind: 'method' });
  assert.equal((await complete('foo.', withUses, true)).text.slice(0, 4), 'push');
  assert.equal((await complete('foo.', plain, true)).text.slice(0, 6), 'length', 'no evidence: the model alone');
});

test('statistics never leave the legal names: a frequent identifier that is no member is not written', async () => {
  const prefix = 'const x = 1; x; x; x;\nfoo.';
  const r = await complete(prefix, plain, true);
  assert.equal(r.text.slice(0, 6), 'length');
});

test('after the name, the line goes on as it went on after the same tokens elsewhere in the file', () => {
  // The model leans to `;` (about 0.73 against 0.27 for `();`).
  const logits = new Float32Array(VOCAB.length).fill(-10);
  logits[tok.id(';')] = 10;
  logits[tok.id('();')] = 9;
  const choose = (prefix: string, weights = DEFAULT_MIX_WEIGHTS) => new CopyMixer(index, weights, new FileContext(prefix, '\n')).choose('getAll', logits, VOCAB.length, undefined);
  assert.equal(choose('x = foo.getAll();\ny = foo.'), tok.id('();'), '`= foo . getAll` was followed by `();`');
  assert.equal(choose('x = foo.getAll();\ny = foo.', { ...DEFAULT_MIX_WEIGHTS, copy: 0 }), undefined, 'off: the model alone');
  assert.equal(choose('x = bar.getAll();\ny = foo.'), undefined, '`bar . getAll` is another context');
  const excluded = new TokenSet(VOCAB.length);
  excluded.add(tok.id('();'));
  const withVeto = new CopyMixer(index, DEFAULT_MIX_WEIGHTS, new FileContext('x = foo.getAll();\ny = foo.', '\n')).choose('getAll', logits, VOCAB.length, excluded);
  assert.equal(withVeto, tok.id(';'), 'a vetoed token is never copied; `(` is too unlikely to the model to win');
});
