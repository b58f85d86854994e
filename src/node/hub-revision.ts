// Which revision of a hub model is loaded. A branch such as `main` moves: files downloaded at two
// different times (config now, weights of another precision next month) could come from two
// commits. So a branch or tag is resolved once, to the commit the hub names in its `x-repo-commit`
// header, that commit is recorded in the cache, and every file is loaded from that commit and kept
// in a folder of its own (`<cache>/<owner>/<name>/<commit>/<owner>/<name>/…`): two revisions never
// mix.
//
// transformers.js has a `revision` option, but one of its own checks ignores it (whether
// tokenizer_config.json exists is asked of `main`, on the network even when the file is cached), so
// a pinned model would not load offline. It is given the commit in its URL template instead, and a
// cache root per commit, which every one of its checks uses.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const COMMIT = /^[0-9a-f]{40}$/;
/** Recorded pins of one model: requested revision → commit. A revision starts with a letter or digit, so no revision folder is named like it. */
const PINS = '.revisions.json';

export interface Pinned {
  /** What transformers.js loads: a commit, or the revision as named when the hub did not say which commit it is. */
  revision: string;
  /** True when `revision` is a commit. */
  commit: boolean;
}

/**
 * The commit to load for `revision` of hub model `id`: a commit as given; else the one recorded
 * for it in the cache; else the one the hub answers with now, recorded. Without an answer (no
 * network, a mirror that does not name commits) the revision as named.
 */
export async function pinRevision(cacheDir: string, id: string, revision: string, hub: string, fetchFn: typeof fetch): Promise<Pinned> {
  if (COMMIT.test(revision)) return { revision, commit: true };
  const pins = readPins(cacheDir, id);
  const known = pins[revision];
  if (known !== undefined && COMMIT.test(known)) return { revision: known, commit: true };
  const commit = await commitOf(new URL(`${id}/resolve/${encodeURIComponent(revision)}/config.json`, hub).href, fetchFn).catch(() => undefined);
  if (commit === undefined) return { revision, commit: false };
  writePins(cacheDir, id, { ...pins, [revision]: commit });
  return { revision: commit, commit: true };
}

/**
 * The cache root transformers.js is given for one revision: it keeps a model's files under
 * `<root>/<owner>/<name>/`. `main` that the hub did not resolve to a commit keeps transformers.js'
 * own layout (`<cache>/<owner>/<name>/`).
 */
export function revisionRoot(cacheDir: string, id: string, revision: string): string {
  return revision === 'main' ? cacheDir : join(cacheDir, id, revision);
}

/** The path template that puts `revision` into every file URL (transformers.js' own is `{model}/resolve/{revision}/`). */
export function remotePathFor(revision: string): string {
  return `{model}/resolve/${encodeURIComponent(revision)}/`;
}

async function commitOf(url: string, fetchFn: typeof fetch): Promise<string | undefined> {
  const res = await fetchFn(url, { method: 'HEAD', redirect: 'manual' });
  const commit = res.headers.get('x-repo-commit') ?? '';
  return COMMIT.test(commit) ? commit : undefined;
}

function readPins(cacheDir: string, id: string): Record<string, string> {
  try {
    const v = JSON.parse(readFileSync(join(cacheDir, id, PINS), 'utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {};
  } catch {
    return {}; // none recorded yet, or unreadable: resolved again
  }
}

function writePins(cacheDir: string, id: string, pins: Record<string, string>): void {
  const dir = join(cacheDir, id);
  try {
    mkdirSync(dir, { recursive: true });
    // Written beside and renamed: a reader never sees half a file, and one left by a killed
    // process is named as a partial download is, so the same sweep removes it.
    const tmp = join(dir, `${PINS}.tmp.${process.pid}.${Math.floor(Math.random() * 36 ** 6).toString(36)}`);
    writeFileSync(tmp, JSON.stringify(pins, null, 2));
    renameSync(tmp, join(dir, PINS));
  } catch {
    // not recorded: the next start asks the hub again, and this one still loads the commit
  }
}
