// A hub model's weights: is there room for them before they are downloaded, and are they what the
// hub published once they are. The hub sends a large file's size and sha256 with its metadata
// (`x-linked-size`, `x-linked-etag`; `content-length` for small ones).
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ModelLoadError } from './model-errors';

export interface Published {
  size?: number;
  sha256?: string;
}

/** What the hub says about `url`, without downloading it; nothing when it says nothing usable. */
export async function publishedFile(url: string, fetchFn: typeof fetch): Promise<Published> {
  const res = await fetchFn(url, { method: 'HEAD', redirect: 'manual' });
  if (!(res.ok || (res.status >= 300 && res.status < 400))) return {};
  const size = Number(res.headers.get('x-linked-size') ?? (res.ok ? res.headers.get('content-length') : undefined));
  const etag = (res.headers.get('x-linked-etag') ?? '').replace(/^W\//, '').replace(/"/g, '');
  return { ...(Number.isFinite(size) && size > 0 ? { size } : {}), ...(/^[0-9a-f]{64}$/.test(etag) ? { sha256: etag } : {}) };
}

/** Throws when the disk holding `dir` has less free space than `size` bytes and a margin. */
export function checkRoom(dir: string, size: number, what: string): void {
  let d = dir;
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  let free: number;
  try {
    const s = statfsSync(d);
    free = s.bavail * s.bsize;
  } catch {
    return; // cannot tell: let the download try
  }
  // The download is written beside its final name and renamed: the file's size, plus some room.
  if (free < size * 1.05 + 64 * 2 ** 20) {
    throw new ModelLoadError(`not enough disk space for ${what}: it needs ${mb(size)} MB and ${d} has ${mb(free)} MB free; free some space, or pick a smaller precision (mgd.dtype) or 'bundled'`);
  }
}

/** Why `file` is not what was published (size, then sha256); undefined when it is. */
export async function mismatch(file: string, p: Published): Promise<string | undefined> {
  const size = statSync(file).size;
  if (p.size !== undefined && size !== p.size) return `${size} bytes where the hub published ${p.size}`;
  if (p.sha256 === undefined) return undefined;
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  const got = h.digest('hex');
  return got === p.sha256 ? undefined : `sha256 ${got.slice(0, 12)}… where the hub published ${p.sha256.slice(0, 12)}…`;
}

function mb(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}
