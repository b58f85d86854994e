import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLD_PROMPT_MS, KEYSTROKE_SUFFIX_MS, MAX_PROMPT_TOKENS, MIN_PROMPT_TOKENS, promptWindow, tokenCost } from '../../../../src/core/completion/prompt-window';

const flat = (ms: number) => [{ past: 96, msPerToken: ms }];

test('a model that reads prompts fast gets the largest window its context allows', () => {
  assert.deepEqual(promptWindow(32768, flat(0.1)), { tokens: MAX_PROMPT_TOKENS, suffixTokens: MAX_PROMPT_TOKENS / 4 });
  assert.deepEqual(promptWindow(512, flat(0.15)), { tokens: 512, suffixTokens: 128 });
  assert.deepEqual(promptWindow(512, undefined), { tokens: 512, suffixTokens: 128 }, 'not measured: the context');
  assert.deepEqual(promptWindow(512, []), { tokens: 512, suffixTokens: 128 });
});

test('a slow model gets a window it reads within the cold budget, and a suffix a keystroke re-runs in time', () => {
  const w = promptWindow(32768, flat(2.5));
  assert.equal(w.tokens, COLD_PROMPT_MS / 2.5);
  assert.equal(w.suffixTokens, KEYSTROKE_SUFFIX_MS / 2.5);
});

test('tokens that cost more after a longer past shrink the window to what still fits the budget', () => {
  const samples = [{ past: 96, msPerToken: 1.5 }, { past: 1056, msPerToken: 2.5 }];
  const cost = tokenCost(samples);
  assert.equal(cost(96), 1.5);
  assert.equal(cost(1056), 2.5);
  assert.equal(cost(0), 1.5, 'never below the cheapest measured');
  const w = promptWindow(32768, samples);
  let total = 0;
  for (let i = 0; i < w.tokens; i++) total += cost(i);
  assert.ok(total <= COLD_PROMPT_MS && total + cost(w.tokens) > COLD_PROMPT_MS, `${w.tokens} tokens cost ${total} ms`);
  assert.ok(w.tokens < COLD_PROMPT_MS / 1.5);
  assert.equal(w.suffixTokens, Math.floor(KEYSTROKE_SUFFIX_MS / cost(w.tokens)));
});

test('a very slow model keeps a minimum of the code around the cursor', () => {
  const w = promptWindow(32768, flat(100));
  assert.equal(w.tokens, MIN_PROMPT_TOKENS);
  assert.equal(w.suffixTokens, 16);
  assert.equal(promptWindow(128, flat(100)).tokens, 128, 'never past the context');
});

test("the user's size replaces the measured one; the keystroke still bounds the suffix", () => {
  assert.deepEqual(promptWindow(32768, flat(2.5), 4000), { tokens: 4000, suffixTokens: 40, cutChars: 4000 });
  assert.equal(promptWindow(1024, flat(2.5), 4000).tokens, 1024);
  assert.deepEqual(promptWindow(32768, undefined, 300), { tokens: 300, suffixTokens: 75 });
});

test('a window that takes a noticeable time to read again moves its left cut in larger steps', () => {
  assert.equal(promptWindow(512, flat(0.15)).cutChars, undefined, 'the bundled model reads 512 tokens in 77 ms');
  assert.equal(promptWindow(32768, flat(2.5)).cutChars, 720);
  assert.equal(promptWindow(32768, flat(100)).cutChars, MIN_PROMPT_TOKENS);
});
