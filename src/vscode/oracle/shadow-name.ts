// Shadow file names carry the process id of the extension host that made them, so that a window
// sweeping leftovers at start-up never deletes a shadow another window is using right now.
// No vscode import: the rules are unit-tested on their own.

const NAME = /^\.mgd-shadow-(?:([0-9a-z]+)-)?[0-9a-z]+(\.[^/\\]*)?$/;

/** `.mgd-shadow-<pid base 36>-<random><ext>` for a file beside one with extension `ext`. */
export function shadowFileName(ext: string, pid: number, random: () => number = Math.random): string {
  const id = random().toString(36).slice(2, 10) + Date.now().toString(36);
  return `.mgd-shadow-${pid.toString(36)}-${id}${ext}`;
}

export function isShadowFileName(base: string): boolean {
  return NAME.test(base);
}

/** The owner's process id; undefined for names from before owners were recorded. */
export function shadowOwner(base: string): number | undefined {
  const m = NAME.exec(base);
  if (!m?.[1]) return undefined;
  const pid = parseInt(m[1], 36);
  return Number.isSafeInteger(pid) ? pid : undefined;
}

/** A shadow no running process owns: a crash or a killed window left it. */
export function isLeftover(base: string, isAlive: (pid: number) => boolean): boolean {
  if (!isShadowFileName(base)) return false;
  const pid = shadowOwner(base);
  return pid === undefined || !isAlive(pid);
}

/** Whether a process with this id runs on this machine (signal 0 only checks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
