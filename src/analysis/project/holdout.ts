// Packages no training corpus or tuning run may use: their names' SHA-256 (`printf '%s' NAME |
// sha256sum`) are listed in a file kept beside the repository, so that the names themselves are
// never written down where a tuning run could read them.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function holdoutFile(env: NodeJS.ProcessEnv = process.env): string {
  // Beside the repository's folder, as the commands are run from its root.
  return env.MGD_HOLDOUT_FILE || resolve(join(process.cwd(), '..', 'shared', 'holdout-packages.sha256'));
}

/** Throws when the list cannot be read: without it no package can be shown to be allowed. */
export function holdoutHashes(file = holdoutFile()): Set<string> {
  if (!existsSync(file)) throw new Error(`the list of held-out packages (${file}) is missing; set MGD_HOLDOUT_FILE to it`);
  return new Set(readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => /^[0-9a-f]{64}$/.test(l)));
}

export function isHoldout(name: string, hashes = holdoutHashes()): boolean {
  return hashes.has(createHash('sha256').update(name).digest('hex'));
}
