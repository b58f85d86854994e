#!/usr/bin/env node
// `npm run demo`: sets up what a fresh clone lacks (npm dependencies, Debian packages, a cached
// code-server), packages the extension and installs the .vsix as a user would, and serves a real VS Code on http://127.0.0.1 with the extension and a sample
// multi-file TypeScript workspace. Runs until Ctrl+C, then stops everything it started.
//   --port N   port to listen on (default 8080, else a free one)
//   --reset    start over from a fresh copy of the sample workspace and default settings
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(repo);
const args = process.argv.slice(2);
const portArg = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : undefined;
const reset = args.includes('--reset');

function step(msg) {
  console.log(`\n▸ ${msg}`);
}

step('dependencies');
const deps = spawnSync(process.execPath, ['scripts/ensure-deps.mjs'], { stdio: 'inherit' });
if (deps.status !== 0) process.exit(deps.status ?? 1);

// Imported after ensure-deps: nothing below needs more than Node, but keep the order obvious.
const { cacheRoot } = await import('./code-server/paths.mjs');
const { ensureCodeServer } = await import('./code-server/install.mjs');
const { freePort, installExtension, startCodeServer } = await import('./code-server/start.mjs');
const { baseSettings, userSettingsPath, writeUserSettings } = await import('./code-server/settings.mjs');
const { packageExtension } = await import('./package-extension.mjs');

const home = process.env.MGD_DEMO_HOME ? path.resolve(process.env.MGD_DEMO_HOME) : path.join(cacheRoot(), 'demo');
const workspace = path.join(home, 'workspace');
const userDataDir = path.join(home, 'user-data');
const extensionsDir = path.join(home, 'extensions');
if (reset) fs.rmSync(home, { recursive: true, force: true });

function fail(err) {
  console.error(`\n✖ ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}

step('code-server (installed once into the cache, ~3 minutes and ~600 MB the first time)');
await ensureCodeServer().catch(fail);

step('package the extension and install the .vsix');
let vsix;
try {
  vsix = packageExtension({ quiet: true });
  fs.rmSync(extensionsDir, { recursive: true, force: true });
  await installExtension({ vsix, extensionsDir, userDataDir, quiet: true });
} catch (err) {
  fail(err);
}
console.log(`  installed ${path.relative(repo, vsix)} (${(fs.statSync(vsix).size / 1e6).toFixed(1)} MB)`);

if (!fs.existsSync(workspace)) fs.cpSync(path.join(repo, 'test', 'fixtures', 'demo-workspace'), workspace, { recursive: true });
// The user's own settings survive between runs; only a first run (or --reset) writes the defaults.
// The suggest list stays closed after `.` (Ctrl+Space opens it): while it is open VS Code shows ghost
// text only as a continuation of the list's selected item, which hides what the demo is about.
if (!fs.existsSync(userSettingsPath(userDataDir))) writeUserSettings(userDataDir, { ...baseSettings, 'editor.suggestOnTriggerCharacters': false });

let port = portArg;
if (!port) port = (await isFree(8080)) ? 8080 : await freePort();

step('start');
const server = await startCodeServer({ workspace, userDataDir, extensionsDir, port, logFile: path.join(home, 'code-server.log') });
let stopping = false;
const shutdown = async (code) => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping code-server…');
  await server.stop();
  process.exit(code);
};
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));
void server.exited.then(({ code, signal }) => {
  if (stopping) return;
  console.error(`code-server exited (${code ?? signal}); its log: ${path.join(home, 'code-server.log')}`);
  void shutdown(code || 1);
});

console.log(`
  Monitor-Guided Completions is running in VS Code (code-server ${server.url.split('?')[0]}):

    ${server.url}

  Open src/main.ts, type \`ledger.\` on the empty line in report() and wait for the grey ghost
  text; Tab accepts it.
  The status bar item "MGD" shows the state; "MGD: Show Log" explains every completion.
  Workspace: ${workspace}
  Press Ctrl+C to stop.
`);

async function isFree(p) {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(p, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}
