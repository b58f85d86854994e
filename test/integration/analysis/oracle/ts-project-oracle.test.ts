import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TsProjectOracle } from '../../../../src/analysis/oracle/ts-project-oracle';
import type { Around, CompletionAnswer, OracleQuery, QueryKind, SignatureAnswer } from '../../../../src/core/ports';

const projectDir = join(import.meta.dirname, '../../../fixtures/analysis/shop');
const file = 'src/main.ts';
const onDisk = readFileSync(join(projectDir, file), 'utf8');
const oracle = new TsProjectOracle({ projectDir, file });

// The cursor goes at the start of the `const total` line: prefix + generated + suffix is the file
// with the generated text inserted there.
const at = onDisk.indexOf('  const total');
const around: Around = { prefix: onDisk.slice(0, at), suffix: `\n${onDisk.slice(at)}` };
const q = (generated: string, kind: QueryKind = 'members', triggerCharacter: string | undefined = '.'): OracleQuery => ({ kind, generated: `  ${generated}`, triggerCharacter });
/** The answer's value; undefined when the oracle had none. */
async function ask<T = CompletionAnswer>(o: TsProjectOracle, query: OracleQuery, at: Around = around): Promise<T | undefined> {
  const a = await o.answer(query, at);
  return a.status === 'answered' ? (a.value as T) : undefined;
}
const names = async (generated: string): Promise<string[]> => {
  const a = await ask(oracle, q(generated));
  assert.ok(a, `no answer after ${generated}`);
  assert.equal(a.semantic, true);
  return a.names.map((n) => n.name).sort();
};

test('members of a class from a relative import, without its private field', async () => {
  const ns = await names('a.');
  assert.deepEqual(ns, ['balance', 'deposit', 'owner', 'withdrawAll']);
  const a = await ask(oracle, q('a.'));
  assert.equal(a!.names.find((n) => n.name === 'deposit')!.kind, 'method');
  assert.equal(a!.names.find((n) => n.name === 'owner')!.kind, 'property');
});

test('generics: Box<Account>.value is an Account, map() changes the type argument', async () => {
  assert.deepEqual(await names('box.value.'), ['balance', 'deposit', 'owner', 'withdrawAll']);
  const ns = await names('box.map((x) => x.owner).value.');
  assert.ok(ns.includes('toUpperCase') && !ns.includes('deposit'));
});

test('chained calls: a method returning this, then a string property', async () => {
  assert.deepEqual(await names('a.deposit(1).deposit(2).'), ['balance', 'deposit', 'owner', 'withdrawAll']);
  const ns = await names('a.deposit(1).owner.');
  assert.ok(ns.includes('padStart') && ns.includes('length'));
});

test('a type from a dependency in node_modules', async () => {
  assert.deepEqual(await names('m.'), ['add', 'amount', 'currency']);
  assert.deepEqual(await names('m.add(m).'), ['add', 'amount', 'currency']);
});

test('a value that may be undefined still has its members listed (TypeScript offers them as `?.name`)', async () => {
  assert.deepEqual(await names('(m.amount > 0 ? a : undefined).'), ['balance', 'deposit', 'owner', 'withdrawAll']);
});

test('any and unknown names give no answer, so nothing gets constrained', async () => {
  assert.equal(await ask(oracle, q('loose.')), undefined);
});

test('keywords are dropped from a non-member question', async () => {
  const a = await ask(oracle, q('', 'members', undefined));
  assert.ok(a && a.names.some((n) => n.name === 'box'));
  assert.ok(!a.names.some((n) => n.kind === 'keyword' || n.name === 'const'));
});

test('signature help: required and optional arguments, rest parameters', async () => {
  const d = await ask<SignatureAnswer>(oracle, q('a.deposit(', 'signature', '('));
  assert.deepEqual(d, { overloads: [{ min: 1, max: 2 }], activeArgument: 0 });
  const f = await ask<SignatureAnswer>(oracle, q('formatMoney(m, ', 'signature', ','));
  assert.deepEqual(f, { overloads: [{ min: 1, max: Infinity }], activeArgument: 1 });
});

test('the generated text stays in memory: the file on disk is untouched, timings are recorded', async () => {
  await names('a.');
  assert.equal(readFileSync(join(projectDir, file), 'utf8'), onDisk);
  const s = oracle.stats();
  assert.ok(s.queries > 0 && s.ms.every((x) => x >= 0));
});

test('an aborted query answers nothing', async () => {
  const ac = new AbortController();
  ac.abort();
  assert.deepEqual(await oracle.answer({ ...q('a.'), signal: ac.signal }, around), { status: 'noAnswer', reason: 'cancelled' });
});

// The cursor at the start of the `if (note)` line inside Account.deposit: the suffix is the rest of
// the real file, written to follow the prefix. Generated text that opens a block (as any replay of
// real code does, byte by byte) must not swallow the members declared after the method.
const accountFile = 'src/account.ts';
const accountText = readFileSync(join(projectDir, accountFile), 'utf8');
const inDeposit = accountText.indexOf('    if (note)');
const accountOracle = new TsProjectOracle({ projectDir, file: accountFile });
const thisMembers = async (generated: string): Promise<string[]> => {
  const a = await ask(accountOracle, { kind: 'members', generated, triggerCharacter: '.' }, { prefix: accountText.slice(0, inDeposit), suffix: accountText.slice(inDeposit) });
  assert.ok(a, `no answer after ${generated}`);
  return a.names.map((n) => n.name).sort();
};

test('members declared after the method stay listed while the generated text has blocks open', async () => {
  const all = ['balance', 'cents', 'deposit', 'owner', 'withdrawAll'];
  assert.deepEqual(await thisMembers('this.'), all);
  assert.deepEqual(await thisMembers('if (note) {\n      this.'), all);
  assert.deepEqual(await thisMembers('try {\n      f(note, [1, () => {\n        this.'), all);
  assert.deepEqual(await thisMembers('const s = `${note} ${this.'), all);
  assert.equal(readFileSync(join(projectDir, accountFile), 'utf8'), accountText);
});

test('case labels: a switch over a union of string literals allows those literals, in either quote style', async () => {
  const generated = "const size = Math.random() > 0.5 ? ('S' as const) : ('M' as const);\n  switch (size) {\n    case ";
  const a = await ask(oracle, q(generated, 'caseLabels', undefined));
  assert.ok(a, 'an answer');
  assert.deepEqual(a.names.map((n) => n.name).sort(), ['"M"', '"S"', "'M'", "'S'"]);
  assert.ok(a.names.every((n) => n.kind === 'literal'));
});
