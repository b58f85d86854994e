import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { logWithCode, TRACE_LEVEL, type LevelledChannel } from '../../../src/vscode/log-privacy';

// vscode.LogLevel: Trace 1, Debug 2, Info 3.
function channel(logLevel: number): LevelledChannel & { lines: string[] } {
  const lines: string[] = [];
  return {
    logLevel,
    lines,
    trace: (m) => lines.push(`[trace] ${m}`),
    debug: (m) => lines.push(`[debug] ${m}`),
    info: (m) => lines.push(`[info] ${m}`),
  };
}

const CODE = 'text="ledger.zephyrCapacity"';

test('at the default level a completion line keeps its figures and leaves the code out', () => {
  const c = channel(3);
  logWithCode(c, 'info', 'completion: 4 tokens, guided=true, monitors=dereference', CODE);
  assert.deepEqual(c.lines, ['[info] completion: 4 tokens, guided=true, monitors=dereference']);
});

test('at debug the code still stays out', () => {
  const c = channel(2);
  logWithCode(c, 'debug', 'completion detail: stop=maxTokens', 'raw="x.y"');
  logWithCode(c, 'info', 'skip: LOW_CONFIDENCE (score 0.120) at a.ts:1:1', 'raw="x.y"');
  assert.deepEqual(c.lines, ['[debug] completion detail: stop=maxTokens', '[info] skip: LOW_CONFIDENCE (score 0.120) at a.ts:1:1']);
});

test('with the level set to Trace the same line carries the code, as a trace line', () => {
  const c = channel(TRACE_LEVEL);
  logWithCode(c, 'info', 'completion: 4 tokens, guided=true, monitors=dereference', CODE);
  logWithCode(c, 'debug', 'oracle members on the real document: 0 names in 3 ms', '');
  assert.deepEqual(c.lines, [`[trace] completion: 4 tokens, guided=true, monitors=dereference, ${CODE}`, '[trace] oracle members on the real document: 0 names in 3 ms']);
});

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (name.endsWith('.ts')) yield p;
  }
}

// Text (completions, model output, generated code) reaches a log line through JSON.stringify: a
// plain log call that quotes something writes it at a level the user did not choose for code.
test('no plain log call of the extension quotes text: code goes through withCode', () => {
  const offenders: string[] = [];
  for (const dir of ['src/vscode', 'src/node']) {
    for (const file of sources(dir)) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (/\blog\.(debug|info|warn|error)\(/.test(line) && line.includes('JSON.stringify(')) offenders.push(`${file}:${i + 1}`);
      });
    }
  }
  assert.deepEqual(offenders, []);
});
