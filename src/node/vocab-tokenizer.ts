import type { Tokenizer } from '../core/ports';
import { PackedBytes } from '../core/tokens/packed-bytes';

/** The parts of a Hugging Face `tokenizer.json` that say which bytes each token id stands for. */
export interface TokenizerJson {
  model: { type?: string; vocab: Record<string, number> | [string, number][] };
  added_tokens?: { id: number; content: string; special?: boolean }[];
  decoder?: DecoderJson | null;
}
interface DecoderJson { type: string; decoders?: DecoderJson[] }

/**
 * The core's Tokenizer port over a tokenizer.json vocabulary. Encoding is delegated (transformers.js
 * does the BPE merges); token bytes are read from the vocabulary itself, because decoding one id
 * at a time through a text decoder loses partial UTF-8 sequences.
 */
export class VocabTokenizer implements Tokenizer {
  readonly vocabSize: number;
  readonly endIds: readonly number[];
  private readonly bytes: PackedBytes;
  private readonly special = new Map<string, number>();

  constructor(json: TokenizerJson, private readonly encodeText: (text: string) => number[], opts: { endTokens: readonly string[]; structureTokens?: readonly string[]; vocabSize?: number }) {
    const pieceToBytes = pieceDecoder(json);
    const entries: [string, number][] = Array.isArray(json.model.vocab)
      ? json.model.vocab.map(([piece], id) => [piece, id])
      : Object.entries(json.model.vocab);
    let maxId = -1;
    for (const [, id] of entries) maxId = Math.max(maxId, id);
    for (const t of json.added_tokens ?? []) maxId = Math.max(maxId, t.id);
    this.vocabSize = Math.max(maxId + 1, opts.vocabSize ?? 0);
    const bytes = new Array<Uint8Array | undefined>(this.vocabSize);
    for (const [piece, id] of entries) bytes[id] = pieceToBytes(piece);
    const utf8 = new TextEncoder();
    for (const t of json.added_tokens ?? []) {
      this.special.set(t.content, t.id);
      // Added tokens are matched literally, not byte-mapped; special ones contribute no text.
      bytes[t.id] = t.special ? undefined : utf8.encode(t.content);
    }
    this.endIds = [...new Set(opts.endTokens.map((t) => this.special.get(t)).filter((id): id is number => id !== undefined))];
    // Some vocabularies mark end and prompt-structure markers as plain added tokens (Qwen's FIM
    // markers): they must end or never be written, not print as their literal text.
    for (const id of this.endIds) bytes[id] = undefined;
    for (const t of opts.structureTokens ?? []) {
      const id = this.special.get(t);
      if (id !== undefined) bytes[id] = undefined;
    }
    this.bytes = PackedBytes.from(this.vocabSize, (id) => bytes[id]);
  }

  tokenBytes(id: number): Uint8Array | undefined {
    return this.bytes.get(id);
  }

  encode(text: string): number[] {
    return text.length === 0 ? [] : this.encodeText(text);
  }

  specialId(text: string): number | undefined {
    return this.special.get(text);
  }

  /** Texts of all added tokens, for recognising the model family. */
  specialTokens(): string[] {
    return [...this.special.keys()];
  }
}

function hasDecoder(d: DecoderJson | null | undefined, type: string): boolean {
  return !!d && (d.type === type || (d.decoders ?? []).some((x) => hasDecoder(x, type)));
}

function pieceDecoder(json: TokenizerJson): (piece: string) => Uint8Array {
  if (hasDecoder(json.decoder, 'ByteLevel')) {
    const table = byteLevelInverse();
    return (piece) => {
      const out = new Uint8Array(piece.length);
      let n = 0;
      for (const ch of piece) {
        const b = table.get(ch);
        // A piece outside the byte alphabet cannot come from byte-level BPE; keep its UTF-8.
        if (b === undefined) return new TextEncoder().encode(piece);
        out[n++] = b;
      }
      return out.subarray(0, n);
    };
  }
  // SentencePiece style: `▁` is a space, `<0xNN>` a raw byte (byte fallback).
  const utf8 = new TextEncoder();
  return (piece) => {
    const m = /^<0x([0-9A-Fa-f]{2})>$/.exec(piece);
    if (m) return Uint8Array.of(parseInt(m[1]!, 16));
    return utf8.encode(piece.replaceAll('▁', ' '));
  };
}

/** GPT-2's byte ↔ printable character table, inverted: character → byte. */
export function byteLevelInverse(): Map<string, number> {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const isPrintable = new Set(printable);
  const map = new Map<string, number>();
  for (const b of printable) map.set(String.fromCodePoint(b), b);
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (isPrintable.has(b)) continue;
    map.set(String.fromCodePoint(256 + n), b);
    n++;
  }
  return map;
}
