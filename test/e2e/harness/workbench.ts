// Drives the VS Code workbench that code-server serves, through the DOM. Selectors are VS Code's own
// class names (checked against code-server 4.139); ghost text is read back from the editor.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

// The page callbacks below run in the browser. The repository compiles without the DOM lib (the
// extension must not use it), so the little they touch is declared here, for this module only.
interface DomElement {
  textContent: string | null;
  style: { top: string };
  cloneNode(deep: boolean): DomElement;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
  remove(): void;
}
declare const document: { querySelector(selector: string): DomElement | null };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await sleep(everyMs);
  }
}

export interface GhostText {
  /** Text shown after the cursor on the cursor's line. */
  inline: string;
  /** Further lines (multi-line completions), in order. */
  lines: string[];
}

export function ghostToString(g: GhostText): string {
  return [g.inline, ...g.lines].join('\n');
}

export class Workbench {
  constructor(readonly page: Page) {}

  async waitForWorkbench(timeoutMs = 90_000): Promise<void> {
    await this.page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: timeoutMs });
  }

  /** Opens a workspace file by clicking explorer rows, expanding folders on the way. */
  async openFile(relPath: string): Promise<void> {
    const parts = relPath.split('/');
    for (const [i, name] of parts.entries()) {
      const row = this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`).first();
      await row.waitFor({ timeout: 20_000 });
      const isFolder = i < parts.length - 1;
      if (isFolder) {
        if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      } else {
        await row.dblclick();
      }
    }
    const file = parts[parts.length - 1]!;
    await this.page.locator(`.tabs-container .tab.active[aria-label^="${file}"]`).waitFor({ timeout: 20_000 });
    await this.focusEditor();
  }

  /** Waits for TypeScript's "Initializing 'tsconfig.json'" progress to end: until then its answers are slow or word-based. */
  async waitForTypeScriptProject(timeoutMs = 90_000): Promise<void> {
    await waitUntil('the TypeScript project to load', async () => {
      const busy = await this.page.locator('.statusbar-item[aria-label*="Initializing"]').count();
      const tsItem = await this.page.locator('.statusbar-item[aria-label*="TypeScript"]').count();
      return busy === 0 && tsItem > 0;
    }, timeoutMs);
  }

  async focusEditor(): Promise<void> {
    await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  }

  /** Cursor to the end of a 1-based line. */
  async gotoLineEnd(line: number): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+Home');
    for (let i = 1; i < line; i++) await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('End');
    // The editor's own "Ln x, Col y" item: proof the keys reached the editor and not another part.
    await waitUntil(`the cursor on line ${line}`, async () => {
      const label = await this.page.locator('.statusbar-item#status\\.editor\\.selection').first().getAttribute('aria-label');
      return label?.startsWith(`Ln ${line},`) ? true : undefined;
    }, 5_000);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async ghostText(): Promise<GhostText> {
    // No named helper functions inside page callbacks: tsx's keep-names transform wraps them in
    // `__name(...)`, which does not exist in the page.
    return this.page.evaluate(() => {
      const editor = document.querySelector('.editor-group-container.active .monaco-editor');
      if (!editor) return { inline: '', lines: [] as string[] };
      const inline = [...editor.querySelectorAll('.view-lines .ghost-text-decoration, .view-lines .ghost-text-decoration-preview')]
        .map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' '))
        .join('');
      const lines = [...editor.querySelectorAll('.ghost-text .view-line')].map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' '));
      return { inline, lines };
    });
  }

  async waitForGhostText(timeoutMs: number, accept: (g: GhostText) => boolean = (g) => ghostToString(g).trim() !== ''): Promise<GhostText> {
    return waitUntil('ghost text', async () => {
      const g = await this.ghostText();
      return accept(g) ? g : undefined;
    }, timeoutMs);
  }

  /** The active editor's text as rendered, without ghost text. Fine for files that fit on screen. */
  async documentText(): Promise<string> {
    return this.page.evaluate(() => {
      const editor = document.querySelector('.editor-group-container.active .monaco-editor');
      if (!editor) return '';
      const rows = [...editor.querySelectorAll('.view-lines > .view-line')] as DomElement[];
      return rows
        .map((row) => {
          const clone = row.cloneNode(true) as DomElement;
          for (const g of clone.querySelectorAll('.ghost-text-decoration, .ghost-text-decoration-preview')) g.remove();
          return { top: parseFloat(row.style.top || '0'), text: (clone.textContent ?? '').replace(/\u00a0/g, ' ') };
        })
        .sort((a, b) => a.top - b.top)
        .map((r) => r.text.replace(/\s+$/, ''))
        .join('\n');
    });
  }

  async lineText(line: number): Promise<string> {
    return ((await this.documentText()).split('\n')[line - 1]) ?? '';
  }

  async activeTabDirty(): Promise<boolean> {
    const cls = await this.page.locator('.tabs-container .tab.active').first().getAttribute('class');
    return /\bdirty\b/.test(cls ?? '');
  }

  /** The MGD status item's accessibility label (`MGD ready`, `MGD error: …`), or '' when absent. */
  async status(): Promise<string> {
    const el = this.page.locator('.statusbar [aria-label^="MGD "]').first();
    if ((await el.count()) === 0) return '';
    return (await el.getAttribute('aria-label')) ?? '';
  }

  async waitForStatus(word: string, timeoutMs: number): Promise<string> {
    return waitUntil(`status "MGD ${word}"`, async () => {
      const s = await this.status();
      return s === `MGD ${word}` || s.startsWith(`MGD ${word}:`) || s.startsWith(`MGD ${word} `) ? s : undefined;
    }, timeoutMs);
  }

  /** Texts of the notification toasts on screen. */
  async notifications(): Promise<string[]> {
    return this.page.$$eval('.notifications-toasts .notification-list-item', (els) =>
      els.map((e) => (e.getAttribute('aria-label') || e.textContent || '').trim()));
  }

  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Enter');
  }

  async screenshot(file: string): Promise<void> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
  }
}
