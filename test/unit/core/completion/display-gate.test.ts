import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gate, nameProbability, type GateInput, type GateStep } from '../../../../src/core/completion/display-gate';

/** A trace from [token text, probability, monitor?] triples, offsets filled in. */
function trace(...steps: [string, number, string?][]): GateStep[] {
  let offset = 0;
  return steps.map(([text, p, monitor]) => {
    const s: GateStep = { text, offset, logprob: Math.log(p), ...(monitor ? { maskedLogprob: Math.log(p), monitor } : {}) };
    offset += text.length;
    return s;
  });
}

function input(steps: GateStep[], extra: Partial<GateInput> = {}): GateInput {
  return { text: steps.map((s) => s.text).join(''), trace: steps, stopReason: 'endOfLine', monitorsOn: true, prefix: 'function f() {\n  obj.', suffix: '\n}\n', ...extra };
}

const T = { threshold: 0.4 };

// [what, input, shown text ('' = nothing shown), reason]
const cases: [string, GateInput, string, string][] = [
  ['a confident guided member is shown whole',
    input(trace(['length', 0.9, 'dereference'], [';', 0.8])), 'length;', 'SHOWN'],
  ['an unsure first member is not shown',
    input(trace(['push', 0.2, 'dereference'], ['(', 0.9], ['key', 0.5], [')', 0.9])), '', 'LOW_CONFIDENCE'],
  ['a name over several tokens multiplies their probabilities',
    input(trace(['get', 0.8, 'dereference'], ['All', 0.4, 'dereference'], ['()', 0.9])), '', 'LOW_CONFIDENCE'],
  ['the language service did not answer at the cursor: nothing unguided is shown, whatever the confidence',
    input([{ ...trace(['length', 0.99])[0]!, unguided: true }]), '', 'UNGUIDED_AT_TRIGGER'],
  ['a later unanswered step cuts the text before it, with its dot',
    input((() => { const s = trace(['items', 0.9, 'dereference'], ['.', 0.9], ['foo', 0.9], ['()', 0.9]); s[2] = { ...s[2]!, unguided: true }; return s; })()), 'items', 'SHOWN'],
  ['a member chain stops before the first unsure link',
    input(trace(['circumference', 0.7, 'dereference'], ['.', 0.9], ['bind', 0.1, 'dereference'], ['.', 0.9], ['name', 0.3, 'dereference'])), 'circumference', 'SHOWN'],
  ['a member chain of sure links goes on',
    input(trace(['parent', 0.7, 'dereference'], ['.', 0.9], ['children', 0.8, 'dereference'], [';', 0.9])), 'parent.children;', 'SHOWN'],
  ['a loop of members is cut after its first turn',
    input(trace(['stockQuirkyGadget', 0.9, 'dereference'], ['.', 0.9], ['caller', 0.9, 'dereference'], ['.', 0.9], ['g', 0.9, 'dereference'], ['.', 0.9], ['g', 0.9, 'dereference'], ['.', 0.9], ['g', 0.9, 'dereference'])), 'stockQuirkyGadget.caller.g', 'SHOWN'],
  ['a stutter is cut, and the comma it leaves at the end of a statement with it',
    input(trace(['splonkHarmonics', 0.9, 'dereference'], [', bbbbb, bbbb, bbb', 0.9])), 'splonkHarmonics', 'SHOWN'],
  ['a comma that ends a statement goes',
    input(trace(['length', 0.9, 'dereference'], [',', 0.9]), { prefix: 'function f() {\n  const n = list.' }), 'length', 'SHOWN'],
  ['a comma after an argument stays',
    input(trace(['length', 0.9, 'dereference'], [',', 0.9]), { prefix: 'function f() {\n  g(list.' }), 'length,', 'SHOWN'],
  ['a comma after an object literal\'s entry stays',
    input(trace(['length', 0.9, 'dereference'], [',', 0.9]), { prefix: 'function f() {\n  const o = {\n    n: list.' }), 'length,', 'SHOWN'],
  ['a run of directive comments is cut',
    input(trace(['reset', 0.9, 'dereference'], ['(\n', 0.9], ['// @ts-expect-error\n', 0.9], ['// @ts-expect-error\n', 0.9]), { text: 'reset(\n// @ts-expect-error\n// @ts-expect-error', prefix: '  board.', suffix: '\n' }), 'reset(', 'SHOWN'],
  ['an unbalanced closer and what follows go',
    input(trace(['m2', 0.9, 'dereference'], ['(', 0.9], ['a', 0.9], ['))', 0.9]), { prefix: 'function f(a) {\n  q.m(2).' }), 'm2(a)', 'SHOWN'],
  ['a name the file never mentions, written where a monitor did not choose it, goes with what follows',
    input(trace(['m2', 0.9, 'dereference'], ['(', 0.9], ['a', 0.9], [')', 0.9]), { prefix: 'function f() {\n  q.m(2).' }), 'm2(', 'SHOWN'],
  ['a call of a member the service knows no call for goes; the member stays',
    input((() => { const s = trace(['x', 0.9, 'dereference'], ['(', 0.9], ['value', 0.9], [');', 0.9]); s[2] = { ...s[2]!, noSignature: true }; return s; })(), { prefix: 'function f(value) {\n  const o = origin.' }), 'x', 'SHOWN'],
  ['the same further down a member chain',
    input((() => { const s = trace(['items', 0.9, 'dereference'], ['.', 0.9], ['size', 0.9, 'dereference'], ['()', 0.9], [';', 0.9]); s[3] = { ...s[3]!, noSignature: true }; return s; })()), 'items.size', 'SHOWN'],
  ['a `(` with no signature after a name no monitor chose stays (an `any` value, a keyword)',
    input((() => { const s = trace(['length', 0.9, 'dereference'], [' && ', 0.9], ['go', 0.9], ['()', 0.9]); s[3] = { ...s[3]!, noSignature: true }; return s; })(), { prefix: 'function f(go) {\n  list.' }), 'length && go()', 'SHOWN'],
  ['a copy of the line above is dropped',
    input(trace(['push', 0.9, 'dereference'], ['(item);', 0.9]), { prefix: 'function f() {\n  list.push(item);\n  list.' }), '', 'NOTHING_LEFT'],
  ['the enum itself as a case label is dropped',
    input(trace(['E', 0.9, 'switchCase'], [':', 0.9]), { prefix: 'switch (k) {\n  case ' }), '', 'NOTHING_LEFT'],
  ['an enum member as a case label is shown',
    input(trace(['E', 0.9, 'switchCase'], ['.', 0.9], ['A', 0.9, 'dereference'], [':', 0.9]), { prefix: 'switch (k) {\n  case ' }), 'E.A:', 'SHOWN'],
  ['a case label asked for before the space after `case`: the label stays, what goes on after it goes',
    input(trace([' ', 0.9], ['Kind', 0.9, 'switchCase'], ['.', 0.9], ['Round', 0.9, 'dereference'], [' = 0; }', 0.9]), { prefix: 'switch (kind) { case' }), ' Kind.Round', 'SHOWN'],
  ['an empty object-keys suggestion (punctuation only) is dropped',
    input(trace(['\n', 0.9], ['}', 0.9]), { text: '}', prefix: 'const o: T = {', suffix: '\n' }), '', 'NOTHING_LEFT'],
  ['a name cut off by the token limit goes with its dot',
    input(trace(['items', 0.9, 'dereference'], ['.', 0.9], ['leng', 0.9, 'dereference']), { stopReason: 'maxTokens' }), 'items', 'SHOWN'],
  ['without monitors the confidence comes from the whole distribution and nothing is withheld for guidance',
    input(trace(['value', 0.6]), { monitorsOn: false }), 'value', 'SHOWN'],
];

for (const [what, inp, shown, reason] of cases) {
  test(`gate: ${what}`, () => {
    const d = gate(inp, T);
    assert.equal(d.text, shown, JSON.stringify(d));
    assert.equal(d.show, shown !== '');
    assert.equal(d.reason, reason);
  });
}

test('gate: after a name the editor chose, only the links that follow are judged', () => {
  const steps = trace(['(', 0.9], [')', 0.9], ['.', 0.9], ['then', 0.2, 'dereference']);
  const d = gate(input(steps, { startGiven: true, prefix: 'function f() {\n  p.fetch' }), T);
  assert.deepEqual([d.show, d.text, d.score], [true, '()', 1]);
});

test('gate: retry is asked for only when the cursor trigger went unanswered', () => {
  const unanswered = trace(['length', 0.9]);
  assert.equal(gate(input([{ ...unanswered[0]!, unguided: true }]), T).retry, true);
  assert.equal(gate(input(trace(['length', 0.1, 'dereference'])), T).retry, false);
});

test('gate: the threshold trades shown completions for precision', () => {
  const inp = input(trace(['length', 0.45, 'dereference']));
  assert.equal(gate(inp, { threshold: 0.4 }).show, true);
  assert.equal(gate(inp, { threshold: 0.5 }).show, false);
  assert.equal(gate(inp, { threshold: 0.5 }).candidate, 'length', 'the candidate is what a lower threshold would show');
});

test('nameProbability: tokens overlapping the name count, a token shared with a space too', () => {
  const steps = trace([' foo', 0.5], ['Bar', 0.5], ['(', 0.1]);
  assert.ok(Math.abs(nameProbability(steps, 1, 7) - 0.25) < 1e-9);
  assert.equal(nameProbability([], 0, 3), 1);
});
