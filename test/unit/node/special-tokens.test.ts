import { test } from 'node:test';
import assert from 'node:assert/strict';
import { familyFor } from '../../../src/core/completion/model-family';
import { buildPrompt } from '../../../src/core/completion/prompt';
import { decode } from '../../../src/core/decoding/decode';
import type { LanguageModel } from '../../../src/core/ports';
import { languageSpecFor } from '../../../src/core/tokens/language-spec';
import { TokenIndex } from '../../../src/core/tokens/token-index';
import { VocabTokenizer, type TokenizerJson } from '../../../src/node/vocab-tokenizer';
import { FakeOracle } from '../support/fakes';

// Hand-written vocabularies with each family's added tokens, flagged special or not as the real
// tokenizer.json files flag them (Qwen's FIM markers and DeepSeek's are ordinary added tokens).
const TEXT = ['x', ' =', ' 1', ';', '\n', 'return'];
type Added = [content: string, special: boolean];
const QWEN: Added[] = [
  ['<|endoftext|>', true], ['<|im_start|>', true], ['<|im_end|>', true], ['<|vision_pad|>', true], ['<tool_call>', false],
  ['<|fim_prefix|>', false], ['<|fim_middle|>', false], ['<|fim_suffix|>', false], ['<|fim_pad|>', false], ['<|repo_name|>', false], ['<|file_sep|>', false],
];
const STARCODER: Added[] = [
  ['<|endoftext|>', true], ['<fim_prefix>', true], ['<fim_middle>', true], ['<fim_suffix>', true], ['<fim_pad>', true],
  ['<repo_name>', true], ['<file_sep>', true], ['<filename>', true], ['<gh_stars>', true], ['<issue_start>', true], ['<jupyter_code>', true],
];
const DEEPSEEK: Added[] = [
  ['<｜begin▁of▁sentence｜>', true], ['<｜end▁of▁sentence｜>', true], ['<｜fim▁hole｜>', false], ['<｜fim▁begin｜>', false], ['<｜fim▁end｜>', false], ['<|EOT|>', false],
];

function vocabulary(added: Added[]) {
  const json: TokenizerJson = {
    model: { type: 'BPE', vocab: Object.fromEntries(TEXT.map((t, i) => [t, i])) },
    added_tokens: added.map(([content, special], i) => ({ id: TEXT.length + i, content, special })),
  };
  const family = familyFor({ id: '/home/me/models/my-model', specialTokens: added.map(([c]) => c) });
  // Two padding columns past the tokenizer's ids, as real output layers have.
  const tok = new VocabTokenizer(json, (s) => (TEXT.includes(s) ? [TEXT.indexOf(s)] : []), { endTokens: family.endTokens, structureTokens: family.structureTokens, vocabSize: TEXT.length + added.length + 2 });
  const index = TokenIndex.build(tok, languageSpecFor('typescript'));
  const id = (t: string) => tok.specialId(t) ?? TEXT.indexOf(t);
  return { family, tok, index, id };
}

/** Greedy logits: step i ranks its ids best first; every other id gets a low logit. */
function scripted(vocabSize: number, steps: number[][]): LanguageModel {
  let i = 0;
  const logits = () => {
    const out = new Float32Array(vocabSize).fill(-10);
    (steps[i] ?? []).forEach((id, r) => (out[id] = 10 - r));
    return out;
  };
  return { vocabSize, prefill: async () => logits(), step: async () => (i++, logits()) };
}

const run = (v: ReturnType<typeof vocabulary>, steps: number[][]) =>
  decode(scripted(v.tok.vocabSize, steps), v.index, new FakeOracle(() => undefined), {
    promptIds: [0], context: { prefix: '', suffix: '' }, monitors: [], sampling: { temperature: 0 }, stop: { maxTokens: 10, mode: 'block' },
  });

test('Qwen2.5-Coder: found by its markers; FIM, repository and chat markers are never written; end of text and end of turn end', async () => {
  const v = vocabulary(QWEN);
  assert.equal(v.family.id, 'qwen2.5-coder');
  assert.deepEqual(v.family.endTokens, ['<|endoftext|>', '<|im_end|>']);
  assert.deepEqual(v.tok.endIds, [6, 8]);
  const structure = ['<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|fim_pad|>', '<|repo_name|>', '<|file_sep|>', '<|im_start|>', '<|vision_pad|>'];
  for (const t of structure) assert.ok(v.index.neverSampled.has(v.id(t)), `${t} is never sampled`);
  assert.ok(v.index.neverSampled.has(v.tok.vocabSize - 1), 'padding columns are never sampled');
  for (const t of ['<|endoftext|>', '<|im_end|>', '<tool_call>', 'x']) assert.ok(!v.index.neverSampled.has(v.id(t)), `${t} may be sampled`);

  // The model's first choice at every step is a structure marker: the second one is taken.
  const fim = ['<|fim_middle|>', '<|fim_suffix|>', '<|file_sep|>', '<|fim_pad|>'].map(v.id);
  const r = await run(v, [[fim[0]!, v.id('x')], [fim[1]!, v.id(' =')], [fim[2]!, fim[3]!, v.id(' 1')], [v.id('<|im_start|>'), v.id('<|im_end|>')]]);
  assert.equal(r.text, 'x = 1');
  assert.equal(r.stopReason, 'endOfText');
  assert.deepEqual(r.tokenIds, [v.id('x'), v.id(' ='), v.id(' 1'), v.id('<|im_end|>')]);
  const e = await run(v, [[fim[0]!, v.id('<|endoftext|>')]]);
  assert.equal(e.text, '');
  assert.deepEqual(e.tokenIds, [v.id('<|endoftext|>')], 'end of text ends even before any text');

  // Its FIM prompt uses its marker ids (PSM order), whatever the folder is called.
  const p = buildPrompt(v.tok, v.family, 'x', ';', 4, 'fim');
  assert.deepEqual(p.ids, [v.id('<|fim_prefix|>'), v.id('x'), v.id('<|fim_suffix|>'), v.id(';'), v.id('<|fim_middle|>')]);
});

test('StarCoder2: found by its markers; repository, file and GitHub markers are never written', async () => {
  const v = vocabulary(STARCODER);
  assert.equal(v.family.id, 'starcoder');
  assert.deepEqual(v.tok.endIds, [v.id('<|endoftext|>')]);
  for (const [t] of STARCODER.slice(1)) assert.ok(v.index.neverSampled.has(v.id(t)), `${t} is never sampled`);
  const r = await run(v, [[v.id('<file_sep>'), v.id('return')], [v.id('<fim_middle>'), v.id('<|endoftext|>')]]);
  assert.equal(r.text, 'return');
  assert.equal(r.stopReason, 'endOfText');
  assert.deepEqual(buildPrompt(v.tok, v.family, 'x', ';', 4, 'fim').ids, [v.id('<fim_prefix>'), v.id('x'), v.id('<fim_suffix>'), v.id(';'), v.id('<fim_middle>')]);
});

test('DeepSeek-Coder: FIM markers (ordinary added tokens there) are never written; end of sentence and <|EOT|> end', async () => {
  const v = vocabulary(DEEPSEEK);
  assert.equal(v.family.id, 'deepseek-coder');
  assert.deepEqual(v.tok.endIds, [v.id('<｜end▁of▁sentence｜>'), v.id('<|EOT|>')]);
  for (const t of ['<｜fim▁hole｜>', '<｜fim▁begin｜>', '<｜fim▁end｜>', '<｜begin▁of▁sentence｜>']) {
    assert.equal(v.tok.tokenBytes(v.id(t)), undefined, `${t} has no text`);
    assert.ok(v.index.neverSampled.has(v.id(t)), `${t} is never sampled`);
  }
  const r = await run(v, [[v.id('<｜fim▁end｜>'), v.id('x')], [v.id('<｜fim▁hole｜>'), v.id('<|EOT|>')]]);
  assert.equal(r.text, 'x');
  assert.deepEqual(r.tokenIds, [v.id('x'), v.id('<|EOT|>')]);
});

test('sampling at a temperature never picks a structure marker, however likely the model finds it', async () => {
  const v = vocabulary(QWEN);
  const marker = v.id('<|fim_middle|>');
  for (let seed = 0; seed < 50; seed++) {
    const logits = new Float32Array(v.tok.vocabSize).fill(0);
    logits[marker] = 6; // e^6 ≈ 400 times as likely as any other single token
    const model: LanguageModel = { vocabSize: v.tok.vocabSize, prefill: async () => logits, step: async () => logits };
    const r = await decode(model, v.index, new FakeOracle(() => undefined), {
      promptIds: [0], context: { prefix: '', suffix: '' }, monitors: [], sampling: { temperature: 1, seed }, stop: { maxTokens: 6, mode: 'block' },
    });
    assert.ok(!r.tokenIds.some((id) => v.index.neverSampled.has(id)), `seed ${seed}: ${r.tokenIds.join(',')}`);
  }
});

test('the tokenizer decides the family over a misleading folder name', () => {
  assert.equal(familyFor({ id: '/models/starcoder-finetune', specialTokens: QWEN.map(([c]) => c) }).id, 'qwen2.5-coder');
  assert.equal(familyFor({ id: '/models/qwen2.5-coder-copy', specialTokens: DEEPSEEK.map(([c]) => c) }).id, 'deepseek-coder');
  assert.equal(familyFor('Qwen/Qwen2.5-Coder-0.5B').id, 'qwen2.5-coder', 'the id still names the family when the tokens are not known yet');
});
