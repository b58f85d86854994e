import ts from 'typescript';
import type { Around, CompletionAnswer, LanguageOracle, OracleAnswer, OracleQuery } from '../../core/ports';
import { answerOrNone, noAnswer } from '../../core/oracle/query';
import { oracleDocument } from '../../core/oracle/document';
import { answerQuery } from '../../tsplugin/answer';
import { TsProject } from '../project/ts-project';

export interface TsProjectOracleOptions {
  /** The project folder (its tsconfig.json if any, node_modules for dependencies). */
  readonly projectDir: string;
  /** The file the queries are about, absolute or relative to projectDir. */
  readonly file: string;
  /** Use this project instead of the shared warm one for projectDir. */
  readonly project?: TsProject;
}

export interface OracleStats {
  readonly queries: number;
  readonly totalMs: number;
  readonly ms: readonly number[];
}

/**
 * The LanguageOracle of the command line and the evaluation: the TypeScript LanguageService on the
 * file text prefix + generated + suffix, held in memory (never written to disk). Brackets open at
 * the cursor that the suffix does not close are closed right after it (see closersFor).
 */
export class TsProjectOracle implements LanguageOracle {
  readonly project: TsProject;
  readonly file: string;
  private readonly times: number[] = [];

  constructor(opts: TsProjectOracleOptions) {
    this.project = opts.project ?? TsProject.for(opts.projectDir);
    this.file = this.project.addRoot(opts.file);
  }

  async answer(q: OracleQuery, around: Around): Promise<OracleAnswer> {
    if (q.signal?.aborted) return noAnswer('cancelled');
    const value = this.timed(() => answerQuery(ts, this.project.service, this.file, this.place(q, around), q));
    return answerOrNone(value, q.kind === 'signature' ? 'no signature here' : 'no answer');
  }

  /**
   * One untimed question at the cursor. The first question to a cold service builds the program
   * (seconds for a real project), which would time the first monitor out and leave that step
   * unguided; an editor's service is warm on the file the user types in. Its answer is the legal
   * set at the cursor.
   */
  async warm(prefix: string, suffix: string): Promise<CompletionAnswer | undefined> {
    const n = this.times.length;
    try {
      const a = await this.answer({ kind: 'members', generated: '', triggerCharacter: '.' }, { prefix, suffix });
      return a.status === 'answered' ? (a.value as CompletionAnswer) : undefined;
    } catch {
      // a cold first question is all a failure here costs
      return undefined;
    } finally {
      this.times.length = n;
    }
  }

  /** Milliseconds of every query so far (the LanguageService work, on this thread). */
  stats(): OracleStats {
    return { queries: this.times.length, totalMs: this.times.reduce((a, b) => a + b, 0), ms: [...this.times] };
  }

  private place(q: OracleQuery, around: Around): number {
    const doc = oracleDocument(around, q.generated);
    this.project.setOverlay(this.file, doc.text);
    return doc.offset;
  }

  private timed<T>(fn: () => T): T | undefined {
    const t0 = performance.now();
    try {
      return fn();
    } catch {
      // A LanguageService exception is "no answer" for the monitor, never a failed completion.
      return undefined;
    } finally {
      this.times.push(performance.now() - t0);
    }
  }
}
