import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProjectIndexer } from '../../../../src/core/statistics/project-indexer';
import { ProjectStatistics } from '../../../../src/core/statistics/project-statistics';

function fixture(files: Record<string, string | undefined>, sliceMs = 8) {
  let clock = 0;
  const reads: string[] = [];
  let pauses = 0;
  const indexer = new ProjectIndexer(new ProjectStatistics(), {
    read: async (k) => {
      reads.push(k);
      clock += 5; // every read costs 5 ms of the thread
      return files[k];
    },
    pause: async () => {
      pauses++;
    },
    now: () => clock,
  }, sliceMs);
  return { indexer, reads, pauses: () => pauses };
}

test('files queued twice before their turn are read once; deleted and unreadable files drop out', async () => {
  const { indexer, reads } = fixture({ 'a.ts': 'foo.bar(); foo.bar();', 'b.ts': 'foo.baz();', 'gone.ts': undefined });
  indexer.enqueue('a.ts');
  indexer.enqueue('b.ts');
  indexer.enqueue('a.ts');
  indexer.enqueue('gone.ts');
  await indexer.idle();
  assert.deepEqual(reads, ['a.ts', 'b.ts', 'gone.ts']);
  const s = indexer.statistics;
  assert.equal(s.count('foo.bar'), 2);
  assert.equal(s.fileCount, 2);
  indexer.remove('a.ts');
  assert.equal(s.count('foo.bar'), 0);
});

test('an open document\'s text replaces a queued read of its file', async () => {
  const { indexer, reads } = fixture({ 'a.ts': 'old.name;' });
  indexer.enqueue('a.ts');
  indexer.setText('a.ts', 'fresh.name;');
  await indexer.idle();
  assert.deepEqual(reads, []);
  assert.equal(indexer.statistics.count('fresh.name'), 1);
});

test('the runner gives the thread back between slices of work', async () => {
  const files = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.ts`, `x${i}.y;`]));
  const { indexer, pauses } = fixture(files, 8);
  for (const f of Object.keys(files)) indexer.enqueue(f);
  await indexer.idle();
  assert.equal(indexer.statistics.fileCount, 20);
  assert.ok(pauses() >= 9, `paused ${pauses()} times over 100 ms of reads`);
});

test('after dispose nothing more is read', async () => {
  const { indexer, reads } = fixture({ 'a.ts': 'a;', 'b.ts': 'b;' });
  indexer.enqueue('a.ts');
  indexer.dispose();
  indexer.enqueue('b.ts');
  await indexer.idle();
  assert.ok(reads.length <= 1);
  assert.equal(indexer.statistics.has('b.ts'), false);
});
