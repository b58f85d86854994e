// A real tsserver (the pinned `typescript` package) with the extension's plugin loaded as VS Code
// loads it (a global plugin found in a probe location), spoken to over its stdio protocol.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

const repo = path.resolve(__dirname, '..', '..', '..');

interface Response {
  request_seq: number;
  success: boolean;
  message?: string;
  body?: unknown;
}

export class TsServer {
  private seq = 0;
  private buf = '';
  private readonly waiting = new Map<number, (r: Response) => void>();
  private readonly proc: ChildProcessWithoutNullStreams;

  /** `args`: more of tsserver's own options (a log file, as VS Code's `typescript.tsserver.log` passes it). */
  constructor(args: string[] = []) {
    this.proc = spawn(process.execPath, [
      path.join(repo, 'node_modules', 'typescript', 'lib', 'tsserver.js'),
      '--globalPlugins', 'mgd-tsserver-plugin',
      '--pluginProbeLocations', repo,
      '--disableAutomaticTypingAcquisition',
      '--useInferredProjectPerProjectRoot',
      ...args,
    ], { stdio: 'pipe' });
    this.proc.stdout.setEncoding('utf8');
    this.proc.stdout.on('data', (d: string) => this.read(d));
  }

  private read(d: string): void {
    this.buf += d;
    for (;;) {
      const m = /Content-Length: (\d+)\r\n\r\n/.exec(this.buf);
      if (!m) return;
      const start = m.index + m[0].length;
      const body = Buffer.from(this.buf.slice(start), 'utf8');
      const len = Number(m[1]);
      if (body.length < len) return;
      const json = body.subarray(0, len).toString('utf8');
      this.buf = body.subarray(len).toString('utf8');
      const msg = JSON.parse(json) as Response & { type: string };
      if (msg.type === 'response') this.waiting.get(msg.request_seq)?.(msg);
    }
  }

  request(command: string, args?: unknown): Promise<Response> {
    const seq = ++this.seq;
    return new Promise((resolve) => {
      this.waiting.set(seq, (r) => {
        this.waiting.delete(seq);
        resolve(r);
      });
      this.proc.stdin.write(JSON.stringify({ seq, type: 'request', command, arguments: args }) + '\n');
    });
  }

  /** A command tsserver does not answer (open, close): sent, then a cheap request to wait for it. */
  async notify(command: string, args: unknown): Promise<void> {
    this.proc.stdin.write(JSON.stringify({ seq: ++this.seq, type: 'request', command, arguments: args }) + '\n');
    await this.request('status');
  }

  close(): void {
    this.proc.kill();
  }
}
