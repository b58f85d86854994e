import ts from 'typescript';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importSpecifiers } from '../../../../src/tsplugin/questions/import-specifiers';
import { decode } from '../../../../src/core/decoding/decode';
import { ImportSpecifierMonitor } from '../../../../src/core/monitors/import-specifier-monitor';
import { ObjectKeysMonitor } from '../../../../src/core/monitors/object-keys-monitor';
import type { Monitor } from '../../../../src/core/monitors/monitor';
import type { CompletionAnswer } from '../../../../src/core/ports';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';
import { TokenIndex } from '../../../../src/core/tokens/token-index';
import { FakeOracle, FakeTokenizer, ScriptedModel, SPECIAL } from '../../support/fakes';
import { cursor, serviceOf } from '../../support/ts-program';

const VOCAB = [SPECIAL, 'import', ' {', ' ', 'alpha', 'beta', 'zeta', ',', ' }', '}', ' type', ' Gamma', 'al', 'pha', ' alpha', ' zeta', ' beta'];
const tok = new FakeTokenizer(VOCAB);
const index = TokenIndex.build(tok, languageSpecFor('typescript'));

const exportsOf: CompletionAnswer = {
  semantic: true,
  names: [{ name: 'alpha', kind: 'function' }, { name: 'beta', kind: 'constant' }, { name: 'Gamma', kind: 'interface' }, { name: 'type', kind: 'keyword' }],
};

function run(prefix: string, script: string[][], monitors: Monitor[] = [new ImportSpecifierMonitor()]) {
  const oracle = new FakeOracle((_t, q) => (q.kind === 'importSpecifiers' ? exportsOf : undefined));
  const result = decode(new ScriptedModel(tok, script), index, oracle, {
    promptIds: [1], context: { prefix, suffix: " } from './mod';\n" }, monitors, sampling: { temperature: 0 }, stop: { maxTokens: 8, mode: 'line' }, oracleTimeoutMs: 200,
  });
  return { oracle, result };
}

test('inside `import {`: only exported names, after whitespace; `type` may lead', async () => {
  const { result, oracle } = run('', [['import'], [' {'], [' zeta', ' alpha'], [','], [' zeta', ' type'], [' Gamma']]);
  const r = await result;
  assert.equal(r.text, 'import { alpha, type Gamma');
  assert.equal(oracle.queries[0]!.kind, 'importSpecifiers');
  assert.equal(oracle.queries[0]!.triggerCharacter, '{');
  assert.equal(oracle.queries[1]!.kind, 'importSpecifiers');
  assert.equal(oracle.queries[1]!.triggerCharacter, ',');
  assert.deepEqual(r.trace[2]!.wanted, { tokenId: tok.id(' zeta'), text: ' zeta' });
  assert.equal(r.trace[2]!.monitor, 'importSpecifier');
});

test('the cursor inside existing braces; the object-keys monitor leaves import braces alone', async () => {
  const r = await run('import {', [[' zeta', ' beta']]).result;
  assert.equal(r.text, ' beta');
  const keys = await run('import {', [[' zeta']], [new ObjectKeysMonitor()]).result;
  assert.equal(keys.text, ' zeta');
});

test('the checker\'s answer: exports not imported yet; none without a module', () => {
  const mod = 'export function alpha() {}\nexport const beta = 1;\nexport interface Gamma {}\n';
  const ask = (src: string) => {
    const { text, pos } = cursor(src);
    return importSpecifiers(ts, serviceOf({ '/p/main.ts': text, '/p/mod.ts': mod }), '/p/main.ts', pos)?.names.map((n) => n.name).sort();
  };
  assert.deepEqual(ask("import { | } from './mod';"), ['Gamma', 'alpha', 'beta', 'type']);
  assert.deepEqual(ask("import { alpha, | } from './mod';"), ['Gamma', 'beta', 'type']);
  assert.deepEqual(ask('import { |'), [], 'no module named yet');
  assert.deepEqual(ask("import { | } from './missing';"), []);
});
