import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvalError } from '../../../../src/analysis/eval-error';
import type { PromptRecord } from '../../../../src/analysis/eval-types';
import { RecordJournal } from '../../../../src/analysis/run/record-journal';

const rec = (id: string): PromptRecord => ({ package: 'p@1', id, name: 'x', groundTruth: 'x', modes: {} });

test('a resumed run gets back the prompts already done, survives a torn last line, and refuses other settings', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mgd-journal-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const first = new RecordJournal(dir, { seed: 1 }, false);
  first.append(rec('a.ts:1:1'));
  first.append(rec('a.ts:2:1'));
  appendFileSync(first.file, '{"package":"p@1","id":"a.ts:3');
  const again = new RecordJournal(dir, { seed: 1 }, true);
  assert.equal(again.saved('p@1', 'a.ts:2:1')?.id, 'a.ts:2:1');
  assert.equal(again.saved('p@1', 'a.ts:3:1'), undefined);
  assert.equal(readFileSync(again.file, 'utf8').trim().split('\n').length, 3);
  assert.throws(() => new RecordJournal(dir, { seed: 2 }, true), EvalError);
  const fresh = new RecordJournal(dir, { seed: 2 }, false);
  assert.equal(fresh.saved('p@1', 'a.ts:1:1'), undefined);
});
