import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { type?: unknown; default?: unknown; description?: unknown; markdownDescription?: unknown; scope?: unknown; enum?: unknown[] }> } };
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
