import type { SpeedSample } from '../core/completion/prompt-window';
import type { TransformersKv } from './transformers-kv';
import type { VocabTokenizer } from './vocab-tokenizer';

// Ordinary code, so that the measured chunks cost what a file's tokens cost.
const SAMPLE = `export function mergeSorted(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]! <= b[j]! ? a[i++]! : b[j++]!);
  return out.concat(a.slice(i), b.slice(j));
}
`;
// The engine's prefill chunk, so that a measured chunk is one pass as a prompt's are.
const CHUNK = 64;
const FAR = 1024;

/**
 * What a prompt token costs on this machine, near the start of a prompt and after about a
 * thousand tokens (attention makes later tokens dearer). The far chunk runs after a cache padded
 * with zeros: as long as after real tokens, without running them. The cache is empty afterwards.
 */
export async function measurePromptSpeed(kv: TransformersKv, tokenizer: VocabTokenizer, contextLength: number): Promise<SpeedSample[]> {
  if (contextLength < 3 * CHUNK) return [];
  const sample = tokenizer.encode(SAMPLE);
  const chunk: number[] = [];
  while (chunk.length < CHUNK) chunk.push(...sample);
  chunk.length = CHUNK;
  // The median of three passes at the same length: the first pays for onnxruntime's allocations at
  // its shapes, and one busy moment at load must not size the window for the whole session.
  const timed = async (past: number): Promise<SpeedSample | undefined> => {
    const ms: number[] = [];
    for (let i = 0; i < 3; i++) {
      // A cache that is not per position (a recurrent state) cannot be measured so: not sized.
      if (!kv.crop(past)) return undefined;
      const t = performance.now();
      await kv.forward(chunk, past);
      ms.push(performance.now() - t);
    }
    return { past: past + CHUNK / 2, msPerToken: ms.sort((a, b) => a - b)[1]! / CHUNK };
  };
  try {
    await kv.forward(chunk, 0);
    const near = await timed(CHUNK);
    if (!near) return [];
    const far = Math.min(FAR, contextLength - CHUNK);
    const after = far > 4 * CHUNK && kv.padTo(far) ? await timed(far) : undefined;
    return after ? [near, after] : [near];
  } finally {
    kv.reset();
  }
}
