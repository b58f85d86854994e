// One status bar item, a handful of states. The accessibility label starts with `MGD <state>`:
// screen readers announce it and the end-to-end tests find the item by it.
import * as vscode from 'vscode';

/** `stopped`: no model is loaded, by the user's choice (a cancelled download); nothing retries it. */
export type StatusState = 'loading' | 'ready' | 'generating' | 'unguided' | 'error' | 'stopped' | 'disabled';

export interface LastTimings {
  promptMs: number;
  tokensPerSecond: number;
  oracleMs: number;
  blocked: number;
  tokens: number;
  guided: boolean;
}

const ICONS: Record<StatusState, string> = {
  loading: '$(loading~spin)',
  ready: '$(sparkle)',
  generating: '$(sync~spin)',
  unguided: '$(warning)',
  error: '$(error)',
  stopped: '$(debug-stop)',
  disabled: '$(circle-slash)',
};

/** What a click on the item does, where it is not explaining the last completion. */
const COMMANDS: Partial<Record<StatusState, string>> = { error: 'mgd.showLog', stopped: 'mgd.selectModel', disabled: 'mgd.enable' };

export class StatusView implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private state: StatusState = 'loading';
  private detail = '';
  private timings: LastTimings | undefined;
  private modelId = '';

  constructor() {
    this.item = vscode.window.createStatusBarItem('mgd.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Monitor-Guided Completions';
    this.render();
  }

  get current(): StatusState {
    return this.state;
  }

  /** The item appears with the first state set: until a file wants the model there is nothing to say. */
  set(state: StatusState, detail = ''): void {
    this.state = state;
    this.detail = detail;
    this.render();
    this.item.show();
  }

  setModel(modelId: string): void {
    this.modelId = modelId;
    this.render();
  }

  setTimings(t: LastTimings): void {
    this.timings = t;
    this.render();
  }

  private render(): void {
    const label = `MGD ${this.state}${this.detail ? `: ${this.detail}` : ''}`;
    this.item.text = `${ICONS[this.state]} MGD${this.state === 'loading' && this.detail ? ` ${this.detail}` : ''}`;
    this.item.accessibilityInformation = { label, role: 'button' };
    this.item.backgroundColor =
      this.state === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : this.state === 'unguided'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.command = COMMANDS[this.state] ?? 'mgd.explainLastCompletion';
    this.item.tooltip = this.tooltip(label);
  }

  private tooltip(label: string): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['mgd.showLog', 'mgd.selectModel', 'mgd.enable', 'mgd.disable', 'mgd.explainLastCompletion'] };
    md.appendMarkdown(`**Monitor-Guided Completions** — ${escape(label.slice(4))}\n\n`);
    if (this.modelId) md.appendMarkdown(`Model: \`${escape(this.modelId)}\`\n\n`);
    const t = this.timings;
    if (t) {
      md.appendMarkdown(
        `Last completion: prompt ${t.promptMs.toFixed(0)} ms · ${t.tokensPerSecond.toFixed(1)} tokens/s · ` +
          `language service ${t.oracleMs.toFixed(0)} ms · ${t.blocked} tokens blocked · ${t.tokens} tokens · ${t.guided ? 'guided' : 'unguided'}\n\n`,
      );
    }
    md.appendMarkdown(
      '[Explain last](command:mgd.explainLastCompletion) · [Select model](command:mgd.selectModel) · [Show log](command:mgd.showLog) · ' +
        (this.state === 'disabled' ? '[Enable](command:mgd.enable)' : '[Disable](command:mgd.disable)'),
    );
    return md;
  }

  dispose(): void {
    this.item.dispose();
  }
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
