import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sampler } from '../../../../src/core/decoding/sampler';
import { TokenSet } from '../../../../src/core/tokens/token-set';
import { seededRandom } from '../../../../src/core/decoding/rng';

// Probabilities .5 .25 .125 .0625 ... for ids 0..9 (logits are log-probabilities).
const N = 10;
const logits = Float32Array.from({ length: N }, (_, i) => Math.log(0.5 ** (i + 1)));

function histogram(s: Sampler, draws: number, allowed?: TokenSet, excluded?: TokenSet): number[] {
  const h = new Array(N).fill(0);
  for (let i = 0; i < draws; i++) h[s.sample(logits, N, allowed, excluded)]++;
  return h;
}

test('greedy picks the best allowed id and never an excluded one', () => {
  const s = new Sampler({ temperature: 0 });
  assert.equal(s.sample(logits, N), 0);
  assert.equal(s.sample(logits, N, TokenSet.of(N, [3, 5, 7])), 3);
  assert.equal(s.sample(logits, N, TokenSet.of(N, [3, 5, 7]), TokenSet.of(N, [3])), 5);
  assert.equal(s.sample(logits, N, undefined, TokenSet.of(N, [0, 1])), 2);
  assert.equal(s.sample(logits, N, TokenSet.of(N, [])), -1);
  assert.equal(s.sample(logits, 4, TokenSet.of(N, [7, 8])), -1, 'ids past the model\'s vocabulary are never picked');
});

test('greedy over a mask read in place picks what a scan of the allowed ids picks', () => {
  const rnd = seededRandom(11);
  for (let round = 0; round < 300; round++) {
    const n = 1 + Math.floor(rnd() * 200);
    const l = Float32Array.from({ length: n }, () => Math.floor(rnd() * 8)); // ties on purpose
    const allowed = TokenSet.of(n, [...Array(n).keys()].filter(() => rnd() < 0.3));
    const excluded = TokenSet.of(n, [...Array(n).keys()].filter(() => rnd() < 0.2));
    const limit = Math.floor(rnd() * (n + 1));
    const ids = allowed.toIds().filter((id) => id < limit && !excluded.has(id));
    let want = -1;
    for (const id of ids) if (want < 0 || l[id]! > l[want]!) want = id;
    assert.equal(new Sampler({ temperature: 0 }).sample(l, limit, allowed, excluded), want);
  }
});

test('temperature sampling follows the softmax over the allowed ids', () => {
  const h = histogram(new Sampler({ temperature: 1, seed: 7 }), 20000, TokenSet.of(N, [1, 2]));
  assert.equal(h[1]! + h[2]!, 20000);
  // p(1) = .25 / (.25 + .125) = 2/3
  assert.ok(Math.abs(h[1]! / 20000 - 2 / 3) < 0.02, `got ${h[1]! / 20000}`);
});

test('top-k keeps only the k best', () => {
  const h = histogram(new Sampler({ temperature: 1, topK: 2, seed: 1 }), 5000);
  assert.equal(h[0]! + h[1]!, 5000);
  assert.ok(h[1]! > 1000);
});

test('top-p keeps the smallest prefix holding p of the mass, over the allowed ids only', () => {
  // .5 + .25 = .75 >= .7: ids 0 and 1 only.
  const h = histogram(new Sampler({ temperature: 1, topP: 0.7, seed: 3 }), 5000);
  assert.equal(h[0]! + h[1]!, 5000);
  assert.ok(h[1]! > 1000);
  // Restricted to {2,3,4,5}: masses .125 .0625 .03125 .015625 (renormalised .533 .267 .133 .067); p .75 keeps 2 and 3.
  const r = histogram(new Sampler({ temperature: 1, topP: 0.75, seed: 3 }), 5000, TokenSet.of(N, [2, 3, 4, 5]));
  assert.equal(r[2]! + r[3]!, 5000);
  // p close to 1 over a large vocabulary grows past its first guess of candidates.
  const wide = Float32Array.from({ length: 500 }, () => 0);
  const seen = new Set<number>();
  const s = new Sampler({ temperature: 1, topP: 0.999, seed: 5 });
  for (let i = 0; i < 3000; i++) seen.add(s.sample(wide, 500));
  assert.ok(seen.size > 400, `uniform logits: ${seen.size} distinct ids`);
});

test('top-k and top-p together: nucleus inside the k best', () => {
  const h = histogram(new Sampler({ temperature: 1, topK: 3, topP: 0.6, seed: 9 }), 3000);
  // Within the top 3 (.5 .25 .125 → .571 .286 .143), p .6 keeps ids 0 and 1.
  assert.equal(h[0]! + h[1]!, 3000);
});

test('the same seed gives the same draws', () => {
  const a = histogram(new Sampler({ temperature: 0.8, topP: 0.95, seed: 42 }), 200);
  const b = histogram(new Sampler({ temperature: 0.8, topP: 0.95, seed: 42 }), 200);
  assert.deepEqual(a, b);
});

test('the sampler reads the logits in place', () => {
  const copy = logits.slice();
  histogram(new Sampler({ temperature: 1.3, topK: 4, topP: 0.9, seed: 2 }), 100, TokenSet.of(N, [1, 2, 3, 4, 5]));
  assert.deepEqual(logits, copy);
});
