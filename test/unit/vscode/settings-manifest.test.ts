import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_SETTINGS, SETTINGS, SETTING_KEYS } from '../../../src/core/completion/settings';

const root = join(import.meta.dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { type?: unknown; default?: unknown; description?: unknown; markdownDescription?: unknown; scope?: unknown; enum?: unknown[]; minimum?: unknown; maximum?: unknown; items?: { type?: unknown; enum?: unknown[] } }> } };
};
const settings = Object.entries(manifest.contributes.configuration.properties);
const readme = readFileSync(join(root, 'README.md'), 'utf8');

test('every setting has a type, a default, a description and a scope, and an enum default is one of its values', () => {
  assert.ok(settings.length > 0);
  for (const [name, s] of settings) {
    assert.ok(name.startsWith('mgd.'), name);
    assert.ok(s.type !== undefined && s.default !== undefined && s.scope !== undefined, name);
    assert.ok(typeof (s.description ?? s.markdownDescription) === 'string', `${name} has no description`);
    if (s.enum) assert.ok(s.enum.includes(s.default), `${name}: default ${JSON.stringify(s.default)} is not among its values`);
  }
});

test('the README documents every setting', () => {
  for (const [name] of settings) assert.ok(readme.includes(`| \`${name}\` |`), `README's settings table lacks ${name}`);
});

test('the manifest declares exactly the settings of the settings table, with the same type, default, scope, values and bounds', () => {
  assert.deepEqual(settings.map(([name]) => name), SETTING_KEYS);
  for (const [name, s] of settings) {
    const row = (SETTINGS as Record<string, Record<string, unknown>>)[name.slice('mgd.'.length)]!;
    const declared = { type: s.type, default: s.default, scope: s.scope, enum: s.enum, minimum: s.minimum, maximum: s.maximum, items: s.items };
    const table = { type: row.type, default: row.default, scope: row.scope, enum: row.enum, minimum: row.minimum, maximum: row.maximum, items: row.items };
    assert.deepEqual(JSON.parse(JSON.stringify(declared)), JSON.parse(JSON.stringify(table)), name);
  }
});

test('changing the model, its precision or its threads restarts the model; the prompt layout is read per request', () => {
  assert.deepEqual(MODEL_SETTINGS, ['mgd.model', 'mgd.dtype', 'mgd.threads']);
  assert.ok(SETTING_KEYS.includes('mgd.prompting'));
});

test('untrusted and virtual workspaces are declared: a folder cannot choose what model is loaded', () => {
  const { capabilities } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[]; description?: unknown }; virtualWorkspaces?: { supported?: unknown; description?: unknown } };
  };
  const untrusted = capabilities?.untrustedWorkspaces;
  assert.equal(untrusted?.supported, 'limited');
  // Every setting that chooses what is loaded (a path or a hub id) is the user's, never the folder's.
  assert.deepEqual([...(untrusted?.restrictedConfigurations ?? [])].sort(), [...MODEL_SETTINGS].sort());
  assert.equal(typeof untrusted?.description, 'string');
  assert.equal(capabilities?.virtualWorkspaces?.supported, 'limited');
  assert.equal(typeof capabilities?.virtualWorkspaces?.description, 'string');
});
