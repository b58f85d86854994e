#!/usr/bin/env node
// `npm run package`: the production build (minified, no source maps) and the .vsix a user installs.
// What goes in is the allow-list in .vscodeignore; test/integration/package/vsix-contents.test.ts
// checks the result. Usage: node scripts/package-extension.mjs [--quiet]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function vsixPath() {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  return path.join(repo, 'dist', `${pkg.name}-linux-x64.vsix`);
}

function run(args, quiet) {
  const r = spawnSync(process.execPath, args, { cwd: repo, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`\`node ${args.join(' ')}\` failed (exit ${r.status ?? r.signal})`);
}

/** Builds and packages; returns the .vsix path. */
export function packageExtension({ quiet = false } = {}) {
  // Source maps of an earlier development build must not ride along.
  for (const f of fs.existsSync(path.join(repo, 'dist')) ? fs.readdirSync(path.join(repo, 'dist')) : []) {
    if (f.endsWith('.map')) fs.rmSync(path.join(repo, 'dist', f));
  }
  run(['esbuild.config.mjs', '--production'], quiet);
  const out = vsixPath();
  // README links (ARCHITECTURE.md, eval results) point into the source repository; without a
  // repository URL vsce would refuse to rewrite them, so they stay as written.
  // Written beside and renamed: an editor installing the previous package never reads half a file.
  const partial = `${out}.partial.vsix`;
  run([path.join(repo, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--target', 'linux-x64', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', partial], quiet);
  fs.renameSync(partial, out);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const out = packageExtension({ quiet: process.argv.includes('--quiet') });
    console.log(`${out} (${(fs.statSync(out).size / 1e6).toFixed(1)} MB)`);
  } catch (err) {
    console.error(`package: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
