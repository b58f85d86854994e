// The extension's end of the TypeScript server plugin (src/tsplugin). Questions go through VS Code's
// `typescript.tsserverRequest` command, which passes commands starting with `_` to the semantic
// server. Until a project with the plugin exists, tsserver answers "Unrecognized JSON command":
// that is "not ready" (the server is starting), never "no members".
import * as vscode from 'vscode';
import { ASK_COMMAND, PING_COMMAND, WARM_COMMAND, type AskArgs, type AskResponse, type PingResponse, type WarmResponse } from '../../tsplugin/protocol';
import { within } from './within';

/** Languages whose questions the plugin answers (the built-in TypeScript extension serves them). */
export { PLUGIN_LANGUAGES } from './oracle-route';

export type PluginAnswer = AskResponse | { readonly status: 'not-ready'; readonly reason: string } | { readonly status: 'timed-out' };

function bodyOf<T>(res: unknown): T | undefined {
  // The command resolves with tsserver's whole response; its `body` is what the handler returned.
  if (res && typeof res === 'object' && 'body' in res) return (res as { body: T }).body;
  return res as T | undefined;
}

export class TsPluginClient {
  private readySince: number | undefined;

  private waiters: (() => void)[] = [];

  get ready(): boolean {
    return this.readySince !== undefined;
  }

  private markReady(): void {
    this.readySince ??= Date.now();
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves true once the plugin answers (now, if it already does), false after `maxMs`. */
  whenReady(maxMs: number): Promise<boolean> {
    if (this.ready) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve(false);
      }, maxMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiters.push(done);
    });
  }

  async ping(timeoutMs = 2000): Promise<PingResponse | undefined> {
    const res = await within(Promise.resolve(vscode.commands.executeCommand('typescript.tsserverRequest', PING_COMMAND, {})).then(bodyOf<PingResponse>), timeoutMs).catch(() => undefined);
    if (res?.ready) this.markReady();
    return res?.ready ? res : undefined;
  }

  async ask(args: AskArgs, timeoutMs: number, signal?: AbortSignal): Promise<PluginAnswer> {
    let failure: string | undefined;
    const call = Promise.resolve(vscode.commands.executeCommand('typescript.tsserverRequest', ASK_COMMAND, args, { isAsync: false, lowPriority: false }))
      .then(bodyOf<AskResponse>, (e: unknown) => {
        // Its first line: tsserver appends the stack of a failed request.
        failure = (e instanceof Error ? e.message : String(e)).split('\n')[0];
        return undefined;
      });
    const r = await within(call, timeoutMs, signal);
    if (r && (r.status === 'answered' || r.status === 'no-answer')) {
      this.markReady();
      return r;
    }
    if (failure !== undefined || r === undefined && !this.ready) {
      this.readySince = undefined;
      return { status: 'not-ready', reason: failure ?? 'the TypeScript server is starting' };
    }
    return { status: 'timed-out' };
  }

  /** Has the plugin prepare the first answer for a file just shown; undefined when tsserver did not answer. */
  async warmFile(file: string, timeoutMs = 10_000): Promise<WarmResponse | undefined> {
    return within(Promise.resolve(vscode.commands.executeCommand('typescript.tsserverRequest', WARM_COMMAND, { file })).then(bodyOf<WarmResponse>), timeoutMs).catch(() => undefined);
  }

  /**
   * Asks tsserver to start (a ping does) and polls until the plugin answers: called when a
   * TypeScript or JavaScript editor becomes visible, so that the first completion finds it ready.
   */
  async warmUp(maxMs = 60_000): Promise<{ ms: number; typescript: string } | undefined> {
    const started = Date.now();
    while (Date.now() - started < maxMs) {
      const pong = await this.ping();
      if (pong) return { ms: Date.now() - started, typescript: pong.typescript };
      await new Promise((r) => setTimeout(r, 300));
    }
    return undefined;
  }
}
