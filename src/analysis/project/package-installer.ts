import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A failure the user can act on (bad name, not on the registry, install failed): shown without a stack. */
export class PackageError extends Error {
  override name = 'PackageError';
}

export interface InstalledPackage {
  readonly spec: string;
  readonly name: string;
  readonly version: string;
  /** The package's own folder (node_modules/<name>), where its sources are. */
  readonly dir: string;
}

/** The cache of installed packages lives outside any repository: $MGD_EVAL_CACHE, else ~/.cache/mgd/eval. */
export function defaultEvalCache(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MGD_EVAL_CACHE) return env.MGD_EVAL_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mgd', 'eval');
}

const namePattern = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9~][a-z0-9._~-]*$/;
const rangePattern = /^[A-Za-z0-9.^~<>=|* +-]+$/;

export function parseSpec(spec: string): { name: string; range: string } {
  const at = spec.lastIndexOf('@');
  const [name, range] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, 'latest'];
  if (!namePattern.test(name)) throw new PackageError(`'${spec}' is not an npm package name (expected name or name@version)`);
  if (!range || !rangePattern.test(range)) throw new PackageError(`'${spec}': '${range}' is not a version or range`);
  return { name, range };
}

interface NpmRun { code: number; output: string }

function npm(args: string[], cwd: string, timeoutMs: number): Promise<NpmRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new PackageError(err.code === 'ENOENT' ? 'npm was not found on PATH; it is needed to install packages for the evaluation' : `could not run npm: ${err.message}`));
    });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code: code ?? 1, output }); });
  });
}

export function explainNpmFailure(spec: string, name: string, range: string, output: string): string {
  if (/E404|404 Not Found/.test(output)) return `package '${name}' was not found on the npm registry`;
  if (/ETARGET|No matching version/.test(output)) return `no version of '${name}' matches '${range}'`;
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(output)) return `the npm registry could not be reached while installing '${spec}'`;
  const errs = output.split('\n').filter((l) => /npm (error|ERR!)/.test(l) && !/A complete log|errno|code [A-Z]/.test(l)).slice(0, 4);
  return `installing '${spec}' failed${errs.length ? `:\n  ${errs.join('\n  ')}` : ''}`;
}

/**
 * Installs `spec` and its dependencies (no install scripts) into its own folder of the cache, once;
 * later calls reuse it.
 */
export async function installPackage(spec: string, cacheRoot: string, opts: { timeoutMs?: number } = {}): Promise<InstalledPackage> {
  const { name, range } = parseSpec(spec);
  const root = join(cacheRoot, `${name.replace('/', '__')}@${range.replace(/[^A-Za-z0-9.^~-]/g, '_')}`);
  const marker = join(root, '.mgd-installed.json');
  if (existsSync(marker)) {
    const m = JSON.parse(readFileSync(marker, 'utf8')) as { version: string };
    return { spec, name, version: m.version, dir: join(root, 'node_modules', name) };
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'mgd-eval-package', private: true }) + '\n');
  const base = ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--omit=dev', '--loglevel=error'];
  const timeout = opts.timeoutMs ?? 300_000;
  let run = await npm([...base, `${name}@${range}`], root, timeout);
  // Conflicting peer ranges stop a strict install; the sources still type-check without them.
  if (run.code !== 0 && /ERESOLVE/.test(run.output)) run = await npm([...base, '--legacy-peer-deps', `${name}@${range}`], root, timeout);
  if (run.code !== 0) {
    const message = explainNpmFailure(spec, name, range, run.output);
    rmSync(root, { recursive: true, force: true });
    throw new PackageError(message);
  }
  const dir = join(root, 'node_modules', name);
  let version: string;
  try {
    version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    throw new PackageError(`npm reported success but '${name}' is not in ${root}`);
  }
  writeFileSync(marker, JSON.stringify({ spec, name, version, installedAt: new Date().toISOString() }) + '\n');
  return { spec, name, version, dir };
}
