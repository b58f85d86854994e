// Before the e2e run: the Debian packages (Chromium, code-server's build needs), code-server
// (installed once into the cache, see scripts/code-server/paths.mjs), and the .vsix a user would
// install, which every suite installs with `code-server --install-extension`. Failure artifacts of
// an earlier run are removed, so .test-output/e2e/ only shows this run's.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from '../../scripts/code-server/install.mjs';
import { BROWSER_PACKAGES, ensureDebianPackages } from '../../scripts/code-server/system-packages.mjs';
import { packageExtension } from '../../scripts/package-extension.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
fs.rmSync(path.join(repo, '.test-output', 'e2e'), { recursive: true, force: true });
try {
  ensureDebianPackages(BROWSER_PACKAGES, 'the end-to-end tests (a real browser)');
  await ensureCodeServer();
  const vsix = packageExtension({ quiet: true });
  console.error(`e2e: testing ${path.relative(repo, vsix)} (${(fs.statSync(vsix).size / 1e6).toFixed(1)} MB)`);
} catch (err) {
  console.error(`e2e: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
