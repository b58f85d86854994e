// The "Monitor-Guided Completions" log channel, also the core's Logger port.
import * as vscode from 'vscode';
import type { Logger } from '../core/ports';

export const LOG_NAME = 'Monitor-Guided Completions';

export interface Log extends Logger {
  readonly channel: vscode.LogOutputChannel;
  show(): void;
}

export function createLog(): Log {
  const channel = vscode.window.createOutputChannel(LOG_NAME, { log: true });
  return {
    channel,
    debug: (m) => channel.debug(m),
    // Completion lines and early-return reasons are what people read when "nothing shows up":
    // logged at info so the default log level shows them.
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
    show: () => channel.show(true),
  };
}
