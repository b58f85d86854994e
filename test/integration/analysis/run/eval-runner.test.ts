import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { extractDotPrompts } from '../../../../src/analysis/prompts/dot-prompts';
import { runPackage, type CompletionSource } from '../../../../src/analysis/run/eval-runner';
import type { CompletionOutcome } from '../../../../src/analysis/eval-types';
import { compileMetrics, errorKeys } from '../../../../src/analysis/score/metrics';
import { summarize } from '../../../../src/analysis/score/summary';
import { TsProject } from '../../../../src/analysis/project/ts-project';
import { summarizePicks } from '../../../../src/analysis/score/summary';
import { ProjectStatistics } from '../../../../src/core/statistics/project-statistics';

const project = TsProject.for(join(import.meta.dirname, '../../../fixtures/analysis/minipkg'));
const outcome = (text: string): CompletionOutcome => ({
  text, stopReason: 'endOfLine', guided: true, trace: [],
  timings: { totalMs: 5, promptMs: 1, modelMs: 3, maskMs: 0.5, oracleWaitMs: 0.5, tokens: 2 },
});

test('CR and VDR: a missing member breaks compilation and counts as an invalid dereference', () => {
  const file = 'src/util/stack.ts';
  const text = project.text(file);
  const cut = text.indexOf('items.push(item);');
  const [prefix, suffix] = [text.slice(0, cut), text.slice(cut + 'items.push(item);'.length)];
  const original = errorKeys(project.errors(file));
  const good = compileMetrics(project, file, original, prefix, 'items.push(item);', suffix);
  assert.deepEqual({ compiles: good.compiles, derefs: good.derefs, invalid: good.invalidDerefs }, { compiles: true, derefs: 2, invalid: 0 });
  const bad = compileMetrics(project, file, original, prefix, 'items.append(item);', suffix);
  assert.deepEqual({ compiles: bad.compiles, derefs: bad.derefs, invalid: bad.invalidNames }, { compiles: false, derefs: 2, invalid: ['append'] });
  assert.match(bad.newErrors[0]!, /^2339: Property 'append' does not exist/);
  // A type error that is not about members fails CR but not VDR.
  const wrongArg = compileMetrics(project, file, original, prefix, 'items.push("x");', suffix);
  assert.equal(wrongArg.compiles, false);
  assert.equal(wrongArg.invalidDerefs, 0);
  assert.equal(project.text(file), text, 'the overlay is cleared after scoring');
});

test('a private member used from outside its class is an invalid dereference', () => {
  const file = 'src/index.ts';
  const text = project.text(file);
  const cut = text.indexOf('size > 0)');
  const r = compileMetrics(project, file, errorKeys(project.errors(file)), text.slice(0, cut), 'items.length > 0)', text.slice(cut + 'size > 0)'.length));
  assert.deepEqual(r.invalidNames, ['items']);
});

test('the harness scores every prompt in every mode and records a throwing completion as failed', async () => {
  const { prompts } = extractDotPrompts(project, { task: 'line', limit: 6, seed: 3 });
  assert.equal(prompts.length, 6);
  const broken = prompts[2]!.id;
  const complete: CompletionSource = async (p, mode, oracle) => {
    assert.equal(oracle.file.endsWith(p.file), true);
    if (mode.name === 'on' && p.id === broken) throw new Error('worker crashed');
    return outcome(mode.name === 'on' ? `${p.groundTruth}\nnext line is cut off` : 'notAMember');
  };
  const steps: string[] = [];
  const statistics = new ProjectStatistics();
  for (const f of project.sources) statistics.set(f, project.text(f));
  const records = await runPackage({
    packageLabel: 'minipkg@0.1.0', project, prompts, task: 'line', complete, statistics, seed: 3,
    modes: [{ name: 'off', monitors: [] }, { name: 'on', monitors: ['dereference'] }],
    onStep: ({ mode }) => steps.push(mode.name),
  });
  assert.equal(steps.length, 12);
  assert.equal(records.length, 6);
  assert.equal(records.find((r) => r.id === broken)!.modes.on!.failed, 'worker crashed');
  const s = summarize(records, ['off', 'on']);
  assert.deepEqual([s.on!.n, s.on!.failed, s.on!.nim, s.on!.cr, s.on!.vdr, s.on!.pm], [5, 1, 1, 1, 1, 1]);
  assert.deepEqual([s.off!.n, s.off!.nim, s.off!.cr, s.off!.vdr], [6, 0, 0, 0]);
  assert.equal(records[0]!.modes.on!.text.includes('\n'), false, 'a line completion ends at its newline');
  // The trivial picks choose among the names the service lists at each prompt, on the same prompts.
  for (const r of records) {
    assert.ok(r.legalNames! > 0);
    for (const pick of Object.values(r.picks!)) assert.match(pick!, /^[A-Za-z_$][\w$]*$/);
  }
  const picks = summarizePicks(records)!;
  assert.equal(picks.first.n, 6);
  assert.ok(Object.values(picks).every((p) => p.nim >= 0 && p.nim <= 1));
});

test('punctuation after the dot is a syntax error, not a dereference', () => {
  const file = 'src/util/stack.ts';
  const text = project.text(file);
  const cut = text.indexOf('items.push(item);');
  const r = compileMetrics(project, file, errorKeys(project.errors(file)), text.slice(0, cut), ' * * *', text.slice(cut + 'items.push(item);'.length));
  assert.deepEqual([r.compiles, r.derefs], [false, 0]);
});

test('a name cut off by the token budget is not counted as a dereference', () => {
  const file = 'src/util/stack.ts';
  const text = project.text(file);
  const cut = text.indexOf('items.push(item);');
  const [prefix, suffix] = [text.slice(0, cut), text.slice(cut + 'items.push(item);'.length)];
  const original = errorKeys(project.errors(file));
  assert.deepEqual(compileMetrics(project, file, original, prefix, 'items.pu', suffix, { cutOff: true }).derefs, 1);
  assert.deepEqual(compileMetrics(project, file, original, prefix, 'items.pu', suffix).invalidNames, ['pu']);
});
