// Reads the extension's log output channel from disk. VS Code writes every `{ log: true }` channel to
// <user-data-dir>/logs/<session>/exthost<N>/<publisher.name>/<channel name>.log, which is steadier
// than scraping the Output panel (that shows only the lines in view).
import fs from 'node:fs';
import path from 'node:path';

export const LOG_CHANNEL = 'Monitor-Guided Completions';

export interface CompletionLine {
  tokens: number;
  guided: boolean;
  monitors: string;
  text: string;
  raw: string;
}

function logFiles(dir: string, out: string[] = []): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) logFiles(p, out);
    else if (name === `${LOG_CHANNEL}.log`) out.push(p);
  }
  return out;
}

/** All of the channel's text across extension-host restarts, oldest first. */
export function readExtensionLog(userDataDir: string): string {
  const files = logFiles(path.join(userDataDir, 'logs')).sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  return files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

// Contract: `completion: <n> tokens, guided=<bool>, monitors=<list>, text=<JSON string>`. The text is
// the user's code, logged only at trace: Session starts code-server with `--log trace`.
const COMPLETION = /completion: (\d+) tokens, guided=(true|false), monitors=(.*?), text=(".*")\s*$/;

export function parseCompletions(log: string): CompletionLine[] {
  const out: CompletionLine[] = [];
  for (const raw of log.split('\n')) {
    const m = COMPLETION.exec(raw);
    if (!m) continue;
    let text: string;
    try {
      text = JSON.parse(m[4]!) as string;
    } catch {
      continue;
    }
    out.push({ tokens: Number(m[1]), guided: m[2] === 'true', monitors: m[3]!, text, raw });
  }
  return out;
}

/** The plugin's answer of member names, as the extension logs it at trace: the names are group 1. */
export const PLUGIN_NAMES = /\(TypeScript plugin\): \d+ names in \d+ ms \([^)]*\), names: ([^\n]*)/;

/**
 * The completion at a trigger typed after `from` (an offset in the log): the first one logged
 * after the plugin's answer of names there. Completions of the text typed before the trigger
 * (`  s` of `  s.`) may be logged earlier: a completion starts at each keystroke.
 */
export function completionAfterAnswer(log: string, from: number): { names: string[]; completion: CompletionLine } | undefined {
  const after = log.slice(from);
  const answer = PLUGIN_NAMES.exec(after);
  if (!answer) return undefined;
  const completion = parseCompletions(after.slice(answer.index))[0];
  return completion && { names: answer[1]!.split(', '), completion };
}
