import type { LanguageOracle, OracleAnswer, OracleQuery } from '../core/ports';
import type { FromWorker } from './worker-protocol';

interface Pending {
  resolve(a: OracleAnswer): void;
  reject(e: unknown): void;
}

/**
 * Worker side of the oracle: the language service lives on the main thread (the `vscode` API
 * exists only there), so each question is posted there and its answer awaited. Only the question
 * travels; the main thread holds the document around the cursor.
 */
export class OracleBridge {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly post: (m: FromWorker) => void) {}

  /** The oracle one request's decode loop sees. */
  forRequest(requestId: number): LanguageOracle {
    return { answer: (q) => this.ask(requestId, q) };
  }

  answer(queryId: number, answer: OracleAnswer | undefined, error: string | undefined): void {
    const p = this.pending.get(queryId);
    if (!p) return; // answered after the question was given up
    this.pending.delete(queryId);
    if (error !== undefined || answer === undefined) p.reject(new Error(error ?? 'no answer came back'));
    else p.resolve(answer);
  }

  get outstanding(): number {
    return this.pending.size;
  }

  private ask(requestId: number, q: OracleQuery): Promise<OracleAnswer> {
    const signal = q.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const queryId = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.delete(queryId)) return;
        this.post({ type: 'oracleCancel', queryId });
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(queryId, {
        resolve: (a) => { done(); resolve(a); },
        reject: (e) => { done(); reject(e); },
      });
      const { signal: _local, ...query } = q;
      this.post({ type: 'oracleQuery', requestId, queryId, query });
    });
  }
}
