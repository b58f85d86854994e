// The TypeScript server plugin the extension contributes (`typescriptServerPlugins` in package.json,
// shipped as node_modules/mgd-tsserver-plugin in the .vsix). It answers the monitors' questions
// over the user's file with generated text spliced in at the cursor, without writing or opening
// anything: the generated text exists only in an overlay service (overlay-service.ts).
import { oracleDocument } from '../core/oracle/document';
import type { CompletionAnswer, SignatureAnswer } from '../core/ports';
import { answerQuery } from './answer';
import { OverlayService } from './overlay-service';
import { ASK_COMMAND, PING_COMMAND, WARM_COMMAND, type AskArgs, type AskResponse, type AskResult, type PingResponse, type WarmArgs, type WarmResponse } from './protocol';
import type { TS, TsModule } from './questions/ts-module';

interface ProjectState {
  overlay?: OverlayService;
}

type Projects = Map<TS.server.Project, ProjectState>;

/** The overlay of the file's project (built at least once) and the file's current text; or why not. */
function overlayFor(ts: TsModule, projects: Projects, projectService: TS.server.ProjectService, path: string):
  { overlay: OverlayService; file: TS.server.NormalizedPath; snap: TS.IScriptSnapshot } | { reason: string } {
  const file = ts.server.toNormalizedPath(path);
  const project = projectService.getDefaultProjectForFile(file, false);
  if (!project) return { reason: 'the file is in no loaded project' };
  const state = projects.get(project);
  if (!state) return { reason: 'the plugin is not loaded in this file\'s project yet' };
  // The overlay builds its own program from the files' current texts, so the project's own
  // rebuild after a keystroke (12 ms in a 2,500-line file) is left to the editor's next request;
  // only a project whose program does not have the file yet is built here.
  const info = project.getScriptInfoForNormalizedPath(file);
  if (!info || !project.getSourceFile(info.path)) project.updateGraph();
  const snap = project.getScriptSnapshot(file);
  if (!snap) return { reason: 'the project has no text for the file' };
  return { overlay: (state.overlay ??= new OverlayService(ts, project)), file, snap };
}

/**
 * Answers one question; never throws. A handler that throws makes tsserver write the whole request
 * (the generated text among it) to its log at every log level, and the user's own code with it at
 * verbose: a failure is an answer here, its message in `detail`, which the extension logs only at
 * Trace (the message of a TypeScript failure may quote names of the project).
 */
export function ask(ts: TsModule, projects: Projects, projectService: TS.server.ProjectService, args: AskArgs): AskResponse {
  const started = performance.now();
  const phases: Phases = {};
  let r: AskResult;
  try {
    r = answer(ts, projects, projectService, args, started, phases);
  } catch (e) {
    r = failed(e);
  }
  return { ...r, ms: Math.round(performance.now() - started), ...phases };
}

interface Phases {
  graphMs?: number;
  programMs?: number;
}

function answer(ts: TsModule, projects: Projects, projectService: TS.server.ProjectService, args: AskArgs, started: number, phases: Phases): AskResult {
  if (!args || typeof args.file !== 'string' || typeof args.offset !== 'number' || typeof args.generated !== 'string') return { status: 'no-answer', reason: 'bad request' };
  const found = overlayFor(ts, projects, projectService, args.file);
  phases.graphMs = Math.round(performance.now() - started);
  if ('reason' in found) return { status: 'no-answer', reason: found.reason };
  const { overlay, file, snap } = found;
  const length = snap.getLength();
  const replaced = args.replaceLength ?? 0;
  if (length !== args.documentLength || args.offset + replaced > length) return { status: 'no-answer', reason: 'the document changed since the completion started' };
  const prefix = snap.getText(0, args.offset);
  const suffix = snap.getText(args.offset + replaced, length);
  const { text, offset: pos } = oracleDocument({ prefix, suffix }, args.generated);
  overlay.setText(file, text);
  const built = performance.now();
  overlay.service.getProgram();
  phases.programMs = Math.round(performance.now() - built);
  const value = answerQuery(ts, overlay.service, file, pos, args);
  if (args.kind === 'signature') return value ? { status: 'answered', signature: value as SignatureAnswer } : { status: 'no-answer', reason: 'no signature there' };
  return value ? { status: 'answered', completion: value as CompletionAnswer } : { status: 'no-answer', reason: 'no names there' };
}

function failed(e: unknown): AskResult {
  const name = e instanceof Error ? e.name : typeof e;
  return { status: 'no-answer', reason: `the language service failed (${name})`, detail: e instanceof Error ? e.message : String(e) };
}

/**
 * Does once, when a file is shown, what the first question on it would otherwise pay for (measured
 * in code-server: 760-890 ms right after opening): the overlay's program and type checker, and one
 * completion list, which also compiles the service's completion code.
 */
export function warm(ts: TsModule, projects: Projects, projectService: TS.server.ProjectService, args: WarmArgs): WarmResponse {
  const started = performance.now();
  if (!args || typeof args.file !== 'string') return { warmed: false, reason: 'bad request' };
  try {
    const found = overlayFor(ts, projects, projectService, args.file);
    if ('reason' in found) return { warmed: false, reason: found.reason };
    const { overlay, file, snap } = found;
    const text = snap.getText(0, snap.getLength());
    overlay.setText(file, text);
    overlay.service.getProgram()?.getTypeChecker();
    overlay.service.getCompletionsAtPosition(file, text.length, { includeCompletionsForModuleExports: false });
  } catch (e) {
    // Never thrown, as in `ask`; the reason without the message, which may quote the project.
    return { warmed: false, reason: `the language service failed (${e instanceof Error ? e.name : typeof e})` };
  }
  return { warmed: true, ms: Math.round(performance.now() - started) };
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
        session.addProtocolHandler(WARM_COMMAND, (req) => ({ response: warm(ts, projects, projectService, req.arguments as WarmArgs), responseRequired: true }));
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
