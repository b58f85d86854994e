import { test } from 'node:test';
import assert from 'node:assert/strict';
import { median, quantile } from '../../../../src/analysis/score/stats';
import { summarize } from '../../../../src/analysis/score/summary';
import type { ModeRecord, PromptRecord } from '../../../../src/analysis/eval-types';

const base: ModeRecord = {
  text: '', stopReason: 'endOfLine', guided: true, blocked: 0, blockedExamples: [], notes: [], nim: false, ism: 0, pm: 0,
  compiles: false, newErrors: [], derefs: 0, invalidDerefs: 0, invalidNames: [],
  timings: { totalMs: 10, promptMs: 1, modelMs: 6, maskMs: 1, oracleWaitMs: 2, tokens: 3 }, scoreMs: 0,
};
const rec = (modes: Record<string, Partial<ModeRecord>>): PromptRecord => ({
  package: 'p@1', id: 'a.ts:1:1', name: 'x', groundTruth: 'x',
  modes: Object.fromEntries(Object.entries(modes).map(([k, v]) => [k, { ...base, ...v }])),
});

test('median and quantiles interpolate', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([1, 2, 3, 4]), 2.5);
  assert.equal(quantile([], 0.9), 0);
});

test('rates are fractions over scored prompts; failures are counted, not scored', () => {
  const s = summarize([
    rec({ off: { nim: true, compiles: true, derefs: 2, invalidDerefs: 1 }, on: { nim: true, compiles: true, derefs: 2 } }),
    rec({ off: { nim: false, derefs: 1, invalidDerefs: 1, guided: false }, on: { nim: true, derefs: 1 } }),
    rec({ off: { failed: 'boom', nim: true }, on: { compiles: true, timings: { ...base.timings, totalMs: 40 } } }),
  ], ['off', 'on']);
  assert.equal(s.off!.n, 2);
  assert.equal(s.off!.failed, 1);
  assert.equal(s.off!.nim, 0.5);
  assert.equal(s.off!.cr, 0.5);
  assert.equal(s.off!.vdr, 0.3333);
  assert.equal(s.off!.vdr_guided, 0.5);
  assert.equal(s.on!.n, 3);
  assert.equal(s.on!.vdr, 1);
  assert.equal(s.on!.cr, 0.6667);
  assert.equal(s.on!.latency_ms.median, 10);
});

test('VDR is null when no generation dereferenced anything', () => {
  assert.equal(summarize([rec({ off: {} })], ['off']).off!.vdr, null);
});
