#!/usr/bin/env node
// Builds the extension and lays out the folder an editor loads it from (code-server's extensions dir,
// `code --extensionDevelopmentPath`, the e2e tests): package.json, dist/, media/, models/bundled/ and
// only the runtime packages the bundles still `require` (the externals of esbuild.config.mjs).
// Usage: node scripts/stage-extension.mjs <dir> [--skip-build]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
// Provided by the editor, never installed.
const hostProvided = new Set(['vscode']);

function copy(from, to) {
  fs.cpSync(from, to, { recursive: true, dereference: true, force: true });
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function bareRequires(file) {
  const text = fs.readFileSync(file, 'utf8');
  const names = new Set();
  for (const m of text.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
    const name = packageName(m[1]);
    if (!builtins.has(m[1]) && !builtins.has(name) && !hostProvided.has(name)) names.add(name);
  }
  return names;
}

// onnxruntime-node ships binaries for every OS (~290 MB); the folder only needs this machine's.
function stageOnnxruntimeNode(src, dest) {
  fs.mkdirSync(dest, { recursive: true });
  copy(path.join(src, 'package.json'), path.join(dest, 'package.json'));
  copy(path.join(src, 'dist'), path.join(dest, 'dist'));
  const bin = path.join('bin', 'napi-v6', process.platform, process.arch);
  copy(path.join(src, bin), path.join(dest, bin));
}

function stagePackage(name, modulesOut, seen) {
  if (seen.has(name)) return;
  seen.add(name);
  const src = path.join(repo, 'node_modules', name);
  if (!fs.existsSync(path.join(src, 'package.json'))) throw new Error(`runtime dependency ${name} is not installed (run npm install)`);
  const dest = path.join(modulesOut, name);
  const pkg = JSON.parse(fs.readFileSync(path.join(src, 'package.json'), 'utf8'));
  if (name === 'onnxruntime-node') {
    stageOnnxruntimeNode(src, dest);
    // adm-zip and global-agent serve only its download-on-install script.
    stagePackage('onnxruntime-common', modulesOut, seen);
    return;
  }
  copy(src, dest);
  for (const dep of Object.keys(pkg.dependencies ?? {})) stagePackage(dep, modulesOut, seen);
}

export function buildExtension() {
  const r = spawnSync(process.execPath, [path.join(repo, 'esbuild.config.mjs')], { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`build failed (exit ${r.status ?? r.signal})`);
}

/** Returns the staged folder. `dir` is replaced. */
export function stageExtension(dir, { build = true } = {}) {
  if (build) buildExtension();
  const out = path.resolve(dir);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });

  copy(path.join(repo, 'package.json'), path.join(out, 'package.json'));
  const distOut = path.join(out, 'dist');
  fs.mkdirSync(distOut);
  const bundles = [];
  for (const name of fs.readdirSync(path.join(repo, 'dist'))) {
    if (!/\.(js|js\.map)$/.test(name)) continue; // leaves out .vsix packages
    copy(path.join(repo, 'dist', name), path.join(distOut, name));
    if (name.endsWith('.js')) bundles.push(path.join(distOut, name));
  }
  if (!fs.existsSync(path.join(distOut, 'extension.js'))) throw new Error('dist/extension.js is missing after the build');
  copy(path.join(repo, 'media'), path.join(out, 'media'));
  const bundled = path.join(repo, 'models', 'bundled');
  if (fs.existsSync(bundled)) copy(bundled, path.join(out, 'models', 'bundled'));
  for (const extra of ['README.md', 'LICENSE', 'CHANGELOG.md']) {
    if (fs.existsSync(path.join(repo, extra))) copy(path.join(repo, extra), path.join(out, extra));
  }

  const needed = new Set(['onnxruntime-node']);
  // The CLI bundle is not loaded by the editor; its externals (typescript) are not needed there.
  for (const b of bundles) if (!b.endsWith('cli.js')) for (const n of bareRequires(b)) needed.add(n);
  const seen = new Set();
  for (const n of needed) stagePackage(n, path.join(out, 'node_modules'), seen);
  return { dir: out, packages: [...seen].sort() };
}

/** `<publisher>.<name>-<version>`, the folder name an extensions dir expects. */
export function extensionFolderName() {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  return `${pkg.publisher}.${pkg.name}-${pkg.version}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) {
    console.error('usage: node scripts/stage-extension.mjs <dir> [--skip-build]');
    process.exit(2);
  }
  try {
    const r = stageExtension(dir, { build: !args.includes('--skip-build') });
    console.log(`staged ${r.dir} (runtime packages: ${r.packages.join(', ')})`);
  } catch (err) {
    console.error(`stage-extension: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
