// A second LanguageService per project that sees other text for one file and shares everything else
// with the project: its host forwards to the project's host, except for the substituted file (its
// own text and version), and its document registry is the server's, with the substituted file kept
// under a key of its own so that the project's syntax tree of that file is never replaced. The real
// project never changes: no version bump, no rebuild on the user's next request (measured in
// code-server: editing the real script and reverting forced a rebuild each time).
import { changedSpan } from '../core/oracle/changed-span';
import type { TS, TsModule } from './questions/ts-module';

type Registry = TS.DocumentRegistry;

const OVERLAY_KEY = '|mgd-overlay';

export class OverlayService {
  private file: string | undefined;
  private snapshot: OverlaySnapshot;
  private version = 0;
  private readonly overlaid = new Set<string>();
  readonly service: TS.LanguageService;

  constructor(private readonly ts: TsModule, private readonly project: TS.server.Project) {
    this.snapshot = new OverlaySnapshot(ts, '');
    const overrides: Partial<TS.LanguageServiceHost> & Record<string, unknown> = {
      // None: the service then compares every file's version. The project's own version moves only
      // when the project is rebuilt, and the plugin no longer waits for that (plugin.ts).
      getProjectVersion: undefined,
      getScriptVersion: (f: string) => (f === this.file ? `${OVERLAY_KEY}${this.version}` : project.getScriptVersion(f)),
      getScriptSnapshot: (f: string) => (f === this.file ? this.snapshot : project.getScriptSnapshot(f)),
      // The project's own update builds the project's program, not this service's.
      updateFromProject: undefined,
      // The project reacts to these by detaching or re-watching its own files: not ours to trigger.
      onReleaseOldSourceFile: () => undefined,
      onReleaseParsedCommandLine: () => undefined,
    };
    const host = new Proxy(project as unknown as TS.LanguageServiceHost, {
      get: (target, prop, receiver) => {
        if (typeof prop === 'string' && Object.hasOwn(overrides, prop)) return overrides[prop];
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const shared = (project.projectService as unknown as { documentRegistry?: Registry }).documentRegistry;
    this.service = ts.createLanguageService(host, shared ? this.registry(shared) : ts.createDocumentRegistry());
  }

  /** Makes `file` read as `text` for the next questions. */
  setText(file: string, text: string): void {
    if (file === this.file && text === this.snapshot.text) return;
    this.file = file;
    this.snapshot = new OverlaySnapshot(this.ts, text);
    this.version++;
  }

  dispose(): void {
    this.service.dispose();
  }

  private registry(base: Registry): Registry {
    // Any path ever substituted keeps the overlay key, so that its release later finds the entry it made.
    const key = <K>(path: unknown, k: K, fileName?: string): K => {
      if (fileName !== undefined && fileName === this.file) this.overlaid.add(String(path));
      return (this.overlaid.has(String(path)) ? `${String(k)}${OVERLAY_KEY}` : k) as K;
    };
    const r: Registry = Object.create(base);
    r.acquireDocumentWithKey = (fileName, path, host, k, ...rest) => base.acquireDocumentWithKey(fileName, path, host, key(path, k, fileName), ...rest);
    r.updateDocumentWithKey = (fileName, path, host, k, ...rest) => base.updateDocumentWithKey(fileName, path, host, key(path, k, fileName), ...rest);
    r.releaseDocumentWithKey = ((path: TS.Path, k: TS.DocumentRegistryBucketKey, ...rest: unknown[]) =>
      (base.releaseDocumentWithKey as (...a: unknown[]) => void)(path, key(path, k), ...rest)) as Registry['releaseDocumentWithKey'];
    return r;
  }
}

/**
 * The overlay's text, which tells TypeScript what changed since the previous question's text, so
 * that a question re-parses only the edit: in a 2,500-line file a full parse and bind took 34 ms
 * of each question.
 */
class OverlaySnapshot implements TS.IScriptSnapshot {
  constructor(private readonly ts: TsModule, readonly text: string) {}

  getText(start: number, end: number): string {
    return this.text.substring(start, end);
  }

  getLength(): number {
    return this.text.length;
  }

  getChangeRange(old: TS.IScriptSnapshot): TS.TextChangeRange | undefined {
    if (!(old instanceof OverlaySnapshot)) return undefined;
    const { start, end } = changedSpan(old.text, this.text);
    return this.ts.createTextChangeRange(this.ts.createTextSpan(start, old.text.length - start - end), this.text.length - start - end);
  }
}
