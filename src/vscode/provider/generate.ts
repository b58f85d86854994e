// The generate stage: one engine call with a fresh EditorOracle for this document and cursor.
// The oracle's shadow file is removed when the call ends, whatever the outcome.
import * as vscode from 'vscode';
import { EditorOracle } from '../oracle/editor-oracle';
import type { Engine, EngineRequest, EngineResult } from '../engine';
import type { Log } from '../log';
import type { TextWindow } from '../../core/completion/input-limits';
import type { ShadowPool } from '../oracle/shadow-pool';
import type { TsPluginClient } from '../oracle/ts-plugin-client';
import type { WorkspaceIndex } from '../statistics/workspace-index';
import { withProjectEvidence } from '../../core/statistics/project-evidence';

export interface Generated {
  result: EngineResult;
  oracleMs: number;
  /** Questions the language service could not take yet (it was starting). */
  notReady: number;
}

/** Shadow clean-ups still running; deactivate waits for them. */
export const pendingCleanups = new Set<Promise<void>>();

export async function generate(
  engine: Engine,
  doc: vscode.TextDocument,
  /** The cursor's offset (-1: the question is never about the real document), the span the request was read from. */
  at: { cursor: number; window: TextWindow },
  req: EngineRequest,
  deps: { log: Log; shadows: ShadowPool; tsPlugin: TsPluginClient; projectIndex?: WorkspaceIndex },
  signal: AbortSignal,
): Promise<Generated> {
  const { log } = deps;
  const oracle = new EditorOracle(doc, at.cursor, doc.version, { timeoutMs: req.oracleTimeoutMs, log, shadows: deps.shadows, tsPlugin: deps.tsPlugin, window: at.window });
  try {
    // The workspace's counts travel with each answer; the document's own text is counted by the decoder.
    const answering = req.nameWeights && deps.projectIndex ? withProjectEvidence(oracle, deps.projectIndex.countFor(doc)) : oracle;
    const result = await engine.complete(req, answering, signal);
    return { result, oracleMs: oracle.stats.totalMs, notReady: oracle.stats.notReady };
  } finally {
    const cleanup = oracle.dispose().catch((e) => log.warn(`shadow document clean-up failed: ${String(e)}`));
    pendingCleanups.add(cleanup);
    void cleanup.finally(() => pendingCleanups.delete(cleanup));
  }
}
