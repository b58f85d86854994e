// `npm run test:vscode`: the extension in a desktop VS Code (Electron) that @vscode/test-electron
// downloads, on the minimum supported version and on stable. Needs a network (the download) and a
// display (on Linux without one: `xvfb-run -a npm run test:vscode`).
// Offline it prints that it did NOT run and why, and exits 0: the same behaviour is covered offline
// by `npm run test:e2e` (code-server). MGD_REQUIRE_VSCODE_TESTS=1 turns "did not run" into a failure,
// for CI machines that do have a network.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';

const repo = path.resolve(__dirname, '..', '..');
const DOWNLOAD_HOST = 'https://update.code.visualstudio.com/api/releases/stable';

function notRun(reason: string): never {
  const required = process.env.MGD_REQUIRE_VSCODE_TESTS === '1';
  console.log(`\n*** test:vscode did NOT run: ${reason}`);
  console.log('*** The end-to-end scenarios run offline in code-server: npm run test:e2e');
  if (required) console.log('*** MGD_REQUIRE_VSCODE_TESTS=1, so this counts as a failure.');
  process.exit(required ? 1 : 0);
}

async function networkProblem(): Promise<string | undefined> {
  try {
    const res = await fetch(DOWNLOAD_HOST, { method: 'GET', signal: AbortSignal.timeout(8000) });
    return res.ok ? undefined : `${DOWNLOAD_HOST} answered HTTP ${res.status}`;
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `no network: cannot reach ${DOWNLOAD_HOST} to download VS Code (${err instanceof Error ? err.message : String(err)}${cause})`;
  }
}

function versions(): string[] {
  if (process.env.VSCODE_VERSION) return process.env.VSCODE_VERSION.split(',');
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { engines: { vscode: string } };
  const minimum = pkg.engines.vscode.replace(/^[\^~>=\s]+/, '');
  return [minimum, 'stable'];
}

async function main(): Promise<void> {
  if (!process.env.VSCODE_EXECUTABLE) {
    const problem = await networkProblem();
    if (problem) notRun(problem);
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    notRun('no display for Electron (DISPLAY is unset); run it as `xvfb-run -a npm run test:vscode`');
  }

  const out = path.join(repo, 'out', 'vscode-test');
  fs.rmSync(out, { recursive: true, force: true });
  // The suite runs inside VS Code's extension host, which loads plain CommonJS.
  await build({
    entryPoints: [path.join(__dirname, 'suite', 'index.ts')],
    outfile: path.join(out, 'suite.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    logLevel: 'warning',
  });

  let failed = 0;
  for (const version of versions()) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mgd-vscode-test-'));
    const workspace = path.join(root, 'workspace');
    const userDataDir = path.join(root, 'user-data');
    const logsDir = path.join(root, 'logs');
    fs.cpSync(path.join(repo, 'test', 'fixtures', 'e2e-workspace'), workspace, { recursive: true });
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
      'workbench.startupEditor': 'none',
      'chat.disableAIFeatures': true,
      'security.workspace.trust.enabled': false,
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'mgd.languageServiceTimeoutMs': 3000,
    }, null, 2));
    console.log(`\n=== VS Code ${version}`);
    try {
      const code = await runTests({
        version: process.env.VSCODE_EXECUTABLE ? undefined : version,
        vscodeExecutablePath: process.env.VSCODE_EXECUTABLE,
        extensionDevelopmentPath: repo,
        extensionTestsPath: path.join(out, 'suite.js'),
        extensionTestsEnv: { MGD_VSCODE_TEST_LOGS: logsDir, MGD_VSCODE_TEST_WORKSPACE: workspace },
        launchArgs: [workspace, '--user-data-dir', userDataDir, '--extensions-dir', path.join(root, 'extensions'), '--logsPath', logsDir, '--disable-workspace-trust'],
      });
      if (code !== 0) failed++;
    } catch (err) {
      console.error(`VS Code ${version}: ${err instanceof Error ? err.message : String(err)}`);
      failed++;
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
    if (process.env.VSCODE_EXECUTABLE) break;
  }
  process.exit(failed ? 1 : 0);
}

void main();
