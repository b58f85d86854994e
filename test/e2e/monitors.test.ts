// End to end in a real VS Code (code-server) with the bundled model, each monitor alone and asked
// through the editor's own services: arguments (signature help) keeps a call to a method that takes
// no argument free of arguments; newClass puts only a known value after `new` (never the imported
// interface or type alias); objectKeys allows only the properties of the literal's type;
// switchCase, over an enum, only that enum (its type found by a hover over the discriminant).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loop, punctuationRun, stutter } from '../../src/core/completion/degeneration';
import { allMonitorNames } from '../../src/core/monitors/registry';
import { lineDiagnostics, MISSING_NAME, withLine } from './harness/type-check';
import { parseCompletions, type CompletionLine } from './harness/extension-log';
import { outputDir, type Session } from './harness/session';
import { E2eSuite, trimLines } from './harness/suite';
import { ghostToString, waitUntil } from './harness/workbench';

const FIXTURE = 'e2e-monitors';
const FILE = 'src/main.ts';
const suite = new E2eSuite(FIXTURE, FILE);
const original = suite.original;
const originalLines = original.split('\n');
// The empty line after `const first = ...` inside setup().
const PROBE_LINE = originalLines.findIndex((l, i) => l.trim() === '' && i > 0 && originalLines[i - 1]!.includes('const first')) + 1;

const FIRST_COMPLETION_MS = 180_000;
const COMPLETION_MS = 60_000;

const s = () => suite.s;
const scenario = suite.scenario.bind(suite);
const backToSaved = () => suite.backToSaved();

/** Runs `body` from the saved file with `monitor` the only one on; afterwards both are as before. */
async function withOnly(ses: Session, monitor: string, body: () => Promise<void>): Promise<void> {
  await ses.applySettings({ 'mgd.monitors': [monitor] });
  try {
    await backToSaved();
    await body();
  } finally {
    await ses.applySettings({ 'mgd.monitors': undefined });
    await backToSaved();
  }
}

/**
 * Types `text` on the probe line and returns the completion the extension logs for it: the last one
 * once the log is quiet (completions for the text typed so far may be logged before it).
 */
async function complete(text: string, monitors: string, timeoutMs = COMPLETION_MS): Promise<CompletionLine> {
  const wb = s().workbench;
  const before = parseCompletions(s().extensionLog()).length;
  await wb.gotoLineEnd(PROBE_LINE);
  await wb.type(text);
  const ours = () => parseCompletions(s().extensionLog()).slice(before).filter((c) => c.monitors === monitors);
  await waitUntil(`a completion with monitors=${monitors}`, async () => ours().length > 0, timeoutMs);
  let seen = ours().length;
  let quietSince = Date.now();
  await waitUntil('the log to be quiet', async () => {
    const n = ours().length;
    if (n !== seen) {
      seen = n;
      quietSince = Date.now();
    }
    return Date.now() - quietSince >= 3000;
  }, timeoutMs);
  return ours().at(-1)!;
}

/** TypeScript errors saying `name` is unknown or only a type where the probe line is. */
function notConstructible(workspace: string, name: string): string[] {
  // Cannot find name, only refers to a type. (A value without a construct signature, error 2351,
  // is not caught in the editor: its completion list does not say which values are constructible.)
  return lineDiagnostics(workspace, FILE, withLine(originalLines, PROBE_LINE, `  const made = new ${name}();`), PROBE_LINE, new Set([2304, 2552, 2693, 2585]));
}

/**
 * What the user would get by accepting `c` after typing `typed`: ghost text that loops or stutters
 * is never shown, and the line has no error about a name that does not exist.
 */
function assertAcceptable(workspace: string, typed: string, c: CompletionLine): void {
  assert.equal(loop(c.text), undefined, `the ghost text loops: ${JSON.stringify(c.text)}`);
  assert.equal(stutter(c.text), undefined, `the ghost text stutters: ${JSON.stringify(c.text)}`);
  assert.equal(punctuationRun(c.text), undefined, `the ghost text repeats punctuation: ${JSON.stringify(c.text)}`);
  const after = lineDiagnostics(workspace, FILE, withLine(originalLines, PROBE_LINE, typed + c.text), PROBE_LINE, MISSING_NAME);
  assert.deepEqual(after, [], `after Tab, ${JSON.stringify(typed + c.text)} names something that does not exist`);
}

/**
 * The whole ghost text a user gets at `typed` with every monitor on (the default): each scenario
 * first shows what its monitor does alone, then that the product as shipped shows nothing that
 * breaks the line after Tab (alone, a monitor does not guard what the others would).
 */
async function acceptableWithAll(ses: Session, typed: string, whole?: RegExp): Promise<void> {
  await ses.applySettings({ 'mgd.monitors': [...allMonitorNames] });
  try {
    await backToSaved();
    const c = await complete(typed, allMonitorNames.join(','));
    console.log(`all monitors: ${JSON.stringify(typed)} → ${JSON.stringify(c.text)}`);
    assertAcceptable(ses.workspace, typed, c);
    if (whole) assert.match(c.text, whole, `the whole ghost text after ${JSON.stringify(typed)}`);
  } finally {
    await ses.applySettings({ 'mgd.monitors': undefined });
    await backToSaved();
  }
}

describe('monitors in code-server, one at a time', { timeout: 20 * 60_000 }, () => {
  before(async () => {
    assert.ok(PROBE_LINE > 0, 'the fixture has an empty line after `const first`');
    await suite.open({
      // A typed `(` must stay alone: an auto-closed `)` would be the suffix, not generated text.
      'editor.autoClosingBrackets': 'never',
      'editor.parameterHints.enabled': false,
      'mgd.monitors': ['arguments'],
    });
  });

  after(() => suite.close());

  it('warms up: the file opens, the TypeScript project loads, the model answers once', { timeout: FIRST_COMPLETION_MS + 120_000 }, () =>
    scenario('monitors-warm-up', async (ses) => {
      const wb = ses.workbench;
      await wb.openFile(FILE);
      await wb.waitForTypeScriptProject();
      await waitUntil('the TypeScript plugin to answer', async () => /TypeScript language service ready/.test(ses.extensionLog()), FIRST_COMPLETION_MS);
      // A throw-away completion (model load, the language service's first answers): ghost text or a
      // logged completion, whichever comes; a first completion may also be skipped, so no assertion.
      try {
        const before = parseCompletions(ses.extensionLog()).length;
        await wb.gotoLineEnd(PROBE_LINE);
        await wb.type('  const warm = board.');
        await waitUntil('a first completion', async () => parseCompletions(ses.extensionLog()).length > before || ghostToString(await wb.ghostText()).trim() !== '', FIRST_COMPLETION_MS);
      } catch (err) {
        console.log(`warm-up: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        await backToSaved();
      }
    }));

  it('arguments: after `board.reset(` (no parameters) no argument is generated', { timeout: 3 * COMPLETION_MS }, () =>
    scenario('monitors-arguments', async (ses) => {
      try {
        await backToSaved();
        // Completions of the half-typed line run too (and may ask about calls the model wrote);
        // what counts is that the question at `board.reset(` was answered.
        const answered = () => (ses.extensionLog().match(/arguments: accepts 0 arguments/g) ?? []).length;
        const before = answered();
        const c = await complete('  board.reset(', 'arguments');
        console.log(`board.reset( → ${JSON.stringify(c.text)} (${c.raw})`);
        assert.equal(c.guided, true, `the signature help answered in time: ${c.raw}`);
        assert.ok(answered() > before, 'the signature help had an answer for board.reset(');
        assert.match(c.text, /^\s*(\)|\/[/*]|$)/, `the completion starts an argument: ${JSON.stringify(c.text)}`);
        await acceptableWithAll(ses, '  board.reset(');
        await ses.workbench.screenshot(path.join(outputDir, 'monitors-arguments.png'));
      } finally {
        await backToSaved();
      }
    }));

  it('newClass: after `new ` only a constructible name (not the imported interface or type alias)', { timeout: 3 * COMPLETION_MS }, () =>
    scenario('monitors-new-class', async (ses) => {
      await withOnly(ses, 'newClass', async () => {
        const c = await complete('  const made = new ', 'newClass');
        console.log(`new → ${JSON.stringify(c.text)} (${c.raw})`);
        const name = /^\s*([A-Za-z_$][\w$]*)/.exec(c.text)?.[1];
        if (name === undefined) {
          // Not a name: only `class`/`(` escapes or nothing; the monitor allowed no other start.
          assert.match(c.text, /^\s*(\(|$)/, `after new: ${JSON.stringify(c.text)}`);
          return;
        }
        assert.notEqual(name, 'Drawable');
        assert.notEqual(name, 'Point');
        if (name !== 'class' && name !== 'this') assert.deepEqual(notConstructible(ses.workspace, name), [], `new ${name}`);
      });
      await acceptableWithAll(ses, '  const made = new ');
    }));

  /** Lines the extension logged for `monitor` saying a question got no answer. */
  // Questions the editor left without an answer. An empty answer is an answer: after the model has
  // written every key of a literal, the next question rightly finds none left.
  const unanswered = (monitor: string) => (s().extensionLog().match(new RegExp(`${monitor}: (?!no legal names in the answer).*: unconstrained`, 'g')) ?? []).length;

  it('objectKeys: in `{` of a Point literal only its properties (or what closes the literal)', { timeout: 3 * COMPLETION_MS }, () =>
    scenario('monitors-object-keys', async (ses) => {
      await withOnly(ses, 'objectKeys', async () => {
        const before = unanswered('objectKeys');
        const c = await complete('  const at: Point = { ', 'objectKeys');
        console.log(`{ → ${JSON.stringify(c.text)} (${c.raw})`);
        assert.equal(unanswered('objectKeys'), before, 'the editor answered with the properties of Point');
        const name = /^\s*([A-Za-z_$][\w$]*)/.exec(c.text)?.[1];
        if (name !== undefined) assert.ok(name === 'x' || name === 'y', `a key that Point lacks: ${JSON.stringify(c.text)}`);
        else assert.match(c.text, /^\s*([}.\['"/0-9]|$)/, `after {: ${JSON.stringify(c.text)}`);
      });
      await acceptableWithAll(ses, '  const at: Point = { ');
    }));

  it('switchCase: after `case ` in a switch over an enum, that enum', { timeout: 3 * COMPLETION_MS }, () =>
    scenario('monitors-switch-case', async (ses) => {
      await withOnly(ses, 'switchCase', async () => {
        const before = unanswered('switchCase');
        const c = await complete('  switch (kind) { case ', 'switchCase');
        console.log(`case → ${JSON.stringify(c.text)} (${c.raw})`);
        assert.equal(unanswered('switchCase'), before, 'the editor found the enum of the switch');
        assert.match(c.text, /^Kind\b/, `after case: ${JSON.stringify(c.text)}`);
      });
      // A case label: the enum's member and what follows its colon, or a start of it; never the
      // enum alone before the colon, nor a chain or a call after the member.
      await acceptableWithAll(ses, '  switch (kind) { case ', /^(|Kind|Kind\.(Round|Square)(\s*:.*)?)$/s);
    }));
});
