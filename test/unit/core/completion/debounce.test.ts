import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Debouncer } from '../../../../src/core/completion/debounce';

test('debounce: only the newest waiter proceeds; an aborted one says so', async () => {
  const d = new Debouncer();
  const first = d.wait(5);
  const second = d.wait(5);
  assert.deepEqual(await Promise.all([first, second]), ['superseded', 'ready']);

  const ac = new AbortController();
  const third = d.wait(10_000, ac.signal);
  ac.abort();
  assert.equal(await third, 'cancelled');
  assert.equal(await d.wait(0, ac.signal), 'cancelled');
});
