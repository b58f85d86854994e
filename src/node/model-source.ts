import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Dtype } from '../core/completion/settings';
import { ModelLoadError } from './model-errors';

export type { Dtype };
export type ConcreteDtype = Exclude<Dtype, 'auto'>;

export type ModelSource =
  | { kind: 'bundled' | 'folder'; id: string; dir: string }
  /** `revision`: a branch, tag or commit of the hub repository; `main` when the setting names none. */
  | { kind: 'hub'; id: string; revision: string };

// transformers.js names the ONNX file of each precision like this (onnx/model<suffix>.onnx).
export const onnxFileOf: Record<ConcreteDtype, string> = {
  fp32: 'model.onnx',
  fp16: 'model_fp16.onnx',
  q8: 'model_quantized.onnx',
  q4: 'model_q4.onnx',
};

// owner/name, and optionally @revision (a branch, a tag or a commit; no slash, so it is one folder).
const HUB_ID = /^([A-Za-z0-9][\w.-]*\/[\w.-]+)(?:@([A-Za-z0-9][\w.-]*))?$/;

/** Reads the one model setting: `bundled`, a hub id (`owner/name`, `owner/name@revision`) or an absolute folder. */
export function resolveModelSource(model: string, bundledDir: string): ModelSource {
  const m = model.trim();
  if (m === '' || m === 'bundled') return { kind: 'bundled', id: 'bundled', dir: bundledDir };
  if (isAbsolute(m)) return { kind: 'folder', id: m, dir: m };
  const hub = HUB_ID.exec(m);
  if (hub && !m.includes('..')) return { kind: 'hub', id: hub[1]!, revision: hub[2] ?? 'main' };
  throw new ModelLoadError(`model '${m}' is neither 'bundled', a Hugging Face hub id like 'owner/name' (or 'owner/name@revision'), nor an absolute folder path`);
}

/**
 * Checks a model folder before transformers.js reads it, so that a missing file is named in the
 * error instead of surfacing as a fetch or JSON failure. Returns the precision to load.
 */
export function checkModelFolder(dir: string, dtype: Dtype): { dtype: ConcreteDtype; onnxPath: string } {
  if (!existsSync(dir)) throw new ModelLoadError(`model folder ${dir} does not exist`);
  for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
    if (!existsSync(join(dir, f))) throw new ModelLoadError(`model folder ${dir} is missing ${f}`);
  }
  const wanted: ConcreteDtype[] = dtype === 'auto' ? ['fp32', 'q8', 'fp16', 'q4'] : [dtype];
  for (const d of wanted) {
    const p = join(dir, 'onnx', onnxFileOf[d]);
    if (existsSync(p)) return { dtype: d, onnxPath: p };
  }
  throw new ModelLoadError(`model folder ${dir} is missing onnx/${onnxFileOf[wanted[0]!]}`);
}
