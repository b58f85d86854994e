import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tokenizer } from '../../../../src/core/ports';
import { buildPrompt } from '../../../../src/core/completion/prompt';
import { requestFor, type CompletionSettings } from '../../../../src/core/completion/request';
import { bundledFamily, type ModelFamily } from '../../../../src/core/completion/model-family';
import { inputSkip, MAX_LINE_CHARS, textWindow, WINDOW_CHARS } from '../../../../src/core/completion/input-limits';

const specials = ['<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'];
// `width` characters per token: 1 is the densest text, 8 the sparsest the prompt builder expects.
const tokenizer = (width: number): Tokenizer => ({
  vocabSize: 1 << 20,
  endIds: [0],
  tokenBytes: () => undefined,
  encode: (text) => Array.from({ length: Math.ceil(text.length / width) }, (_, i) => 10 + (hash(text.slice(i * width, (i + 1) * width)) % 1_000_000)),
  specialId: (t) => (specials.includes(t) ? specials.indexOf(t) : undefined),
});
function hash(s: string): number {
  let h = 7;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h;
}
// The model worker caps every prompt at 2048 tokens.
const family: ModelFamily = { ...bundledFamily, prompting: 'fim', contextLength: 2048 };
const settings: CompletionSettings = { maxTokens: 48, temperature: 0, multiline: 'auto', monitors: [], languageServiceTimeoutMs: 400 };

/** A 5 MB TypeScript file: many short lines. */
function bigFile(): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 5_000_000; i++) {
    const l = `export const value${i} = compute(${i}, 'item-${i % 97}'); // line ${i}`;
    lines.push(l);
    size += l.length + 1;
  }
  return lines.join('\n');
}

test('a 5 MB file: a request reads a bounded window around the cursor, and the model sees the same prompt as with the whole file', () => {
  const text = bigFile();
  for (const cursor of [0, 17, 40_000, 2_500_003, text.length - 5, text.length]) {
    const w = textWindow(text.length, cursor);
    assert.ok(w.start <= cursor && cursor <= w.end, `the window holds the cursor at ${cursor}`);
    assert.ok(w.end - w.start <= 2 * WINDOW_CHARS + 4096, `window of ${w.end - w.start} characters at ${cursor}`);
    const whole = requestFor(settings, { text, languageId: 'typescript' }, cursor);
    const windowed = requestFor(settings, { text: text.slice(w.start, w.end), languageId: 'typescript' }, cursor - w.start);
    assert.ok(windowed.prefix.length + windowed.suffix.length <= w.end - w.start);
    for (const width of [1, 4, 8]) {
      const tok = tokenizer(width);
      assert.deepEqual(
        buildPrompt(tok, family, windowed.prefix, windowed.suffix, 48).ids,
        buildPrompt(tok, family, whole.prefix, whole.suffix, 48).ids,
        `prompt at ${cursor}, ${width} characters per token`,
      );
    }
  }
});

test('typing moves the window only now and then, so the prompt keeps its cut and the model its cache', () => {
  const length = 5_000_000;
  let moves = 0;
  for (let cursor = 1_000_000; cursor < 1_000_000 + 10_000; cursor++) {
    if (textWindow(length + 1, cursor + 1).start !== textWindow(length, cursor).start) moves++;
  }
  assert.ok(moves <= 3, `${moves} moves in 10,000 keystrokes`);
});

test('a short file is read whole', () => {
  assert.deepEqual(textWindow(1200, 600), { start: 0, end: 1200 });
});

test('a minified one-line file is not completed in', () => {
  const line = 'var a=1;'.repeat(20_000);
  assert.equal(inputSkip(line.slice(-WINDOW_CHARS), line.length), 'LINE_TOO_LONG');
  assert.equal(inputSkip('x'.repeat(MAX_LINE_CHARS), MAX_LINE_CHARS), undefined, 'a long hand-written line is still completed');
});

test('binary content opened as text is not completed in', () => {
  assert.equal(inputSkip('PK\u0003\u0004\u0000\u0000\u0008', 7), 'BINARY_CONTENT');
  assert.equal(inputSkip('const nul = "\\0";', 17), undefined, 'an escaped NUL in a string is text');
});

test('a document a request can read is completed in', () => {
  assert.equal(inputSkip('const a = b.\nfoo();', 12), undefined);
});
