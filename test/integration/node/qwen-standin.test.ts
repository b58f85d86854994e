import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { buildPrompt } from '../../../src/core/completion/prompt';
import { familyFor } from '../../../src/core/completion/model-family';
import { promptWindow } from '../../../src/core/completion/prompt-window';
import { decode } from '../../../src/core/decoding/decode';
import { languageSpecFor } from '../../../src/core/tokens/language-spec';
import { TokenIndex } from '../../../src/core/tokens/token-index';
import { loadModel } from '../../../src/node/load-model';
import { ModelHost } from '../../../src/node/model-host';
import { ModelLoadError } from '../../../src/node/model-errors';
import { bundledModelDir } from '../../../src/node/runtime-paths';
import { QWEN_IDS, tinyQwenFolder } from './standins';
import { HubServer } from './hub-server';
import type { LanguageOracle } from '../../../src/core/ports';
import { noAnswer } from '../../../src/core/oracle/query';

// The path a user of a published Qwen2.5-Coder model takes, with the real tokenizer and random
// weights in the Qwen2 architecture: a local folder, and a hub id served by the local hub server
// (hub-server.ts).
const scratch = mkdtempSync(join(tmpdir(), 'mgd-qwen-'));
// Named for no family: the tokenizer alone must tell.
const folder = tinyQwenFolder(join(scratch, 'standin'));
const q8 = readFileSync(join(folder, 'onnx', 'model_quantized.onnx'));
let hub: HubServer;
let url = '';
/** `METHOD path` of every request (`METHOD range path` for a byte range). */
let requested: string[] = [];
/**
 * How the server sends the q8 weights: whole, cut to half (a complete response of a truncated file),
 * dropped halfway, or corrupt at the same size: bytes flipped inside the weights (onnxruntime loads
 * them; the hub publishes the sha256 of the file it has), or in the graph's header (onnxruntime
 * cannot read it; no sha256 published).
 */
let weights: 'whole' | 'truncated' | 'dropped' | 'flipped' | 'unreadable' = 'whole';
/** The q8 file with `n` bytes from `at` inverted. */
const flip = (at: number, n: number): Buffer => {
  const b = Buffer.from(q8);
  for (let i = at; i < at + n; i++) b[i] ^= 0xff;
  return b;
};
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

before(async () => {
  // The stand-in's files on `main`, and nothing said about commits or checksums: a plain mirror.
  hub = await HubServer.start(({ owner, revision, file }) => {
    const path = join(folder, file);
    if (owner !== 'mirror' || revision !== 'main' || !existsSync(path)) return undefined;
    const body = readFileSync(path);
    if (file !== 'onnx/model_quantized.onnx' || weights === 'whole') return { body, sha256: null };
    if (weights === 'dropped') return { body, sha256: null, fault: { kind: 'drop', after: body.length >> 1 } };
    if (weights === 'flipped') return { body: flip(body.length >> 1, 4096), sha256: sha256(q8) };
    if (weights === 'unreadable') return { body: flip(0, 64), sha256: null };
    return { body: body.subarray(0, body.length >> 1), sha256: null };
  });
  url = hub.url;
  requested = hub.requested;
});
after(() => {
  hub.close();
  rmSync(scratch, { recursive: true, force: true });
});

const noOracle: LanguageOracle = { answer: async () => noAnswer('no oracle in this test') };
const request = { prefix: 'export function total(items: number[]): number {\n  return items.', suffix: ';\n}\n', languageId: 'typescript', maxTokens: 8, temperature: 0, mode: 'line' as const, monitors: [], oracleTimeoutMs: 100 };
/** The weights files downloaded since `from` (transformers.js also asks for their size with a byte range first). */
const onnxDownloads = (from: number) => requested.slice(from).filter((r) => r.includes('/onnx/') && r.startsWith('GET /'));
const onnxAsked = (from: number) => [...new Set(requested.slice(from).filter((r) => r.includes('/onnx/')).map((r) => r.split(' ').at(-1)))];
const STRUCTURE = [QWEN_IDS.fimPrefix, QWEN_IDS.fimMiddle, QWEN_IDS.fimSuffix, QWEN_IDS.fimPad, QWEN_IDS.repoName, QWEN_IDS.fileSep, QWEN_IDS.imStart];

test('a local folder: the family comes from the tokenizer, and the FIM prompt is made of Qwen\'s marker ids', async () => {
  const m = await loadModel({ model: folder, dtype: 'auto', threads: 1, cacheDir: join(scratch, 'unused'), bundledDir: bundledModelDir(), hubTimeoutMs: 1000 });
  try {
    assert.equal(m.family.id, 'qwen2.5-coder');
    assert.equal(m.dtype, 'q8', 'auto takes the only precision the folder has');
    assert.equal(m.vocabSize, 151936);
    assert.deepEqual(m.tokenizer.endIds, [QWEN_IDS.endoftext, QWEN_IDS.imEnd]);
    const prefix = 'const total = items.';
    const suffix = ';\n';
    const p = buildPrompt(m.tokenizer, m.family, prefix, suffix, 16);
    // The real tokenizer's ids for the text (checked against the Python tokenizers library).
    const PREFIX_IDS = [1024, 2790, 284, 3589, 13];
    const SUFFIX_IDS = [280];
    assert.deepEqual(p.ids, [QWEN_IDS.fimPrefix, ...PREFIX_IDS, QWEN_IDS.fimSuffix, ...SUFFIX_IDS, QWEN_IDS.fimMiddle]);

    const index = TokenIndex.build(m.tokenizer, languageSpecFor('typescript'));
    for (const id of STRUCTURE) assert.ok(index.neverSampled.has(id), `${id} is never sampled`);
    assert.ok(!index.neverSampled.has(QWEN_IDS.endoftext) && !index.neverSampled.has(QWEN_IDS.imEnd));
    // 24 greedy steps of the random model through the decode loop: whatever it wants, no marker.
    m.lm.reset();
    const r = await decode(m.lm, index, noOracle, {
      promptIds: p.ids, context: { prefix, suffix }, monitors: [], sampling: { temperature: 0 }, stop: { maxTokens: 24, mode: 'block' },
    });
    assert.notEqual(r.stopReason, 'error', r.error);
    assert.ok(r.tokenIds.length > 0);
    assert.ok(!r.tokenIds.some((id) => STRUCTURE.includes(id as never)), `generated ${r.tokenIds.join(',')}`);
  } finally {
    await m.model.dispose();
  }
});

test('the prompt window: measured at load, a long file is cut to it, and a keystroke in the middle re-runs the bounded suffix only', async () => {
  const host = await ModelHost.start({ model: folder, threads: 1, cacheDir: join(scratch, 'unused') });
  try {
    const speed = host.info.promptSpeed ?? [];
    assert.deepEqual(speed.map((x) => x.past), [96, 1056], 'a chunk near the start and one after a thousand tokens');
    assert.ok(speed.every((x) => x.msPerToken > 0));
    // Sized from those figures (the tiny model's full-width logits make it slower per prompt token than its size suggests).
    assert.deepEqual(host.info.promptWindow, promptWindow(32768, speed));
    const lines = Array.from({ length: 600 }, (_, i) => `  const value${i} = compute(${i}, "item ${i}");`);
    const before = `export function run(): void {\n${lines.slice(0, 300).join('\n')}\n  `;
    const after = `\n${lines.slice(300).join('\n')}\n}\n`;
    const ask = (prefix: string, freshCache: boolean) => host.complete({ ...request, prefix, suffix: after, maxTokens: 1, freshCache, promptTokens: 400 }, noOracle);
    assert.notEqual((await ask(before, true)).stopReason, 'error');
    const prompt = host.lastCache!.promptTokens;
    // A window slow to read again moves its cut in large steps: at least half of it is filled.
    assert.ok(prompt <= 400 && prompt > 200, `a prompt of ${prompt} tokens for a window of 400`);
    await ask(before + 'c', false);
    // The suffix (at most a quarter of 400), the middle marker and what was typed; not the prompt again.
    const rerun = host.lastCache!.computedTokens;
    assert.ok(rerun <= 100 + 2 && rerun > 2, `${rerun} tokens run for one character`);
  } finally {
    await host.dispose();
  }
});

test("the model process keeps no tokenizer tables in its heap: full collections every few tokens mark all of it", async () => {
  const host = await ModelHost.start({ model: folder, threads: 1, cacheDir: join(scratch, 'unused'), measurePromptSpeed: false });
  try {
    const out = await host.complete({ prefix: 'export function add(a: number, b: number): number {\n  return ', suffix: '\n}\n', languageId: 'typescript', maxTokens: 4, temperature: 0, mode: 'line', monitors: [], oracleTimeoutMs: 400 }, { answer: async () => noAnswer('none') });
    assert.notEqual(out.stopReason, 'error', out.error);
    const heapMb = (await host.collectGarbage()) / 2 ** 20;
    // transformers.js's tokenizer of Qwen's vocabulary is 47 MB of heap: with it this read 58 MB, without 12.
    assert.ok(heapMb < 30, `the model process's heap after loading and one completion: ${heapMb.toFixed(1)} MB`);
  } finally {
    await host.dispose();
  }
});

test('without the speed measurement (evaluations) the window is the fixed one, the same on every machine', async () => {
  const host = await ModelHost.start({ model: folder, threads: 1, cacheDir: join(scratch, 'unused'), measurePromptSpeed: false });
  try {
    assert.deepEqual(host.info.promptSpeed, []);
    assert.deepEqual(host.info.promptWindow, { tokens: 2048, suffixTokens: 512 });
  } finally {
    await host.dispose();
  }
});

test('a hub id with dtype auto downloads the q8 file, and only that one, with progress', async () => {
  const from = requested.length;
  const progress: { file: string; loaded: number; total: number }[] = [];
  const host = await ModelHost.start({ model: 'mirror/qwen2-standin', threads: 1, cacheDir: join(scratch, 'cache'), hubUrl: url, onProgress: (p) => progress.push(p) });
  try {
    assert.equal(host.info.dtype, 'q8');
    assert.equal(familyFor('mirror/qwen2-standin').id, familyFor('no/family').id, 'the hub id alone names no family');
    assert.equal(host.info.family, 'qwen2.5-coder', 'the downloaded tokenizer does');
    assert.deepEqual(onnxDownloads(from), ['GET /mirror/qwen2-standin/resolve/main/onnx/model_quantized.onnx']);
    assert.deepEqual(onnxAsked(from), ['/mirror/qwen2-standin/resolve/main/onnx/model_quantized.onnx'], 'no other precision was even looked at');
    const last = progress.filter((p) => p.file === 'onnx/model_quantized.onnx').at(-1);
    assert.equal(last?.loaded, q8.length);
    assert.equal(last?.total, q8.length);
    const r = await host.complete(request, noOracle);
    assert.notEqual(r.stopReason, 'error', r.error);
    // 13 prefix and 2 suffix tokens (the Python tokenizers library counts the same) and three FIM markers.
    assert.equal(host.lastCache?.promptTokens, 18, 'a FIM prompt: the markers around prefix and suffix');
  } finally {
    await host.dispose();
  }
});

test('not enough disk space: the check before the download refuses with the space needed and free, and nothing of the weights is downloaded', async () => {
  const cacheDir = join(scratch, 'cache-full-disk');
  const from = requested.length;
  // A disk with more room than the weights alone but less than they need with the margin kept free.
  const freeBytes = q8.length + 2 ** 20;
  const load = loadModel({ model: 'mirror/qwen2-standin', dtype: 'auto', threads: 1, cacheDir, bundledDir: bundledModelDir(), hubTimeoutMs: 5000, hubUrl: url }, undefined, {
    freeSpace: (dir) => ({ folder: dir, bytes: freeBytes }),
  });
  const weightsDir = join(cacheDir, 'mirror', 'qwen2-standin');
  await assert.rejects(load, (err: unknown) => {
    const m = err instanceof ModelLoadError ? /^not enough disk space for 'mirror\/qwen2-standin' \(q8\): it needs ([\d.]+) MB \(([\d.]+) MB of weights and room to spare\) and (.+) has ([\d.]+) MB free; free some space, or pick a smaller precision \(mgd\.dtype\) or 'bundled'$/.exec(err.message) : null;
    assert.ok(m, String(err));
    assert.equal(m[2], (q8.length / 2 ** 20).toFixed(1), 'the weights\' size as the hub published it');
    assert.equal(m[3], weightsDir);
    assert.equal(m[4], (freeBytes / 2 ** 20).toFixed(1));
    assert.ok(Number(m[1]) > Number(m[4]), 'it needs more than is free');
    return true;
  });
  assert.deepEqual(onnxDownloads(from), [], 'the weights were never downloaded');
  assert.ok(!existsSync(join(weightsDir, 'onnx')), 'nothing of the weights was written');
});

test('offline: a cached model loads without the server; an uncached one fails with a clear message', async () => {
  const offline = 'http://127.0.0.1:9/'; // the discard port: nothing listens there
  const host = await ModelHost.start({ model: 'mirror/qwen2-standin', threads: 1, cacheDir: join(scratch, 'cache'), hubUrl: offline });
  try {
    assert.equal(host.info.dtype, 'q8');
    const r = await host.complete(request, noOracle);
    assert.notEqual(r.stopReason, 'error', r.error);
  } finally {
    await host.dispose();
  }
  await assert.rejects(
    ModelHost.start({ model: 'mirror/qwen2-standin', threads: 1, cacheDir: join(scratch, 'empty-cache'), hubUrl: offline }),
    (err: unknown) => err instanceof ModelLoadError && /^could not download 'mirror\/qwen2-standin' from http:\/\/127\.0\.0\.1:9\/: .*fetch failed.*; pick 'bundled' or a local folder$/.test(err.message),
  );
});

/** A start while the hub serves the weights `how`: refused with a `ModelLoadError` whose message matches `message`. */
async function refusedWith(how: typeof weights, cacheDir: string, message: RegExp): Promise<void> {
  weights = how;
  try {
    await assert.rejects(ModelHost.start({ model: 'mirror/qwen2-standin', threads: 1, cacheDir, hubUrl: url }), (err: unknown) => err instanceof ModelLoadError && message.test(err.message));
  } finally {
    weights = 'whole';
  }
}

test('a truncated download fails with a clear message, is not kept in the cache, and is fetched again at the next start', async () => {
  const cacheDir = join(scratch, 'cache-truncated');
  const cached = join(cacheDir, 'mirror', 'qwen2-standin', 'onnx', 'model_quantized.onnx');
  await refusedWith('truncated', cacheDir, /^could not load onnx\/model_quantized\.onnx of 'mirror\/qwen2-standin' \(q8\): .+; the downloaded file was removed from the cache and is downloaded again at the next start$/);
  assert.ok(!existsSync(cached), 'the truncated file is gone');
  const from = requested.length;
  const host = await ModelHost.start({ model: 'mirror/qwen2-standin', threads: 1, cacheDir, hubUrl: url });
  await host.dispose();
  assert.deepEqual(onnxDownloads(from), ['GET /mirror/qwen2-standin/resolve/main/onnx/model_quantized.onnx']);
  assert.equal(readFileSync(cached).length, q8.length);
});

test('a downloaded file with bytes flipped, the size unchanged, where the hub published its sha256: refused by the sha256 with a clear message, removed, no model kept; the next start downloads it again', async () => {
  const cacheDir = join(scratch, 'cache-flipped');
  const cached = join(cacheDir, 'mirror', 'qwen2-standin', 'onnx', 'model_quantized.onnx');
  await refusedWith('flipped', cacheDir, new RegExp(`^the downloaded onnx/model_quantized\\.onnx of 'mirror/qwen2-standin' is not what the hub published \\(sha256 ${sha256(flip(q8.length >> 1, 4096)).slice(0, 12)}… where the hub published ${sha256(q8).slice(0, 12)}…\\); it was removed and is downloaded again at the next start$`));
  assert.ok(!existsSync(cached), 'the corrupt file is gone');
  const from = requested.length;
  const host = await ModelHost.start({ model: 'mirror/qwen2-standin', threads: 1, cacheDir, hubUrl: url });
  try {
    assert.deepEqual(onnxDownloads(from), ['GET /mirror/qwen2-standin/resolve/main/onnx/model_quantized.onnx']);
    assert.ok(readFileSync(cached).equals(q8));
    const r = await host.complete(request, noOracle);
    assert.notEqual(r.stopReason, 'error', r.error);
  } finally {
    await host.dispose();
  }
});

test('a downloaded file onnxruntime cannot read, where the hub published no sha256: the message names the file and onnxruntime\'s reason, and the file is removed', async () => {
  const cacheDir = join(scratch, 'cache-unreadable');
  await refusedWith('unreadable', cacheDir, /^could not load onnx\/model_quantized\.onnx of 'mirror\/qwen2-standin' \(q8\): onnxruntime cannot read it \(Protobuf parsing failed\); the downloaded file was removed from the cache and is downloaded again at the next start$/);
  assert.ok(!existsSync(join(cacheDir, 'mirror', 'qwen2-standin', 'onnx', 'model_quantized.onnx')), 'the file is gone');
});

test('a transfer dropped halfway fails with a clear message and leaves no partial file; the next start downloads the file again from its start, and the cache holds exactly the files served', async () => {
  const cacheDir = join(scratch, 'cache-dropped');
  await refusedWith('dropped', cacheDir, /^the download of onnx\/model_quantized\.onnx of 'mirror\/qwen2-standin' from http:\/\/127\.0\.0\.1:\d+\/ broke off: terminated \(other side closed\); nothing of it was kept, the next start downloads it again \(or pick 'bundled' or a local folder\)$/);
  const model = join(cacheDir, 'mirror', 'qwen2-standin');
  const onnxDir = join(model, 'onnx');
  assert.deepEqual(existsSync(onnxDir) ? readdirSync(onnxDir) : [], [], 'neither the file nor a temporary part of it');

  const from = requested.length;
  const host = await ModelHost.start({ model: 'mirror/qwen2-standin', threads: 1, cacheDir, hubUrl: url });
  await host.dispose();
  // Downloaded again whole (no byte range: nothing of the first try was kept to resume from).
  assert.deepEqual(onnxDownloads(from), ['GET /mirror/qwen2-standin/resolve/main/onnx/model_quantized.onnx']);
  const cached = readdirSync(model, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(model, join(e.parentPath, e.name))).sort();
  assert.ok(cached.includes(join('onnx', 'model_quantized.onnx')), cached.join(', '));
  assert.deepEqual(cached.filter((f) => /\.tmp\./.test(f)), [], 'no partial file');
  for (const f of cached) assert.ok(readFileSync(join(model, f)).equals(readFileSync(join(folder, f))), `${f} is byte for byte the file served`);
});
