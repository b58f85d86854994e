import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { checkModelFolder, resolveModelSource } from '../../../src/node/model-source';
import { ModelLoadError } from '../../../src/node/model-errors';

test('the model setting is bundled, a hub id or an absolute folder', () => {
  assert.deepEqual(resolveModelSource('bundled', '/ext/models/bundled'), { kind: 'bundled', id: 'bundled', dir: '/ext/models/bundled' });
  assert.deepEqual(resolveModelSource('', '/b'), { kind: 'bundled', id: 'bundled', dir: '/b' });
  assert.deepEqual(resolveModelSource('onnx-community/Qwen2.5-Coder-0.5B-Instruct', '/b'), { kind: 'hub', id: 'onnx-community/Qwen2.5-Coder-0.5B-Instruct', revision: 'main' });
  assert.deepEqual(resolveModelSource('/home/me/model', '/b'), { kind: 'folder', id: '/home/me/model', dir: '/home/me/model' });
  assert.throws(() => resolveModelSource('relative/../../etc', '/b'), ModelLoadError);
  assert.throws(() => resolveModelSource('./mymodel', '/b'), /neither 'bundled'/);
});

test('a hub id may name a revision after @: a commit, a tag or a branch, one path segment', () => {
  const sha = '0123456789abcdef0123456789abcdef01234567';
  assert.deepEqual(resolveModelSource(`org/name@${sha}`, '/b'), { kind: 'hub', id: 'org/name', revision: sha });
  assert.deepEqual(resolveModelSource('org/name@v1.0', '/b'), { kind: 'hub', id: 'org/name', revision: 'v1.0' });
  for (const bad of ['org/name@', 'org/name@../x', 'org/name@a/b', 'org/name@.hidden', 'org/name@x@y']) {
    assert.throws(() => resolveModelSource(bad, '/b'), /neither 'bundled'/, bad);
  }
});

test('a folder check names the missing file and picks the precision that exists', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mgd-src-'));
  try {
    assert.throws(() => checkModelFolder(join(dir, 'nope'), 'auto'), /does not exist/);
    writeFileSync(join(dir, 'config.json'), '{}');
    writeFileSync(join(dir, 'tokenizer.json'), '{}');
    assert.throws(() => checkModelFolder(dir, 'auto'), new RegExp(`model folder ${dir} is missing tokenizer_config.json`));
    writeFileSync(join(dir, 'tokenizer_config.json'), '{}');
    assert.throws(() => checkModelFolder(dir, 'auto'), /is missing onnx\/model.onnx/);
    mkdirSync(join(dir, 'onnx'));
    writeFileSync(join(dir, 'onnx', 'model_quantized.onnx'), '');
    assert.equal(checkModelFolder(dir, 'auto').dtype, 'q8');
    assert.throws(() => checkModelFolder(dir, 'fp16'), /is missing onnx\/model_fp16.onnx/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
