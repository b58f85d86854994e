#!/usr/bin/env node
// Installs (once) a Node 24 binary and code-server from the npm registry into the user cache and
// prints the paths. Reuses a complete earlier install. Usage: node scripts/code-server/install.mjs [--quiet]
import { spawnSync } from 'node:child_process';
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

function log(quiet, msg) {
  if (!quiet) console.error(`[code-server] ${msg}`);
}

function npmInstall(prefix, spec, env) {
  fs.mkdirSync(prefix, { recursive: true });
  // A package.json of its own keeps npm from walking up into another project.
  const pkg = path.join(prefix, 'package.json');
  if (!fs.existsSync(pkg)) fs.writeFileSync(pkg, JSON.stringify({ name: 'mgd-cache', private: true }) + '\n');
  const res = spawnSync(
    'npm',
    ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', prefix, spec],
    // cwd = prefix: npm must not read the calling project's .npmrc.
    { cwd: prefix, stdio: ['ignore', 'inherit', 'inherit'], env },
  );
  if (res.status !== 0) throw new Error(`npm install ${spec} failed (exit ${res.status ?? res.signal})`);
}

export function ensureNode24({ quiet = false } = {}) {
  const dir = nodeDir();
  const bin = path.join(nodeBinDir(), 'node');
  if (fs.existsSync(completeMarker(dir)) && fs.existsSync(bin)) return bin;
  log(quiet, `installing ${NODE_PACKAGE} into ${dir}`);
  npmInstall(dir, NODE_PACKAGE, process.env);
  const v = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (v.status !== 0 || !/^v24\./.test(v.stdout)) throw new Error(`${bin} is not a Node 24 binary (${v.stdout || v.stderr})`);
  fs.writeFileSync(completeMarker(dir), v.stdout);
  return bin;
}

/** Returns { node, entry, env } to start code-server with. */
export function ensureCodeServer({ quiet = false } = {}) {
  const node = ensureNode24({ quiet });
  // code-server's install scripts and native builds must see Node 24 first on PATH.
  const env = { ...process.env, PATH: `${nodeBinDir()}${path.delimiter}${process.env.PATH ?? ''}` };
  const dir = codeServerDir();
  if (!(fs.existsSync(completeMarker(dir)) && fs.existsSync(codeServerEntry()))) {
    log(quiet, `installing code-server@${CODE_SERVER_VERSION} into ${dir} (about 3 minutes, ~600 MB; needs libkrb5-dev)`);
    const started = Date.now();
    npmInstall(dir, `code-server@${CODE_SERVER_VERSION}`, env);
    if (!fs.existsSync(codeServerEntry())) throw new Error(`code-server installed but ${codeServerEntry()} is missing`);
    fs.writeFileSync(completeMarker(dir), `${CODE_SERVER_VERSION}\n`);
    log(quiet, `installed in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  return { node, entry: codeServerEntry(), env };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const r = ensureCodeServer({ quiet: process.argv.includes('--quiet') });
    console.log(JSON.stringify({ node: r.node, entry: r.entry }));
  } catch (err) {
    console.error(`[code-server] ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
