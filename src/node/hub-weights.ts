// The weight files of one precision of a model: the ONNX graph and, for models over protobuf's 2 GB,
// its external data (`model.onnx_data`, `model.onnx_data_1`, …), which transformers.js loads beside
// the graph when config.json says so and onnxruntime then reads by name. For a hub model each file
// is checked as the graph is: room on the disk before the download, size and sha256 against the
// hub's metadata after it; a file that fails is removed, so the next start downloads it again.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ModelRegistry, type PretrainedConfig } from '@huggingface/transformers';
import { checkRoom, diskFree, mismatch, publishedFile, type FreeSpace, type Published } from './download-check';
import type { ConcreteDtype } from './model-source';

/** The files under onnx/ that transformers.js loads for this model and precision, graph first. */
export async function weightFilesOf(id: string, config: PretrainedConfig, dtype: ConcreteDtype): Promise<string[]> {
  const files = await ModelRegistry.get_model_files(id, { config, dtype });
  return files.filter((f) => f.startsWith('onnx/'));
}

/** The external-data files among `files`. */
export function externalData(files: string[]): string[] {
  return files.filter((f) => /\.onnx_data(_\d+)?$/.test(f));
}

export class HubWeights {
  /** Files that were not in the cache when this load began, with what the hub published of each. */
  private readonly fresh = new Map<string, Published>();

  /** `dir`: the cache folder the files are downloaded into; `files` relative to it. */
  constructor(private readonly dir: string, readonly files: string[]) {}

  /** Asks the hub about each file not downloaded yet (no download); throws when they do not fit on the disk. */
  async prepare(urlOf: (file: string) => string, fetchFn: typeof fetch, what: string, freeSpace: FreeSpace = diskFree): Promise<void> {
    let total = 0;
    for (const f of this.files) {
      if (existsSync(join(this.dir, f))) continue;
      const p = await publishedFile(urlOf(f), fetchFn).catch((): Published => ({}));
      this.fresh.set(f, p);
      total += p.size ?? 0;
    }
    if (total > 0) checkRoom(this.dir, total, what, freeSpace);
  }

  /**
   * Checks the files this load downloaded against what the hub published, and removes each that
   * differs: also after a failed load, so that a file kept for the next start has been checked
   * (a file in the cache is not checked again). Returns the first that differed, and how.
   */
  async verify(): Promise<{ file: string; why: string } | undefined> {
    let first: { file: string; why: string } | undefined;
    for (const [file, p] of this.fresh) {
      const path = join(this.dir, file);
      if (!existsSync(path) || (p.size === undefined && p.sha256 === undefined)) continue;
      const why = await mismatch(path, p).catch(() => undefined);
      if (!why) continue;
      rmSync(path, { force: true });
      first ??= { file, why };
    }
    return first;
  }

  /** Removes every weight file of this precision from the cache; how many there were. */
  drop(): number {
    let n = 0;
    for (const f of this.files) {
      const path = join(this.dir, f);
      if (!existsSync(path)) continue;
      rmSync(path, { force: true });
      n++;
    }
    return n;
  }
}
