import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeTokens, codeTokensAt } from '../../../../src/core/statistics/code-tokens';
import { namesAfterDot } from '../../../../src/core/statistics/dot-contexts';
import { TokenStretches } from '../../../../src/core/statistics/token-stretches';
import { FileContext } from '../../../../src/core/statistics/file-context';
import { DEFAULT_MIX_WEIGHTS, statisticsScores, type NameCandidate } from '../../../../src/core/statistics/name-scores';

test('code splits into identifiers and single characters; `?.` reads as a dot', () => {
  assert.deepEqual(codeTokens('this.a?.b = $x[0];'), ['this', '.', 'a', '.', 'b', '=', '$x', '[', '0', ']', ';']);
});

test('the longest context that a legal name followed decides, down to the shortest allowed', () => {
  const file = new TokenStretches();
  const text = 'this.size = opts.size;\nthis.name = opts.name;\nreturn opts.size;';
  file.add(text, codeTokensAt(text), 1);
  const t = { after: (tail: string[], shortest: number, legal: (name: string) => boolean) => namesAfterDot(file, tail, shortest, 8, legal) };
  const all = (): boolean => true;
  // `this . name = opts .` matched five tokens back: `name` followed it, `size` did not.
  assert.deepEqual([...t.after(codeTokens('this.name = opts.'), 4, all)!], [['name', 1]]);
  // `return opts .`: three tokens; with four required nothing matches.
  assert.equal(t.after(codeTokens('return opts.'), 4, all), undefined);
  assert.deepEqual([...t.after(codeTokens('return opts.'), 3, all)!], [['size', 1]]);
  // A context only illegal names followed gives way to a shorter one.
  assert.deepEqual(new Map(t.after(codeTokens('this.name = opts.'), 2, (n) => n === 'size')!), new Map([['size', 1]]), 'only legal names count');
  assert.equal(t.after(codeTokens('opts'), 1, all), undefined, 'no dot at the end: no context');
});

const cands = (...names: string[]): NameCandidate[] => names.map((name, order) => ({ name, order }));

test('the name that followed the same tokens elsewhere in the file (after the cursor too) wins over the most recent pair', () => {
  const c = cands('width', 'height');
  const prefix = 'function a(box) {\n  total.width += box.width;\n  other(box.height);\n  total.height += box.';
  const without = statisticsScores(c, new FileContext(prefix, ''), 'box', { ...DEFAULT_MIX_WEIGHTS, context: 0 });
  assert.ok(without.p[1]! > without.p[0]!, 'the most recent pair is `box.height`…');
  const s = statisticsScores(c, new FileContext(prefix, ''), 'box', DEFAULT_MIX_WEIGHTS);
  assert.ok(s.p[0]! > s.p[1]!, '…but `+= box .` was followed by `width`');
  // The same context after the cursor counts as well.
  const after = statisticsScores(c, new FileContext('function a(box) {\n  other(box.width);\n  let total.height += box.', ';\n  total.height += box.height;\n}'), 'box', DEFAULT_MIX_WEIGHTS);
  assert.ok(after.p[1]! > after.p[0]!);
});

test('generated text extends the context, and the written part of a name is not context', () => {
  const f = new FileContext('a.b.c;\nx = ', '');
  const legal = (): boolean => true;
  assert.equal(f.namesAfterContext(4, 8, 1.5, legal), undefined);
  f.setGenerated('a.b.');
  assert.deepEqual([...f.namesAfterContext(4, 8, 1.5, legal)!], [['c', 1]]);
});
