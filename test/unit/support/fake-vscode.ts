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
};

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
  statusItems.length = 0;
  notifications.length = 0;
  errorMessages.length = 0;
}

// `vscode` exists only inside the editor: point its name at this module.
const resolve = (Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string })._resolveFilename;
(Module as unknown as { _resolveFilename: typeof resolve })._resolveFilename = function (this: unknown, request, ...rest) {
  return request === 'vscode' ? __filename : resolve.call(this, request, ...rest);
};
