// The TypeScript server plugin the extension contributes (`typescriptServerPlugins` in package.json,
// shipped as node_modules/mgd-tsserver-plugin in the .vsix). It answers the monitors' questions
// over the user's file with generated text spliced in at the cursor, without writing or opening
// anything: the generated text exists only in an overlay service (overlay-service.ts).
import { oracleDocument } from '../core/oracle/document';
import type { CompletionAnswer, SignatureAnswer } from '../core/ports';
import { answerQuery } from './answer';
import { OverlayService } from './overlay-service';
import { ASK_COMMAND, PING_COMMAND, type AskArgs, type AskResponse, type AskResult, type PingResponse } from './protocol';
import type { TS, TsModule } from './questions/ts-module';

interface ProjectState {
  overlay?: OverlayService;
}

export function ask(ts: TsModule, projects: Map<TS.server.Project, ProjectState>, projectService: TS.server.ProjectService, args: AskArgs): AskResponse {
  const started = Date.now();
  const done = (r: AskResult): AskResponse => ({ ...r, ms: Date.now() - started });
  if (!args || typeof args.file !== 'string' || typeof args.offset !== 'number' || typeof args.generated !== 'string') return done({ status: 'no-answer', reason: 'bad request' });
  const file = ts.server.toNormalizedPath(args.file);
  const project = projectService.getDefaultProjectForFile(file, false);
  if (!project) return done({ status: 'no-answer', reason: 'the file is in no loaded project' });
  const state = projects.get(project);
  if (!state) return done({ status: 'no-answer', reason: 'the plugin is not loaded in this file\'s project yet' });
  // What any request does first: the project takes in the edits the editor sent.
  project.updateGraph();
  const snap = project.getScriptSnapshot(file);
  if (!snap) return done({ status: 'no-answer', reason: 'the project has no text for the file' });
  const length = snap.getLength();
  const replaced = args.replaceLength ?? 0;
  if (length !== args.documentLength || args.offset + replaced > length) return done({ status: 'no-answer', reason: 'the document changed since the completion started' });
  const prefix = snap.getText(0, args.offset);
  const suffix = snap.getText(args.offset + replaced, length);
  const { text, offset: pos } = oracleDocument({ prefix, suffix }, args.generated);
  const overlay = (state.overlay ??= new OverlayService(ts, project));
  overlay.setText(file, text);
  try {
    const value = answerQuery(ts, overlay.service, file, pos, args);
    if (args.kind === 'signature') return done(value ? { status: 'answered', signature: value as SignatureAnswer } : { status: 'no-answer', reason: 'no signature there' });
    return done(value ? { status: 'answered', completion: value as CompletionAnswer } : { status: 'no-answer', reason: 'no names there' });
  } catch (e) {
    return done({ status: 'no-answer', reason: `the language service failed: ${e instanceof Error ? e.message : String(e)}` });
  }
}

function init(modules: { typescript: TsModule }): TS.server.PluginModule {
  const ts = modules.typescript;
  const projects = new Map<TS.server.Project, ProjectState>();
  // The factory runs once per project; a second registration of a command throws.
  const sessions = new WeakSet<object>();
  return {
    create(info) {
      const session = info.session;
      if (session && !sessions.has(session)) {
        sessions.add(session);
        const projectService = info.project.projectService;
        session.addProtocolHandler(ASK_COMMAND, (req) => ({ response: ask(ts, projects, projectService, req.arguments as AskArgs), responseRequired: true }));
        session.addProtocolHandler(PING_COMMAND, () => ({ response: { ready: true, typescript: ts.version } satisfies PingResponse, responseRequired: true }));
      }
      const state: ProjectState = {};
      projects.set(info.project, state);
      const ls = info.languageService;
      // The usual decorator: the project's own service, with dispose also ending ours.
      const proxy: TS.LanguageService = Object.create(null);
      for (const k of Object.keys(ls) as (keyof TS.LanguageService)[]) {
        const f = ls[k];
        (proxy as unknown as Record<string, unknown>)[k] = typeof f === 'function' ? (f as (...a: unknown[]) => unknown).bind(ls) : f;
      }
      proxy.dispose = () => {
        state.overlay?.dispose();
        projects.delete(info.project);
        ls.dispose();
      };
      return proxy;
    },
  };
}

// tsserver requires the module and calls it: the bundle's module.exports is this function
// (esbuild.config.mjs).
export default init;
