// Wiring only: state lives in Ctx, behaviour in the provider, the oracle and the commands.
import * as vscode from 'vscode';
import { Ctx } from './ctx';
import { createLog } from './log';
import { config, modelServes } from './config';
import { MODEL_SETTINGS, SETTING_KEYS } from '../core/completion/settings';
import { registerCommands } from './commands';
import { InlineProvider } from './provider/inline-provider';
import { pendingCleanups, type Generated } from './provider/generate';
import { EarlyStart } from './provider/early-start';
import { warmLanguageServices } from './oracle/warm-up';
import { startModelHost } from './model-host-engine';
import { askOnceForEarlyTyping } from './provider/first-ask';
import { readAhead } from './provider/read-ahead';

let active: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log.channel);
  const ctx = new Ctx(context, log, startModelHost);
  active = ctx;
  registerCommands(ctx);

  const early = new EarlyStart({
    current: () => ctx.session.current,
    remembered: (doc, at): boolean => provider.remembered(doc, at) !== undefined,
    run: (engine, doc, at, req, signal): Promise<Generated> => provider.run(engine, doc, at, req, signal),
  });
  ctx.pushCleanup(early);
  const provider = new InlineProvider({
    early,
    session: ctx.session,
    log,
    status: ctx.status,
    memory: ctx.memory,
    shadows: ctx.shadows,
    tsPlugin: ctx.tsPlugin,
    projectIndex: ctx.projectIndex,
    onCompletion: (r) => (ctx.lastCompletion = r),
  });
  ctx.pushCleanup(vscode.languages.registerInlineCompletionItemProvider([{ scheme: 'file' }, { scheme: 'untitled' }], provider));

  ctx.pushCleanup(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('mgd')) return;
      const which = SETTING_KEYS.filter((k) => e.affectsConfiguration(k));
      log.info(`settings changed: ${which.join(', ') || 'mgd'}`);
      ctx.memory.clear();
      const changed = MODEL_SETTINGS.filter((s) => e.affectsConfiguration(s));
      if (changed.length > 0) void ctx.session.restart(`${changed.join(', ')} changed`);
      else if (e.affectsConfiguration('mgd.enable')) {
        const on = vscode.workspace.getConfiguration('mgd').get('enable') !== false;
        log.info(on ? 'enabled' : 'disabled');
        if (on) void ctx.session.restart('enabled');
        else void ctx.session.stop().then(() => ctx.status.set('disabled'));
      }
    }),
  );

  ctx.pushCleanup(warmLanguageServices(log, ctx.tsPlugin));
  ctx.pushCleanup(readAhead(ctx.session, log));
  log.info(`activated ${context.extension.id} ${context.extension.packageJSON.version ?? ''}`);
  // The model loads when a file in an enabled language is shown, not for every window that starts.
  const wantsModel = (e: vscode.TextEditor | undefined): boolean =>
    !!e && modelServes(e.document);
  const startFor = (e: vscode.TextEditor | undefined): void => {
    if (!wantsModel(e)) return;
    void ctx.session.ensureStarted(`${e!.document.languageId} file shown`);
    if (config.projectStatistics()) ctx.projectIndex.start();
  };
  if (!config.enabled()) ctx.status.set('disabled');
  else {
    vscode.window.visibleTextEditors.forEach(startFor);
    const e = vscode.window.activeTextEditor;
    if (wantsModel(e)) void askOnceForEarlyTyping(e, { modelReady: () => ctx.session.ready(), tsPlugin: ctx.tsPlugin, log, asked: (d) => provider.askedAbout.has(d) });
  }
  ctx.pushCleanup(vscode.window.onDidChangeActiveTextEditor(startFor));
}

export async function deactivate(): Promise<void> {
  await Promise.allSettled([...pendingCleanups]);
  await active?.shadows.drain();
  await active?.session.stop();
  active = undefined;
}
