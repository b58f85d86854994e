// Shadow file names carry the process id of the extension host that made them (a reader of a folder
// can tell which window a shadow belongs to). What may be deleted is decided by the ledger
// (src/node/files/file-ledger.ts), never by a name. No vscode import: unit-tested on its own.

const NAME = /^\.mgd-shadow-(?:([0-9a-z]+)-)?[0-9a-z]+(\.[^/\\]*)?$/;

/** `.mgd-shadow-<pid base 36>-<random><ext>` for a file beside one with extension `ext`. */
export function shadowFileName(ext: string, pid: number, random: () => number = Math.random): string {
  const id = random().toString(36).slice(2, 10) + Date.now().toString(36);
  return `.mgd-shadow-${pid.toString(36)}-${id}${ext}`;
}

export function isShadowFileName(base: string): boolean {
  return NAME.test(base);
}
