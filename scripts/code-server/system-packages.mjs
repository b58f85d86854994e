// Debian packages a real VS Code needs on this machine, installed when missing:
//   libkrb5-dev, build-essential, python3  code-server builds native modules (kerberos) on install
//   chromium, fonts-liberation             only the end-to-end tests: the browser playwright-core drives
//                                          (never `playwright install`: it downloads its own build)
// As root they are installed with apt-get; otherwise nothing long starts and the error names the
// one command to run.
import { spawnSync } from 'node:child_process';

export const CODE_SERVER_PACKAGES = ['libkrb5-dev', 'build-essential', 'python3'];
export const BROWSER_PACKAGES = ['chromium', 'fonts-liberation'];

function installed(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function hasDpkg() {
  return spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status === 0;
}

function run(cmd, args) {
  console.error(`[setup] $ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) throw new Error(`\`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal}); run it yourself to see why, then retry`);
}

/** Installs the missing packages of `pkgs` (purpose: what they are for, for the messages). */
export function ensureDebianPackages(pkgs, purpose) {
  if (!hasDpkg()) {
    console.error(`[setup] not a Debian-based system: make sure ${pkgs.join(', ')} (or their equivalents) are installed for ${purpose}`);
    return;
  }
  const missing = pkgs.filter((p) => !installed(p));
  if (missing.length === 0) return;
  const command = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`${purpose} needs the Debian packages ${missing.join(', ')}. Install them, then run this again:\n\n  ${command}\n`);
  }
  console.error(`[setup] installing Debian packages for ${purpose}: ${missing.join(', ')}`);
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing]);
  const still = missing.filter((p) => !installed(p));
  if (still.length) throw new Error(`apt-get finished but ${still.join(', ')} is still not installed`);
}
