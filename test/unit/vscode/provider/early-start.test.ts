import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { editorEvents, FakeTextDocument, Position, resetFakeVscode, settings, typeInto, window } from '../../support/fake-vscode';
import { EarlyStart, startKey } from '../../../../src/vscode/provider/early-start';
import { cursorContext, type CursorContext } from '../../../../src/vscode/provider/cursor-context';
import { completionSettings } from '../../../../src/vscode/config';
import { requestFor, type CompleteRequest } from '../../../../src/core/completion/request';
import { emptyDecodeResult } from '../../../../src/core/decoding/decode';
import type { Engine } from '../../../../src/vscode/engine';
import type { Generated } from '../../../../src/vscode/provider/generate';

// A completion started at the keystroke is the one the provider would start when VS Code asks a
// moment later; it is taken only for that same request, and cancelled by anything else: the next
// keystroke, another request, a suggest list that will open.

const engine = { info: { modelId: 'm' }, outstanding: 0, complete: async () => emptyDecodeResult('cancelled'), dispose: async () => undefined } as unknown as Engine;

interface Run { req: CompleteRequest; signal: AbortSignal; at: CursorContext }

function early(opts: { ready?: boolean; remembered?: boolean } = {}) {
  const runs: Run[] = [];
  const e = new EarlyStart({
    current: () => (opts.ready === false ? undefined : engine),
    remembered: () => opts.remembered === true,
    run: async (_engine, _doc, at, req, signal) => {
      runs.push({ req, signal, at });
      return { result: emptyDecodeResult('cancelled'), oracleMs: 0, notReady: 0 } as Generated;
    },
  });
  return { e, runs };
}

const before = 'export function f(board: Board) {\n  const made = new';
const after = '\n}\n';

function open(): FakeTextDocument {
  const document = new FakeTextDocument(before + after);
  window.activeTextEditor = { document, selection: { active: new Position(1, 18) } };
  return document;
}

/** The key the provider computes when VS Code asks at `offset`. */
function providerKey(doc: FakeTextDocument, offset: number): string {
  const at = cursorContext(doc as never, doc.positionAt(offset) as never);
  return startKey(doc as never, offset, requestFor(completionSettings(doc as never), { text: at.text, languageId: doc.languageId }, at.position));
}

beforeEach(() => resetFakeVscode());

test('a typed space after `new` starts the completion the provider would start, and the provider takes it', async () => {
  const { e, runs } = early();
  const doc = open();
  typeInto(doc, before.length, ' ');
  assert.equal(runs.length, 1);
  const at = cursorContext(doc as never, doc.positionAt(before.length + 1) as never);
  assert.deepEqual(runs[0]!.req, requestFor(completionSettings(doc as never), { text: at.text, languageId: 'typescript' }, at.position));
  const taken = e.take(providerKey(doc, before.length + 1));
  assert.ok(taken, 'the provider takes it');
  assert.equal(runs[0]!.signal.aborted, false);
  taken.cancel();
  assert.equal(runs[0]!.signal.aborted, true, "the provider's cancellation reaches it");
  assert.equal(e.take(providerKey(doc, before.length + 1)), undefined, 'taken once');
  e.dispose();
});

test('the next keystroke cancels it; a request at another place or version does not take it, and cancels it', () => {
  const { e, runs } = early();
  const doc = open();
  typeInto(doc, before.length, ' ');
  const stale = providerKey(doc, before.length + 1);
  typeInto(doc, before.length + 1, 'C');
  assert.equal(runs[0]!.signal.aborted, true, 'the keystroke after it cancels it');
  assert.equal(e.take(stale), undefined);
  assert.equal(runs.length, 2, 'at the end of a name (`new C`) the provider completes too');
  assert.equal(e.take(providerKey(doc, 3)), undefined, 'another place');
  assert.equal(runs[1]!.signal.aborted, true, 'and the start it did not take is cancelled');
  e.dispose();
});

test('nothing starts where the provider would not start at once, or would not generate', () => {
  const doc = open();
  const cases: [string, () => void, { ready?: boolean; remembered?: boolean }][] = [
    ['a debounce of the user', () => settings.set('mgd.debounceMs', 150), {}],
    ['no model ready', () => undefined, { ready: false }],
    ['an earlier suggestion is reused', () => undefined, { remembered: true }],
    ['completions off', () => settings.set('mgd.enable', false), {}],
  ];
  for (const [why, set, opts] of cases) {
    resetFakeVscode();
    window.activeTextEditor = { document: doc, selection: { active: new Position(1, 18) } };
    set();
    const { e, runs } = early(opts);
    typeInto(doc, doc.text.indexOf('\n}'), ' ');
    assert.equal(runs.length, 0, why);
    e.dispose();
  }
});

test('a `.` opens the suggest list by default, whose selected item the request then starts from: nothing starts unless the list is off', () => {
  const doc = new FakeTextDocument('const b = new Board();\nb\n');
  window.activeTextEditor = { document: doc, selection: { active: new Position(1, 1) } };
  const { e, runs } = early();
  typeInto(doc, doc.text.indexOf('b\n', 20) + 1, '.');
  assert.equal(runs.length, 0);
  settings.set('editor.suggestOnTriggerCharacters', false);
  typeInto(doc, doc.text.indexOf('b.') + 2, '.');
  assert.equal(runs.length, 1);
  e.dispose();
});

test('a paste, Enter or a document not in the active editor starts nothing', () => {
  const doc = open();
  const { e, runs } = early();
  typeInto(doc, before.length, '  ');
  typeInto(doc, before.length, '\n');
  window.activeTextEditor = undefined;
  typeInto(doc, before.length, ' ');
  assert.equal(runs.length, 0);
  e.dispose();
});

test('a change in another document (the log in the output panel) or a save leaves it running', () => {
  const { e, runs } = early();
  const doc = open();
  typeInto(doc, before.length, ' ');
  const log = new FakeTextDocument('', 'Log', '/output/log');
  typeInto(log, 0, 'x');
  editorEvents.documentChange.fire({ document: doc, contentChanges: [] });
  assert.equal(runs[0]!.signal.aborted, false);
  assert.ok(e.take(providerKey(doc, before.length + 1)));
  e.dispose();
});
