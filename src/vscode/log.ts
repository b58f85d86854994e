// The "Monitor-Guided Completions" log channel, also the core's Logger port.
import * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import { logWithCode } from './log-privacy';

export const LOG_NAME = 'Monitor-Guided Completions';

export interface Log extends Logger {
  readonly channel: vscode.LogOutputChannel;
  /**
   * A line with a part that holds the user's code (completion text, model output, names from the
   * project): `line` at `level`, and `code` only when the user set the channel's level to Trace.
   */
  withCode(level: 'info' | 'debug', line: string, code: string): void;
  show(): void;
}

export function createLog(): Log {
  const channel = vscode.window.createOutputChannel(LOG_NAME, { log: true });
  return {
    channel,
    debug: (m) => channel.debug(m),
    // Completion lines and early-return reasons are what people read when "nothing shows up":
    // logged at info so the default log level shows them (their figures, never the code).
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
    withCode: (level, line, code) => logWithCode(channel, level, line, code),
    show: () => channel.show(true),
  };
}
