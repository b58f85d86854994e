// TypeScript questions go to the extension's tsserver plugin: nothing is written in the user's
// folder, ever. A git repository of the fixture (tsconfig with `paths` and `lib`) stays clean during
// and after many completions, a user's file named like a shadow survives activation, and the
// plugin's answers arrive within the latency the monitors can afford (printed, not asserted).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { completionAfterAnswer, parseCompletions } from './harness/extension-log';
import { E2eSuite } from './harness/suite';
import { ghostToString, waitUntil } from './harness/workbench';

const MEMBERS = ['label', 'options', 'spinQuarterTurn', 'wobbleAmplitude'];
const COMPLETIONS = Number(process.env.MGD_E2E_COMPLETIONS ?? 100);

const suite = new E2eSuite('tsplugin-workspace', 'src/main.ts');
const lines = suite.original.split('\n');
const EMPTY_LINE = lines.findIndex((l, i) => l.trim() === '' && lines[i - 1]?.includes('new Sprocket')) + 1;

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const quantile = (a: number[], p: number): number => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(p * a.length))] ?? NaN;

describe('no file of ours in the workspace (TypeScript through the server plugin)', { timeout: 900_000 }, () => {
  before(async () => {
    await suite.open({ 'mgd.maxTokens': 12 });
    const ws = suite.s.workspace;
    git(ws, 'init', '-q');
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', 'fixture');
  });
  after(() => suite.close());

  it('a user file named like a shadow survives activation', () =>
    suite.scenario('user-shadow-name', async (s) => {
      await waitUntil('the extension to activate', async () => /activated/.test(s.extensionLog()), 120_000);
      assert.ok(fs.existsSync(path.join(s.workspace, '.mgd-shadow-notes.md')));
    }));

  it('ghost text after `s.` is a member of a class imported through a `paths` alias, answered by the plugin', () =>
    suite.scenario('plugin-members', async (s) => {
      const wb = s.workbench;
      await wb.openFile('src/main.ts');
      await wb.waitForTypeScriptProject();
      await waitUntil('the plugin to be ready', async () => /TypeScript language service ready/.test(s.extensionLog()), 120_000);
      const before = s.extensionLog().length;
      await wb.gotoLineEnd(EMPTY_LINE);
      await wb.type('  s.');
      const { names, completion: done } = await waitUntil('the completion at `s.`, after the plugin answered', async () => completionAfterAnswer(s.extensionLog(), before), 180_000, 100);
      assert.ok(done.guided, `guided: ${done.raw}`);
      // What was shown (the display gate may show nothing, e.g. a name the token limit cut): a member.
      const shown = done.text;
      const first = /^[A-Za-z_$][\w$]*/.exec(shown)?.[0] ?? '';
      assert.ok(shown === '' || MEMBERS.includes(first), `shown ${JSON.stringify(shown)} starts with ${JSON.stringify(first)}, not a member of Sprocket`);
      if (shown !== '') assert.equal(ghostToString(await wb.waitForGhostText(10_000)).split('\n')[0], shown.split('\n')[0]);
      const log = s.extensionLog();
      assert.deepEqual(names.sort(), [...MEMBERS].sort(), 'the members of Sprocket, imported through the alias, and not its private field');
      assert.ok(!/shadow document ready/.test(log), 'no shadow document was made');
      await suite.backToSaved();
    }));

  it(`${COMPLETIONS} completions leave git status clean, during and after`, () =>
    suite.scenario('git-status-clean', async (s) => {
      const wb = s.workbench;
      const before = parseCompletions(s.extensionLog()).length;
      const probes = ['  s.', '  const n = s.', '  s.spinQuarterTurn(', '  const g = new ', '  switch (gear) {\n    case '];
      const questions = (): number => s.extensionLog().split('(TypeScript plugin)').length;
      for (let i = 0; i < COMPLETIONS; i++) {
        const asked = questions();
        await wb.gotoLineEnd(EMPTY_LINE);
        await wb.type(probes[i % probes.length]!);
        await waitUntil('a completion', async () => parseCompletions(s.extensionLog()).length > before + i, 60_000, 50).catch(() => undefined);
        // The probe's trigger asks the plugin (earlier keystrokes of the probe may not).
        await waitUntil('a question to the plugin', async () => questions() > asked, 10_000, 50).catch(() => undefined);
        const status = git(s.workspace, 'status', '--porcelain', '--ignored', '--untracked-files=all');
        assert.equal(status, '', `after completion ${i + 1}, git status shows:\n${status}`);
        await suite.backToSaved();
      }
      await new Promise((r) => setTimeout(r, 4000)); // longer than a shadow's idle window
      assert.equal(git(s.workspace, 'status', '--porcelain', '--ignored', '--untracked-files=all'), '');
      const log = s.extensionLog();
      const round = [...log.matchAll(/\(TypeScript plugin\): .*? in (\d+) ms \((\d+) ms in tsserver: project (\d+), overlay program (\d+)\)/g)];
      const col = (i: number): number[] => round.map((m) => Number(m[i]));
      const [ms, inside, project, program] = [col(1), col(2), col(3), col(4)];
      console.log(`# plugin questions in code-server: ${ms.length}; round trip median ${quantile(ms, 0.5)} ms, p90 ${quantile(ms, 0.9)} ms; inside tsserver median ${quantile(inside, 0.5)} ms `
        + `(bringing the project up to date with the typing ${quantile(project, 0.5)}, the overlay's program ${quantile(program, 0.5)}); the shadow-document route it replaced: 50-130 ms warm`);
      assert.ok(ms.length > 0, 'the plugin answered questions');
    }));
});
