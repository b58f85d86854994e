export interface StartOptions {
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  port?: number;
  readyTimeoutMs?: number;
  quiet?: boolean;
  /** SIGINT/SIGTERM/SIGHUP kill the group, then end this process the default way. */
  killOnSignals?: boolean;
  /** code-server's `--log` level; default MGD_CS_LOG, else code-server's own. */
  logLevel?: string;
}
export interface RunningCodeServer {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
  /** Settles when the code-server process itself ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}
export function freePort(host?: string): Promise<number>;
export function startCodeServer(o: StartOptions): Promise<RunningCodeServer>;
export function installExtension(o: { vsix: string; extensionsDir: string; userDataDir: string; quiet?: boolean }): Promise<string>;
