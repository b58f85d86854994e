// A local server with the Hugging Face hub's URL layout (<owner>/<name>/resolve/<revision>/<file>):
// the download path without a network. A test's `route` says what a path serves: the file as the
// hub has it, what the hub publishes about it (its metadata on HEAD: size, the sha256 of a weights
// file as `x-linked-etag`, the commit as `x-repo-commit`), and how a download of it goes wrong, if
// it does. Byte ranges are answered as the hub answers them (transformers.js asks for bytes=0-0 to
// learn a file's size), never with a fault. Every request and every download is recorded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';

export type Fault =
  /** A complete response of the first `bytes` bytes, its content-length saying so: a file cut short on the way. */
  | { kind: 'short'; bytes: number }
  /** The first `after` bytes, then the server closes the connection. */
  | { kind: 'drop'; after: number }
  /** The first `after` bytes, then nothing: a connection that hangs. */
  | { kind: 'stall'; after: number }
  /** `chunk` bytes every `everyMs`: a slow link; a download takes size / chunk ticks. */
  | { kind: 'slow'; chunk: number; everyMs: number };

export interface Served {
  /** The file as the hub has it: what a download receives when nothing goes wrong. */
  body: Buffer;
  /** The sha256 the hub publishes for a weights file; by default the body's, null for none. */
  sha256?: string | null;
  /** The size the hub publishes (`x-linked-size`) when it is not the body's. */
  size?: number;
  /** The commit the hub names (`x-repo-commit`) on every answer; none by default, as a plain mirror. */
  commit?: string;
  /** How a download (a GET without a range) goes wrong. */
  fault?: Fault;
}

export interface HubRequest {
  owner: string;
  name: string;
  revision: string;
  file: string;
}

/** One download (a GET of a whole file) as the server saw it. */
export interface Download {
  path: string;
  size: number;
  /** Bytes written to the connection so far. */
  sent: number;
  /** Settles when the connection is closed, by the client or by the server. */
  closed: Promise<void>;
}

const WEIGHTS = /\.onnx(_data(_\d+)?)?$/;

export class HubServer {
  /** `METHOD path` of every request, `METHOD range path` for a byte range. */
  readonly requested: string[] = [];
  readonly downloads: Download[] = [];
  private constructor(private readonly server: Server, readonly url: string) {}

  /** Serves what `route` answers for each path (undefined: 404). */
  static async start(route: (r: HubRequest) => Served | undefined): Promise<HubServer> {
    let hub: HubServer | undefined;
    const server = createServer((req, res) => hub!.answer(req, res, route));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    hub = new HubServer(server, `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`);
    return hub;
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }

  private answer(req: IncomingMessage, res: ServerResponse, route: (r: HubRequest) => Served | undefined): void {
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    this.requested.push(`${req.method}${range ? ' range' : ''} ${path}`);
    const m = /^\/([\w.-]+)\/([\w.-]+)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    const served = m && !m[4]!.includes('..') ? route({ owner: m[1]!, name: m[2]!, revision: m[3]!, file: m[4]! }) : undefined;
    if (!served) {
      res.writeHead(404).end('not found');
      return;
    }
    const { body } = served;
    const named = served.commit ? { 'x-repo-commit': served.commit } : {};
    const type = { 'content-type': 'application/octet-stream' };
    if (req.method === 'HEAD') {
      const sha256 = served.sha256 === undefined ? createHash('sha256').update(body).digest('hex') : served.sha256;
      res.writeHead(200, {
        ...named,
        'content-length': body.length,
        ...(WEIGHTS.test(m![4]!) && sha256 !== null ? { 'x-linked-etag': `"${sha256}"` } : {}),
        ...(served.size !== undefined ? { 'x-linked-size': String(served.size) } : {}),
      }).end();
      return;
    }
    if (range) {
      const start = Number(range[1]);
      const end = Math.min(body.length - 1, range[2] ? Number(range[2]) : body.length - 1);
      res.writeHead(206, { ...named, ...type, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${body.length}` });
      res.end(body.subarray(start, end + 1));
      return;
    }
    const fault = served.fault;
    const sent = fault?.kind === 'short' ? body.subarray(0, fault.bytes) : body;
    const download: Download = {
      path, size: sent.length, sent: 0,
      closed: new Promise((resolve) => (req.socket.destroyed ? resolve() : req.socket.once('close', () => resolve()))),
    };
    this.downloads.push(download);
    const write = (chunk: Buffer, then?: () => void) => {
      download.sent += chunk.length;
      res.write(chunk, then);
    };
    res.writeHead(200, { ...named, ...type, 'content-length': sent.length });
    if (fault?.kind === 'drop') {
      write(sent.subarray(0, fault.after), () => res.destroy());
    } else if (fault?.kind === 'stall') {
      write(sent.subarray(0, fault.after));
    } else if (fault?.kind === 'slow') {
      let at = 0;
      const tick = setInterval(() => {
        if (req.socket.destroyed) {
          clearInterval(tick);
          return;
        }
        write(sent.subarray(at, at + fault.chunk));
        at += fault.chunk;
        if (at >= sent.length) {
          clearInterval(tick);
          res.end();
        }
      }, fault.everyMs);
      req.socket.once('close', () => clearInterval(tick));
    } else {
      write(sent, () => res.end());
    }
  }
}
