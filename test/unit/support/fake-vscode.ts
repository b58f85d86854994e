// The few parts of the `vscode` API that the model session and the status item use, as plain
// objects a unit test can read and drive: settings, status bar items, progress notifications (with
// their Cancel) and error messages. Importing this module makes `import * as vscode from 'vscode'`
// in the code under test resolve to it; import it before that code.
import Module from 'node:module';

export const ProgressLocation = { SourceControl: 1, Window: 10, Notification: 15 } as const;
export const StatusBarAlignment = { Left: 1, Right: 2 } as const;

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class MarkdownString {
  isTrusted: unknown;
  constructor(public value = '', readonly supportThemeIcons = false) {}
  appendMarkdown(s: string): this {
    this.value += s;
    return this;
  }
}

/** `section.name` → value; what is not set reads as undefined (the setting's default). */
export const settings = new Map<string, unknown>();

export const workspace = {
  getConfiguration: (section: string) => ({ get: (name: string) => settings.get(`${section}.${name}`) }),
  onDidChangeTextDocument: (f: (e: unknown) => void) => editorEvents.documentChange.event(f),
  asRelativePath: (uri: { path: string } | string) => (typeof uri === 'string' ? uri : uri.path.replace(/^\//, '')),
};

export const TextEditorSelectionChangeKind = { Keyboard: 1, Mouse: 2, Command: 3 } as const;

export class Position {
  constructor(readonly line: number, readonly character: number) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
}

export class Disposable {
  constructor(private readonly f: () => void) {}
  static from(...ds: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => ds.forEach((d) => d.dispose()));
  }
  dispose(): void {
    this.f();
  }
}

/** An event a test fires by hand. */
export class FakeEvent<T> {
  private readonly listeners = new Set<(e: T) => void>();
  readonly event = (f: (e: T) => void): Disposable => {
    this.listeners.add(f);
    return new Disposable(() => this.listeners.delete(f));
  };
  fire(e: T): void {
    for (const f of this.listeners) f(e);
  }
}

/** A text document held in memory: the parts of TextDocument that reading a cursor's context uses. */
export class FakeTextDocument {
  version = 1;
  readonly uri: { scheme: string; path: string; toString(): string };
  constructor(public text: string, readonly languageId = 'typescript', path = '/work/a.ts') {
    this.uri = { scheme: 'file', path, toString: () => `file://${path}` };
  }
  private get lines(): string[] {
    return this.text.split('\n');
  }
  get lineCount(): number {
    return this.lines.length;
  }
  lineAt(line: number): { text: string; range: Range } {
    const text = this.lines[line]!;
    return { text, range: new Range(line, 0, line, text.length) };
  }
  offsetAt(p: Position): number {
    const lines = this.lines;
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i]!.length + 1;
    return o + p.character;
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, offset).split('\n');
    return new Position(before.length - 1, before.at(-1)!.length);
  }
  getText(r?: Range): string {
    return r ? this.text.slice(this.offsetAt(r.start), this.offsetAt(r.end)) : this.text;
  }
  /** Replaces the text, as typing would (the version moves on). */
  edit(text: string): void {
    this.text = text;
    this.version++;
  }
}

export const editorEvents = {
  activeEditor: new FakeEvent<unknown>(),
  selection: new FakeEvent<unknown>(),
  documentChange: new FakeEvent<unknown>(),
};

/** Types `text` at `offset` of the document and fires the change as VS Code would. */
export function typeInto(doc: FakeTextDocument, offset: number, text: string): void {
  doc.edit(doc.text.slice(0, offset) + text + doc.text.slice(offset));
  editorEvents.documentChange.fire({ document: doc, contentChanges: [{ text, rangeOffset: offset, rangeLength: 0 }] });
}

export class FakeStatusItem {
  text = '';
  name = '';
  tooltip: unknown;
  command: unknown;
  backgroundColor: ThemeColor | undefined;
  accessibilityInformation: { label: string; role?: string } | undefined;
  visible = false;
  constructor(readonly id: string) {}
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  dispose(): void {
    this.visible = false;
  }
}

/** One `window.withProgress` notification: what it reported, its Cancel, and whether its task has ended. */
export class FakeNotification {
  readonly reports: { message?: string; increment?: number }[] = [];
  ended = false;
  private readonly listeners: (() => void)[] = [];
  private cancelled = false;
  readonly progress = { report: (v: { message?: string; increment?: number }) => void this.reports.push(v) };
  readonly token = {
    isCancellationRequested: false,
    onCancellationRequested: (f: () => void) => {
      this.listeners.push(f);
      return { dispose: () => undefined };
    },
  };
  constructor(readonly title: string, readonly cancellable: boolean) {}

  /** The user clicks Cancel. */
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.token.isCancellationRequested = true;
    for (const f of this.listeners) f();
  }

  /** How full the bar is, in percent (the sum of the increments). */
  get filled(): number {
    return this.reports.reduce((n, r) => n + (r.increment ?? 0), 0);
  }

  get lastMessage(): string | undefined {
    return [...this.reports].reverse().find((r) => r.message !== undefined)?.message;
  }
}

export const statusItems: FakeStatusItem[] = [];
export const notifications: FakeNotification[] = [];
export const errorMessages: string[] = [];

export const window = {
  activeTextEditor: undefined as { document: FakeTextDocument; selection: { active: Position } } | undefined,
  onDidChangeActiveTextEditor: editorEvents.activeEditor.event,
  onDidChangeTextEditorSelection: editorEvents.selection.event,
  createStatusBarItem(id: string): FakeStatusItem {
    const item = new FakeStatusItem(id);
    statusItems.push(item);
    return item;
  },
  withProgress<T>(options: { title?: string; cancellable?: boolean }, task: (progress: FakeNotification['progress'], token: FakeNotification['token']) => Thenable<T>): Thenable<T> {
    const n = new FakeNotification(options.title ?? '', options.cancellable ?? false);
    notifications.push(n);
    return Promise.resolve(task(n.progress, n.token)).finally(() => {
      n.ended = true;
    });
  },
  showErrorMessage(message: string): Thenable<string | undefined> {
    errorMessages.push(message);
    return Promise.resolve(undefined);
  },
};

/** Forgets what earlier tests left: settings, items, notifications, messages. */
export function resetFakeVscode(): void {
  settings.clear();
  window.activeTextEditor = undefined;
  statusItems.length = 0;
  notifications.length = 0;
  errorMessages.length = 0;
}

// `vscode` exists only inside the editor: point its name at this module.
const resolve = (Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string })._resolveFilename;
(Module as unknown as { _resolveFilename: typeof resolve })._resolveFilename = function (this: unknown, request, ...rest) {
  return request === 'vscode' ? __filename : resolve.call(this, request, ...rest);
};
