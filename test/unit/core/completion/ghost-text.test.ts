// The provider's decision with a fake editor context: what the inline item carries with the suggest
// list open (its selected item) and closed, after post-processing and the display gate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionStart, ghostText } from '../../../../src/core/completion/ghost-text';
import type { GateStep } from '../../../../src/core/completion/display-gate';

const doc = 'function f(list: number[]) {\n  list.\n}\n';
const cursor = doc.indexOf('list.') + 'list.'.length;

function steps(...parts: [string, number, string?][]): GateStep[] {
  let offset = 0;
  return parts.map(([text, p, monitor]) => {
    const s = { text, offset, logprob: Math.log(p), ...(monitor ? { monitor, maskedLogprob: Math.log(p) } : {}) };
    offset += text.length;
    return s;
  });
}
const gen = (trace: GateStep[], stopReason = 'endOfLine') => ({ text: trace.map((s) => s.text).join(''), trace, stopReason });
const opts = { mode: 'line' as const, monitorsOn: true, threshold: 0.45 };

test('list closed: the completion starts at the cursor and the item carries what the gate shows', () => {
  const at = completionStart(doc, cursor);
  assert.equal(at.prefix, doc.slice(0, cursor));
  assert.deepEqual([at.replaceStart, at.replaceEnd, at.lead, at.linePrefix], [cursor, cursor, '', '  list.']);
  const v = ghostText(gen(steps(['push', 0.8, 'dereference'], ['(1);', 0.9])), at, opts);
  assert.equal(v.itemText, 'push(1);');
});

test('list open on `push`: the completion continues the selected item, and the item replaces its range with it', () => {
  // After `list.` with nothing typed, the selected item's range is empty at the cursor.
  const at = completionStart(doc, cursor, { start: cursor, end: cursor, text: 'push' });
  assert.ok(at.prefix.endsWith('list.push'));
  assert.equal(at.linePrefix, '  list.push');
  const v = ghostText(gen(steps(['(', 0.9], ['1', 0.2], [');', 0.9])), at, opts);
  assert.equal(v.itemText, 'push(1);', 'ghost text must extend the selected item for VS Code to show it');
  assert.equal(v.decision.score, 1, 'the editor chose the name: its probability is not the model\'s to judge');
});

test('list open after typing `pu`: the item\'s range covers the typed text, the suffix starts after it', () => {
  const typed = doc.slice(0, cursor) + 'pu' + doc.slice(cursor);
  const at = completionStart(typed, cursor + 2, { start: cursor, end: cursor + 2, text: 'push' });
  assert.ok(at.prefix.endsWith('list.push'));
  assert.equal(at.suffix, '\n}\n');
  assert.deepEqual([at.replaceStart, at.replaceEnd], [cursor, cursor + 2]);
});

test('list open: an unsure link after the selected item is cut, the item alone is not repeated as ghost text', () => {
  const at = completionStart(doc, cursor, { start: cursor, end: cursor, text: 'length' });
  const v = ghostText(gen(steps(['.', 0.9], ['toFixed', 0.1, 'dereference'], ['()', 0.9])), at, opts);
  assert.equal(v.itemText, undefined);
  assert.equal(v.decision.reason, 'NOTHING_LEFT');
});

test('list closed: an unsure first member is not shown; a trigger the language service did not answer asks for a retry', () => {
  const at = completionStart(doc, cursor);
  assert.equal(ghostText(gen(steps(['push', 0.1, 'dereference'], ['(1);', 0.9])), at, opts).itemText, undefined);
  const unanswered = steps(['push', 0.9], ['(key)', 0.9]);
  const v = ghostText(gen([{ ...unanswered[0]!, unguided: true }, unanswered[1]!]), at, opts);
  assert.equal(v.itemText, undefined);
  assert.equal(v.decision.retry, true);
});

test('post-processing runs before the gate: an auto-closed bracket after the cursor is not typed twice', () => {
  const d2 = 'f(list.)\n';
  const c2 = d2.indexOf('.') + 1;
  const v = ghostText(gen(steps(['length', 0.9, 'dereference'], [')', 0.9])), completionStart(d2, c2), opts);
  assert.equal(v.itemText, 'length');
});
