// `npm run bench:ghost`: from the keystroke to ghost text on screen, in a real VS Code (code-server,
// Chromium) with the packaged extension and the bundled model. Times are taken in the page: the
// keydown of the last character of a trigger, and the first frame in which the editor shows ghost
// text after it. The extension's own timing line for that completion gives the breakdown. Cold
// window is the first trigger right after the window opened the file (model load and the TypeScript
// server's start included); cold file, the first trigger right after another file is opened in the
// running window; warm are the triggers in between, of every kind, each with a different line so no
// earlier suggestion is reused. The display gate's threshold is 0 here: every completion is shown,
// so every trigger is timed (with the default threshold the unsure ones show nothing).
import path from 'node:path';
import fs from 'node:fs';
import { outputDir, Session } from './harness/session';
import { waitUntil } from './harness/workbench';

declare const window: Record<string, unknown> & { addEventListener(t: string, f: () => void, capture: boolean): void };
declare const document: { body: unknown; querySelector(s: string): { textContent: string | null } | null };
declare const performance: { now(): number };
declare class MutationObserver {
  constructor(f: () => void);
  observe(target: unknown, opts: Record<string, boolean>): void;
}

const FIXTURE = 'e2e-monitors';
const FILE = 'src/main.ts';
const OTHER_FILE = 'src/shapes.ts';
const ROUNDS = Number(process.env.MGD_BENCH_ROUNDS ?? 5);
/** Settings to compare against the defaults, as JSON (`MGD_BENCH_SETTINGS='{"mgd.debounceMs":60}'`). */
const EXTRA_SETTINGS = JSON.parse(process.env.MGD_BENCH_SETTINGS ?? '{}') as Record<string, unknown>;

interface Trigger { kind: string; text: (i: number) => string }
const TRIGGERS: Trigger[] = [
  { kind: 'member', text: (i) => `  const m${i} = board.` },
  { kind: 'member', text: (i) => `  const f${i} = first.` },
  { kind: 'member', text: (i) => `  const o${i} = origin.` },
  { kind: 'new', text: (i) => `  const c${i} = new ` },
  { kind: 'case', text: (i) => `  if (${i}) switch (kind) { case ` },
  { kind: 'object key', text: (i) => `  const p${i}: Point = { ` },
  { kind: 'call', text: (i) => `  /* ${i} */ board.reset(` },
];

/** `parts` is absent when no completion ran for the last keystroke: the ghost text of the one before stayed (it starts with the typed character). */
interface Sample { kind: string; cold: boolean; ms: number; parts?: Record<string, number> }

const TIMING = /timing: (.*)$/;

function parts(line: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of line.split(', ')) {
    const m = /^(.*) ([\d.]+)$/.exec(p.trim());
    if (m) out[m[1]!] = Number(m[2]);
  }
  return out;
}

/** VS Code's share, from wall clocks of one machine: keydown to the provider's call, and its return to the painted ghost text. */
function withPipeline(p: Record<string, number>, keyAt: number, ghostAt: number): Record<string, number> {
  const { 'called at': calledAt, ...stages } = p;
  const total = stages['provider total'];
  if (calledAt === undefined || total === undefined) return stages;
  return { 'keydown → provider called': calledAt - keyAt, ...stages, 'provider return → on screen': ghostAt - calledAt - total };
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
}

async function main(): Promise<void> {
  const ses = await Session.open({
    fixture: FIXTURE,
    settings: { 'editor.suggestOnTriggerCharacters': false, 'editor.quickSuggestions': { other: false, comments: false, strings: false }, 'editor.autoClosingBrackets': 'never', 'editor.parameterHints.enabled': false, 'mgd.displayThreshold': 0, ...EXTRA_SETTINGS },
  });
  const wb = ses.workbench;
  const lines = fs.readFileSync(path.join(ses.workspace, FILE), 'utf8').split('\n');
  const probeLine = lines.findIndex((l, i) => l.trim() === '' && i > 0 && lines[i - 1]!.includes('const first')) + 1;
  const samples: Sample[] = [];
  try {
    // In the page: the time of each keydown, and of the first ghost text after it.
    const arm = () => wb.page.evaluate(() => {
      if (!window.__mgdArmed) {
        window.__mgdArmed = true;
        window.addEventListener('keydown', () => { window.__mgdKey = performance.now(); window.__mgdKeyAt = Date.now(); window.__mgdGhost = 0; }, true);
        new MutationObserver(() => {
          if (window.__mgdGhost || !window.__mgdKey) return;
          const g = document.querySelector('.editor-group-container.active .monaco-editor .ghost-text-decoration, .editor-group-container.active .monaco-editor .ghost-text .view-line');
          if (g && (g.textContent ?? '').trim() !== '') {
            window.__mgdGhost = performance.now();
            window.__mgdGhostAt = Date.now();
          }
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      }
    });
    const measure = async (kind: string, text: string, cold: boolean, timeoutMs: number, line = probeLine): Promise<void> => {
      await wb.gotoLineEnd(line);
      await wb.type(text.slice(0, -1));
      // Completions for the text typed so far come and go; the last character is the one timed.
      await new Promise((r) => setTimeout(r, cold ? 0 : 800));
      await arm();
      const logBefore = ses.extensionLog().length;
      await wb.type(text.slice(-1));
      const seen = await waitUntil('ghost text', async () => {
        const t = await wb.page.evaluate(() => [window.__mgdKey as number, window.__mgdGhost as number, window.__mgdKeyAt as number, window.__mgdGhostAt as number]);
        return t[1] ? { ms: t[1] - t[0], keyAt: t[2]!, ghostAt: t[3]! } : undefined;
      }, timeoutMs, 20).catch(() => undefined);
      const ms = seen?.ms;
      await new Promise((r) => setTimeout(r, 300));
      const logged = ses.extensionLog().slice(logBefore).split('\n');
      const timing = logged.map((l) => TIMING.exec(l)?.[1]).filter(Boolean).at(-1);
      // Each call of the provider ends in a timing line or a skip line: more than one is VS Code asking again.
      const calls = logged.filter((l) => TIMING.test(l) || / skip: /.test(l)).length;
      const sample: Sample | undefined = seen && { kind, cold, ms: seen.ms, parts: timing ? withPipeline(parts(timing), seen.keyAt, seen.ghostAt) : undefined };
      if (sample) samples.push(sample);
      const vscodeShare = sample?.parts?.['keydown → provider called'] !== undefined ? `  [keydown → provider ${Math.round(sample.parts['keydown → provider called'])} ms, provider return → on screen ${Math.round(sample.parts['provider return → on screen']!)} ms, ${calls} provider calls]` : '';
      process.stderr.write(`${cold ? 'cold' : 'warm'} ${kind.padEnd(10)} ${ms === undefined ? 'no ghost text' : `${Math.round(ms)} ms`}${timing ? `  (${timing})` : ''}${vscodeShare}\n`);
      await wb.press('Escape');
      for (let i = 0; i < 10 && (await wb.activeTabDirty()); i++) await wb.press('Control+z');
    };

    await wb.openFile(FILE);
    await arm();
    await measure('member', '  board.', true, 180_000);
    await wb.waitForTypeScriptProject();
    for (let round = 0; round < ROUNDS; round++) for (const t of TRIGGERS) await measure(t.kind, t.text(round), false, 15_000);
    // A file not opened before, in the running window (tsserver up): its first `.` right after it shows.
    await wb.runCommand('View: Close All Editors');
    await wb.openFile(OTHER_FILE);
    const other = fs.readFileSync(path.join(ses.workspace, OTHER_FILE), 'utf8').split('\n');
    await measure('member, another file', '    this.', true, 60_000, other.findIndex((l) => l.includes('this.cells = [];')) + 1);
  } finally {
    // The whole timeline (tsserver's start, the plugin's warm-up, each completion) for a slow sample.
    fs.mkdirSync(outputDir, { recursive: true });
    fs.writeFileSync(path.join(outputDir, 'bench-ghost-extension.log'), ses.extensionLog());
    await ses.close();
  }
  report(samples);
}

function report(samples: Sample[]): void {
  const rows: string[] = ['| triggers | n | p50 ms | p90 ms |', '|---|---:|---:|---:|'];
  const add = (label: string, xs: Sample[]) => {
    if (xs.length) rows.push(`| ${label} | ${xs.length} | ${Math.round(quantile(xs.map((s) => s.ms), 0.5))} | ${Math.round(quantile(xs.map((s) => s.ms), 0.9))} |`);
  };
  add('cold window (first `.` right after the window opened the file: tsserver starts)', samples.filter((s) => s.cold && s.kind === 'member'));
  add('cold file (first `.` right after opening another file in the running window)', samples.filter((s) => s.cold && s.kind !== 'member'));
  // Ghost text kept from the keystroke before (VS Code keeps a suggestion the typed character
  // continues) appears at once; those are counted apart from the ones a completion produced.
  const warm = samples.filter((s) => !s.cold && s.parts);
  add('warm, a completion ran, all kinds', warm);
  for (const kind of [...new Set(warm.map((s) => s.kind))]) add(`warm, a completion ran, ${kind}`, warm.filter((s) => s.kind === kind));
  add('warm, ghost text kept from the keystroke before', samples.filter((s) => !s.cold && !s.parts));
  const keys = [...new Set(warm.flatMap((s) => Object.keys(s.parts ?? {})))].filter((k) => k !== 'attempts');
  const withParts = warm.filter((s) => s.parts);
  const breakdown = ['| warm breakdown (median ms) | ' + keys.join(' | ') + ' | keystroke → ghost |', '|---|' + keys.map(() => '---:').join('|') + '|---:|',
    `| ${withParts.length} completions | ${keys.map((k) => String(Math.round(quantile(withParts.map((s) => s.parts![k] ?? 0), 0.5) * 10) / 10)).join(' | ')} | ${Math.round(quantile(withParts.map((s) => s.ms), 0.5))} |`];
  process.stdout.write(`${rows.join('\n')}\n\n${breakdown.join('\n')}\n`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
