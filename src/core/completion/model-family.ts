// What the prompt builder and the stop rules need to know about a model: its fill-in-the-middle
// markers, how long a sequence it was trained on, and which tokens end a completion.

export interface ModelFamily {
  id: string;
  /** Special-token texts, used in PSM order: prefix P suffix S middle. Absent: left-to-right only. */
  fim?: { prefix: string; suffix: string; middle: string };
  /** How to prompt when the request does not say: `fim` (the default where there is a template) or `left-to-right`. */
  prompting?: Prompting;
  contextLength: number;
  /** The token every sequence the model was trained on starts with (DeepSeek's begin-of-sentence): first in every prompt. */
  startToken?: string;
  /** Tokens that end a completion (end of text, end of turn), first the one that starts a document. */
  endTokens: string[];
  /**
   * Prompt-structure tokens the model must never write (FIM markers, repository and file
   * separators, chat openers): masked at every step. Any other token without text that is not an
   * end token is masked too; this list matters where a tokenizer marks them as ordinary added
   * tokens (Qwen's FIM markers, DeepSeek's), which would otherwise print as their literal text.
   */
  structureTokens: string[];
}

export const PROMPTINGS = ['fim', 'left-to-right'] as const;
export type Prompting = (typeof PROMPTINGS)[number];

export function isPrompting(v: unknown): v is Prompting {
  return (PROMPTINGS as readonly unknown[]).includes(v);
}

/** The prompt layout for a request: its own choice, else the family's; FIM only where there is a template. */
export function promptingFor(family: ModelFamily, requested?: Prompting): Prompting {
  if (!family.fim) return 'left-to-right';
  return requested ?? family.prompting ?? 'fim';
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

// The bundled model was trained with fill-in-the-middle samples, but at its size and training
// budget it answers FIM prompts without reading the prefix. On the development set of
// DotPrompts-TS (800 line prompts) left-to-right prompts name the right member more often:
// next-identifier match 6.6 % unguided / 21.3 % guided, against 0.0 % / 13.5 % with FIM
// (`mgd eval --prompting fim`). Its FIM template stays known for requests that ask for it.
export const bundledFamily: ModelFamily = {
  id: 'bundled',
  fim: { prefix: '<|fim_prefix|>', suffix: '<|fim_suffix|>', middle: '<|fim_middle|>' },
  prompting: 'left-to-right',
  contextLength: 512,
  endTokens: ['<|endoftext|>', '<|pad|>'],
  structureTokens: ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'],
};

export const qwenCoderFamily: ModelFamily = {
  id: 'qwen2.5-coder',
  fim: { prefix: '<|fim_prefix|>', suffix: '<|fim_suffix|>', middle: '<|fim_middle|>' },
  contextLength: 32768,
  endTokens: ['<|endoftext|>', '<|im_end|>'],
  structureTokens: ['<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|fim_pad|>', '<|repo_name|>', '<|file_sep|>', '<|im_start|>'],
};

export const starCoderFamily: ModelFamily = {
  id: 'starcoder',
  fim: { prefix: '<fim_prefix>', suffix: '<fim_suffix>', middle: '<fim_middle>' },
  contextLength: 8192,
  endTokens: ['<|endoftext|>'],
  // StarCoder2's repository-level and GitHub markers; StarCoder 1 writes `<reponame>`.
  structureTokens: [
    '<fim_prefix>', '<fim_middle>', '<fim_suffix>', '<fim_pad>', '<repo_name>', '<reponame>', '<file_sep>', '<filename>',
    '<gh_stars>', '<issue_start>', '<issue_comment>', '<issue_closed>', '<jupyter_start>', '<jupyter_text>',
    '<jupyter_code>', '<jupyter_output>', '<jupyter_script>', '<empty_output>', '<commit_before>', '<commit_msg>', '<commit_after>',
  ],
};

export const santaCoderFamily: ModelFamily = {
  ...starCoderFamily,
  id: 'santacoder',
  // SantaCoder writes its markers with dashes and was trained on 2048-token windows.
  fim: { prefix: '<fim-prefix>', suffix: '<fim-suffix>', middle: '<fim-middle>' },
  contextLength: 2048,
  endTokens: ['<|endoftext|>'],
  structureTokens: ['<fim-prefix>', '<fim-suffix>', '<fim-middle>', '<fim-pad>'],
};

export const deepSeekCoderFamily: ModelFamily = {
  id: 'deepseek-coder',
  fim: { prefix: '<｜fim▁begin｜>', suffix: '<｜fim▁hole｜>', middle: '<｜fim▁end｜>' },
  contextLength: 16384,
  // Its tokenizer adds it to every encoded text (`add_bos_token`), FIM prompts included.
  startToken: '<｜begin▁of▁sentence｜>',
  endTokens: ['<｜end▁of▁sentence｜>', '<|EOT|>'],
  // The chat markers with ASCII bars (DeepSeek-Coder) and full-width ones (its later vocabularies),
  // both ordinary added tokens that would otherwise print as their text.
  structureTokens: ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', '<｜begin▁of▁sentence｜>', '<|User|>', '<|Assistant|>', '<｜User｜>', '<｜Assistant｜>'],
};

// An unknown model may still use one of the known vocabularies' markers: none of them is text.
const leftToRight: ModelFamily = {
  id: 'left-to-right',
  contextLength: 2048,
  endTokens: ['<|endoftext|>', '</s>', '<eos>', '<|end_of_text|>', '<|im_end|>', '<|eot_id|>'],
  structureTokens: [...new Set([qwenCoderFamily, starCoderFamily, santaCoderFamily, deepSeekCoderFamily].flatMap((f) => f.structureTokens))],
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
 * The family of a model from the special tokens its tokenizer defines (the markers decide the
 * prompt's token ids, whatever the folder or hub id is called), else from its id. The config's
 * context length wins over the family default because small variants are often trained on
 * shorter windows. Unknown models get left-to-right prompting.
 */
export function familyFor(modelIdOrConfig: string | ModelDescription): ModelFamily {
  const d: ModelDescription = typeof modelIdOrConfig === 'string' ? { id: modelIdOrConfig } : modelIdOrConfig;
  const base = byTokens(d.specialTokens) ?? (d.id !== undefined ? byId.find(([re]) => re.test(d.id!))?.[1] : undefined) ?? leftToRight;
  const contextLength = d.contextLength !== undefined && d.contextLength > 0 ? d.contextLength : base.contextLength;
  const special = d.specialTokens ? new Set(d.specialTokens) : undefined;
  // Keep only markers the vocabulary has, when we know the vocabulary.
  const known = (ts: string[]) => (special ? ts.filter((t) => special.has(t)) : ts);
  const startToken = base.startToken !== undefined && known([base.startToken]).length > 0 ? base.startToken : undefined;
  return { ...base, contextLength, startToken, endTokens: known(base.endTokens), structureTokens: known(base.structureTokens) };
}

/** The bundled vocabulary: Qwen's FIM marker texts plus `<|pad|>`, and no chat tokens. */
const BUNDLED_MARKERS = ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|pad|>'];

function byTokens(tokens: readonly string[] | undefined): ModelFamily | undefined {
  if (!tokens) return undefined;
  const has = new Set(tokens);
  if (BUNDLED_MARKERS.every((t) => has.has(t)) && !has.has('<|im_start|>')) return bundledFamily;
  for (const f of [qwenCoderFamily, starCoderFamily, santaCoderFamily, deepSeekCoderFamily]) {
    if (f.fim && has.has(f.fim.prefix) && has.has(f.fim.suffix) && has.has(f.fim.middle)) return f;
  }
  return undefined;
}
