import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageOracle } from '../../../src/core/ports';
import { noAnswer } from '../../../src/core/oracle/query';
import type { CompleteRequest } from '../../../src/core/completion/request';
import { ModelHost } from '../../../src/node/model-host';
import { ModelLoadError } from '../../../src/node/model-errors';
import { bundledModelDir } from '../../../src/node/runtime-paths';
import { externalDataFolder } from './external-data';

// Each bad input gives one clear error (or a sane result), and the next request still works.
const scratch = mkdtempSync(join(tmpdir(), 'mgd-bad-'));
const cacheDir = join(scratch, 'cache');
const noOracle: LanguageOracle = { answer: async () => noAnswer('no oracle in this test') };
const req = (over: Partial<CompleteRequest> = {}): CompleteRequest => ({
  prefix: 'export function add(a: number, b: number): number {\n  return ', suffix: '\n}\n', languageId: 'typescript',
  maxTokens: 8, temperature: 0, mode: 'line', monitors: [], oracleTimeoutMs: 500, ...over,
});
let host: ModelHost;

before(async () => {
  host = await ModelHost.start({ model: 'bundled', threads: 1, cacheDir });
});
after(async () => {
  await host?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

async function expectLoadError(model: string, pattern: RegExp): Promise<void> {
  await assert.rejects(ModelHost.start({ model, threads: 1, cacheDir, hubTimeoutMs: 3000 }), (err: unknown) => {
    assert.ok(err instanceof ModelLoadError, `not a ModelLoadError: ${String(err)}`);
    assert.match(err.message, pattern);
    return true;
  });
  const r = await host.complete(req(), noOracle);
  assert.notEqual(r.stopReason, 'error', r.error);
}

test('an unknown hub id without network fails with a message that says what to do', async () => {
  await expectLoadError('nobody-here/no-such-model', /^could not download 'nobody-here\/no-such-model' from the Hugging Face hub: .+; pick 'bundled' or a local folder$/);
});

test('a model folder missing a file names the file', async () => {
  const dir = join(scratch, 'missing');
  cpSync(bundledModelDir(), dir, { recursive: true });
  rmSync(join(dir, 'tokenizer_config.json'));
  await expectLoadError(dir, new RegExp(`^model folder ${dir} is missing tokenizer_config.json$`));
});

test('a broken config.json is named', async () => {
  const dir = join(scratch, 'badconfig');
  cpSync(bundledModelDir(), dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), '{ "model_type": ');
  await expectLoadError(dir, new RegExp(`^could not read ${join(dir, 'config.json')}: .+`));
});

test('a corrupt ONNX file names the file and the runtime\'s complaint', async () => {
  const dir = join(scratch, 'corrupt');
  cpSync(bundledModelDir(), dir, { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), Buffer.from('this is not a protobuf'));
  await expectLoadError(dir, new RegExp(`^could not load ${join(dir, 'onnx', 'model.onnx')}: .+`));
});

test('weights in an external-data file load and complete as the same weights in the graph do', async () => {
  const ext = await ModelHost.start({ model: externalDataFolder(join(scratch, 'external')), threads: 1, cacheDir });
  try {
    const r = await ext.complete(req(), noOracle);
    assert.deepEqual(r.tokenIds, (await host.complete(req(), noOracle)).tokenIds);
  } finally {
    await ext.dispose();
  }
});

test('a missing external-data file is named before anything loads', async () => {
  const dir = externalDataFolder(join(scratch, 'external-missing'));
  rmSync(join(dir, 'onnx', 'model.onnx_data'));
  await expectLoadError(dir, new RegExp(`^model folder ${dir} is missing onnx/model\\.onnx_data$`));
});

test('a truncated external-data file is named, with the runtime\'s complaint', async () => {
  const dir = externalDataFolder(join(scratch, 'external-short'));
  truncateSync(join(dir, 'onnx', 'model.onnx_data'), 1_000_000);
  await expectLoadError(dir, new RegExp(`^could not load ${join(dir, 'onnx', 'model.onnx')}: onnx/model\\.onnx_data, the weights' external data, is incomplete or damaged \\(.+\\)$`));
});

test('a prompt longer than the context is cut from the left and still completes', async () => {
  const long = Array.from({ length: 3000 }, (_, i) => `const v${i} = ${i};`).join('\n') + '\nexport const total = ';
  const r = await host.complete(req({ prefix: long, suffix: '\n'.repeat(2) + 'x;'.repeat(5000) }), noOracle);
  assert.notEqual(r.stopReason, 'error', r.error);
  assert.ok(host.lastCache!.promptTokens + 8 <= host.info.contextLength);
  const next = await host.complete(req(), noOracle);
  assert.notEqual(next.stopReason, 'error', next.error);
});

test('a model whose family is unknown falls back to left-to-right prompting', async () => {
  const dir = join(scratch, 'plain');
  cpSync(bundledModelDir(), dir, { recursive: true });
  // Rename the FIM markers: nothing recognisable is left, so the prompt is the prefix alone.
  for (const f of ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json']) {
    const p = join(dir, f);
    if (!existsSync(p)) continue;
    writeFileSync(p, readFileSync(p, 'utf8').replaceAll('<|fim_', '<|unused_'));
  }
  const plain = await ModelHost.start({ model: dir, threads: 1, cacheDir });
  try {
    assert.equal(plain.info.family, 'left-to-right');
    assert.equal(plain.info.prompting, 'left-to-right');
    const r = await plain.complete(req(), noOracle);
    assert.notEqual(r.stopReason, 'error', r.error);
    const prefixOnly = await plain.complete(req({ suffix: 'something else entirely\n' }), noOracle);
    assert.deepEqual(prefixOnly.tokenIds, r.tokenIds, 'the suffix is not part of a left-to-right prompt');
  } finally {
    await plain.dispose();
  }
});
