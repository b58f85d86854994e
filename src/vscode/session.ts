// The model session: one running Engine for the current mgd.model / dtype / threads. A settings
// change disposes only this scope and starts a new one, so fixing a wrong model needs no reload.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { config } from './config';
import type { Engine, EngineOptions, EngineStarter } from './engine';
import type { Log } from './log';
import type { StatusView } from './status';
import { OneStart } from './one-start';
import { cancellable, DownloadNotification } from './download-notification';

/** A hub id (`owner/name`) is downloaded; `bundled` and absolute folders are local. */
export function isDownload(model: string): boolean {
  return model !== 'bundled' && !path.isAbsolute(model) && !model.startsWith('~');
}

export class ModelSession {
  private engine: Engine | undefined;
  private generation = 0;
  private starting: Promise<void> | undefined;
  private everStarted = false;
  private lastCrash = -Infinity;
  private readonly shownErrors = new Set<string>();
  private readonly starts = new OneStart();

  constructor(
    private readonly start: EngineStarter,
    private readonly paths: { cacheDir: string; bundledDir: string },
    private readonly log: Log,
    private readonly status: StatusView,
  ) {}

  get current(): Engine | undefined {
    return this.engine;
  }

  get cacheDir(): string {
    return this.paths.cacheDir;
  }

  /** Waits for a session that is starting; resolves with whatever is running afterwards. */
  async ready(): Promise<Engine | undefined> {
    await this.starting;
    return this.engine;
  }

  /** Starts the session unless it was started before (it loads lazily, on the first file that wants it). */
  ensureStarted(reason: string): Promise<void> {
    if (this.everStarted) return this.starting ?? Promise.resolve();
    return this.restart(reason);
  }

  restart(reason: string): Promise<void> {
    this.everStarted = true;
    const mine = ++this.generation;
    const run = this.starts.run((signal) => this.restartNow(mine, reason, signal)).then(() => undefined);
    this.starting = run;
    return run;
  }

  async stop(): Promise<void> {
    this.generation++;
    this.starts.abort();
    const old = this.engine;
    this.engine = undefined;
    await old?.dispose().catch((e) => this.log.warn(`model session did not stop cleanly: ${String(e)}`));
  }

  private async restartNow(mine: number, reason: string, signal: AbortSignal): Promise<void> {
    const old = this.engine;
    this.engine = undefined;
    if (old) {
      this.log.info(`model session: stopping ${old.info.modelId} (${reason})`);
      await old.dispose().catch((e) => this.log.warn(`model session did not stop cleanly: ${String(e)}`));
    }
    if (mine !== this.generation) return;
    if (!config.enabled()) {
      this.status.set('disabled');
      return;
    }
    const model = config.model();
    this.status.set('loading', model === 'bundled' ? 'bundled model' : model);
    this.status.setModel(model);
    this.log.info(`model session: loading ${model} (dtype ${config.dtype()}, threads ${config.threads() || 'auto'}; ${reason})`);
    const opts: EngineOptions = {
      model,
      dtype: config.dtype(),
      threads: config.threads() || undefined,
      cacheDir: this.paths.cacheDir,
      bundledDir: this.paths.bundledDir,
      logger: this.log,
      signal,
      onExit: (err) => {
        if (mine !== this.generation) return;
        this.engine = undefined;
        this.log.error(`model session: the model stopped: ${err.message}`);
        // One automatic restart; a model that keeps dying stays stopped with a message.
        if (Date.now() - this.lastCrash > 60_000) {
          this.lastCrash = Date.now();
          void this.restart('the model stopped unexpectedly');
          return;
        }
        this.status.set('error', `the model stopped: ${err.message}`);
        this.showErrorOnce(`Monitor-Guided Completions: the model stopped twice within a minute (${err.message}). Run "MGD: Select Model" to start it again.`);
      },
    };
    let engine: Engine | 'cancelled';
    try {
      engine = isDownload(model) ? await this.startWithProgress(opts, mine) : await this.start(opts);
    } catch (e) {
      if (mine !== this.generation) return;
      const msg = e instanceof Error ? e.message : String(e);
      this.log.error(`model session: ${model} failed to load: ${msg}`);
      this.status.set('error', msg);
      this.showErrorOnce(`Monitor-Guided Completions: ${msg}`);
      return;
    }
    if (mine !== this.generation) {
      // Settings changed again while this one loaded.
      if (engine !== 'cancelled') await engine.dispose().catch(() => undefined);
      return;
    }
    if (engine === 'cancelled') {
      // The user's choice, not a failure: no error colour, nothing retried until a model is chosen.
      this.status.set('stopped', `the download of ${model} was cancelled; no model is loaded`);
      return;
    }
    this.engine = engine;
    this.shownErrors.clear();
    this.status.setModel(engine.info.modelId);
    this.status.set('ready');
    const info = engine.info;
    const window = info.promptWindow ? `, prompt window ${info.promptWindow.tokens} tokens with a suffix of ${info.promptWindow.suffixTokens} at most${info.promptSpeed?.length ? ` (${info.promptSpeed.map((x) => `${x.msPerToken.toFixed(2)} ms per prompt token after ${x.past}`).join(', ')})` : ''}` : '';
    this.log.info(`model session: ${info.modelId} ready (${info.family}, ${info.prompting} prompts, context ${info.contextLength}${window}${info.weights ? `, weights ${info.weights}` : ''}${info.revision ? `, revision ${info.revision}` : ''}, loaded in ${info.loadMs.toFixed(0)} ms)`);
  }

  /** Hub downloads get a cancellable notification; Cancel leaves the session without a model. */
  private startWithProgress(opts: EngineOptions, mine: number): Promise<Engine | 'cancelled'> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Monitor-Guided Completions: loading ${opts.model}`, cancellable: true },
        async (progress, token) => {
          const shown = new DownloadNotification(progress, (pct) => {
            if (mine === this.generation) this.status.set('loading', pct);
          });
          // Cancel stops the load, the download with it.
          const engine = await cancellable(this.start({ ...opts, onProgress: shown.onProgress }), token, () => {
            if (mine === this.generation) this.starts.abort();
          });
          if (engine === 'cancelled') this.log.warn(`model session: download of ${opts.model} cancelled`);
          return engine;
        },
      ),
    );
  }

  /** Each distinct error pops up once per session, with a way to the log. */
  showErrorOnce(message: string): void {
    if (this.shownErrors.has(message)) return;
    this.shownErrors.add(message);
    void vscode.window.showErrorMessage(message, 'Show Log').then((pick) => {
      if (pick === 'Show Log') this.log.show();
    });
  }
}

