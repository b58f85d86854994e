import type { CompletionAnswer, LanguageOracle, OracleQuery, SignatureAnswer } from '../core/ports';
import type { FromWorker } from './worker-protocol';

interface Pending {
  resolve(a: CompletionAnswer | SignatureAnswer | undefined): void;
  reject(e: unknown): void;
}

/**
 * Worker side of the oracle: the language service lives on the main thread (the `vscode` API
 * exists only there), so each question is posted there and its answer awaited.
 */
export class OracleBridge {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly post: (m: FromWorker) => void) {}

  /** The oracle one request's decode loop sees. */
  forRequest(requestId: number, signatureHelp: boolean): LanguageOracle {
    const oracle: LanguageOracle = {
      completions: (q) => this.ask(requestId, 'completions', q) as Promise<CompletionAnswer | undefined>,
    };
    if (signatureHelp) oracle.signatureHelp = (q) => this.ask(requestId, 'signatureHelp', q) as Promise<SignatureAnswer | undefined>;
    return oracle;
  }

  answer(queryId: number, answer: CompletionAnswer | SignatureAnswer | undefined, error: string | undefined): void {
    const p = this.pending.get(queryId);
    if (!p) return; // answered after the question was given up
    this.pending.delete(queryId);
    if (error !== undefined) p.reject(new Error(error));
    else p.resolve(answer);
  }

  get outstanding(): number {
    return this.pending.size;
  }

  private ask(requestId: number, method: 'completions' | 'signatureHelp', q: OracleQuery): Promise<CompletionAnswer | SignatureAnswer | undefined> {
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
      this.post({
        type: 'oracleQuery', requestId, queryId, method,
        query: { prefix: q.prefix, generated: q.generated, suffix: q.suffix, trigger: q.trigger },
      });
    });
  }
}
