import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { notifications, errorMessages, resetFakeVscode, settings, statusItems, ThemeColor } from '../support/fake-vscode';
import { ModelSession } from '../../../src/vscode/session';
import { StatusView } from '../../../src/vscode/status';
import { ModelLoadCancelled } from '../../../src/node/model-host';
import type { Engine, EngineOptions } from '../../../src/vscode/engine';
import type { Log } from '../../../src/vscode/log';

// The extension's download UI for a hub model: the cancellable notification, the status item while
// it downloads, and what Cancel does. The vscode API is the fake in test/unit/support/fake-vscode.ts;
// the model host is a stand-in that loads when told and stops as ModelHost does when its signal
// aborts (a moment later: its process is killed, its partial files removed).

const MODEL = 'owner/coder';

/** A stand-in model host: each start waits until the test finishes or fails it, or its signal aborts. */
function starter() {
  const starts: { opts: EngineOptions; ended: boolean; finish(): void }[] = [];
  const start = (opts: EngineOptions): Promise<Engine> => {
    const s = { opts, ended: false, finish: () => undefined as void };
    starts.push(s);
    return new Promise<Engine>((resolve, reject) => {
      const engine: Engine = {
        info: { modelId: MODEL, family: 'qwen2.5-coder', contextLength: 32768, loadMs: 5, dtype: 'q8', threads: 1, prompting: 'fim' },
        complete: async () => { throw new Error('not in this test'); },
        dispose: async () => undefined,
        outstanding: 0,
      };
      s.finish = () => {
        s.ended = true;
        resolve(engine);
      };
      opts.signal?.addEventListener('abort', () => setTimeout(() => {
        s.ended = true;
        reject(new ModelLoadCancelled(`loading '${opts.model}' was cancelled`));
      }, 20), { once: true });
    });
  };
  return { start, starts };
}

function session(start: (opts: EngineOptions) => Promise<Engine>) {
  const lines: string[] = [];
  const note = (level: string) => (m: string) => void lines.push(`${level} ${m}`);
  const log = { debug: note('debug'), info: note('info'), warn: note('warn'), error: note('error'), withCode: () => undefined, show: () => undefined } as unknown as Log;
  const status = new StatusView();
  return { s: new ModelSession(start, { cacheDir: '/cache', bundledDir: '/bundled' }, log, status), lines, item: statusItems.at(-1)! };
}

const until = async (what: string, ok: () => boolean) => {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(ok(), what);
};

beforeEach(() => {
  resetFakeVscode();
  settings.set('mgd.model', MODEL);
});

test('a hub download shows a cancellable notification whose bar follows the weights, and the status item their percentage', async () => {
  const { start, starts } = starter();
  const { s, item } = session(start);
  const started = s.ensureStarted('a file was opened');
  await until('the model host was started', () => starts.length === 1);
  const n = notifications[0]!;
  assert.equal(n.title, `Monitor-Guided Completions: loading ${MODEL}`);
  assert.ok(n.cancellable);
  const progress = starts[0]!.opts.onProgress!;

  // The small files come first: named in the message, and the bar does not move (it cannot go back
  // once the weights begin).
  progress({ file: 'config.json', loaded: 700, total: 700 });
  progress({ file: 'tokenizer.json', loaded: 7_000_000, total: 7_000_000 });
  assert.equal(n.lastMessage, 'tokenizer.json — 7.0 MB of 7.0 MB');
  assert.equal(n.filled, 0);
  assert.equal(item.text, `$(loading~spin) MGD ${MODEL}`);

  // The weights: the graph and its external data side by side, 100 MB in all. Their first chunks
  // arrive one after the other: the bar holds until the bytes catch up with it, never goes back.
  progress({ file: 'onnx/model.onnx', loaded: 65_536, total: 2_000_000 });
  progress({ file: 'onnx/model.onnx_data', loaded: 65_536, total: 98_000_000 });
  assert.equal(n.lastMessage, 'onnx/model.onnx_data — 0.1 MB of 100 MB');
  assert.equal(Math.round(n.filled), 3);
  assert.equal(item.text, '$(loading~spin) MGD 0%');
  progress({ file: 'onnx/model.onnx', loaded: 1_000_000, total: 2_000_000 });
  progress({ file: 'onnx/model.onnx_data', loaded: 9_000_000, total: 98_000_000 });
  assert.equal(n.lastMessage, 'onnx/model.onnx_data — 10 MB of 100 MB');
  assert.equal(Math.round(n.filled), 10);
  assert.equal(item.text, '$(loading~spin) MGD 10%');
  progress({ file: 'onnx/model.onnx', loaded: 2_000_000, total: 2_000_000 });
  progress({ file: 'onnx/model.onnx_data', loaded: 40_000_000, total: 98_000_000 });
  assert.equal(Math.round(n.filled), 42);
  assert.equal(item.text, '$(loading~spin) MGD 42%');
  assert.equal(item.accessibilityInformation?.label, 'MGD loading: 42%');
  progress({ file: 'onnx/model.onnx_data', loaded: 98_000_000, total: 98_000_000 });
  assert.equal(Math.round(n.filled), 100);

  starts[0]!.finish();
  await started;
  assert.ok(n.ended, 'the notification closes');
  assert.equal(item.accessibilityInformation?.label, 'MGD ready');
  assert.ok(s.current, 'the model is running');
});

test('Cancel aborts the load, the notification ends once the load has ended, and the status says no model is loaded, without an error or a retry', async () => {
  const { start, starts } = starter();
  const { s, item, lines } = session(start);
  const started = s.ensureStarted('a file was opened');
  await until('the model host was started', () => starts.length === 1);
  starts[0]!.opts.onProgress!({ file: 'onnx/model_quantized.onnx', loaded: 50_000_000, total: 500_000_000 });
  const n = notifications[0]!;

  n.cancel();
  assert.ok(starts[0]!.opts.signal?.aborted, 'Cancel aborts the signal the model host loads under');
  await started;
  assert.ok(starts[0]!.ended, 'the session counts as stopped only after the load has ended');
  assert.ok(n.ended);
  assert.equal(s.current, undefined);
  assert.equal(item.accessibilityInformation?.label, `MGD stopped: the download of ${MODEL} was cancelled; no model is loaded`);
  assert.equal(item.text, '$(debug-stop) MGD');
  assert.equal(item.backgroundColor, undefined, 'not shown as an error');
  assert.equal(item.command, 'mgd.selectModel', 'a click offers to choose a model');
  assert.deepEqual(errorMessages, [], 'no error message for the user\'s own choice');
  assert.ok(lines.includes(`warn model session: download of ${MODEL} cancelled`), lines.join('\n'));

  // The next file that wants the model does not start the download again.
  await s.ensureStarted('another file was opened');
  assert.equal(starts.length, 1);
  assert.equal(notifications.length, 1);
  assert.equal(item.accessibilityInformation?.label, `MGD stopped: the download of ${MODEL} was cancelled; no model is loaded`);
});

test('a model that finishes loading just as Cancel is clicked is disposed, not kept', async () => {
  let disposed = 0;
  const { s, item } = session(async (opts) => {
    opts.onProgress?.({ file: 'onnx/model_quantized.onnx', loaded: 1, total: 1 });
    notifications[0]!.cancel(); // clicked while the load was returning its model
    return { info: { modelId: MODEL, family: 'x', contextLength: 1, loadMs: 1, dtype: 'q8', threads: 1, prompting: 'fim' }, complete: async () => { throw new Error('unused'); }, dispose: async () => void disposed++, outstanding: 0 };
  });
  await s.ensureStarted('a file was opened');
  assert.equal(disposed, 1);
  assert.equal(s.current, undefined);
  assert.equal(item.accessibilityInformation?.label, `MGD stopped: the download of ${MODEL} was cancelled; no model is loaded`);
});

test('a download that fails shows the error once, in the error colour', async () => {
  const { s, item } = session(async () => {
    throw new Error(`could not download '${MODEL}' from the Hugging Face hub: fetch failed; pick 'bundled' or a local folder`);
  });
  await s.ensureStarted('a file was opened');
  assert.deepEqual(errorMessages, [`Monitor-Guided Completions: could not download '${MODEL}' from the Hugging Face hub: fetch failed; pick 'bundled' or a local folder`]);
  assert.ok(item.backgroundColor instanceof ThemeColor);
  assert.equal(item.command, 'mgd.showLog');
});
