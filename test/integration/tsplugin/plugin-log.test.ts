// What the plugin's questions leave in tsserver's own log (VS Code's `typescript.tsserver.log`
// setting): at the levels below verbose, neither the generated text nor the names answered. At
// verbose tsserver writes every request and response of every client, the user's files among them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ASK_COMMAND, type AskArgs, type AskResponse } from '../../../src/tsplugin/protocol';
import { TsServer } from './tsserver-client';

const fixture = path.resolve(__dirname, '..', '..', 'fixtures', 'tsplugin-workspace');
let root: string;
let server: TsServer;
let logFile: string;

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'mgd-tsplugin-log-'));
  fs.cpSync(fixture, path.join(root, 'ws'), { recursive: true });
  logFile = path.join(root, 'tsserver.log');
  server = new TsServer(['--logVerbosity', 'normal', '--logFile', logFile]);
});
after(() => {
  server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

test('at the normal log level the log holds no generated text and no answered name, a failed question included', async () => {
  const main = path.join(root, 'ws', 'src', 'main.ts');
  const text = fs.readFileSync(main, 'utf8');
  const cursor = text.indexOf('\n\n  return') + 1;
  await server.notify('open', { file: main, fileContent: text, projectRootPath: path.join(root, 'ws') });
  const ask = async (generated: string, extra: Partial<AskArgs>): Promise<AskResponse> => {
    const r = await server.request(ASK_COMMAND, { file: main, offset: cursor, documentLength: text.length, generated, kind: 'members', ...extra } satisfies AskArgs);
    assert.ok(r.success, r.message);
    return r.body as AskResponse;
  };
  const members = await ask('  zzGeneratedMarker(s); s.', { triggerCharacter: '.' });
  assert.ok(members.status === 'answered' && members.completion?.names.some((n) => n.name === 'spinQuarterTurn'), JSON.stringify(members));
  await ask('  zzGeneratedMarker(s); s.spinQuarterTurn(', { kind: 'signature', triggerCharacter: '(' });
  // A kind the plugin does not know goes the members way; a request without a file fails cleanly.
  await ask('  zzGeneratedMarker(s); s.', { kind: 'hasOwnProperty' as never });
  await ask('  zzGeneratedMarker(s); s.', { file: undefined as never });
  await server.request('status');
  const log = fs.readFileSync(logFile, 'utf8');
  assert.ok(log.includes('mgd-tsserver-plugin'), 'the plugin was loaded with logging on');
  for (const secret of ['zzGeneratedMarker', 'spinQuarterTurn', 'wobbleAmplitude']) assert.ok(!log.includes(secret), `${secret} in tsserver's log`);
});
