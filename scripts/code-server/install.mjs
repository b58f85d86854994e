#!/usr/bin/env node
// Installs (once) a Node 24 binary and code-server from the npm registry into the cache folder
// (paths.mjs) and prints the paths. A complete earlier install is reused; a half-finished one (no
// marker: killed, disk full, failed build) is removed and redone.
// Usage: node scripts/code-server/install.mjs [--quiet]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CODE_SERVER_VERSION,
  NODE_PACKAGE,
  codeServerDir,
  codeServerEntry,
  completeMarker,
  nodeBinDir,
  nodeDir,
} from './paths.mjs';
import { CODE_SERVER_PACKAGES, ensureDebianPackages } from './system-packages.mjs';

const CODE_SERVER_MB = 600;

function log(quiet, msg) {
  if (!quiet) console.error(`[code-server] ${msg}`);
}

/** npm's own CLI script, so that another Node binary can run it. */
function npmCli() {
  const fromNpm = process.env.npm_execpath;
  if (fromNpm && /npm-cli\.js$/.test(fromNpm) && fs.existsSync(fromNpm)) return fromNpm;
  const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' });
  const npm = which.stdout.trim();
  if (which.status !== 0 || !npm) throw new Error('npm is not on PATH');
  const real = fs.realpathSync(npm);
  if (real.endsWith('.js')) return real;
  const beside = path.join(path.dirname(real), 'npm-cli.js');
  if (fs.existsSync(beside)) return beside;
  throw new Error(`cannot find npm-cli.js from ${npm}`);
}

function dirMegabytes(dir) {
  return new Promise((resolve) => {
    const du = spawn('du', ['-sm', dir], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    du.stdout.on('data', (d) => (out += d));
    du.on('close', () => resolve(Number.parseInt(out, 10) || 0));
    du.on('error', () => resolve(0));
  });
}

/**
 * `npm install spec` into `prefix`, run by `node` (code-server's postinstall reads the Node version
 * from npm's user agent, i.e. from the Node that runs npm itself, so Node 24 must run npm).
 * Prints how far it got every 10 s unless quiet.
 */
// Settings of the user's npm that the inner install should keep: where its cache is and how it
// reaches the registry.
const KEPT_NPM_SETTINGS = /^npm_config_(cache|registry|.*proxy|cafile|ca|strict_ssl|noproxy)$/i;

/**
 * The environment without what an outer `npm run` put there: npm reads `npm_config_*` variables as
 * its own settings, and `npm_config_user_agent` names the outer Node (20), which code-server's
 * postinstall reads as the Node version and refuses.
 */
export function withoutNpmRunEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k) || KEPT_NPM_SETTINGS.test(k)));
}

function npmInstall({ node, prefix, spec, env, quiet, expectMb }) {
  fs.rmSync(prefix, { recursive: true, force: true });
  fs.mkdirSync(prefix, { recursive: true });
  // A package.json of its own keeps npm from walking up into another project.
  fs.writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ name: 'mgd-cache', private: true }) + '\n');
  const args = [npmCli(), 'install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', prefix, spec];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // cwd = prefix: npm must not read the calling project's .npmrc.
    const child = spawn(node, args, { cwd: prefix, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'pipe'], env: withoutNpmRunEnv(env) });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
      if (!quiet) process.stderr.write(d);
    });
    let lastMb = -1;
    const timer = quiet
      ? undefined
      : setInterval(async () => {
          const mb = await dirMegabytes(prefix);
          const s = Math.round((Date.now() - started) / 1000);
          // Once the files are unpacked the size stands still while native modules compile.
          const phase = mb > 0 && mb === lastMb ? ', building native modules' : '';
          lastMb = mb;
          log(false, `${spec}: ${s} s, ${mb} MB${expectMb ? ` of about ${expectMb} MB` : ''}${phase}`);
        }, 10_000);
    const done = (err) => {
      if (timer) clearInterval(timer);
      if (err) reject(err);
      else resolve(Math.round((Date.now() - started) / 1000));
    };
    child.on('error', (err) => done(new Error(`cannot run npm for ${spec}: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return done();
      // Not quiet: npm's own messages are already on screen.
      const tail = quiet ? `\n${stderr.trim().split('\n').slice(-15).join('\n')}` : '';
      done(new Error(`npm install ${spec} failed (exit ${code ?? signal}).${tail}\n` +
        `Retry the same command: the half-finished install in ${prefix} is removed and redone.`));
    });
  });
}

export async function ensureNode24({ quiet = false } = {}) {
  const dir = nodeDir();
  const bin = path.join(nodeBinDir(), 'node');
  if (fs.existsSync(completeMarker(dir)) && fs.existsSync(bin)) return bin;
  log(quiet, `installing Node 24 (${NODE_PACKAGE}, about 60 MB) into ${dir}`);
  await npmInstall({ node: process.execPath, prefix: dir, spec: NODE_PACKAGE, env: process.env, quiet, expectMb: 120 });
  const v = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (v.status !== 0 || !/^v24\./.test(v.stdout)) throw new Error(`${bin} is not a Node 24 binary (${v.stdout || v.stderr})`);
  fs.writeFileSync(completeMarker(dir), v.stdout);
  return bin;
}

/** Returns { node, entry, env } to start code-server with. */
export async function ensureCodeServer({ quiet = false } = {}) {
  const dir = codeServerDir();
  const ready = fs.existsSync(completeMarker(dir)) && fs.existsSync(codeServerEntry());
  // Checked before the Node download so that a user without root learns what to install first.
  if (!ready) ensureDebianPackages(CODE_SERVER_PACKAGES, `code-server ${CODE_SERVER_VERSION}`);
  const node = await ensureNode24({ quiet });
  // Native builds (node-gyp) must find Node 24 first on PATH and build against its headers.
  const env = {
    ...process.env,
    PATH: `${nodeBinDir()}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: path.dirname(nodeBinDir()),
  };
  if (!ready) {
    if (fs.existsSync(dir)) log(quiet, `removing a half-finished install in ${dir}`);
    log(quiet, `installing code-server@${CODE_SERVER_VERSION} into ${dir} (about 3 minutes, ~${CODE_SERVER_MB} MB)`);
    const seconds = await npmInstall({ node, prefix: dir, spec: `code-server@${CODE_SERVER_VERSION}`, env, quiet, expectMb: CODE_SERVER_MB });
    if (!fs.existsSync(codeServerEntry())) throw new Error(`code-server installed but ${codeServerEntry()} is missing; retry to reinstall`);
    fs.writeFileSync(completeMarker(dir), `${CODE_SERVER_VERSION}\n`);
    log(quiet, `code-server installed in ${seconds} s`);
  }
  return { node, entry: codeServerEntry(), env };
}

// No top-level await: the e2e harness (CommonJS under tsx) requires this module.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureCodeServer({ quiet: process.argv.includes('--quiet') }).then(
    (r) => console.log(JSON.stringify({ node: r.node, entry: r.entry })),
    (err) => {
      console.error(`[code-server] ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    },
  );
}
