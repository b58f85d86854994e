// The member guarantee at the cursor: whitespace or a newline between the dot and the cursor
// (`obj.\n  |` is a member access) keeps the name position. Before, such a prefix left the first
// tokens unconstrained while the completion still counted as guided, and the model wrote a doc
// comment (`* @param`) after the dot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode } from '../../../../src/core/decoding/decode';
import { DereferenceMonitor } from '../../../../src/core/monitors/dereference-monitor';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';
import { TokenIndex } from '../../../../src/core/tokens/token-index';
import { FakeOracle, FakeTokenizer, members, ScriptedModel, SPECIAL } from '../../support/fakes';

const tok = new FakeTokenizer([SPECIAL, '.', '\n', ' ', '  ', ' *', ' @', 'param', 'length', 'push', 'pu', 'sh', '(', ')', ';', '.\n', 'x']);
const index = TokenIndex.build(tok, languageSpecFor('typescript'));

async function complete(prefix: string, script: string[][], mode: 'line' | 'block' = 'line') {
  const model = new ScriptedModel(tok, script);
  const oracle = new FakeOracle((t) => (/\.\s*(pu)?$/.test(t) ? members('length', 'push') : undefined));
  const r = await decode(model, index, oracle, {
    promptIds: [1], context: { prefix, suffix: '\n' }, monitors: [new DereferenceMonitor()],
    sampling: { temperature: 0 }, stop: { maxTokens: 4, mode }, oracleTimeoutMs: 200,
  });
  return { r, oracle };
}

// The model wants to open a doc comment after the dot; only a member may follow.
const docComment = [['\n', ' *', 'x'], [' *'], [' @'], ['param']];

for (const prefix of ['obj.', 'obj. ', 'obj.\n', 'obj.\n  ', 'obj.\r\n\t', 'obj.\n  pu']) {
  test(`after ${JSON.stringify(prefix)} the completion starts with a member, whatever the model wanted`, async () => {
    const { r, oracle } = await complete(prefix, docComment);
    const expected = prefix.endsWith('pu') ? 'sh' : 'length';
    assert.ok(r.text.startsWith(expected), `got ${JSON.stringify(r.text)}`);
    assert.equal(r.trace[0]!.monitor, 'dereference');
    assert.equal(r.guided, true);
    assert.equal(oracle.queries.length, 1);
    assert.equal(oracle.queries[0]!.generated, '');
  });
}

test('a dot followed by a newline inside one token keeps the name position on the next line', async () => {
  const { r } = await complete('obj', [['.\n'], ['  ', 'x'], ['x', 'push']], 'block');
  assert.equal(r.text.startsWith('.\n'), true);
  assert.match(r.text, /^\.\n(length|push)/);
});

test('a comment after the dot is not a name position the cursor can be in: left unconstrained, and said so by no monitor step', async () => {
  const { r } = await complete('obj. // note\n', [['x'], ['\n']]);
  assert.equal(r.trace[0]!.monitor, undefined);
});
