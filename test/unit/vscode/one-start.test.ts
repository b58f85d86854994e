import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OneStart } from '../../../src/vscode/one-start';

/** Stand-in model workers: loading takes a while, an abort stops one a moment later (as `terminate()` does). */
function workers() {
  let alive = 0;
  let most = 0;
  const started: string[] = [];
  const start = (name: string, loadMs: number) => (signal: AbortSignal): Promise<string> => {
    started.push(name);
    alive++;
    most = Math.max(most, alive);
    return new Promise((resolve, reject) => {
      const loaded = setTimeout(() => resolve(name), loadMs);
      signal.addEventListener('abort', () => {
        clearTimeout(loaded);
        setTimeout(() => {
          alive--;
          reject(new Error(`${name} cancelled`));
        }, 5);
      }, { once: true });
    });
  };
  return { start, started, get most() { return most; }, get alive() { return alive; } };
}

test('model settings changed three times while loading: one worker at a time, and the last one wins', async () => {
  const w = workers();
  const starts = new OneStart();
  const a = starts.run(w.start('a', 50));
  await new Promise((r) => setTimeout(r, 10)); // a is loading
  // Two changes in a row (a settings sync writes several keys).
  const b = starts.run(w.start('b', 50));
  const c = starts.run(w.start('c', 20));
  await assert.rejects(a, /a cancelled/);
  assert.equal(await b, undefined, 'superseded before it began');
  assert.equal(await c, 'c');
  assert.equal(w.most, 1, 'never two workers loading side by side');
  assert.deepEqual(w.started, ['a', 'c'], 'b was aborted before it began, so it never started a worker');
});

test('a start after the previous one finished begins at once', async () => {
  const w = workers();
  const starts = new OneStart();
  assert.equal(await starts.run(w.start('a', 1)), 'a');
  assert.equal(await starts.run(w.start('b', 1)), 'b');
  assert.deepEqual(w.started, ['a', 'b']);
});

test('abort stops the start in flight', async () => {
  const w = workers();
  const starts = new OneStart();
  const a = starts.run(w.start('a', 10_000));
  await new Promise((r) => setTimeout(r, 5));
  starts.abort();
  await assert.rejects(a, /a cancelled/);
  assert.equal(w.alive, 0);
});
