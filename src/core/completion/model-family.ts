// What the prompt builder and the stop rules need to know about a model: its fill-in-the-middle
// markers, how long a sequence it was trained on, and which tokens end a completion.

export interface ModelFamily {
  id: string;
  /** Special-token texts, used in PSM order: prefix P suffix S middle. Absent: left-to-right only. */
  fim?: { prefix: string; suffix: string; middle: string };
  contextLength: number;
  endTokens: string[];
}

/** What can be read from a model folder without running it (all optional). */
export interface ModelDescription {
  /** Hub id, folder name or `bundled`. */
  id?: string;
  /** `model_type` from config.json. */
  modelType?: string;
  /** `max_position_embeddings` / `n_positions` from config.json. */
  contextLength?: number;
  /** Texts of the tokenizer's special / added tokens. */
  specialTokens?: readonly string[];
}

export const bundledFamily: ModelFamily = {
  id: 'bundled',
  fim: { prefix: '<|fim_prefix|>', suffix: '<|fim_suffix|>', middle: '<|fim_middle|>' },
  contextLength: 512,
  endTokens: ['<|endoftext|>', '<|pad|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'],
};

export const qwenCoderFamily: ModelFamily = {
  id: 'qwen2.5-coder',
  fim: { prefix: '<|fim_prefix|>', suffix: '<|fim_suffix|>', middle: '<|fim_middle|>' },
  contextLength: 32768,
  endTokens: ['<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|repo_name|>', '<|im_end|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'],
};

export const starCoderFamily: ModelFamily = {
  id: 'starcoder',
  fim: { prefix: '<fim_prefix>', suffix: '<fim_suffix>', middle: '<fim_middle>' },
  contextLength: 8192,
  endTokens: ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>'],
};

export const santaCoderFamily: ModelFamily = {
  ...starCoderFamily,
  id: 'santacoder',
  // SantaCoder writes its markers with dashes and was trained on 2048-token windows.
  fim: { prefix: '<fim-prefix>', suffix: '<fim-suffix>', middle: '<fim-middle>' },
  contextLength: 2048,
  endTokens: ['<|endoftext|>', '<fim-prefix>', '<fim-suffix>', '<fim-middle>'],
};

export const deepSeekCoderFamily: ModelFamily = {
  id: 'deepseek-coder',
  fim: { prefix: '<｜fim▁begin｜>', suffix: '<｜fim▁hole｜>', middle: '<｜fim▁end｜>' },
  contextLength: 16384,
  endTokens: ['<｜end▁of▁sentence｜>', '<|EOT|>', '<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>'],
};

const leftToRight: ModelFamily = {
  id: 'left-to-right',
  contextLength: 2048,
  endTokens: ['<|endoftext|>', '</s>', '<eos>', '<|end_of_text|>', '<|im_end|>', '<|eot_id|>'],
};

export const knownFamilies: readonly ModelFamily[] = [bundledFamily, qwenCoderFamily, starCoderFamily, santaCoderFamily, deepSeekCoderFamily];

const byId: readonly [RegExp, ModelFamily][] = [
  [/^bundled$/i, bundledFamily],
  [/qwen2(\.5)?[-_]?coder/i, qwenCoderFamily],
  [/santacoder/i, santaCoderFamily],
  [/starcoder|tiny_starcoder/i, starCoderFamily],
  [/deepseek[-_]?coder/i, deepSeekCoderFamily],
];

/**
 * The family of a model from its id, or — for folders with unhelpful names — from the special
 * tokens its tokenizer defines. The config's context length wins over the family default because
 * small variants are often trained on shorter windows. Unknown models get left-to-right prompting.
 */
export function familyFor(modelIdOrConfig: string | ModelDescription): ModelFamily {
  const d: ModelDescription = typeof modelIdOrConfig === 'string' ? { id: modelIdOrConfig } : modelIdOrConfig;
  const base = (d.id !== undefined ? byId.find(([re]) => re.test(d.id!))?.[1] : undefined) ?? byTokens(d.specialTokens) ?? leftToRight;
  const contextLength = d.contextLength !== undefined && d.contextLength > 0 ? d.contextLength : base.contextLength;
  const special = d.specialTokens ? new Set(d.specialTokens) : undefined;
  // Keep only end markers the vocabulary has, when we know the vocabulary.
  const endTokens = special ? base.endTokens.filter((t) => special.has(t)) : base.endTokens;
  return { ...base, contextLength, endTokens };
}

function byTokens(tokens: readonly string[] | undefined): ModelFamily | undefined {
  if (!tokens) return undefined;
  const has = new Set(tokens);
  for (const f of [bundledFamily, qwenCoderFamily, starCoderFamily, santaCoderFamily, deepSeekCoderFamily]) {
    if (!f.fim || !has.has(f.fim.prefix) || !has.has(f.fim.suffix) || !has.has(f.fim.middle)) continue;
    // The bundled model and Qwen share marker texts; the bundled vocabulary has `<|pad|>` and no chat tokens.
    if (f === bundledFamily && (!has.has('<|pad|>') || has.has('<|im_start|>'))) continue;
    return f;
  }
  return undefined;
}
