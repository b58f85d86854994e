import type { Tokenizer } from '../ports';
import { promptingFor, type ModelFamily, type Prompting } from './model-family';
import { CUT_QUANTUM, type PromptWindow } from './prompt-window';

export interface Prompt {
  ids: number[];
  /** How many characters at the end of `prefix` the prompt holds. */
  prefixChars: number;
  /** How many characters at the start of `suffix` the prompt holds. */
  suffixChars: number;
}

// Characters per token are rarely above this; longer texts are pre-cut before encoding.
const MAX_CHARS_PER_TOKEN = 8;
// The suffix is context, the prefix is what the model continues: the suffix gets at most this share.
const SUFFIX_SHARE = 0.25;

/**
 * Token ids of a fill-in-the-middle prompt (PSM order) or, without FIM markers or when prompted
 * left to right (`prompting`, else the family's default), of the prefix alone. The prompt plus
 * `maxNewTokens` fits the family's context: the prefix is cut from the left and the suffix from
 * the right, preferably at line boundaries. A `window` (prompt-window.ts) bounds both below the
 * family's context.
 */
export function buildPrompt(tok: Tokenizer, family: ModelFamily, prefix: string, suffix: string, maxNewTokens: number, prompting?: Prompting, window?: PromptWindow): Prompt {
  const markers = family.fim && promptingFor(family, prompting) === 'fim' ? [family.fim.prefix, family.fim.suffix, family.fim.middle].map((t) => tok.specialId(t)) : [];
  const fim = markers.length === 3 && markers.every((id) => id !== undefined) ? (markers as number[]) : undefined;
  const startId = family.startToken !== undefined ? tok.specialId(family.startToken) : undefined;
  const start = startId !== undefined ? [startId] : [];
  const context = Math.min(family.contextLength, window?.tokens ?? Infinity);
  const reserved = (fim ? 3 : 0) + start.length + Math.max(0, maxNewTokens);
  // Never let a huge maxNewTokens squeeze the prompt to nothing.
  const budget = Math.max(context - reserved, Math.floor(context / 2), 1);
  if (!fim) {
    const p = fitLeft(tok, prefix, budget, window?.cutChars);
    // A model needs at least one token to continue from; end-of-text is the usual document start.
    const ids = p.ids.length === 0 && start.length === 0 && tok.endIds.length > 0 ? [tok.endIds[0]!] : [...start, ...p.ids];
    return { ids, prefixChars: p.chars, suffixChars: 0 };
  }
  let s = fitRight(tok, suffix, Math.min(Math.floor(budget * SUFFIX_SHARE), window?.suffixTokens ?? Infinity));
  const p = fitLeft(tok, prefix, budget - s.ids.length, window?.cutChars);
  // A short prefix leaves room for more suffix, except where the window bounds what a keystroke re-runs.
  const suffixRoom = Math.min(budget - p.ids.length, window?.suffixTokens ?? Infinity);
  if (s.chars < suffix.length && p.chars === prefix.length && suffixRoom > s.ids.length) s = fitRight(tok, suffix, suffixRoom);
  return { ids: [...start, fim[0]!, ...p.ids, fim[1]!, ...s.ids, fim[2]!], prefixChars: p.chars, suffixChars: s.chars };
}

interface Fit { ids: number[]; chars: number }

/** The longest tail of `text` (cut at a stable position) that encodes to at most `max` tokens. */
function fitLeft(tok: Tokenizer, text: string, max: number, quantum = CUT_QUANTUM): Fit {
  const fit = fitLeftBy(tok, text, max, quantum);
  // Text of very few characters per token would leave a large step little of the window.
  if (quantum > CUT_QUANTUM && fit.ids.length < max / 2 && fit.chars < text.length) return fitLeftBy(tok, text, max, CUT_QUANTUM);
  return fit;
}

function fitLeftBy(tok: Tokenizer, text: string, max: number, quantum: number): Fit {
  if (max <= 0 || text.length === 0) return { ids: [], chars: 0 };
  let start = text.length > max * MAX_CHARS_PER_TOKEN ? snapStart(text, text.length - max * MAX_CHARS_PER_TOKEN, quantum) : 0;
  for (;;) {
    const part = text.slice(start);
    const ids = tok.encode(part);
    if (ids.length <= max) return { ids, chars: part.length };
    const over = ids.length - max;
    const drop = Math.ceil((over * part.length) / ids.length) + 1;
    start = snapStart(text, Math.max(start + 1, start + drop), quantum);
  }
}

/** The longest head of `text` that encodes to at most `max` tokens. */
function fitRight(tok: Tokenizer, text: string, max: number): Fit {
  if (max <= 0 || text.length === 0) return { ids: [], chars: 0 };
  let end = text.length > max * MAX_CHARS_PER_TOKEN ? snapEnd(text, max * MAX_CHARS_PER_TOKEN) : text.length;
  for (;;) {
    const part = text.slice(0, end);
    const ids = tok.encode(part);
    if (ids.length <= max) return { ids, chars: part.length };
    const over = ids.length - max;
    const drop = Math.ceil((over * part.length) / ids.length) + 1;
    end = snapEnd(text, Math.min(end - 1, end - drop));
  }
}

/** A cut position ≥ `min`: rounded up to the quantum, then to the next line start if one is near. */
function snapStart(text: string, min: number, quantum: number): number {
  if (min >= text.length) return text.length;
  const q = Math.min(Math.ceil(min / quantum) * quantum, text.length);
  const nl = text.indexOf('\n', q === 0 ? 0 : q - 1);
  let pos = nl >= 0 && nl + 1 - q < CUT_QUANTUM ? nl + 1 : q;
  if (pos < min) pos = min;
  return avoidSurrogateSplit(text, pos, +1);
}

/** A cut position ≤ `max`: rounded down to the quantum, then back to a line end if one is near. */
function snapEnd(text: string, max: number): number {
  if (max <= 0) return 0;
  const q = Math.floor(max / CUT_QUANTUM) * CUT_QUANTUM || max;
  const nl = text.lastIndexOf('\n', q - 1);
  let pos = nl >= 0 && q - (nl + 1) < CUT_QUANTUM ? nl + 1 : q;
  if (pos > max) pos = max;
  return avoidSurrogateSplit(text, pos, -1);
}

function avoidSurrogateSplit(text: string, pos: number, dir: 1 | -1): number {
  if (pos <= 0 || pos >= text.length) return Math.max(0, Math.min(pos, text.length));
  const c = text.charCodeAt(pos);
  return c >= 0xdc00 && c <= 0xdfff ? pos + dir : pos;
}
