// Checks that transformers.js loads the bundled model from the local folder and that a manual
// stepwise forward loop with a DynamicCache (the way the extension drives the model) produces the
// same greedy tokens as model.generate().
//
//   node scripts/train/check-transformersjs.mjs [modelsDir] [modelName]
//   (defaults: <repo>/models/ and "bundled")
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, AutoModelForCausalLM, DynamicCache, Tensor, env } from '@huggingface/transformers';

const here = path.dirname(fileURLToPath(import.meta.url));
const modelsDir = path.resolve(process.argv[2] ?? path.join(here, '..', '..', 'models'));
const name = process.argv[3] ?? 'bundled';
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = modelsDir + path.sep;

function fail(msg) {
  console.error('FAIL:', msg);
  process.exitCode = 1;
}

const t0 = Date.now();
const tokenizer = await AutoTokenizer.from_pretrained(name);
const model = await AutoModelForCausalLM.from_pretrained(name, { dtype: 'fp32' });
console.log(`loaded ${modelsDir}/${name} in ${Date.now() - t0} ms`);

// Special tokens must map to their reserved ids.
const expected = { '<|endoftext|>': 0, '<|fim_prefix|>': 1, '<|fim_suffix|>': 2, '<|fim_middle|>': 3, '<|pad|>': 4 };
for (const [tok, id] of Object.entries(expected)) {
  const ids = tokenizer.encode(tok, { add_special_tokens: false });
  if (ids.length !== 1 || ids[0] !== id) fail(`${tok} encodes to ${JSON.stringify(ids)}, expected [${id}]`);
}
if (tokenizer.eos_token_id !== 0) fail(`eos_token_id is ${tokenizer.eos_token_id}, expected 0`);

const prefix = "import { readFile } from 'node:fs/promises';\n\nexport async function loadLines(file: string): Promise<string[]> {\n    const text = await readFile(file, 'utf8');\n    return text.";
const suffix = '\n}\n';
const prompts = {
  plain: prefix,
  fim: `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`,
};
const N = 20;

for (const [kind, prompt] of Object.entries(prompts)) {
  const inputs = tokenizer(prompt, { add_special_tokens: false });
  const promptLen = inputs.input_ids.dims[1];

  // 1) generate(): greedy, eos disabled so both paths produce exactly N tokens
  let t = Date.now();
  const out = await model.generate({ ...inputs, max_new_tokens: N, do_sample: false, eos_token_id: -1 });
  const genIds = Array.from(out.tolist()[0].slice(promptLen), Number);
  const genMs = Date.now() - t;

  // 2) manual stepwise forward with a DynamicCache and the full attention mask every step
  t = Date.now();
  const cache = new DynamicCache();
  let ids = Array.from(inputs.input_ids.tolist()[0], Number);
  let inputIds = inputs.input_ids;
  const stepIds = [];
  for (let i = 0; i < N; i++) {
    const total = ids.length;
    const attention_mask = new Tensor('int64', new BigInt64Array(total).fill(1n), [1, total]);
    const res = await model.forward({ input_ids: inputIds, attention_mask, past_key_values: cache });
    const present = {};
    for (const k of Object.keys(res)) {
      if (k.startsWith('present.')) present[k.replace('present', 'past_key_values')] = res[k];
    }
    cache.update(present);
    const [, seq, vocab] = res.logits.dims;
    const data = res.logits.data;
    let best = 0;
    let bestV = -Infinity;
    const off = (seq - 1) * vocab;
    for (let v = 0; v < vocab; v++) if (data[off + v] > bestV) { bestV = data[off + v]; best = v; }
    stepIds.push(best);
    ids.push(best);
    inputIds = new Tensor('int64', BigInt64Array.from([BigInt(best)]), [1, 1]);
  }
  const stepMs = Date.now() - t;
  if (cache.get_seq_length() !== ids.length - 1) fail(`cache length ${cache.get_seq_length()} != ${ids.length - 1}`);

  const same = genIds.length === stepIds.length && genIds.every((v, i) => v === stepIds[i]);
  console.log(`[${kind}] prompt ${promptLen} tokens`);
  console.log(`  generate (${genMs} ms): ${JSON.stringify(tokenizer.decode(genIds))}`);
  console.log(`  stepwise (${stepMs} ms): ${JSON.stringify(tokenizer.decode(stepIds))}`);
  console.log(`  same tokens: ${same}`);
  if (!same) fail(`${kind}: generate ${JSON.stringify(genIds)} != stepwise ${JSON.stringify(stepIds)}`);
}
console.log(process.exitCode ? 'CHECK FAILED' : 'OK');
