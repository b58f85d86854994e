import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SHADOW_CHARS, oracleRoute } from '../../../../src/vscode/oracle/oracle-route';

test('a TypeScript or JavaScript file asks the server plugin, whatever its size (nothing is copied)', () => {
  assert.equal(oracleRoute({ scheme: 'file', languageId: 'typescript', length: 1200 }), 'plugin');
  assert.equal(oracleRoute({ scheme: 'file', languageId: 'javascriptreact', length: 5_000_000 }), 'plugin');
});

test('a file of another language asks the editor: at the cursor, and a shadow copy inside generated text', () => {
  assert.equal(oracleRoute({ scheme: 'file', languageId: 'python', length: 1200 }), 'editor');
});

test('a file over the shadow limit is guided at the cursor only, not copied for every question', () => {
  assert.equal(oracleRoute({ scheme: 'file', languageId: 'python', length: MAX_SHADOW_CHARS + 1 }), 'cursor');
  assert.equal(oracleRoute({ scheme: 'file', languageId: 'python', length: 5_000_000 }), 'cursor');
});

test('documents without a file of their own ask the editor, with an in-memory copy inside generated text: virtual, untitled, notebook cells', () => {
  for (const scheme of ['vscode-vfs', 'untitled', 'vscode-notebook-cell', 'git']) {
    assert.equal(oracleRoute({ scheme, languageId: 'typescript', length: 100 }), 'editor', scheme);
    assert.equal(oracleRoute({ scheme, languageId: 'python', length: 100 }), 'editor', scheme);
    assert.equal(oracleRoute({ scheme, languageId: 'python', length: MAX_SHADOW_CHARS + 1 }), 'cursor', scheme);
  }
});
