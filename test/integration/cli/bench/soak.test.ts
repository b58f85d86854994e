import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

// The soak benchmark, smaller (npm run bench:soak runs 1,000 requests and prints the figures): every
// request settles, and it reports what the extension host pays, this process running the engine as
// the host does with the model in its child process: resident memory before and after, and the
// event loop's stalls. The figures are printed, never asserted.
const cli = join(import.meta.dirname, '../../../../dist/cli.js');

test('soak: every request settles; host and model-process memory and the host event loop are reported', { timeout: 300_000 }, async () => {
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const c = spawn(process.execPath, [cli, 'bench', 'soak', '--requests', '60', '--threads', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    c.on('exit', (code) => resolve({ code, stdout: out, stderr: err }));
  });
  assert.equal(code, 0, stderr);
  const figures = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Record<string, unknown>;
  assert.equal(figures.unsettled, 0);
  for (const k of ['rssBeforeMB', 'rssAfterMB', 'stallMaxMs', 'stallP99Ms', 'modelRssBeforeMB', 'modelRssAfterMB']) {
    assert.equal(typeof figures[k], 'number', `${k} in ${JSON.stringify(figures)}`);
  }
  assert.match(stdout, /^host event loop +stall max [\d.]+ ms, p99 [\d.]+ ms/m);
});
