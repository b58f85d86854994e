import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SuggestionMemory } from '../../../../src/core/completion/suggestion-memory';

test('typing through a suggestion returns its rest; anything else misses', () => {
  const m = new SuggestionMemory();
  m.remember({ docKey: 'a.ts', prefix: 'x.', suffix: '\n', text: 'balance;' });
  assert.equal(m.lookup('a.ts', 'x.', '\n'), 'balance;');
  assert.equal(m.lookup('a.ts', 'x.bal', '\n'), 'ance;');
  assert.equal(m.lookup('a.ts', 'x.bax', '\n'), undefined, 'typed something else');
  assert.equal(m.lookup('a.ts', 'x.balance;', '\n'), undefined, 'accepted in full: a new completion is due');
  assert.equal(m.lookup('b.ts', 'x.bal', '\n'), undefined, 'other document');
  assert.equal(m.lookup('a.ts', 'x.bal', ')\n'), undefined, 'suffix changed');
  assert.equal(m.lookup('a.ts', 'y.bal', '\n'), undefined, 'prefix edited before the cursor');
  m.clear();
  assert.equal(m.lookup('a.ts', 'x.', '\n'), undefined);
});

test('an older suggestion is still found after a newer one elsewhere; capacity bounds the memory', () => {
  const m = new SuggestionMemory(2);
  m.remember({ docKey: 'a.ts', prefix: 'x.', suffix: '', text: 'alpha' });
  m.remember({ docKey: 'a.ts', prefix: 'y.', suffix: '', text: 'beta' });
  assert.equal(m.lookup('a.ts', 'x.al', ''), 'pha');
  m.remember({ docKey: 'a.ts', prefix: 'z.', suffix: '', text: 'gamma' });
  assert.equal(m.lookup('a.ts', 'x.al', ''), undefined, 'evicted');
  assert.equal(m.lookup('a.ts', 'y.', ''), 'beta');
});

test('a hit returns what the caller stored with the suggestion', () => {
  const m = new SuggestionMemory<{ guided: boolean }>();
  m.remember({ docKey: 'a.ts', prefix: 'x.', suffix: '', text: 'alpha', meta: { guided: true } });
  assert.deepEqual(m.find('a.ts', 'x.a', ''), { rest: 'lpha', meta: { guided: true } });
});
