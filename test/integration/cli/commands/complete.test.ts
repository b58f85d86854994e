import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { allMonitorNames } from '../../../../src/core/monitors/registry';

// The built CLI end to end: bundled model in its worker, the TypeScript oracle on the fixture
// project. With the dereference monitor on, whatever the model writes after `a.` is a member of
// Account that is visible here (never the private `cents`).
const root = join(import.meta.dirname, '../../../..');
const cli = join(root, 'dist/cli.js');
const target = `${join(root, 'test/fixtures/analysis/shop/src/main.ts')}:6:19`; // right after `a.`

test('mgd complete --json: a monitored completion after a dot starts with a real member', { skip: !existsSync(cli) && 'dist/cli.js is not built (npm run build)' }, () => {
  const r = spawnSync(process.execPath, [cli, 'complete', target, '--json', '--max-tokens', '8'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { text: string; guided: boolean; monitors: string[]; timings: { tokens: number }; trace: unknown[] };
  // `on` (the default) is every monitor, as in the editor.
  assert.deepEqual(out.monitors, [...allMonitorNames]);
  assert.equal(out.guided, true);
  const first = /^[A-Za-z_$][\w$]*/.exec(out.text)?.[0];
  // The token limit may cut the name short: then it is the start of a member.
  assert.ok(first && ['balance', 'deposit', 'owner', 'withdrawAll'].some((m) => m.startsWith(first)), `first name ${JSON.stringify(out.text)}`);
  assert.equal(out.trace.length, out.timings.tokens);
});

test('mgd complete names a bad position without a stack trace', { skip: !existsSync(cli) && 'dist/cli.js is not built (npm run build)' }, () => {
  const r = spawnSync(process.execPath, [cli, 'complete', `${target.replace(/:6:19$/, '')}:99:1`], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^mgd: .*has fewer than 99 lines\n$/);
});

test('mgd complete names a wrong --prompting value', { skip: !existsSync(cli) && 'dist/cli.js is not built (npm run build)' }, () => {
  const r = spawnSync(process.execPath, [cli, 'complete', target, '--prompting', 'sideways'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^mgd: --prompting is fim or left-to-right, got 'sideways'\n$/);
});
