// Languages without the TypeScript plugin: their own completion provider answers (the CSS and JSON
// services that ship with VS Code here), and the shadow copy that questions inside generated text
// use is an untitled document in memory: the workspace stays clean in git apart from what was
// typed, and once emptied the copy is not dirty (no save prompt, no badge) and has no tab.
// What each service answered is printed: whether it can be guided meaningfully is read from it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { parseCompletions } from './harness/extension-log';
import { E2eSuite } from './harness/suite';
import { waitUntil } from './harness/workbench';

const suite = new E2eSuite('e2e-other-languages', 'styles.css');

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** What the workbench counts as unsaved: the Explorer's badge (an emptied copy must not count). */
async function unsavedBadge(page: import('playwright-core').Page): Promise<string> {
  const badge = page.locator('.activitybar .action-item .badge .badge-content').first();
  return (await badge.count()) > 0 && (await badge.isVisible()) ? ((await badge.textContent()) ?? '') : '';
}

describe('languages without the plugin: their own service, an untitled copy in memory', { timeout: 600_000 }, () => {
  before(async () => {
    await suite.open({ 'mgd.enabledLanguages': ['typescript', 'css', 'json', 'jsonc'], 'mgd.maxTokens': 16, 'editor.autoClosingBrackets': 'never' });
    const ws = suite.s.workspace;
    git(ws, 'init', '-q');
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', 'fixture');
  });
  after(() => suite.close());

  const cases = [
    { lang: 'css', file: 'styles.css', line: 6, typed: '.badge { ' },
    { lang: 'jsonc', file: 'config/tsconfig.json', line: 2, typed: '{ ' },
  ];
  for (const c of cases) {
    it(`${c.lang}: the service answers; the copy is in memory only, nothing in the workspace`, () =>
      suite.scenario(`other-${c.lang}`, async (s) => {
        const wb = s.workbench;
        const before = parseCompletions(s.extensionLog()).length;
        const logStart = s.extensionLog().length;
        await wb.openFile(c.file);
        await wb.gotoLineEnd(c.line);
        await wb.type(c.typed);
        const completed = async () => parseCompletions(s.extensionLog())[before];
        // VS Code did not ask for inline suggestions while typing CSS here (seen in code-server
        // 4.139): then the user's explicit trigger (Alt+\\) asks.
        const typed = await waitUntil('a completion', completed, 15_000, 100).catch(() => undefined);
        if (!typed) await wb.runCommand('Trigger Inline Suggestion');
        const done = typed ?? (await waitUntil('a completion', completed, 120_000, 100));
        // The answer at the cursor leads to the shadow copy for what generation writes next.
        await waitUntil('the shadow copy', async () => /shadow document (ready|could not)/.test(s.extensionLog().slice(logStart)), 20_000).catch(() => undefined);
        const log = s.extensionLog().slice(logStart);
        const answers = [...log.matchAll(/oracle (\w+) on the (real|shadow) document: ([^\n]*)/g)].map((m) => `${m[1]} (${m[2]}): ${m[3]}`);
        const shadow = /shadow document (ready in \d+ ms|could not be created: [^\n]*)/.exec(log)?.[1] ?? 'not made';
        console.log(`# ${c.lang}: typed ${JSON.stringify(c.typed)}; ${answers.length ? answers.join(' | ') : 'no question asked'}; shadow copy ${shadow}; completion ${done.raw.slice(done.raw.indexOf('completion:'))}`);
        assert.ok(/ready in/.test(shadow), `the shadow copy was made: ${shadow}`);
        // Unsaved: the typed file only; the copy, emptied after the completion, is clean.
        await waitUntil('one unsaved document', async () => (await unsavedBadge(wb.page)) === '1', 10_000).catch(async () => {
          throw new Error(`unsaved documents: ${(await unsavedBadge(wb.page)) || 'none'}, expected only the typed file`);
        });
        assert.equal(git(s.workspace, 'status', '--porcelain', '--ignored', '--untracked-files=all').split('\n').filter((l) => !l.endsWith(c.file)).join(''), '', 'only the typed file changed');
        // A copy dirty for longer than about 800 ms gets a background tab from VS Code; emptied, it loses it.
        const tabs = () => wb.page.locator('.tabs-container .tab').allTextContents();
        await waitUntil('no tab for a copy', async () => (await tabs()).every((t) => !/untitled/i.test(t)), 10_000).catch(async () => {
          throw new Error(`a copy kept a tab: ${(await tabs()).join(' | ')}`);
        });
        await wb.press('Escape');
        for (let i = 0; i < 20 && (await wb.activeTabDirty()); i++) await wb.press('Control+z');
        assert.equal(git(s.workspace, 'status', '--porcelain', '--ignored', '--untracked-files=all'), '');
      }));
  }

  it('the emptied copies are not dirty: nothing unsaved once the typing is undone', () =>
    suite.scenario('other-clean', async (s) => {
      await waitUntil('nothing unsaved', async () => (await unsavedBadge(s.workbench.page)) === '', 10_000).catch(async () => {
        throw new Error(`unsaved: ${await unsavedBadge(s.workbench.page)}`);
      });
      assert.equal(git(s.workspace, 'status', '--porcelain', '--ignored', '--untracked-files=all'), '');
    }));
});
