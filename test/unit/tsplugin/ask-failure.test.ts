import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { ask } from '../../../src/tsplugin/plugin';
import { questionFor } from '../../../src/tsplugin/questions/questions';
import type { AskArgs } from '../../../src/tsplugin/protocol';
import type { TS } from '../../../src/tsplugin/questions/ts-module';

// tsserver writes the whole request of a handler that throws to its log, at every log level: the
// generated text with it. A failure anywhere in answering must come back as an answer instead.
test('a language service that throws while the project updates gives a no-answer; the message only in its detail', () => {
  const project = {
    getScriptInfoForNormalizedPath: () => undefined, // a file the project has not built yet: it updates
    updateGraph: () => {
      throw new Error("Debug Failure. False expression: symbol 'zephyrCapacity' has no declaration");
    },
  } as unknown as TS.server.Project;
  const projectService = { getDefaultProjectForFile: () => project } as unknown as TS.server.ProjectService;
  const args: AskArgs = { file: '/w/src/main.ts', offset: 10, documentLength: 40, generated: 'ledger.zephyr', kind: 'members', triggerCharacter: '.' };
  const r = ask(ts, new Map([[project, {}]]), projectService, args);
  assert.equal(r.status, 'no-answer');
  assert.equal(r.status === 'no-answer' && r.reason, 'the language service failed (Error)');
  assert.match(r.status === 'no-answer' ? r.detail ?? '' : '', /zephyrCapacity/);
});

test('a question kind named like an Object.prototype member is no special question', () => {
  for (const kind of ['hasOwnProperty', 'constructor', '__proto__', 'toString']) assert.equal(questionFor(kind as never), undefined, kind);
});
