import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { sweepPartialDownloads } from '../../../../src/node/files/partial-downloads';

// Above Linux's largest pid (2^22): a process that cannot exist.
const GONE = 4_194_305;

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

test('partial downloads of this process and of processes that are gone are removed; whole files and another live process\'s downloads stay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mgd-partial-'));
  try {
    mkdirSync(join(dir, 'onnx'));
    writeFileSync(join(dir, 'config.json'), '{}');
    writeFileSync(join(dir, 'onnx', 'model.onnx'), 'weights');
    writeFileSync(join(dir, `onnx/model.onnx.tmp.${process.pid}.k3j2`), 'half');
    writeFileSync(join(dir, `generation_config.json.tmp.${GONE}.a1`), '');
    writeFileSync(join(dir, `tokenizer.json.tmp.${process.ppid}.zz9`), 'in progress elsewhere');
    writeFileSync(join(dir, 'notes.tmp.txt'), 'the user\'s');
    const removed = sweepPartialDownloads(dir).map((p) => relative(dir, p)).sort();
    assert.deepEqual(removed, [`generation_config.json.tmp.${GONE}.a1`, `onnx/model.onnx.tmp.${process.pid}.k3j2`]);
    assert.deepEqual(files(dir), ['config.json', 'notes.tmp.txt', 'onnx/model.onnx', `tokenizer.json.tmp.${process.ppid}.zz9`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a model folder that does not exist yet has nothing to sweep', () => {
  assert.deepEqual(sweepPartialDownloads(join(tmpdir(), 'mgd-partial-none', 'owner', 'name')), []);
});
