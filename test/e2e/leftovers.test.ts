// Nothing of ours stays in the user's folder however VS Code ends: Ctrl+C on `npm run demo`,
// code-server stopped, the extension host killed, each right after a completion. TypeScript never
// gets a file (its questions go to the tsserver plugin), so the workspace is the fixture byte for
// byte throughout. (Languages without the plugin ask an untitled copy held in memory: no file either.)
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../../scripts/code-server/start.mjs';
import { parseCompletions, readExtensionLog } from './harness/extension-log';
import { Session, repoRoot, shadowFilesUnder } from './harness/session';
import { ghostToString, waitUntil, Workbench } from './harness/workbench';

const CHROMIUM = process.env.MGD_CHROMIUM ?? '/usr/bin/chromium';
const FIRST_COMPLETION_MS = 180_000;

/** Every file of the fixture, byte for byte: nothing of ours is left and nothing of the user's changed. */
function assertSameTree(fixture: string, workspace: string): void {
  const list = (root: string): string[] => {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else out.push(path.relative(root, p));
      }
    };
    walk(root);
    return out.sort();
  };
  assert.deepEqual(list(workspace), list(fixture));
  for (const f of list(fixture)) assert.equal(fs.readFileSync(path.join(workspace, f), 'utf8'), fs.readFileSync(path.join(fixture, f), 'utf8'), f);
}

async function ghostAfterTyping(wb: Workbench, line: number, text: string): Promise<string> {
  await wb.gotoLineEnd(line);
  await wb.type(text);
  return ghostToString(await wb.waitForGhostText(FIRST_COMPLETION_MS));
}

describe('nothing of ours is left in the workspace', { timeout: 600_000 }, () => {
  let demo: ChildProcess | undefined;
  let browser: Browser | undefined;
  after(async () => {
    await browser?.close().catch(() => {});
    // Ctrl+C, so that the demo stops the code-server it started (a SIGKILL would leave it running and
    // keep this test file from ending); SIGKILL only if it does not end.
    if (demo && demo.exitCode === null && demo.signalCode === null) {
      const ended = new Promise((r) => demo!.once('exit', r));
      demo.kill('SIGINT');
      const t = setTimeout(() => demo?.kill('SIGKILL'), 20_000);
      await ended;
      clearTimeout(t);
    }
  });

  it('Ctrl+C on npm run demo, right after a completion', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mgd-demo-'));
    const port = await freePort();
    demo = spawn(process.execPath, ['scripts/demo.mjs', '--port', String(port)], {
      cwd: repoRoot,
      // Trace: the completion text the test reads is logged only at trace (it is the user's code).
      env: { ...process.env, MGD_DEMO_HOME: home, MGD_CS_LOG: process.env.MGD_CS_LOG || 'trace' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    demo.stdout!.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((r) => demo!.on('exit', (code) => r(code)));
    const url = await waitUntil('the demo to print its URL', async () => /http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+/.exec(out)?.[0], 300_000, 500);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    const wb = new Workbench(page);
    await wb.waitForWorkbench();
    await wb.openFile('src/main.ts');
    const workspace = path.join(home, 'workspace');
    const lines = fs.readFileSync(path.join(workspace, 'src', 'main.ts'), 'utf8').split('\n');
    const emptyInReport = lines.findIndex((l, i) => l.trim() === '' && lines[i - 1]?.includes('ledger.zephyrCapacity')) + 1;
    const fixture = path.join(repoRoot, 'test', 'fixtures', 'demo-workspace');
    let watching = true;
    const seen = new Set<string>();
    const watch = (async () => {
      while (watching) {
        for (const f of shadowFilesUnder(workspace)) seen.add(f);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    // The extension and the TypeScript plugin first: a keystroke before the extension has registered
    // its provider is never offered to it (VS Code asks the providers that exist when the text changes).
    const demoLog = () => readExtensionLog(path.join(home, 'user-data'));
    await waitUntil('the TypeScript plugin to answer in the demo', async () => /TypeScript language service ready/.test(demoLog()), FIRST_COMPLETION_MS, 250);
    // Default settings: the display gate may rightly show nothing, so the completion is read from the log.
    await wb.gotoLineEnd(emptyInReport);
    await wb.type('  ledger.');
    const done = await waitUntil('a completion in the demo\'s log', async () => parseCompletions(demoLog())[0], FIRST_COMPLETION_MS, 250);
    const ghost = ghostToString(await wb.ghostText());
    console.log(`# demo: "  ledger." → shown ${JSON.stringify(ghost)} (log: ${done.raw.replace(/^.*?completion: /, '')})`);
    watching = false;
    await watch;
    assert.deepEqual([...seen], [], 'no file appeared in the workspace during the completion');
    assertSameTree(fixture, workspace);

    demo.kill('SIGINT');
    assert.equal(await exited, 0, 'the demo stops cleanly on Ctrl+C');
    await browser.close();
    browser = undefined;
    assertSameTree(fixture, workspace);
    fs.rmSync(home, { recursive: true, force: true });
  });

  for (const how of ['the extension host is killed', 'code-server is stopped'] as const) {
    it(`${how}, right after a completion`, async () => {
      const s = await Session.open({
        fixture: 'demo-workspace',
        settings: { 'editor.suggestOnTriggerCharacters': false, 'mgd.languageServiceTimeoutMs': 3000, 'mgd.displayThreshold': 0 },
      });
      try {
        await s.workbench.openFile('src/main.ts');
        await waitUntil('the TypeScript plugin to answer', async () => /TypeScript language service ready/.test(s.extensionLog()), FIRST_COMPLETION_MS);
        const lines = fs.readFileSync(path.join(s.workspace, 'src', 'main.ts'), 'utf8').split('\n');
        const line = lines.findIndex((l, i) => l.trim() === '' && lines[i - 1]?.includes('ledger.zephyrCapacity')) + 1;
        await ghostAfterTyping(s.workbench, line, '  box.');
        assert.deepEqual(s.shadowFiles(), []);
        if (how === 'code-server is stopped') await s.server.stop();
        else {
          const ps = spawnSync('ps', ['-o', 'pid=,args=', '-g', String(s.server.pid)], { encoding: 'utf8' });
          const host = ps.stdout.split('\n').find((l) => /extensionHost/.test(l));
          assert.ok(host, `an extension host process in code-server's group:\n${ps.stdout}`);
          process.kill(Number(host.trim().split(/\s+/)[0]), 'SIGKILL');
        }
        await new Promise((r) => setTimeout(r, 2000)); // anything written late would show by now
        assertSameTree(path.join(repoRoot, 'test', 'fixtures', 'demo-workspace'), s.workspace);
      } finally {
        await s.close();
      }
    });
  }
});
