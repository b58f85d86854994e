import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestFor, textAround, type CompletionSettings } from '../../../../src/core/completion/request';
import { normalise, promptingChoice } from '../../../../src/core/completion/settings';

const settings: CompletionSettings = { maxTokens: 48, temperature: 0, multiline: 'auto', monitors: ['dereference'], languageServiceTimeoutMs: 400 };

test('a request splits the document at the cursor and carries every setting', () => {
  const text = 'const a = 1;\nconst b = a.\nfoo();\n';
  const offset = text.indexOf('a.') + 2;
  assert.deepEqual(requestFor({ ...settings, prompting: 'fim', seed: 3 }, { text, languageId: 'typescript' }, offset), {
    prefix: 'const a = 1;\nconst b = a.',
    suffix: '\nfoo();\n',
    languageId: 'typescript',
    maxTokens: 48,
    temperature: 0,
    mode: 'line',
    monitors: ['dereference'],
    oracleTimeoutMs: 400,
    prompting: 'fim',
    seed: 3,
  });
});

test('the completion mode follows the multiline setting and the cursor line', () => {
  const text = 'function f() {\n\n}\n';
  const onEmptyLine = text.indexOf('\n\n') + 1;
  assert.equal(requestFor(settings, { text, languageId: 'typescript' }, onEmptyLine).mode, 'block');
  assert.equal(requestFor({ ...settings, multiline: 'never' }, { text, languageId: 'typescript' }, onEmptyLine).mode, 'line');
  assert.equal(requestFor({ ...settings, multiline: 'always' }, { text, languageId: 'typescript' }, 3).mode, 'block');
  // A line break of a Windows file is not text after the cursor.
  assert.equal(requestFor(settings, { text: 'if (x) {\r\n}\r\n', languageId: 'typescript' }, 8).mode, 'block');
});

test('an item being accepted from the suggest list counts as typed and replaces its range', () => {
  const text = 'obj.wr + 1';
  const at = textAround(text, { offset: 6, accepting: { start: 4, end: 6, text: 'write' } });
  assert.deepEqual(at, { prefix: 'obj.write', suffix: ' + 1', linePrefix: 'obj.write', lineSuffix: ' + 1' });
});

test('settings from a hand-edited file fall back to their defaults or are clamped', () => {
  assert.equal(normalise('maxTokens', 'many'), 48);
  assert.equal(normalise('maxTokens', 10_000), 512);
  assert.equal(normalise('temperature', 0.25), 0.25);
  assert.equal(normalise('multiline', 'sometimes'), 'auto');
  assert.deepEqual(normalise('monitors', ['arguments', 'nope', 'arguments']), ['arguments']);
  assert.equal(normalise('model', '  '), 'bundled');
  assert.equal(normalise('enable', 'no'), true);
  assert.equal(promptingChoice(normalise('prompting', 'left-to-right')), 'left-to-right');
  assert.equal(promptingChoice(normalise('prompting', 'sideways')), undefined);
});
