import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

// The fault suite, smaller (npm run test:faults runs the full one and prints its figures): every
// fault injected into the real runtime gives the user its message or state, leaves nothing behind,
// and the next completion works. Timings are printed by the suite, never asserted here.
const cli = join(import.meta.dirname, '../../../../dist/cli.js');

test('faults injected into the real runtime: each handled, nothing left behind, the next completion works', { timeout: 300_000 }, async () => {
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const c = spawn(process.execPath, [cli, 'bench', 'faults', '--requests', '200', '--kills', '3', '--stallMs', '1000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    c.on('exit', (code) => resolve({ code, stdout: out, stderr: err }));
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  const figures = JSON.parse(last) as { rows: { fault: string; sees: string; left_behind: string; next_works: boolean }[] };
  assert.ok(figures.rows.length >= 12, stdout);
  for (const r of figures.rows) {
    assert.equal(r.left_behind, 'nothing', `${r.fault}: ${r.left_behind}`);
    assert.ok(r.next_works, `${r.fault}: the next completion failed (${r.sees})`);
    assert.doesNotMatch(r.sees, /UNHANDLED/, r.fault);
  }
  assert.equal(code, 0, stderr);
});
