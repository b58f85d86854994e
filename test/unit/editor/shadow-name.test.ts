import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLeftover, isShadowFileName, processAlive, shadowFileName, shadowOwner } from '../../../src/vscode/oracle/shadow-name';

test('a shadow name records its owner and keeps the extension of the file it shadows', () => {
  const name = shadowFileName('.ts', 48213, () => 0.123456789);
  assert.match(name, /^\.mgd-shadow-[0-9a-z]+-[0-9a-z]+\.ts$/);
  assert.ok(isShadowFileName(name));
  assert.equal(shadowOwner(name), 48213);
  assert.ok(isShadowFileName(shadowFileName('', 7)));
});

test('names from before owners were recorded are still shadows, owned by nobody', () => {
  assert.ok(isShadowFileName('.mgd-shadow-k3j4h5g6lmn.tsx'));
  assert.equal(shadowOwner('.mgd-shadow-k3j4h5g6lmn.tsx'), undefined);
  assert.ok(isLeftover('.mgd-shadow-k3j4h5g6lmn.tsx', () => true));
});

test('the start-up sweep takes shadows of dead processes only, and never a user file', () => {
  const mine = shadowFileName('.ts', process.pid);
  assert.equal(isLeftover(mine, processAlive), false, 'this process runs');
  const alive = new Set([101]);
  assert.equal(isLeftover(shadowFileName('.ts', 101), (p) => alive.has(p)), false, 'another window still uses it');
  assert.equal(isLeftover(shadowFileName('.ts', 202), (p) => alive.has(p)), true);
  for (const user of ['main.ts', '.mgd-shadow.ts', 'x.mgd-shadow-abc.ts', '.mgd-shadow-ABC.ts']) assert.equal(isLeftover(user, () => false), false, user);
});

test('processAlive tells this process from one that cannot exist', () => {
  assert.equal(processAlive(process.pid), true);
  assert.equal(processAlive(2 ** 22 + 12345), false); // above Linux's pid_max
});
