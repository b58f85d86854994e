// Before the e2e run: code-server installed (first time ~100 s, cached in ~/.cache/mgd), and the
// failure artifacts of an earlier run removed, so .test-output/e2e/ only shows this run's.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from '../../scripts/code-server/install.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
fs.rmSync(path.join(repo, '.test-output', 'e2e'), { recursive: true, force: true });
try {
  ensureCodeServer();
} catch (err) {
  console.error(`e2e: cannot install code-server: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
