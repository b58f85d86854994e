import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { editorEvents, FakeTextDocument, Position, resetFakeVscode, settings, TextEditorSelectionChangeKind, window } from '../../support/fake-vscode';
import { readAhead } from '../../../../src/vscode/provider/read-ahead';
import { READ_AHEAD_REST_MS } from '../../../../src/core/completion/debounce';
import { cursorContext } from '../../../../src/vscode/provider/cursor-context';
import { completionSettings } from '../../../../src/vscode/config';
import { requestFor, type CompleteRequest } from '../../../../src/core/completion/request';
import { emptyDecodeResult } from '../../../../src/core/decoding/decode';
import type { Engine } from '../../../../src/vscode/engine';
import type { Log } from '../../../../src/vscode/log';

// Reading ahead while the cursor rests: the request it sends is the one a completion at the cursor
// would send (so the model's cache holds that prompt), marked to generate nothing, and it is never
// sent while a completion runs, when switched off, or twice for the same place.

const log = { info() {}, warn() {}, error() {}, debug() {}, withCode() {} } as unknown as Log;
const rest = () => new Promise((r) => setTimeout(r, READ_AHEAD_REST_MS + 150));

function engine() {
  const sent: CompleteRequest[] = [];
  const e: Engine & { sent: CompleteRequest[] } = {
    sent,
    info: { modelId: 'm', family: 'qwen2.5-coder', contextLength: 32768, loadMs: 1, dtype: 'q8', threads: 1, prompting: 'fim' },
    outstanding: 0,
    complete: async (req) => {
      sent.push(req);
      return { ...emptyDecodeResult('cancelled'), stopReason: 'maxTokens' };
    },
    dispose: async () => undefined,
  };
  return e;
}

function openAt(text: string, line: number, character: number): FakeTextDocument {
  const document = new FakeTextDocument(text);
  window.activeTextEditor = { document, selection: { active: new Position(line, character) } };
  editorEvents.activeEditor.fire(window.activeTextEditor);
  return document;
}

/** A read-ahead over an engine that is ready, disposed when `f` ends. */
async function withReadAhead(f: (e: ReturnType<typeof engine>) => Promise<void>): Promise<void> {
  const e = engine();
  const d = readAhead({ current: e, ready: async () => e }, log);
  try {
    await f(e);
  } finally {
    d.dispose();
  }
}

const file = 'export class Cart {\n  items: string[] = [];\n  add(x: string) {\n    this.\n  }\n}\n';

beforeEach(() => resetFakeVscode());

test('once the cursor rests, the model reads the prompt a completion there would start with, and generates nothing', () =>
  withReadAhead(async (e) => {
    const doc = openAt(file, 3, 9);
    assert.equal(e.sent.length, 0, 'nothing before the cursor has rested');
    await rest();
    assert.equal(e.sent.length, 1);
    const at = cursorContext(doc as never, new Position(3, 9) as never);
    const completion = requestFor(completionSettings(doc as never), { text: at.text, languageId: 'typescript' }, at.position);
    assert.deepEqual(e.sent[0], { ...completion, monitors: [], prefillOnly: true });
  }));

test('a click or a jump elsewhere reads again; clicking the same place again reads nothing more', () =>
  withReadAhead(async (e) => {
    const doc = openAt(file, 3, 9);
    await rest();
    editorEvents.selection.fire({ kind: TextEditorSelectionChangeKind.Mouse });
    await rest();
    assert.equal(e.sent.length, 1);
    window.activeTextEditor = { document: doc, selection: { active: new Position(1, 2) } };
    editorEvents.selection.fire({ kind: TextEditorSelectionChangeKind.Mouse });
    await rest();
    assert.equal(e.sent.length, 2);
    doc.edit(file.replace('this.', 'this.i'));
    window.activeTextEditor = { document: doc, selection: { active: new Position(3, 10) } };
    editorEvents.selection.fire({ kind: TextEditorSelectionChangeKind.Command });
    await rest();
    assert.equal(e.sent.length, 3);
    assert.match(e.sent[2]!.prefix, /this\.i$/);
  }));

test('typing reads nothing, and cancels a read about to start: the completions keep the cache current', () =>
  withReadAhead(async (e) => {
    const doc = openAt(file, 3, 9);
    await new Promise((r) => setTimeout(r, READ_AHEAD_REST_MS / 2));
    doc.edit(file.replace('this.', 'this.i'));
    window.activeTextEditor = { document: doc, selection: { active: new Position(3, 10) } };
    editorEvents.selection.fire({ kind: TextEditorSelectionChangeKind.Keyboard });
    await rest();
    assert.equal(e.sent.length, 0);
  }));

test('it never runs while a completion is outstanding, nor when mgd.readAhead is off', () =>
  withReadAhead(async (e) => {
    (e as { outstanding: number }).outstanding = 1;
    openAt(file, 3, 9);
    await rest();
    assert.equal(e.sent.length, 0, 'a running completion is never cancelled by reading ahead');
    (e as { outstanding: number }).outstanding = 0;
    settings.set('mgd.readAhead', false);
    editorEvents.selection.fire({ kind: TextEditorSelectionChangeKind.Mouse });
    await rest();
    assert.equal(e.sent.length, 0, 'switched off');
  }));

test('while the model loads it waits, and reads ahead once the model is there', async () => {
  const e = engine();
  let loaded!: (x: Engine) => void;
  const session = { current: undefined as Engine | undefined, ready: () => new Promise<Engine | undefined>((r) => (loaded = r)) };
  const d = readAhead(session, log);
  try {
    openAt(file, 3, 9);
    await rest();
    assert.equal(e.sent.length, 0);
    session.current = e;
    loaded(e);
    await rest();
    assert.equal(e.sent.length, 1);
    assert.equal(e.sent[0]!.prefillOnly, true);
  } finally {
    d.dispose();
  }
});

test('a language that is not enabled is not read', () =>
  withReadAhead(async (e) => {
    const document = new FakeTextDocument('# notes\n', 'markdown', '/work/notes.md');
    window.activeTextEditor = { document, selection: { active: new Position(0, 3) } };
    editorEvents.activeEditor.fire(window.activeTextEditor);
    await rest();
    assert.equal(e.sent.length, 0);
  }));
