import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelHost } from '../../../src/node/model-host';
import { ModelLoadError } from '../../../src/node/model-errors';
import { bundledModelDir } from '../../../src/node/runtime-paths';
import { noAnswer } from '../../../src/core/oracle/query';

// A local server with the hub's URL layout (<owner>/<name>/resolve/main/<file>) serving the
// bundled model: the download path, its progress reports and the cache, without a network.
const scratch = mkdtempSync(join(tmpdir(), 'mgd-hub-'));
const requested: string[] = [];
let server: Server;
let url = '';

before(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    requested.push(path);
    const m = /^\/mirror\/tiny-ts\/resolve\/main\/(.+)$/.exec(path);
    const file = m ? join(bundledModelDir(), m[1]!) : '';
    if (!m || m[1]!.includes('..') || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-length': statSync(file).size, 'content-type': 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
});
after(() => {
  server.close();
  rmSync(scratch, { recursive: true, force: true });
});

test('a hub id downloads with progress into the cache folder, and loads from the cache afterwards', async () => {
  const cacheDir = join(scratch, 'cache');
  const progress: { file: string; loaded: number; total: number }[] = [];
  const host = await ModelHost.start({ model: 'mirror/tiny-ts', dtype: 'fp32', threads: 1, cacheDir, hubUrl: url, onProgress: (p) => progress.push(p) });
  try {
    assert.equal(host.info.modelId, 'mirror/tiny-ts');
    assert.equal(host.info.family, 'bundled', 'recognised by its special tokens');
    const onnx = progress.filter((p) => p.file === 'onnx/model.onnx');
    assert.ok(onnx.length > 0, 'progress reported for the weights');
    assert.equal(onnx.at(-1)!.loaded, onnx.at(-1)!.total);
    const r = await host.complete({ prefix: 'const x = ', suffix: ';\n', languageId: 'typescript', maxTokens: 4, temperature: 0, mode: 'line', monitors: [], oracleTimeoutMs: 100 }, { answer: async () => noAnswer('no oracle in this test') });
    assert.notEqual(r.stopReason, 'error', r.error);
  } finally {
    await host.dispose();
  }
  const before = requested.length;
  // Served from the cache: no new request for the weights reaches the server.
  const again = await ModelHost.start({ model: 'mirror/tiny-ts', dtype: 'fp32', threads: 1, cacheDir, hubUrl: url });
  await again.dispose();
  assert.ok(!requested.slice(before).some((p) => p.endsWith('model.onnx')), `re-downloaded: ${requested.slice(before).join(', ')}`);
});

test('a hub id the server does not have fails with one clear message', async () => {
  await assert.rejects(
    ModelHost.start({ model: 'mirror/absent', threads: 1, cacheDir: join(scratch, 'cache2'), hubUrl: url }),
    (err: unknown) => err instanceof ModelLoadError && /^could not download 'mirror\/absent' from http:\/\/127\.0\.0\.1:\d+\/: Could not locate file: .+config\.json"; pick 'bundled' or a local folder$/.test(err.message),
  );
});
