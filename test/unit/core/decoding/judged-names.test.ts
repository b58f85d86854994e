import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JudgedNames } from '../../../../src/core/decoding/judged-names';
import { seededRandom } from '../../../../src/core/decoding/rng';

// What the display gate reads: the first name of the text and every name right after a `.`
// (display-gate.ts), found the slow way on the whole text.
function judgedSpans(text: string): [number, number][] {
  const names = [...text.matchAll(/[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/gu)];
  return names.filter((m, i) => i === 0 || /\??\.\s*$/.test(text.slice(0, m.index))).map((m) => [m.index!, m.index! + m[0].length]);
}

function flagged(tokens: string[]): boolean[] {
  const judged = new JudgedNames();
  let before = '';
  return tokens.map((t) => {
    const r = judged.writesJudgedName(before, t);
    before += t;
    return r;
  });
}

function expected(tokens: string[]): boolean[] {
  const spans = judgedSpans(tokens.join(''));
  let at = 0;
  return tokens.map((t) => {
    const from = at;
    at += t.length;
    return spans.some(([s, e]) => s < at && e > from);
  });
}

test('a token is judged when it writes part of the first name or of a name after a dot', () => {
  const tokens = ['item', 's', '.push', '(', 'value', ')', '.', 'then', '(x', ' =>', ' x', '?.', '\n  ', 'len', 'gth', ')'];
  assert.deepEqual(flagged(tokens), expected(tokens));
  assert.deepEqual(flagged(tokens).map((f, i) => (f ? tokens[i] : '')).filter(Boolean), ['item', 's', '.push', 'then', 'len', 'gth']);
});

test('the first name may start after punctuation, digits or spaces', () => {
  for (const tokens of [['(', ' 12', 'ab', 'c', ')'], ['  ', '"', 'x', '"', '.', 'y'], ['; ', '$', 'el', '.', '_', 'p']]) {
    assert.deepEqual(flagged(tokens), expected(tokens), tokens.join('|'));
  }
});

test('any split of code into tokens flags exactly the tokens of the names the gate judges', () => {
  const rng = seededRandom(7);
  const texts = [
    'this.items.push(item); return this.items.length;',
    'const total = values.map((v) => v.amount).reduce(add, 0);',
    'foo?.bar.\n    baz(qux, 3).quux',
    'x1.y2 + 3.5e3 .z_ $a.$b',
    'café.naïve(ünïcode).ok',
  ];
  for (const text of texts) {
    for (let trial = 0; trial < 200; trial++) {
      const tokens: string[] = [];
      for (let at = 0; at < text.length; ) {
        const n = 1 + Math.floor(rng() * 5);
        tokens.push(text.slice(at, at + n));
        at += n;
      }
      assert.deepEqual(flagged(tokens), expected(tokens), tokens.join('|'));
    }
  }
});
