import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ablationModes, ablationTable, monitorSteps, triggerCounts } from '../../../../src/analysis/score/ablation';
import type { ModeRecord, PromptRecord } from '../../../../src/analysis/eval-types';
import { summarize } from '../../../../src/analysis/score/summary';

const timings = { totalMs: 100, promptMs: 10, modelMs: 80, maskMs: 1, oracleWaitMs: 5, tokens: 5 };
function rec(over: Partial<ModeRecord>): ModeRecord {
  return {
    text: 'x', stopReason: 'endOfLine', guided: true, blocked: 0, blockedExamples: [], notes: [], nim: false, ism: 0, pm: 0, compiles: false,
    newErrors: [], derefs: 0, invalidDerefs: 0, invalidNames: [], timings, scoreMs: 0, ...over,
  };
}

test('ablation modes: none, each monitor alone, all', () => {
  assert.deepEqual(ablationModes(['dereference', 'arguments']), [
    { name: 'none', monitors: [] },
    { name: 'dereference', monitors: ['dereference'] },
    { name: 'arguments', monitors: ['arguments'] },
    { name: 'all', monitors: ['dereference', 'arguments'] },
  ]);
});

test('steps constrained by two monitors count for both; unconstrained steps for none', () => {
  const steps = monitorSteps([
    { tokenId: 1, text: 'a', monitor: 'dereference' },
    { tokenId: 2, text: 'b' },
    { tokenId: 3, text: ')', monitor: 'dereference+arguments' },
  ]);
  assert.deepEqual(steps, { dereference: 2, arguments: 1 });
});

test('the table reports trigger counts, deltas against none and the latency cost', () => {
  const modes = ablationModes(['dereference', 'arguments']);
  const records: PromptRecord[] = [0, 1].map((i) => ({
    package: 'p', id: `p${i}`, name: 'n', groundTruth: 'g',
    modes: {
      none: rec({ nim: false }),
      dereference: rec({ nim: true, monitorSteps: { dereference: 3 }, timings: { ...timings, totalMs: 130 } }),
      arguments: rec({ nim: false, monitorSteps: i === 0 ? { arguments: 2 } : {} }),
      all: rec({ nim: true, monitorSteps: { dereference: 3, arguments: 1 }, timings: { ...timings, totalMs: 140 } }),
    },
  }));
  assert.deepEqual(triggerCounts(records, 'arguments'), { arguments: { completions: 1, steps: 2 } });
  const table = ablationTable(summarize(records, modes.map((m) => m.name)), records, modes);
  const row = (name: string) => table.split('\n').find((l) => l.startsWith(`| ${name} |`))!;
  assert.match(row('dereference'), /dereference 2 \/ 6/);
  assert.match(row('dereference'), /100\.0 % \(\+100\.0\)/);
  assert.match(row('dereference'), /\| 130 \(\+30\) \|/);
  assert.match(row('arguments'), /arguments 1 \/ 2/);
  assert.match(row('arguments'), /0\.0 % \(±0\)/);
  assert.match(row('all'), /dereference 2 \/ 6, arguments 2 \/ 2/);
  assert.match(row('none'), /\| none \| 2 \| – \|/);
});
