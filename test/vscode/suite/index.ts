// Runs inside the extension host of a desktop VS Code started by ../run.ts. A handful of checks in
// order, each with node:assert; `run()` rejects when one fails, which fails the VS Code test run.
// What the extension produced is read from its log channel's file (contract: one `completion:` line
// per completion), since ghost text itself is not visible through the API.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'mgd-dev.monitor-guided-completions';
const LOG_FILE = 'Monitor-Guided Completions.log';
const MEMBERS = ['zorbleQuantum', 'frobnicateWidgets', 'splonkHarmonics', 'wibbleFactor'];
const COMPLETION = /completion: (\d+) tokens, guided=(true|false), monitors=(.*?), text=(".*")\s*$/;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

function logText(): string {
  const root = process.env.MGD_VSCODE_TEST_LOGS;
  if (!root) return '';
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === LOG_FILE) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  if (fs.existsSync(root)) walk(root);
  return out.join('\n');
}

function completions(): { guided: boolean; text: string }[] {
  return logText().split('\n').flatMap((l) => {
    const m = COMPLETION.exec(l);
    return m ? [{ guided: m[2] === 'true', text: JSON.parse(m[4]!) as string }] : [];
  });
}

function workspaceDir(): string {
  const dir = process.env.MGD_VSCODE_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(dir, 'a workspace folder is open');
  return dir;
}

let counter = 0;
/** Types `obj.` on a fresh line of main.ts, asks for inline completions, returns the logged completion. */
async function completeAfterObj(): Promise<{ guided: boolean; text: string }> {
  const doc = await vscode.workspace.openTextDocument(path.join(workspaceDir(), 'src', 'main.ts'));
  const editor = await vscode.window.showTextDocument(doc);
  const line = doc.getText().split('\n').findIndex((l) => l.includes('const total')) + 1;
  const typed = `  const v${counter++} = obj.`;
  await editor.edit((e) => e.insert(new vscode.Position(line, 0), `${typed}\n`));
  const at = new vscode.Position(line, typed.length);
  editor.selection = new vscode.Selection(at, at);
  const before = completions().length;
  await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  const all = await waitFor('a completion line in the log', () => {
    const c = completions();
    return c.length > before ? c : undefined;
  }, 120_000);
  await vscode.commands.executeCommand('undo');
  return all[all.length - 1]!;
}

function firstIdentifier(s: string): string {
  return /^[A-Za-z_$][\w$]*/.exec(s)?.[0] ?? '';
}

const checks: [string, () => Promise<void>][] = [
  ['activates and registers its commands', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await ext.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
  }],
  ['after `obj.` the completion names a member of the imported class', async () => {
    await completeAfterObj(); // the first one may wait for the TypeScript server and go unguided
    const c = await completeAfterObj();
    assert.equal(c.guided, true);
    assert.ok(MEMBERS.includes(firstIdentifier(c.text)), `completion ${JSON.stringify(c.text)}`);
  }],
  ['with monitors off the completion is unguided', async () => {
    const cfg = vscode.workspace.getConfiguration('mgd');
    await cfg.update('monitors', [], vscode.ConfigurationTarget.Global);
    try {
      const c = await completeAfterObj();
      assert.equal(c.guided, false);
    } finally {
      await cfg.update('monitors', undefined, vscode.ConfigurationTarget.Global);
    }
  }],
  ['a wrong model setting is reported; fixing it recovers', async () => {
    const cfg = vscode.workspace.getConfiguration('mgd');
    const missing = path.join(workspaceDir(), '..', 'no-such-model');
    await cfg.update('model', missing, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the log to report the missing model', () => logText().includes(missing), 60_000);
    } finally {
      await cfg.update('model', undefined, vscode.ConfigurationTarget.Global);
    }
    const c = await completeAfterObj();
    assert.ok(MEMBERS.includes(firstIdentifier(c.text)), `after recovery: ${JSON.stringify(c.text)}`);
  }],
  ['no shadow file is left and main.ts is unchanged on disk', async () => {
    await sleep(1000);
    const left = fs.readdirSync(path.join(workspaceDir(), 'src')).filter((n) => n.startsWith('.mgd-shadow-'));
    assert.deepEqual(left, []);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath.endsWith(path.join('src', 'main.ts')));
    assert.equal(doc?.isDirty ?? false, false);
  }],
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, check] of checks) {
    try {
      await check();
      console.log(`ok - ${name}`);
    } catch (err) {
      failures.push(name);
      console.log(`not ok - ${name}\n  ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  }
  if (failures.length) throw new Error(`${failures.length} of ${checks.length} checks failed: ${failures.join('; ')}`);
}
