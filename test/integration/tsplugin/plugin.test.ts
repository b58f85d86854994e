// The extension's TypeScript server plugin in a real tsserver (the pinned `typescript`): every kind
// of question the monitors ask, over the user's file plus generated text that exists nowhere else,
// in a project whose tsconfig has `paths` and `lib`. Nothing is written and the project the user
// works in does not change.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ASK_COMMAND, PING_COMMAND, WARM_COMMAND, type AskArgs, type AskResponse, type WarmResponse } from '../../../src/tsplugin/protocol';
import { TsServer } from './tsserver-client';

const fixture = path.resolve(__dirname, '..', '..', 'fixtures', 'tsplugin-workspace');

function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${path.relative(dir, p)} ${fs.statSync(p).size}`);
    }
  };
  walk(dir);
  return out.sort();
}

describe('tsserver plugin', () => {
  let server: TsServer;
  let root: string;
  let main: string;
  let text: string;
  let cursor: number;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mgd-tsplugin-'));
    fs.cpSync(fixture, root, { recursive: true });
    main = path.join(root, 'src', 'main.ts');
    text = fs.readFileSync(main, 'utf8');
    cursor = text.indexOf('\n\n  return') + 1;
    server = new TsServer();
    await server.notify('open', { file: main, fileContent: text, projectRootPath: root });
  });
  after(() => {
    server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  // The monitor's trigger as the query it asks.
  const queries: Record<string, Pick<AskArgs, 'kind' | 'triggerCharacter'>> = {
    '.': { kind: 'members', triggerCharacter: '.' }, 'new ': { kind: 'constructibleNames' }, 'case ': { kind: 'caseLabels' },
    '{': { kind: 'objectKeys', triggerCharacter: '{' }, '(': { kind: 'signature', triggerCharacter: '(' }, 'import ,': { kind: 'importSpecifiers', triggerCharacter: ',' },
  };
  async function ask(generated: string, trigger: string, extra: Partial<AskArgs> = {}): Promise<AskResponse> {
    const args: AskArgs = { file: main, offset: cursor, documentLength: text.length, generated, ...queries[trigger]!, ...extra };
    const r = await server.request(ASK_COMMAND, args);
    assert.ok(r.success, r.message);
    return r.body as AskResponse;
  }
  const names = (r: AskResponse): string[] => {
    assert.equal(r.status, 'answered', JSON.stringify(r));
    return r.status === 'answered' ? (r.completion?.names ?? []).map((n) => n.name).sort() : [];
  };

  it('answers a ping once the project has loaded', async () => {
    const r = await server.request(PING_COMMAND);
    assert.ok(r.success, r.message);
    assert.deepEqual(Object.keys(r.body as object).sort(), ['ready', 'typescript']);
  });

  it('members after a dot in generated text, through a `paths` alias', async () => {
    const got = names(await ask('  s.', '.'));
    for (const m of ['label', 'options', 'spinQuarterTurn', 'wobbleAmplitude']) assert.ok(got.includes(m), `${m} in ${got.join(', ')}`);
    assert.ok(!got.includes('hiddenTorque'), 'a private member is not legal here');
  });

  it('a chain inside generated text', async () => {
    const got = names(await ask('  s.label.', '.'));
    assert.ok(got.includes('toUpperCase') && got.includes('padStart'), got.join(', '));
    assert.ok(!got.includes('wobbleAmplitude'));
  });

  it('constructible names after `new`, from the project\'s `lib` (no DOM)', async () => {
    const got = names(await ask('  const g = new ', 'new '));
    for (const n of ['Sprocket', 'Map', 'Promise']) assert.ok(got.includes(n), `${n} in ${got.join(', ')}`);
    // `g` is being declared: using it here is error 2448, whatever its (still `any`) type.
    for (const n of ['isNaN', 'parseInt', 'run', 'HTMLElement', 'isSecureContext', 'g']) assert.ok(!got.includes(n), `${n} is not constructible here`);
  });

  it('case labels of a switch over an enum', async () => {
    assert.deepEqual(names(await ask('  switch (gear) {\n    case ', 'case ')), ['Gear']);
  });

  it('object-literal keys from the contextual type', async () => {
    assert.deepEqual(names(await ask('  new Sprocket({ ', '{')), ['polishLevel', 'teethCount']);
  });

  it('signature help inside a call in generated text', async () => {
    const r = await ask('  s.spinQuarterTurn(', '(');
    assert.equal(r.status, 'answered');
    assert.deepEqual(r.status === 'answered' && r.signature, { overloads: [{ min: 1, max: 2 }], activeArgument: 0 });
  });

  it('import specifiers the line does not import yet, through the alias', async () => {
    const at = text.indexOf('Sprocket }') + 'Sprocket'.length;
    const r = await ask(', ', 'import ,', { offset: at });
    assert.equal(r.status, 'answered');
    const got = r.status === 'answered' ? (r.completion?.names ?? []).filter((n) => n.kind !== 'keyword').map((n) => n.name).sort() : [];
    assert.deepEqual(got, ['AbstractGizmo', 'SprocketOptions', 'sprocketCount']);
  });

  it('generated text that replaces a word of the document (a selected suggest item)', async () => {
    const at = text.indexOf('wobbleAmplitude()');
    const r = await ask('spinQuarterTurn(', '(', { offset: at, replaceLength: 'wobbleAmplitude'.length });
    assert.deepEqual(r.status === 'answered' && r.signature, { overloads: [{ min: 1, max: 2 }], activeArgument: 0 });
  });

  it('a stale request and a file in no project get a reason, not a wrong answer', async () => {
    const stale = await ask('  s.', '.', { documentLength: text.length + 1 });
    assert.equal(stale.status, 'no-answer');
    const outside = await ask('x.', '.', { file: path.join(os.tmpdir(), 'mgd-not-in-any-project.ts'), offset: 0, documentLength: 0 });
    assert.deepEqual(outside.status === 'no-answer' && outside.reason, 'the file is in no loaded project');
  });

  it('writes nothing and leaves the user\'s project as it was', async () => {
    const files = tree(root);
    const diag = async () => JSON.stringify((await server.request('semanticDiagnosticsSync', { file: main })).body);
    const quick = async () => JSON.stringify((await server.request('quickinfo', { file: main, line: 4, offset: 10 })).body);
    const before = [await diag(), await quick()];
    for (let i = 0; i < 20; i++) await ask(`  s.spinQuarterTurn(${i}).`, '.');
    assert.deepEqual([await diag(), await quick()], before);
    assert.deepEqual(tree(root), files);
  });

  it('follows the editor\'s latest edits, in this file and in another open one, before the project is rebuilt', async () => {
    const lineCol = (t: string, at: number) => {
      const lines = t.slice(0, at).split('\n');
      return { line: lines.length, offset: lines[lines.length - 1]!.length + 1 };
    };
    const edit = (file: string, t: string, at: number, remove: number, insert: string) => {
      const a = lineCol(t, at);
      const b = lineCol(t, at + remove);
      return server.notify('change', { file, line: a.line, offset: a.offset, endLine: b.line, endOffset: b.offset, insertString: insert });
    };
    const lib = path.join(root, 'src', 'lib', 'sprocket.ts');
    const libText = fs.readFileSync(lib, 'utf8');
    await server.notify('open', { file: lib, fileContent: libText, projectRootPath: root });
    const member = '  freshlyAdded = 1;\n';
    const inClass = libText.indexOf('  constructor(');
    await edit(lib, libText, inClass, 0, member);
    assert.ok(names(await ask('  s.', '.')).includes('freshlyAdded'), 'a member typed a moment ago in another open file');
    await edit(lib, libText.slice(0, inClass) + member + libText.slice(inClass), inClass, member.length, '');
    assert.ok(!names(await ask('  s.', '.')).includes('freshlyAdded'), 'and gone once deleted');

    const declared = '  const extra = { zap: 1 };\n';
    await edit(main, text, cursor, 0, declared);
    const edited = text.slice(0, cursor) + declared + text.slice(cursor);
    const r = await ask('  extra.', '.', { offset: cursor + declared.length, documentLength: edited.length });
    assert.deepEqual(names(r), ['zap']);
    await edit(main, edited, cursor, declared.length, '');
    await server.notify('close', { file: lib });
  });

  it('prints what a question costs, warm', async () => {
    const inside: number[] = [];
    const round: number[] = [];
    const gens: [string, string][] = [['  s.', '.'], ['  s.label.', '.'], ['  const g = new ', 'new '], ['  new Sprocket({ ', '{']];
    for (let i = 0; i < 60; i++) {
      const [g, t] = gens[i % gens.length]!;
      const t0 = performance.now();
      const r = await ask(g + ' '.repeat(i % 3), t);
      round.push(performance.now() - t0);
      inside.push(r.ms);
    }
    const q = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(p * a.length))]!;
    console.log(`# plugin question, headless tsserver: round trip median ${q(round, 0.5).toFixed(1)} ms, p90 ${q(round, 0.9).toFixed(1)} ms; inside tsserver median ${q(inside, 0.5)} ms`);
  });

  it('warming a shown file prepares its first answer; a file in no project gets a reason', async () => {
    // A server of its own, as right after the window opened the file.
    const fresh = new TsServer();
    try {
      await fresh.notify('open', { file: main, fileContent: text, projectRootPath: root });
      const w = (await fresh.request(WARM_COMMAND, { file: main })).body as WarmResponse;
      assert.equal(w.warmed, true, JSON.stringify(w));
      const r = (await fresh.request(ASK_COMMAND, { file: main, offset: cursor, documentLength: text.length, generated: '  s.', kind: 'members', triggerCharacter: '.' })).body as AskResponse;
      assert.ok(names(r).includes('spinQuarterTurn'));
      const outside = (await fresh.request(WARM_COMMAND, { file: path.join(os.tmpdir(), 'mgd-not-in-any-project.ts') })).body as WarmResponse;
      assert.deepEqual(outside, { warmed: false, reason: 'the file is in no loaded project' });
      console.log(`# first question after opening, headless tsserver: warm-up ${w.warmed ? w.ms : '-'} ms, then the question ${r.ms} ms inside tsserver`);
    } finally {
      fresh.close();
    }
  });
});
