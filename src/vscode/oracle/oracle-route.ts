// Where a document's oracle questions go. No vscode import, so node:test runs it.

/** Languages whose questions the extension's TypeScript server plugin answers. */
export const PLUGIN_LANGUAGES: ReadonlySet<string> = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);

/**
 * A shadow copy holds the whole document and is rewritten for every question inside generated
 * text; past this size a question costs more than its answer is worth within the step's deadline.
 */
export const MAX_SHADOW_CHARS = 1024 * 1024;

/**
 * - `plugin`: the TypeScript server plugin, over the document plus the generated text, no file.
 *   Files only: tsserver knows other documents (untitled, notebook cells) by paths of its own.
 * - `editor`: the editor's providers on the document at the cursor, and on an in-memory copy
 *   (an untitled document of the same language) inside generated text.
 * - `cursor`: the editor's providers at the cursor only; inside generated text steps go unguided.
 *   Documents too large to copy per question.
 */
export type OracleRoute = 'plugin' | 'editor' | 'cursor';

export function oracleRoute(doc: { readonly scheme: string; readonly languageId: string; readonly length: number }): OracleRoute {
  if (doc.scheme === 'file' && PLUGIN_LANGUAGES.has(doc.languageId)) return 'plugin';
  return doc.length <= MAX_SHADOW_CHARS ? 'editor' : 'cursor';
}
