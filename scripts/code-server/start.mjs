// Starts code-server (cached install) on 127.0.0.1 in its own process group so that one kill of the
// group ends it and every child it forked (extension host, file watcher, pty host).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensureCodeServer } from './install.mjs';

export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Installs a .vsix the way a user does (`code-server --install-extension`), into `extensionsDir`.
 * Returns the folder the extension was unpacked to.
 */
export async function installExtension({ vsix, extensionsDir, userDataDir, quiet = false }) {
  const { node, entry, env } = await ensureCodeServer({ quiet });
  const before = new Set(fs.existsSync(extensionsDir) ? fs.readdirSync(extensionsDir) : []);
  const r = spawnSync(node, [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  const added = fs.readdirSync(extensionsDir).filter((n) => !before.has(n) && !n.startsWith('.') && n !== 'extensions.json');
  const dir = added.length === 1 ? path.join(extensionsDir, added[0]) : undefined;
  if (!dir) throw new Error(`after --install-extension, expected one new folder in ${extensionsDir}, found: ${added.join(', ') || 'none'}\n${r.stdout}`);
  return dir;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {object} o
 * @param {string} o.workspace folder to open
 * @param {string} o.userDataDir
 * @param {string} o.extensionsDir
 * @param {string} o.logFile code-server's stdout+stderr
 * @param {number} [o.port] 0 or absent: a free one
 * @param {number} [o.readyTimeoutMs]
 * @param {boolean} [o.killOnSignals] SIGINT/SIGTERM/SIGHUP kill the group, then the process
 * @param {string} [o.logLevel] code-server's `--log` (trace, debug, info, ...); default MGD_CS_LOG or its own
 */
export async function startCodeServer(o) {
  const host = '127.0.0.1';
  const { node, entry, env } = await ensureCodeServer({ quiet: o.quiet });
  const port = o.port || (await freePort(host));
  const logLevel = o.logLevel || process.env.MGD_CS_LOG;
  fs.mkdirSync(path.dirname(o.logFile), { recursive: true });
  const out = fs.openSync(o.logFile, 'a');
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `${host}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust', ...(logLevel ? ['--log', logLevel] : []),
    '--extensions-dir', o.extensionsDir,
    '--user-data-dir', o.userDataDir,
    o.workspace,
  ];
  const child = spawn(node, args, { detached: true, stdio: ['ignore', out, out], env });
  fs.closeSync(out);
  const pid = child.pid;
  let exited = null;
  const exitedPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });

  // A synchronous last resort: if the parent dies without calling stop(), the group still goes.
  const onExit = () => killGroup(pid, 'SIGKILL');
  process.on('exit', onExit);
  // A signal skips 'exit'. Callers with their own graceful handling (the demo) leave this off.
  const signals = o.killOnSignals ? ['SIGINT', 'SIGTERM', 'SIGHUP'] : [];
  const onSignal = (signal) => {
    killGroup(pid, 'SIGKILL');
    for (const s of signals) process.off(s, onSignal);
    process.kill(process.pid, signal); // default action now that no listener is left
  };
  for (const s of signals) process.on(s, onSignal);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    for (const s of signals) process.off(s, onSignal);
    if (!killGroup(pid, 'SIGTERM')) return;
    for (let i = 0; i < 50 && groupAlive(pid); i++) await sleep(100);
    if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
  };

  const deadline = Date.now() + (o.readyTimeoutMs ?? 120_000);
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited (${exited.code ?? exited.signal}) before it was ready:\n${tail(o.logFile)}`);
    }
    try {
      const res = await fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${host}:${port}:\n${tail(o.logFile)}`);
    }
    await sleep(300);
  }
  const url = `http://${host}:${port}/?folder=${encodeURIComponent(o.workspace)}`;
  return { url, port, pid, stop, exited: exitedPromise };
}
