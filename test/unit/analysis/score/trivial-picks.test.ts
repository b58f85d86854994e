import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileContext } from '../../../../src/core/statistics/file-context';
import { memberKey } from '../../../../src/core/statistics/identifier-scan';
import { trivialPicks } from '../../../../src/analysis/score/trivial-picks';

test('each trivial rule picks its own name; ties go to the service\'s order', () => {
  const names = ['alpha', 'beta', 'gamma', 'delta'];
  // Member uses before the cursor: beta twice, gamma once; after it: gamma twice; last used: delta (as a plain name).
  const file = new FileContext('s.beta(); s.beta(); s.gamma();\nlet delta = 1;\nconst v = s.', '\ns.gamma(); s.gamma();');
  const project = new Map([[memberKey('alpha'), 9], [memberKey('beta'), 1]]);
  const picks = trivialPicks(names, file, (k) => project.get(k) ?? 0, 'a.ts:3:12', 11)!;
  assert.equal(picks.first, 'alpha');
  assert.equal(picks.prefixFrequency, 'beta');
  assert.equal(picks.fileFrequency, 'gamma');
  assert.equal(picks.projectFrequency, 'alpha');
  assert.equal(picks.recent, 'delta');
  assert.ok(names.includes(picks.random));
  assert.equal(trivialPicks(names, file, () => 0, 'a.ts:3:12', 11)!.random, picks.random, 'the random pick is seeded');
  assert.equal(trivialPicks(['x', 'y'], new FileContext('', ''), () => 0, 'id', 1)!.prefixFrequency, 'x');
  assert.equal(trivialPicks([], file, () => 0, 'id', 1), undefined);
});
