// The ledger decides what may be deleted; the reaper deletes a dead window's files. Real files in a
// temporary folder, a real child process as the owner that dies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileLedger, ledgerPath, orphanedLedgers, processAlive, readLedger, sweepLedger } from '../../../../src/node/files/file-ledger';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'mgd-ledger-'));
}

function sleeper() {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  return child;
}

const waitFor = async (cond: () => boolean, ms = 10_000): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
};

test('only what the ledger lists is swept, newest first; a user file named like a shadow survives', async () => {
  const dir = tmp();
  const storage = path.join(dir, 'storage');
  const ledger = new FileLedger(storage, 424242);
  const folder = path.join(storage, 'shadows', '.mgd-shadow-abc-123');
  const copy = path.join(folder, 'main.css');
  const unlisted = path.join(storage, 'shadows', '.mgd-shadow-abc-456');
  const users = path.join(dir, 'workspace', '.mgd-shadow-notes.md');
  ledger.add(folder);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(copy, 'a { color: red; }');
  fs.mkdirSync(unlisted);
  fs.mkdirSync(path.dirname(users));
  fs.writeFileSync(users, '');
  assert.deepEqual(readLedger(ledger.file), [folder]);

  const seen: string[] = [];
  const r = await sweepLedger(ledger.file, async (p) => void seen.push(p));
  assert.deepEqual([r.deleted, r.kept, seen], [[folder], [], [folder]]);
  assert.ok(!fs.existsSync(folder), 'the copy and its folder');
  assert.ok(fs.existsSync(unlisted), 'a folder the ledger does not list stays');
  assert.ok(fs.existsSync(users), 'a file not in the ledger is never deleted');
  assert.ok(!fs.existsSync(ledger.file));
});

test('orphaned ledgers are those of processes that no longer run', async () => {
  const dir = tmp();
  const child = sleeper();
  new FileLedger(dir, child.pid!).add('/nonexistent/a');
  new FileLedger(dir, process.pid).add('/nonexistent/b');
  assert.deepEqual(orphanedLedgers(dir, processAlive), []);
  child.kill('SIGKILL');
  assert.ok(await waitFor(() => !processAlive(child.pid!)));
  assert.deepEqual(orphanedLedgers(dir, processAlive), [ledgerPath(dir, child.pid!)]);
});

test('the reaper (dist/shadow-reaper.js) deletes a killed owner\'s files and exits', async () => {
  const dir = tmp();
  const owner = sleeper();
  const ledger = new FileLedger(path.join(dir, 'storage'), owner.pid!);
  const shadow = path.join(dir, '.mgd-shadow-x-1.ts');
  ledger.add(shadow);
  fs.writeFileSync(shadow, 'generated text of a question in flight');
  const reaper = spawn(process.execPath, [path.join(repo, 'dist', 'shadow-reaper.js'), ledger.file, String(owner.pid)], { stdio: 'ignore' });
  const exited = new Promise<number | null>((r) => reaper.on('exit', (code) => r(code)));
  await new Promise((r) => setTimeout(r, 700));
  assert.ok(fs.existsSync(shadow), 'nothing is deleted while the owner runs');
  owner.kill('SIGKILL');
  assert.equal(await exited, 0);
  assert.ok(!fs.existsSync(shadow));
  assert.ok(!fs.existsSync(ledger.file));
});
