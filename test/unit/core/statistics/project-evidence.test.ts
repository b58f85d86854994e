import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withProjectEvidence } from '../../../../src/core/statistics/project-evidence';
import { ProjectStatistics } from '../../../../src/core/statistics/project-statistics';
import type { LanguageOracle, OracleAnswer } from '../../../../src/core/ports';
import { answered } from '../../../../src/core/oracle/query';

const oracle = (a: OracleAnswer): LanguageOracle => ({ answer: async () => a });
const names = answered({ semantic: true, names: [{ name: 'get', kind: 'method' as const }, { name: 'set', kind: 'method' as const }, { name: 'size', kind: 'property' as const }] });

function project(): ProjectStatistics {
  const s = new ProjectStatistics();
  s.set('other.ts', 'store.get(1); store.get(2); cache.set(3); size;');
  s.set('edited.ts', 'store.set(1); store.set(2); store.set(3);');
  return s;
}

test('each legal name carries its uses in the other files, and its uses after the same receiver', async () => {
  const o = withProjectEvidence(oracle(names), project().without('edited.ts'));
  const a = await o.answer({ kind: 'members', generated: '' }, { prefix: 'const v = store.', suffix: '' });
  assert.equal(a.status, 'answered');
  const byName = Object.fromEntries((a.status === 'answered' && 'names' in a.value ? a.value.names : []).map((n) => [n.name, [n.uses ?? 0, n.pairUses ?? 0]]));
  // The edited file's own `store.set` uses are left out: its text is the decoder's to read.
  assert.deepEqual(byName, { get: [2, 2], set: [1, 0], size: [1, 0] });
});

test('the receiver is read after the generated text, and other kinds of question get no pair counts', async () => {
  const o = withProjectEvidence(oracle(names), project().without('edited.ts'));
  const chained = await o.answer({ kind: 'members', generated: 'x).cache.' }, { prefix: 'f(', suffix: '' });
  assert.deepEqual(chained.status === 'answered' && 'names' in chained.value ? chained.value.names.map((n) => n.pairUses ?? 0) : [], [0, 1, 0]);
  const ctor = await o.answer({ kind: 'constructibleNames', generated: '' }, { prefix: 'new ', suffix: '' });
  assert.deepEqual(ctor.status === 'answered' && 'names' in ctor.value ? ctor.value.names.map((n) => n.pairUses ?? 0) : [], [0, 0, 0]);
});

test('answers that are not names pass through untouched', async () => {
  const sig = answered({ overloads: [{ min: 0, max: 1 }], activeArgument: 0 });
  assert.equal(await withProjectEvidence(oracle(sig), () => 5).answer({ kind: 'signature', generated: '' }, { prefix: 'f(', suffix: '' }), sig);
});
