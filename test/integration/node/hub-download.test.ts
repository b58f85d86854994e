import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelHost } from '../../../src/node/model-host';
import { ModelLoadError } from '../../../src/node/model-errors';
import { bundledModelDir } from '../../../src/node/runtime-paths';
import { noAnswer } from '../../../src/core/oracle/query';
import { externalDataFolder } from './external-data';
import { HubServer } from './hub-server';
import { OneStart } from '../../../src/vscode/one-start';
import { cancellable } from '../../../src/vscode/download-notification';

// The local hub server (hub-server.ts) serving the bundled model: the download path, its progress
// reports and the cache, without a network. The `ext…` owners serve it with its weights in an
// external-data file (onnx/model.onnx_data). Only `pinned` names commits, as the hub does
// (`x-repo-commit`): commit A is the bundled model, commit B the external-data one, `main` points at
// one of them and the tag `v1` at B; the other owners serve `main` alone and say nothing about
// commits, as a plain mirror may.
const scratch = mkdtempSync(join(tmpdir(), 'mgd-hub-'));
const extDir = externalDataFolder(join(scratch, 'external-data-model'));
/** Bytes of the external-data file that `extshort` serves: a file cut short on the way. */
const SHORT = 1_000_000;
/** How `slow` serves the weights: 22 MB at 320 KB/s, a download of over a minute. */
const SLOW = { kind: 'slow', chunk: 32 * 1024, everyMs: 100 } as const;
const COMMIT_A = 'a'.repeat(40);
const COMMIT_B = 'b'.repeat(40);
const refs: Record<string, string> = { main: COMMIT_A, v1: COMMIT_B, [COMMIT_A]: COMMIT_A, [COMMIT_B]: COMMIT_B };
let hub: HubServer;
let url = '';
/** Every request so far (`METHOD path`). */
let requested: string[] = [];
const OWNERS = /^(mirror|slow|stalls|drops|badsum|huge|extdata|extshort|extmissing|pinned)$/;

before(async () => {
  hub = await HubServer.start(({ owner, name, revision, file }) => {
    if (!OWNERS.test(owner) || name !== 'tiny-ts') return undefined;
    const commit = owner === 'pinned' ? (Object.hasOwn(refs, revision) ? refs[revision] : undefined) : revision === 'main' ? 'main' : undefined;
    if (!commit) return undefined;
    const root = owner.startsWith('ext') || commit === COMMIT_B ? extDir : bundledModelDir();
    const path = join(root, file);
    if (!existsSync(path) || (owner === 'extmissing' && file.endsWith('.onnx_data'))) return undefined;
    const body = readFileSync(path);
    const graph = file.endsWith('.onnx');
    return {
      body,
      ...(owner === 'pinned' ? { commit } : {}),
      // `badsum` publishes another file's sha256, `huge` a size no disk has.
      ...(owner === 'badsum' ? { sha256: 'ab'.repeat(32) } : {}),
      ...(owner === 'huge' && graph ? { size: 2 ** 50 } : {}),
      ...(owner === 'extshort' && file.endsWith('.onnx_data') ? { fault: { kind: 'short', bytes: SHORT } as const } : {}),
      // The first 64 KiB of the weights, then the connection drops, or hangs.
      ...(owner === 'drops' && graph ? { fault: { kind: 'drop', after: 64 * 1024 } as const } : {}),
      ...(owner === 'stalls' && graph ? { fault: { kind: 'stall', after: 64 * 1024 } as const } : {}),
      ...(owner === 'slow' && graph ? { fault: SLOW } : {}),
    };
  });
  url = hub.url;
  requested = hub.requested;
});
after(() => {
  hub.close();
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

test('a download that hangs mid-file fails with a message once nothing arrived for the deadline, and the connection is dropped', { timeout: 60_000 }, async () => {
  const opened = hub.downloads.length;
  await assert.rejects(
    ModelHost.start({ model: 'stalls/tiny-ts', dtype: 'fp32', threads: 1, cacheDir: join(scratch, 'cache3'), hubUrl: url, loadStallMs: 1000 }),
    (err: unknown) => err instanceof ModelLoadError && /^the download of onnx\/model\.onnx of 'stalls\/tiny-ts' stalled: nothing arrived for 1 s; check the network, or pick 'bundled' or a local folder$/.test(err.message),
  );
  const weights = hub.downloads.slice(opened).filter((d) => d.path.endsWith('model.onnx'));
  assert.ok(weights.length > 0, 'the weights were requested');
  await Promise.all(weights.map((d) => d.closed));
});

test('Cancel on the download notification stops a transfer in progress: the connection closes, no more bytes are sent, no partial file is left', { timeout: 60_000 }, async () => {
  const cacheDir = join(scratch, 'cache4');
  const opened = hub.downloads.length;
  // The session's own path: its one-at-a-time starts, and the notification's Cancel (cancellable).
  const starts = new OneStart();
  const listeners: (() => void)[] = [];
  const button = { isCancellationRequested: false, onCancellationRequested: (f: () => void) => listeners.push(f) };
  let weightBytes = 0;
  const loading = starts.run((signal) => cancellable(
    ModelHost.start({ model: 'slow/tiny-ts', dtype: 'fp32', threads: 1, cacheDir, hubUrl: url, signal, onProgress: (p) => {
      if (p.file === 'onnx/model.onnx') weightBytes = p.loaded;
    } }),
    button,
    () => starts.abort(),
  ));
  while (weightBytes === 0) await new Promise((r) => setTimeout(r, 20));
  const [weights] = hub.downloads.slice(opened).filter((d) => d.path.endsWith('/onnx/model.onnx'));
  assert.ok(weights, 'the weights are downloading');
  button.isCancellationRequested = true;
  for (const f of listeners) f();
  assert.equal(await loading, 'cancelled');
  await weights.closed;
  const sent = weights.sent;
  assert.ok(sent < weights.size, `${sent} of ${weights.size} bytes sent: the transfer was still running`);
  await new Promise((r) => setTimeout(r, 5 * SLOW.everyMs));
  assert.equal(weights.sent, sent, 'nothing more is sent');
  const left = readdirSync(cacheDir, { recursive: true }).map(String);
  assert.deepEqual(left.filter((f) => /\.tmp\./.test(f) || f.endsWith('model.onnx')), [], `no weights and no partial file: ${left.join(', ')}`);
});

test('a download whose connection drops fails with a message and leaves no partial file in the cache', { timeout: 60_000 }, async () => {
  const cacheDir = join(scratch, 'cache5');
  await assert.rejects(
    ModelHost.start({ model: 'drops/tiny-ts', dtype: 'fp32', threads: 1, cacheDir, hubUrl: url }),
    (err: unknown) => err instanceof ModelLoadError && /^the download of onnx\/model\.onnx of 'drops\/tiny-ts' from http:\/\/127\.0\.0\.1:\d+\/ broke off: terminated \(other side closed\); nothing of it was kept, the next start downloads it again \(or pick 'bundled' or a local folder\)$/.test(err.message),
  );
  const left = readdirSync(cacheDir, { recursive: true }).map(String);
  assert.deepEqual(left.filter((f) => /\.tmp\./.test(f)), [], `partial files: ${left.join(', ')}`);
  assert.ok(!left.some((f) => f.endsWith('model.onnx')), 'no half model taken for a whole one');
});

test('downloaded weights that are not what the hub published are refused and removed, so the next start downloads them again', { timeout: 60_000 }, async () => {
  const cacheDir = join(scratch, 'cache6');
  await assert.rejects(
    ModelHost.start({ model: 'badsum/tiny-ts', dtype: 'fp32', threads: 1, cacheDir, hubUrl: url }),
    (err: unknown) => err instanceof ModelLoadError && /^the downloaded onnx\/model\.onnx of 'badsum\/tiny-ts' is not what the hub published \(sha256 [0-9a-f]{12}… where the hub published abababababab…\); it was removed and is downloaded again at the next start$/.test(err.message),
  );
  assert.ok(!existsSync(join(cacheDir, 'badsum', 'tiny-ts', 'onnx', 'model.onnx')), 'the file is gone from the cache');
});

test('a model larger than the free disk space is not downloaded: the message says how much is needed and free', { timeout: 60_000 }, async () => {
  const cacheDir = join(scratch, 'cache7');
  const before = requested.length;
  await assert.rejects(
    ModelHost.start({ model: 'huge/tiny-ts', dtype: 'fp32', threads: 1, cacheDir, hubUrl: url }),
    (err: unknown) => err instanceof ModelLoadError && /^not enough disk space for 'huge\/tiny-ts' \(fp32\): it needs \d+ MB \(1073741824 MB of weights and room to spare\) and .+ has \d+ MB free; free some space, or pick a smaller precision \(mgd\.dtype\) or 'bundled'$/.test(err.message),
  );
  assert.ok(!requested.slice(before).some((p) => p.startsWith('GET ') && p.endsWith('model.onnx')), 'the weights were never requested');
  assert.ok(!existsSync(join(cacheDir, 'huge', 'tiny-ts', 'onnx')), 'nothing of the weights was written');
});

test('weights in an external-data file download beside the graph, with progress, and load', { timeout: 60_000 }, async () => {
  const cacheDir = join(scratch, 'cache8');
  const progress = new Set<string>();
  const host = await ModelHost.start({ model: 'extdata/tiny-ts', dtype: 'fp32', threads: 1, cacheDir, hubUrl: url, onProgress: (p) => progress.add(p.file) });
  try {
    assert.ok(progress.has('onnx/model.onnx') && progress.has('onnx/model.onnx_data'), [...progress].join(', '));
    const r = await host.complete({ prefix: 'const x = ', suffix: ';\n', languageId: 'typescript', maxTokens: 4, temperature: 0, mode: 'line', monitors: [], oracleTimeoutMs: 100 }, { answer: async () => noAnswer('no oracle in this test') });
    assert.notEqual(r.stopReason, 'error', r.error);
  } finally {
    await host.dispose();
  }
  assert.equal(statSync(join(cacheDir, 'extdata', 'tiny-ts', 'onnx', 'model.onnx_data')).size, statSync(join(extDir, 'onnx', 'model.onnx_data')).size);
});

test('an external-data file that arrives short is refused by its published size and removed; the model is not kept loaded', { timeout: 60_000 }, async () => {
  const cacheDir = join(scratch, 'cache9');
  await assert.rejects(
    ModelHost.start({ model: 'extshort/tiny-ts', dtype: 'fp32', threads: 1, cacheDir, hubUrl: url }),
    (err: unknown) => err instanceof ModelLoadError && new RegExp(`^the downloaded onnx/model\\.onnx_data of 'extshort/tiny-ts' is not what the hub published \\(${SHORT} bytes where the hub published ${statSync(join(extDir, 'onnx', 'model.onnx_data')).size}\\); it was removed and is downloaded again at the next start$`).test(err.message),
  );
  assert.ok(!existsSync(join(cacheDir, 'extshort', 'tiny-ts', 'onnx', 'model.onnx_data')), 'the short file is gone from the cache');
});

test('an external-data file the hub does not have fails with a message that names it', { timeout: 60_000 }, async () => {
  await assert.rejects(
    ModelHost.start({ model: 'extmissing/tiny-ts', dtype: 'fp32', threads: 1, cacheDir: join(scratch, 'cache10'), hubUrl: url }),
    (err: unknown) => err instanceof ModelLoadError && /^could not download 'extmissing\/tiny-ts' from http:\/\/127\.0\.0\.1:\d+\/: .*onnx\/model\.onnx_data.*; pick 'bundled' or a local folder$/.test(err.message),
    );
});

test('a hub id without a revision loads the commit main pointed to at its first download, and keeps it when main moves', { timeout: 60_000 }, async () => {
  const cacheDir = join(scratch, 'cache11');
  refs.main = COMMIT_A;
  const from = requested.length;
  const first = await ModelHost.start({ model: 'pinned/tiny-ts', dtype: 'fp32', threads: 1, cacheDir, hubUrl: url });
  await first.dispose();
  assert.equal(first.info.revision, COMMIT_A);
  const downloads = requested.slice(from).filter((p) => p.startsWith('GET '));
  assert.ok(downloads.length > 0 && downloads.every((p) => p.includes(`/resolve/${COMMIT_A}/`)), `every file from commit A: ${downloads.join(', ')}`);
  assert.ok(existsSync(join(pinnedFiles(cacheDir, COMMIT_A), 'onnx', 'model.onnx')), 'cached under the commit');

  refs.main = COMMIT_B; // a new commit on main, with other weights
  const again = requested.length;
  const second = await ModelHost.start({ model: 'pinned/tiny-ts', dtype: 'fp32', threads: 1, cacheDir, hubUrl: url });
  await second.dispose();
  assert.equal(second.info.revision, COMMIT_A, 'still the commit it was first downloaded from');
  assert.deepEqual(requested.slice(again), [], 'nothing asked of the hub');
  refs.main = COMMIT_A;
  // Offline (nothing listens there): the pinned commit loads from the cache.
  const offline = await ModelHost.start({ model: 'pinned/tiny-ts', dtype: 'fp32', threads: 1, cacheDir, hubUrl: 'http://127.0.0.1:9/', hubTimeoutMs: 2000 });
  await offline.dispose();
  assert.equal(offline.info.revision, COMMIT_A);
});

test('a revision after @ loads that commit or tag into a folder of its own: two revisions never mix', { timeout: 60_000 }, async () => {
  const cacheDir = join(scratch, 'cache12');
  refs.main = COMMIT_A;
  const first = await ModelHost.start({ model: 'pinned/tiny-ts', dtype: 'fp32', threads: 1, cacheDir, hubUrl: url });
  await first.dispose();
  const second = await ModelHost.start({ model: `pinned/tiny-ts@${COMMIT_B}`, dtype: 'fp32', threads: 1, cacheDir, hubUrl: url });
  await second.dispose();
  assert.equal(second.info.revision, COMMIT_B);
  const a = pinnedFiles(cacheDir, COMMIT_A);
  const b = pinnedFiles(cacheDir, COMMIT_B);
  assert.equal(statSync(join(a, 'onnx', 'model.onnx')).size, statSync(join(bundledModelDir(), 'onnx', 'model.onnx')).size, "A's weights untouched");
  assert.ok(!existsSync(join(a, 'onnx', 'model.onnx_data')));
  assert.equal(statSync(join(b, 'onnx', 'model.onnx_data')).size, statSync(join(extDir, 'onnx', 'model.onnx_data')).size, "B's weights in B's folder");
  // A tag is resolved to its commit: B's files are already there.
  const from = requested.length;
  const tag = await ModelHost.start({ model: 'pinned/tiny-ts@v1', dtype: 'fp32', threads: 1, cacheDir, hubUrl: url });
  await tag.dispose();
  assert.equal(tag.info.revision, COMMIT_B);
  assert.deepEqual(requested.slice(from).filter((p) => p.startsWith('GET ')), [], 'nothing downloaded again');
});

/** Where a commit's files of `pinned/tiny-ts` are cached. */
function pinnedFiles(cacheDir: string, commit: string): string {
  return join(cacheDir, 'pinned', 'tiny-ts', commit, 'pinned', 'tiny-ts');
}
