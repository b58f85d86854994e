// What both end-to-end suites share: one code-server session for the whole file, scenarios that
// save a screenshot and the logs when they fail, and the way back to the saved fixture file.
import fs from 'node:fs';
import path from 'node:path';
import { Session, repoRoot } from './session';
import { waitUntil } from './workbench';

/** Text without trailing spaces on each line or trailing empty lines (the editor may add either). */
export function trimLines(text: string): string {
  return text.split('\n').map((l) => l.replace(/\s+$/, '')).join('\n').replace(/\n+$/, '');
}

export class E2eSuite {
  /** The fixture file as saved: every scenario starts from it. */
  readonly original: string;
  private session: Session | undefined;
  private failed = false;

  constructor(readonly fixture: string, readonly file: string) {
    this.original = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', fixture, file), 'utf8');
  }

  /** Settings on top of the harness's base settings (the suggest widget off: it hides ghost text that does not extend its item). */
  async open(settings: Record<string, unknown>): Promise<void> {
    this.session = await Session.open({
      fixture: this.fixture,
      settings: {
        'editor.suggestOnTriggerCharacters': false,
        'editor.quickSuggestions': { other: false, comments: false, strings: false },
        // The CI machine has 2 busy cores: a language-service answer can take longer than the
        // 400 ms default, and that step would then go unguided (by design) and the test would be moot.
        'mgd.languageServiceTimeoutMs': 3000,
        // These suites check what the monitors allow; whether the bundled model is sure enough to
        // show it is the display gate's question (its own tests and the evaluation).
        'mgd.displayThreshold': 0,
        ...settings,
      },
    });
  }

  /** Keeps the server's folders when a scenario failed, for the failure artifacts. */
  async close(): Promise<void> {
    await this.session?.close({ keep: this.failed });
  }

  get s(): Session {
    if (!this.session) throw new Error('code-server session did not start');
    return this.session;
  }

  /** Runs one scenario; on failure saves a screenshot and the logs and names them in the error. */
  async scenario(name: string, body: (s: Session) => Promise<void>): Promise<void> {
    const current = this.s;
    try {
      await body(current);
    } catch (err) {
      this.failed = true;
      const shot = await current.saveFailure(name);
      const msg = err instanceof Error ? err.message : String(err);
      throw new Error(`${msg}\n  screenshot: ${path.relative(repoRoot, shot)}`, { cause: err });
    }
  }

  /** Escape, then undo until the editor is back to the saved file. */
  async backToSaved(maxUndo = 30): Promise<void> {
    const wb = this.s.workbench;
    await wb.press('Escape');
    for (let i = 0; i < maxUndo && (await wb.activeTabDirty()); i++) await wb.press('Control+z');
    await waitUntil('the editor to show the saved file', async () => trimLines(await wb.documentText()) === trimLines(this.original), 10_000);
  }
}
