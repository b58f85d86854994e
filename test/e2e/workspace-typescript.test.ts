// The plugin with a TypeScript other than the one VS Code bundles (`typescript.tsdk`, as a project
// that pins its own TypeScript sets it; the contribution says `enableForWorkspaceTypeScriptVersions`):
// the repository's pinned version answers the same member question as the bundled one does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { completionAfterAnswer } from './harness/extension-log';
import { repoRoot } from './harness/session';
import { E2eSuite } from './harness/suite';
import { ghostToString, waitUntil } from './harness/workbench';

const MEMBERS = ['label', 'options', 'spinQuarterTurn', 'wobbleAmplitude'];
const PINNED = (require(path.join(repoRoot, 'node_modules', 'typescript', 'package.json')) as { version: string }).version;

const suite = new E2eSuite('tsplugin-workspace', 'src/main.ts');
const lines = suite.original.split('\n');
const EMPTY_LINE = lines.findIndex((l, i) => l.trim() === '' && lines[i - 1]?.includes('new Sprocket')) + 1;

describe('the plugin under a TypeScript chosen by typescript.tsdk', { timeout: 600_000 }, () => {
  before(() => suite.open({ 'typescript.tsdk': path.join(repoRoot, 'node_modules', 'typescript', 'lib'), 'mgd.maxTokens': 12 }));
  after(() => suite.close());

  it(`TypeScript ${PINNED} loads the plugin, which answers after \`s.\``, () =>
    suite.scenario('workspace-typescript', async (s) => {
      const wb = s.workbench;
      await wb.openFile('src/main.ts');
      const ready = await waitUntil('the plugin to be ready', async () => /TypeScript language service ready \(plugin answered after \d+ ms, TypeScript ([^)]+)\)/.exec(s.extensionLog()) ?? undefined, 120_000);
      assert.equal(ready[1], PINNED, 'the plugin runs in the TypeScript the setting names');
      const before = s.extensionLog().length;
      await wb.gotoLineEnd(EMPTY_LINE);
      await wb.type('  s.');
      const { names, completion: done } = await waitUntil('the completion at `s.`, after the plugin answered', async () => completionAfterAnswer(s.extensionLog(), before), 180_000, 100);
      assert.ok(done.guided, done.raw);
      assert.deepEqual(names.sort(), [...MEMBERS].sort());
      const shown = done.text;
      const first = /^[A-Za-z_$][\w$]*/.exec(shown)?.[0] ?? '';
      assert.ok(shown === '' || MEMBERS.includes(first), `shown ${JSON.stringify(shown)}`);
      if (shown !== '') assert.equal(ghostToString(await wb.waitForGhostText(10_000)).split('\n')[0], shown.split('\n')[0]);
    }));
});
