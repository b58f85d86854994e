import { loadModel } from './src/node/load-model';
import { decode } from './src/core/decoding/decode';
import { TokenIndex } from './src/core/tokens/token-index';
import { languageSpecFor } from './src/core/tokens/language-spec';
import { noAnswer } from './src/core/oracle/query';
import type { LanguageModel } from './src/core/ports';
(async () => {
  const m = await loadModel({ model: 'bundled', dtype: 'auto', threads: 1, cacheDir: '/tmp/exp/cache', bundledDir: './models/bundled', hubTimeoutMs: 1000, measurePromptSpeed: false });
  const index = TokenIndex.build(m.tokenizer, languageSpecFor('typescript'));
  const oracle = { answer: async () => noAnswer('none') };
  const prompt = m.tokenizer.encode('export class Queue<T> {\n  private items: T[] = [];\n\n  push(item: T): void {\n    this.items.push(item);\n  }\n}\n\n');
  const req = () => ({ promptIds: prompt, context: { prefix: '', suffix: '' }, monitors: [], sampling: { temperature: 0 }, stop: { maxTokens: 200, mode: 'block' as const } });
  // Capture real logits rows.
  const rows: Float32Array[] = [];
  const recording: LanguageModel = { vocabSize: m.lm.vocabSize, prefill: async (ids) => { m.lm.reset(); const l = await m.lm.prefill(ids); rows.length = 0; rows.push(l.slice()); return l; }, step: async (id) => { const l = await m.lm.step(id); rows.push(l.slice()); return l; } };
  const first = await decode(recording, index, oracle, req());
  console.log('tokens', first.tokenIds.length, first.stopReason);
  let k = 0;
  const fake: LanguageModel = { vocabSize: m.lm.vocabSize, prefill: async () => rows[(k = 0)]!, step: async () => rows[++k]! };
  for (let i = 0; i < 50; i++) await decode(fake, index, oracle, req());
  const t = performance.now();
  const N = 500;
  for (let i = 0; i < N; i++) await decode(fake, index, oracle, req());
  console.log('own µs per token', (((performance.now() - t) / N / first.tokenIds.length) * 1000).toFixed(1));
})();
