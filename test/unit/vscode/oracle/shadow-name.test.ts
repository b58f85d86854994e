import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isShadowFileName, shadowFileName } from '../../../../src/vscode/oracle/shadow-name';

test('a shadow name carries its owner and keeps the extension of the file it shadows', () => {
  const name = shadowFileName('.ts', 48213, () => 0.123456789);
  assert.match(name, new RegExp(`^\\.mgd-shadow-${(48213).toString(36)}-[0-9a-z]+\\.ts$`));
  assert.ok(isShadowFileName(name));
  assert.ok(isShadowFileName(shadowFileName('', 7)));
});

test('names a user would pick are not shadow names', () => {
  for (const user of ['main.ts', '.mgd-shadow.ts', 'x.mgd-shadow-abc.ts', '.mgd-shadow-ABC.ts']) assert.equal(isShadowFileName(user), false, user);
});
