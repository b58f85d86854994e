import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countIdentifiers, memberKey, pairKey, receiverBeforeDot } from '../../../../src/core/statistics/identifier-scan';
import { FileContext } from '../../../../src/core/statistics/file-context';
import { ProjectStatistics } from '../../../../src/core/statistics/project-statistics';

test('identifiers, member pairs and member uses are counted; numbers are no names', () => {
  const c = countIdentifiers('const a = obj.push(x); obj?.push(0x1F, 1e5);\nobj\n  .pop();');
  assert.equal(c.get('obj'), 3);
  assert.equal(c.get('push'), 2);
  assert.equal(c.get(pairKey('obj', 'push')), 2);
  assert.equal(c.get(pairKey('obj', 'pop')), 1);
  assert.equal(c.get(memberKey('push')), 2);
  assert.equal(c.get('x1F'), undefined);
  assert.equal(c.get('e5'), undefined);
  assert.equal(receiverBeforeDot('  this.items.'), 'items');
  assert.equal(receiverBeforeDot('foo?.ba'), 'foo');
  assert.equal(receiverBeforeDot('(a + b).'), undefined);
});

test('the project index adds, replaces and removes files, and leaves one file out on request', () => {
  const s = new ProjectStatistics();
  s.set('a.ts', 'x.push(1); x.push(2);');
  s.set('b.ts', 'y.push(3);');
  assert.equal(s.count('push'), 3);
  assert.equal(s.count(pairKey('x', 'push')), 2);
  assert.equal(s.count('push', 'a.ts'), 1);
  assert.equal(s.without('a.ts')('push'), 1);
  assert.equal(s.without(undefined)('push'), 3);
  s.set('a.ts', 'x.pop();');
  assert.equal(s.count('push'), 1);
  assert.equal(s.count('pop'), 1);
  s.delete('b.ts');
  assert.equal(s.count('push'), 0);
  assert.equal(s.fileCount, 1);
  assert.equal(s.count('never'), 0);
});

test('the project index is bounded: large files, too many files and too many keys', () => {
  const s = new ProjectStatistics({ maxFiles: 2, maxFileChars: 100, maxKeys: 6 });
  assert.equal(s.set('big.ts', 'x '.repeat(60)), 'tooLarge');
  assert.equal(s.set('a.ts', 'a b c'), 'indexed');
  assert.equal(s.set('b.ts', 'd e f g h'), 'indexed');
  assert.equal(s.set('c.ts', 'i'), 'tooManyFiles');
  assert.equal(s.keyCount, 6);
  assert.equal(s.count('d'), 1);
  assert.equal(s.count('g'), 0, 'keys past the cap are not counted');
  // Replacing a file that grew too large drops it.
  assert.equal(s.set('a.ts', 'a '.repeat(60)), 'tooLarge');
  assert.equal(s.count('a'), 0);
  assert.ok(s.approximateBytes() > 0);
});

test('the file context counts before and after the cursor and follows the generated text', () => {
  const f = new FileContext('a.x(); b.y();\nlet q = b.', '\nc.z(); a.x();');
  assert.equal(f.before('x'), 1);
  assert.equal(f.after('x'), 1);
  assert.equal(f.before(pairKey('b', 'y')), 1);
  assert.ok(f.lastUse('b') > f.lastUse('a'));
  assert.equal(f.lastUse('z'), -1);
  f.setGenerated('y(); a.w');
  assert.equal(f.before(pairKey('b', 'y')), 2);
  assert.equal(f.before('w'), 1);
  assert.ok(f.lastUse('a') > f.lastUse('b'));
  f.setGenerated('');
  assert.equal(f.before('w'), 0);
});
