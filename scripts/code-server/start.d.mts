export interface StartOptions {
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  port?: number;
  readyTimeoutMs?: number;
  quiet?: boolean;
}
export interface RunningCodeServer {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}
export function freePort(host?: string): Promise<number>;
export function startCodeServer(o: StartOptions): Promise<RunningCodeServer>;
