import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * Starts the reaper for `ledger` (owner: this process) in its own session, so that killing the
 * editor's process group does not take it along. `script` is dist/shadow-reaper.js. In Electron
 * VS Code `process.execPath` is the editor binary, which runs as Node with ELECTRON_RUN_AS_NODE.
 */
export function startReaper(script: string, ledger: string): () => void {
  const child = spawn(process.execPath, [script, ledger, String(process.pid)], {
    detached: true,
    stdio: 'ignore',
    cwd: path.dirname(script),
    env: { ELECTRON_RUN_AS_NODE: '1', PATH: process.env.PATH ?? '' },
  });
  child.on('error', () => undefined);
  child.unref();
  return () => {
    try {
      child.kill();
    } catch {
      // already gone
    }
  };
}
