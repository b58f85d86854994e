// The log holds the user's code (completion text, what the model wrote, names read from the
// project) only when the user asks for it with "Developer: Set Log Level… → Trace": such a part is
// written only at the Trace level, and the whole line then goes out as a trace line. Reasons and
// figures stay at their own level. No vscode import, so node:test runs it.

/** `vscode.LogLevel.Trace`; the enum's values are part of the API. */
export const TRACE_LEVEL = 1;

/** The part of `vscode.LogOutputChannel` this needs. */
export interface LevelledChannel {
  readonly logLevel: number;
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
}

/**
 * `line` at `level`; with the channel at Trace, `line` followed by `, ${code}` as one trace line
 * (one line either way, so that a reader pairs nothing).
 */
export function logWithCode(channel: LevelledChannel, level: 'info' | 'debug', line: string, code: string): void {
  if (channel.logLevel === TRACE_LEVEL) channel.trace(code ? `${line}, ${code}` : line);
  else channel[level](line);
}
