// Encoding without transformers.js's vocabulary tables: its added-token splitting, normaliser and
// pre-tokenizer are kept (small objects), its BPE step is replaced by `BpeMerges` (typed arrays),
// and the tokenizer itself can then be dropped (bpe-merges.ts says why that matters).
import { PreTrainedTokenizer } from '@huggingface/transformers';
import { BpeMerges, type MergePair } from '../core/tokens/bpe-merges';
import { byteLevelInverse, type TokenizerJson } from './vocab-tokenizer';

interface Splitter { split(text: string): string[] }
interface AddedToken { id: number; lstrip: boolean; rstrip: boolean }
type Step = (text: string, opts?: { section_index: number }) => string | string[];
/** transformers.js's Tokenizer (`_tokenizer`): the parts of `encode_text` that run before the model. */
interface TextPipeline {
  splitter_unnormalized: Splitter;
  splitter_normalized: Splitter;
  added_tokens_map: Map<string, AddedToken>;
  normalizer: Step | null;
  pre_tokenizer: Step | null;
  remove_space?: boolean;
  do_lowercase_and_remove_accent?: boolean;
  model?: { tokens_to_ids?: Map<string, number>; merges?: MergePair[] };
}

interface BpeModelJson {
  type?: string;
  vocab: Record<string, number> | [string, number][];
  merges?: (string | [string, string])[];
  dropout?: number | null;
  byte_fallback?: boolean;
  ignore_merges?: boolean;
  fuse_unk?: boolean;
  continuing_subword_prefix?: string | null;
  end_of_word_suffix?: string | null;
}

/**
 * `hf.encode(text, { add_special_tokens: false })` over compact tables, or undefined for a
 * tokenizer this does not cover (then transformers.js keeps encoding). Covered: byte-level BPE
 * (GPT-2, Qwen, StarCoder, DeepSeek-Coder and the bundled model's kind); others fall back.
 */
export function compactEncoder(hf: PreTrainedTokenizer, json: TokenizerJson): ((text: string) => number[]) | undefined {
  const model = json.model as BpeModelJson;
  const t = (hf as unknown as { _tokenizer?: TextPipeline })._tokenizer;
  // A tokenizer class of transformers.js that encodes its own way is left to it.
  const base = PreTrainedTokenizer.prototype as unknown as Record<string, unknown>;
  const own = hf as unknown as Record<string, unknown>;
  if (own.encode !== base.encode || own._encode_plus !== base._encode_plus) return undefined;
  if (!t || !t.splitter_unnormalized || !t.splitter_normalized || !t.added_tokens_map) return undefined;
  if (model.type !== 'BPE' || !model.merges || model.dropout || model.byte_fallback || model.ignore_merges || model.fuse_unk) return undefined;
  if (model.continuing_subword_prefix || model.end_of_word_suffix) return undefined;
  if (t.remove_space || t.do_lowercase_and_remove_accent || !t.pre_tokenizer || !mapsToBytes(json)) return undefined;
  // The tables transformers.js has already built from the same file, where it has them (a third
  // of a second of load for Qwen's vocabulary).
  const built = t.model;
  const ids = built?.tokens_to_ids instanceof Map ? built.tokens_to_ids : new Map(Array.isArray(model.vocab) ? model.vocab.map(([piece], id) => [piece, id] as const) : Object.entries(model.vocab));
  const merges = Array.isArray(built?.merges) && built.merges.length === model.merges.length && Array.isArray(built.merges[0])
    ? built.merges
    : model.merges.map((m): MergePair => (Array.isArray(m) ? [m[0], m[1]] : (m.split(' ', 2) as unknown as MergePair)));
  // Every byte must have a piece of its own, or a word could hold a character no token spells.
  // (A loop, not a callback: a closure here would keep `ids`, transformers.js's table, alive with `encode`.)
  for (const c of byteLevelInverse().keys()) if (!ids.has(c)) return undefined;
  const bpe = BpeMerges.build(ids, merges);
  if (!bpe) return undefined;
  const { splitter_unnormalized: outer, splitter_normalized: inner, added_tokens_map: added, normalizer, pre_tokenizer: preTokenize } = t;

  // The same steps as transformers.js's `encode_text`, ids instead of token strings.
  const encode = (text: string): number[] => {
    const out: number[] = [];
    const sections = stripAroundAdded(outer.split(text), added);
    sections.forEach((section, sectionIndex) => {
      if (section.length === 0) return;
      const token = added.get(section);
      if (token) return void out.push(token.id);
      const normalized = normalizer ? (normalizer(section) as string) : section;
      if (normalized.length === 0) return;
      for (const sub of stripAroundAdded(inner.split(normalized), added)) {
        if (sub.length === 0) continue;
        const subToken = added.get(sub);
        if (subToken) {
          out.push(subToken.id);
          continue;
        }
        const words = preTokenize(sub, { section_index: sectionIndex });
        for (const w of typeof words === 'string' ? [words] : words) {
          // Byte-level words hold only the alphabet checked above.
          if (!bpe.encodeWord(w, out)) throw new Error(`a character of ${JSON.stringify(w)} has no token`);
        }
      }
    });
    return out;
  };
  return encode;
}

/** Added tokens that strip the space beside them (`lstrip`, `rstrip`) take it from their neighbours. */
function stripAroundAdded(parts: string[], added: Map<string, AddedToken>): string[] {
  parts.forEach((part, i) => {
    const token = added.get(part);
    if (!token) return;
    if (token.lstrip && i > 0) parts[i - 1] = parts[i - 1]!.trimEnd();
    if (token.rstrip && i < parts.length - 1) parts[i + 1] = parts[i + 1]!.trimStart();
  });
  return parts;
}

/** Every word reaches the model as byte-level characters: a ByteLevel pre-tokenizer, alone or in a sequence. */
function mapsToBytes(json: TokenizerJson): boolean {
  const pre = (json as unknown as { pre_tokenizer?: { type: string; pretokenizers?: { type: string }[] } | null }).pre_tokenizer;
  if (!pre) return false;
  return pre.type === 'ByteLevel' || (pre.type === 'Sequence' && (pre.pretokenizers ?? []).some((p) => p.type === 'ByteLevel'));
}
