import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tokenizer } from '../../../../src/core/ports';
import { buildPrompt } from '../../../../src/core/completion/prompt';
import { bundledFamily, familyFor, type ModelFamily } from '../../../../src/core/completion/model-family';

// One token per character (code point), plus the bundled model's special tokens.
const specials = ['<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|pad|>'];
const charTok: Tokenizer = {
  vocabSize: 70000,
  endIds: [0],
  tokenBytes: (id) => (id < specials.length ? undefined : new TextEncoder().encode(String.fromCodePoint(id))),
  encode: (text) => [...text].map((c) => c.codePointAt(0)!),
  specialId: (t) => (specials.includes(t) ? specials.indexOf(t) : undefined),
};
const decodeIds = (ids: number[]) => ids.map((id) => (id < specials.length ? specials[id] : String.fromCodePoint(id))).join('');
const fam = (contextLength: number, fim = true): ModelFamily => ({ ...bundledFamily, prompting: undefined, fim: fim ? bundledFamily.fim : undefined, contextLength });

test('a short document becomes prefix/suffix/middle in PSM order', () => {
  const p = buildPrompt(charTok, fam(512), 'const a = ', ';\n', 16);
  assert.equal(decodeIds(p.ids), '<|fim_prefix|>const a = <|fim_suffix|>;\n<|fim_middle|>');
  assert.equal(p.prefixChars, 10);
  assert.equal(p.suffixChars, 2);
});

test('without FIM markers the prompt is the prefix alone', () => {
  const p = buildPrompt(charTok, fam(512, false), 'let x', ' = 1', 16);
  assert.equal(decodeIds(p.ids), 'let x');
  assert.equal(p.suffixChars, 0);
});

test('the bundled model is prompted left to right unless the request asks for its FIM template', () => {
  const bundled = { ...bundledFamily, contextLength: 512 };
  assert.equal(decodeIds(buildPrompt(charTok, bundled, 'let x', ' = 1', 16).ids), 'let x');
  assert.equal(decodeIds(buildPrompt(charTok, bundled, 'let x', ' = 1', 16, 'fim').ids), '<|fim_prefix|>let x<|fim_suffix|> = 1<|fim_middle|>');
  assert.equal(decodeIds(buildPrompt(charTok, fam(512), 'let x', ' = 1', 16, 'left-to-right').ids), 'let x');
  assert.equal(decodeIds(buildPrompt(charTok, fam(512, false), 'let x', ' = 1', 16, 'fim').ids), 'let x', 'no template: left to right whatever was asked');
});

test('an empty left-to-right prompt starts from the end-of-text token', () => {
  const p = buildPrompt(charTok, fam(512, false), '', '', 16);
  assert.deepEqual(p.ids, [0]);
});

test('a long prefix is cut from the left at a line start and fits with the new tokens', () => {
  const lines = Array.from({ length: 400 }, (_, i) => `line ${i};`);
  const prefix = lines.join('\n') + '\nconst tail = ';
  const suffix = '\n'.repeat(10) + 'x'.repeat(3000);
  const p = buildPrompt(charTok, fam(1024), prefix, suffix, 64);
  assert.ok(p.ids.length + 64 <= 1024, `prompt ${p.ids.length} too long`);
  const text = decodeIds(p.ids);
  const kept = prefix.slice(prefix.length - p.prefixChars);
  assert.ok(text.startsWith('<|fim_prefix|>' + kept + '<|fim_suffix|>'));
  assert.ok(kept.startsWith('line '), `cut mid-line: ${kept.slice(0, 20)}`);
  assert.ok(kept.endsWith('const tail = '));
  assert.ok(p.suffixChars < suffix.length && p.suffixChars > 0);
  assert.ok(text.endsWith(suffix.slice(0, p.suffixChars) + '<|fim_middle|>'));
});

test('typing at the end of a long prefix keeps the prompt start (the KV cache stays reusable)', () => {
  const base = Array.from({ length: 300 }, (_, i) => `statement(${i});`).join('\n') + '\n';
  const a = buildPrompt(charTok, fam(1024), base + 'foo', '', 32);
  const b = buildPrompt(charTok, fam(1024), base + 'foo.b', '', 32);
  const bodyA = a.ids.slice(0, a.ids.indexOf(2));
  const bodyB = b.ids.slice(0, b.ids.indexOf(2));
  assert.deepEqual(bodyB.slice(0, bodyA.length), bodyA);
});

test('a prompt bigger than the whole context stays valid', () => {
  const p = buildPrompt(charTok, fam(64), 'y'.repeat(10000), 'z'.repeat(10000), 500);
  assert.ok(p.ids.length <= 64);
  assert.equal(p.ids[0], 1);
  assert.equal(p.ids.at(-1), 3);
  assert.ok(p.prefixChars > 0);
});

test('surrogate pairs are never split by a cut', () => {
  const prefix = '😀'.repeat(3000);
  const p = buildPrompt(charTok, fam(256), prefix, '', 16);
  const kept = prefix.slice(prefix.length - p.prefixChars);
  assert.equal(kept.length % 2, 0);
  assert.ok(!decodeIds(p.ids).includes('\uFFFD'));
});

test('families are recognised by hub id, by special tokens, and unknown ones go left to right', () => {
  assert.equal(familyFor('onnx-community/Qwen2.5-Coder-0.5B-Instruct').id, 'qwen2.5-coder');
  assert.equal(familyFor('bigcode/tiny_starcoder_py').fim?.prefix, '<fim_prefix>');
  assert.equal(familyFor('Xenova/deepseek-coder-1.3b-base').fim?.middle, '<｜fim▁end｜>');
  assert.equal(familyFor('bundled').id, 'bundled');
  assert.equal(familyFor({ id: '/models/mine', specialTokens: specials, contextLength: 256 }).id, 'bundled');
  assert.equal(familyFor({ id: '/models/mine', specialTokens: specials, contextLength: 256 }).contextLength, 256);
  assert.equal(familyFor({ id: '/x', specialTokens: ['<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|im_start|>'] }).id, 'qwen2.5-coder');
  const unknown = familyFor({ id: 'Xenova/gpt2', specialTokens: ['<|endoftext|>'] });
  assert.equal(unknown.fim, undefined);
  assert.deepEqual(unknown.endTokens, ['<|endoftext|>']);
});

test('a window bounds the prompt below the context, and the suffix to what a keystroke re-runs', () => {
  const prefix = Array.from({ length: 400 }, (_, i) => `line ${i};`).join('\n') + '\nconst tail = ';
  const suffix = Array.from({ length: 400 }, (_, i) => `after ${i};`).join('\n');
  const whole = buildPrompt(charTok, fam(4096), prefix, suffix, 32);
  const windowed = buildPrompt(charTok, fam(4096), prefix, suffix, 32, undefined, { tokens: 700, suffixTokens: 40 });
  assert.ok(whole.ids.length > 2000);
  assert.ok(windowed.ids.length + 32 <= 700 && windowed.ids.length > 600, `${windowed.ids.length}`);
  assert.ok(windowed.suffixChars > 0 && windowed.suffixChars <= 40, `${windowed.suffixChars}`);
  const text = decodeIds(windowed.ids);
  assert.ok(text.endsWith(suffix.slice(0, windowed.suffixChars) + '<|fim_middle|>'));
  assert.ok(prefix.endsWith(text.slice('<|fim_prefix|>'.length, text.indexOf('<|fim_suffix|>'))));
});

test('a short prefix does not let the suffix grow past the keystroke bound', () => {
  const suffix = 'x;\n'.repeat(2000);
  const p = buildPrompt(charTok, fam(4096), 'const a = ', suffix, 32, undefined, { tokens: 1000, suffixTokens: 50 });
  assert.ok(p.suffixChars <= 50 && p.suffixChars > 30, `${p.suffixChars}`);
  const unbounded = buildPrompt(charTok, fam(4096), 'const a = ', suffix, 32, undefined, { tokens: 1000, suffixTokens: 1000 });
  assert.ok(unbounded.suffixChars > 700, `${unbounded.suffixChars}`);
});

test('typing at the end of a long file moves the left cut, and so re-reads the window, once per cut step', () => {
  const base = Array.from({ length: 400 }, (_, i) => `statement(${i});`).join('\n') + '\n';
  const typed = Array.from({ length: 200 }, (_, i) => `  next(${i});`).join('\n');
  const starts = (cutChars?: number) => {
    const seen = new Set<number>();
    for (let i = 0; i <= typed.length; i += 7) {
      const prefix = base + typed.slice(0, i);
      const p = buildPrompt(charTok, fam(8192), prefix, '', 32, undefined, { tokens: 4000, suffixTokens: 40, cutChars });
      assert.ok(p.ids.length + 32 <= 4000 && p.ids.length > 2900, `${p.ids.length}`);
      seen.add(prefix.length - p.prefixChars);
    }
    return seen.size;
  };
  // 2,700 characters typed after 6,000: a cut every 256 characters, or every 1,000 (a prompt then
  // holds 3/4 of its window at the least).
  assert.ok(starts() >= 10, `${starts()} cuts`);
  assert.ok(starts(1000) <= 4, `${starts(1000)} cuts`);
});

test('text of one character per token falls back to the small cut step rather than keep little of the window', () => {
  const prefix = Array.from({ length: 600 }, (_, i) => `s(${i});`).join('\n');
  for (let extra = 0; extra < 1200; extra += 100) {
    const p = buildPrompt(charTok, fam(8192), prefix + 'x'.repeat(extra), '', 32, undefined, { tokens: 1000, suffixTokens: 40, cutChars: 1000 });
    assert.ok(p.ids.length > 480, `${p.ids.length} tokens of a 1,000-token window`);
  }
});
