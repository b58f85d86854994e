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

/** The free bytes on the disk that holds `dir`, read at its nearest folder that exists; undefined when they cannot be read. */
export type FreeSpace = (dir: string) => { folder: string; bytes: number } | undefined;

export const diskFree: FreeSpace = (dir) => {
  let d = dir;
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  try {
    const s = statfsSync(d);
    return { folder: d, bytes: s.bavail * s.bsize };
  } catch {
    return undefined;
  }
};

/** Throws when the disk holding `dir` has less free space than `size` bytes and a margin. */
export function checkRoom(dir: string, size: number, what: string, freeSpace: FreeSpace = diskFree): void {
  const free = freeSpace(dir);
  if (!free) return; // cannot tell: let the download try
  // The download is written beside its final name and renamed: the file's size, plus some room.
  const needed = size * 1.05 + 64 * 2 ** 20;
  if (free.bytes < needed) {
    throw new ModelLoadError(`not enough disk space for ${what}: it needs ${mb(needed)} MB (${mb(size)} MB of weights and room to spare) and ${free.folder} has ${mb(free.bytes)} MB free; free some space, or pick a smaller precision (mgd.dtype) or 'bundled'`);
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
  const n = bytes / 2 ** 20;
  return n < 10 ? n.toFixed(1) : n.toFixed(0);
}
