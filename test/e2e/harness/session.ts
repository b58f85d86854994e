// One code-server + one Chromium for a whole test file: stage the extension, copy a fixture workspace
// to a temporary folder (the tests edit and save files), start, open the workbench. `close()` ends
// everything it started, also after a failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { installExtension, startCodeServer, type RunningCodeServer } from '../../../scripts/code-server/start.mjs';
import { baseSettings, writeMachineSettings, writeUserSettings } from '../../../scripts/code-server/settings.mjs';
import { vsixPath } from '../../../scripts/package-extension.mjs';
import { readExtensionLog } from './extension-log';
import { waitUntil, Workbench } from './workbench';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const outputDir = path.join(repoRoot, '.test-output', 'e2e');

// Debian's chromium; playwright's own browser download is not reachable here.
const CHROMIUM = process.env.MGD_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface SessionOptions {
  fixture: string;
  settings?: Record<string, unknown>;
}

/** Shadow documents (`.mgd-shadow-*`) anywhere below `dir`. */
export function shadowFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.name.startsWith('.mgd-shadow-')) out.push(p);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

export class Session {
  private constructor(
    readonly root: string,
    readonly workspace: string,
    readonly userDataDir: string,
    readonly server: RunningCodeServer,
    readonly browser: Browser,
    readonly workbench: Workbench,
    private readonly userSettings: Record<string, unknown>,
  ) {}

  private changed: Record<string, unknown> = {};

  static async open(o: SessionOptions): Promise<Session> {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/ci-apt.sh (apt-get install chromium) or set MGD_CHROMIUM`);
    }
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mgd-e2e-'));
    const workspace = path.join(root, 'workspace');
    const userDataDir = path.join(root, 'user-data');
    const extensionsDir = path.join(root, 'extensions');
    fs.cpSync(path.join(repoRoot, 'test', 'fixtures', o.fixture), workspace, { recursive: true });
    // prepare.mjs packaged the .vsix; it is installed as a user installs it.
    const vsix = vsixPath();
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` (npm run test:e2e does)`);
    await installExtension({ vsix, extensionsDir, userDataDir, quiet: true });
    // MGD_E2E_MODEL runs the scenarios with another model folder or hub id instead of the bundled one.
    const model = process.env.MGD_E2E_MODEL ? { 'mgd.model': process.env.MGD_E2E_MODEL } : {};
    const settings = { ...baseSettings, ...model, ...o.settings };
    writeUserSettings(userDataDir, settings);
    // Created up front: VS Code then watches the file itself rather than polling for it to appear.
    writeMachineSettings(userDataDir, {});

    // Trace: the extension logs completion text and the language service's names only at trace
    // (they are the user's code), and the scenarios read them from the log.
    const logLevel = process.env.MGD_CS_LOG || 'trace';
    const server = await startCodeServer({ workspace, userDataDir, extensionsDir, logFile: path.join(root, 'code-server.log'), quiet: true, killOnSignals: true, logLevel });
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(server.url);
      const workbench = new Workbench(page);
      await workbench.waitForWorkbench();
      return new Session(root, workspace, userDataDir, server, browser, workbench, settings);
    } catch (err) {
      await browser?.close().catch(() => {});
      await server.stop();
      throw err;
    }
  }

  get settings(): Readonly<Record<string, unknown>> {
    return { ...this.userSettings, ...this.changed };
  }

  /**
   * Changes settings while VS Code runs, through the remote (Machine) settings file, the one whose
   * edits code-server applies live. `undefined` removes a key, i.e. back to the user setting.
   */
  updateSettings(patch: Record<string, unknown>): void {
    const next: Record<string, unknown> = { ...this.changed };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete next[k];
      else next[k] = v;
    }
    this.changed = next;
    writeMachineSettings(this.userDataDir, next);
  }

  /**
   * `updateSettings`, then waits until the extension says it read the change: text typed before
   * that gets a completion with the old settings, and none after it.
   */
  async applySettings(patch: Record<string, unknown>, timeoutMs = 30_000): Promise<void> {
    const changes = (): number => (this.extensionLog().match(/settings changed: /g) ?? []).length;
    const before = changes();
    const was = JSON.stringify(this.changed);
    this.updateSettings(patch);
    if (JSON.stringify(this.changed) === was) return;
    await waitUntil('the extension to read the new settings', async () => changes() > before, timeoutMs);
  }

  extensionLog(): string {
    return readExtensionLog(this.userDataDir);
  }

  /** Shadow documents (`.mgd-shadow-*`) anywhere in the workspace. */
  shadowFiles(): string[] {
    return shadowFilesUnder(this.workspace);
  }

  /** Screenshot plus the logs, under .test-output/e2e/, for a failed step. Returns the screenshot path. */
  async saveFailure(name: string): Promise<string> {
    const safe = name.replace(/[^\w.-]+/g, '_');
    const shot = path.join(outputDir, `${safe}.png`);
    fs.mkdirSync(outputDir, { recursive: true });
    try {
      await this.workbench.screenshot(shot);
    } catch {
      // the page may be gone; the logs below still help
    }
    fs.writeFileSync(path.join(outputDir, `${safe}.extension.log`), this.extensionLog());
    try {
      fs.copyFileSync(path.join(this.root, 'code-server.log'), path.join(outputDir, `${safe}.code-server.log`));
    } catch {
      // no log yet
    }
    return shot;
  }

  async close({ keep = false } = {}): Promise<void> {
    await this.browser.close().catch(() => {});
    await this.server.stop();
    if (!keep) fs.rmSync(this.root, { recursive: true, force: true });
  }
}
