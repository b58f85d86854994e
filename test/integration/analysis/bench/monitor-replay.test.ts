// The ground-truth replay (`mgd bench monitors`) on hand-made prompts: the dereference monitor reads
// real code byte by byte with the TypeScript oracle and must never block a byte of it, except the
// names TypeScript does not list (the monitor's legal set is the language service's list).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DotPrompt } from '../../../../src/analysis/prompts/dot-prompts';
import { replayPrompt, type ReplayFigures } from '../../../../src/analysis/bench/monitor-replay';
import { TsProject } from '../../../../src/analysis/project/ts-project';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';
import { TokenIndex } from '../../../../src/core/tokens/token-index';
import type { Tokenizer } from '../../../../src/core/ports';

const projectDir = join(import.meta.dirname, '../../../fixtures/analysis/shop');
const project = TsProject.for(projectDir);
const bytes: Tokenizer = {
  vocabSize: 257, endIds: [256], tokenBytes: (id) => (id < 256 ? Uint8Array.of(id) : undefined),
  encode: () => { throw new Error('not needed'); }, specialId: () => undefined,
};
const index = TokenIndex.build(bytes, languageSpecFor('typescript'));

/** `groundTruth` inserted into `file` at the start of the line that begins with `before`. */
function prompt(file: string, before: string, groundTruth: string): DotPrompt {
  const text = readFileSync(join(projectDir, file), 'utf8');
  const at = text.indexOf(before);
  assert.ok(at > 0);
  return { id: `${file}:${at}`, file, line: 0, col: 0, prefix: text.slice(0, at), groundTruth, suffix: text.slice(at), name: '', scope: { pos: 0, end: text.length } };
}

async function blocked(p: DotPrompt): Promise<ReplayFigures> {
  const fig: ReplayFigures = { prompts: 0, triggered: 0, constrainedBytes: 0, bytes: 0, questions: 0, unanswered: 0, blocked: 0, blockedExamples: [], oracleMs: [] };
  await replayPrompt(index, project, p, 'dereference', 10_000, fig);
  return fig;
}

test('a member declared after the method, reached inside a block the replay has not closed yet', async () => {
  const fig = await blocked(prompt('src/account.ts', '    if (note)', 'if (note) {\n      this.withdrawAll();\n    }\n    '));
  assert.ok(fig.constrainedBytes > 0);
  assert.deepEqual(fig.blockedExamples, []);
  assert.equal(fig.blocked, 0);
});

test('Object.prototype members on an interface type are blocked: completions never list them', async () => {
  const fig = await blocked(prompt('src/main.ts', '  const total', '  if (m.hasOwnProperty("amount")) console.log(m.toString(), m.valueOf());\n'));
  assert.equal(fig.blocked, 3);
});

test('Object.prototype members a type declares are listed, and not blocked', async () => {
  const fig = await blocked(prompt('src/main.ts', '  const total', '  console.log((1.5).toFixed(1).toString(), "s".valueOf());\n'));
  assert.ok(fig.constrainedBytes > 0);
  assert.deepEqual(fig.blockedExamples, []);
  assert.equal(fig.blocked, 0);
});

test('`constructor` through an instance is blocked unless the type lists it', async () => {
  const fig = await blocked(prompt('src/main.ts', '  const total', '  console.log(m.constructor);\n'));
  assert.equal(fig.blocked, 1);
});

test('a name no type has is still blocked', async () => {
  const fig = await blocked(prompt('src/main.ts', '  const total', '  m.nope;\n'));
  assert.equal(fig.blocked, 1);
});

test('an assignment that gives a function of the file a new property (a TypeScript expando) is not blocked', async () => {
  const text = readFileSync(join(projectDir, 'src/main.ts'), 'utf8');
  const p: DotPrompt = { ...prompt('src/main.ts', 'export function', ''), prefix: text, groundTruth: '\nreport.version = "1";\nreport.call(undefined);\n', suffix: '' };
  const fig = await blocked(p);
  assert.deepEqual(fig.blockedExamples, []);
  const a = await blocked({ ...p, groundTruth: '\nformatMoney.nope = 1;\n' });
  assert.equal(a.blocked, 1, 'a function declared elsewhere takes no new properties');
});
