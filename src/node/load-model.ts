import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { AutoConfig, AutoModelForCausalLM, AutoTokenizer, env, type PretrainedConfig, type PreTrainedModel, type PreTrainedTokenizer } from '@huggingface/transformers';
import { familyFor, type ModelFamily } from '../core/completion/model-family';
import type { SpeedSample } from '../core/completion/prompt-window';
import { CachedLM } from './cached-lm';
import { ModelLoadError } from './model-errors';
import { checkModelFolder, onnxFileOf, resolveModelSource, type ConcreteDtype, type Dtype } from './model-source';
import { TransformersKv } from './transformers-kv';
import { sweepPartialDownloads } from './files/partial-downloads';
import { externalData, HubWeights, weightFilesOf } from './hub-weights';
import type { FreeSpace } from './download-check';
import { pinRevision, remotePathFor, revisionRoot } from './hub-revision';
import { VocabTokenizer, type TokenizerJson } from './vocab-tokenizer';
import { measurePromptSpeed } from './prompt-speed';
import { compactEncoder } from './compact-encoder';

export interface LoadSpec {
  model: string;
  dtype: Dtype;
  /** 0: half of the cores. */
  threads: number;
  cacheDir: string;
  bundledDir: string;
  /** Longest wait for the hub to start answering one file request. */
  hubTimeoutMs: number;
  /** A hub mirror instead of https://huggingface.co/ (same URL layout). */
  hubUrl?: string;
  /** Hash the ONNX file into `weights`: a second read of the whole file, seconds for large models. */
  fingerprint?: boolean;
  /** Time prompt chunks at load to size prompts (prompt-speed.ts); off: prompts sized as for an unmeasured model. */
  measurePromptSpeed?: boolean;
}

export interface LoadedModel {
  modelId: string;
  family: ModelFamily;
  tokenizer: VocabTokenizer;
  lm: CachedLM;
  /** Raw transformers.js objects, for baselines that bypass the engine. */
  model: PreTrainedModel;
  vocabSize: number;
  dtype: ConcreteDtype;
  threads: number;
  loadMs: number;
  /** What a prompt token costs here (prompt-speed.ts); empty for a model too short to measure. */
  promptSpeed: SpeedSample[];
  /** Short SHA-256 of the ONNX file, when it was read from a folder. */
  weights?: string;
  /** A hub model's files came from this commit (or this branch or tag, when the hub did not name the commit). */
  revision?: string;
}

export type ProgressFn = (p: { file: string; loaded: number; total: number }) => void;

const realFetch = globalThis.fetch.bind(globalThis);
// Errors that mean the file never arrived (as opposed to arriving and failing to load).
// onnxruntime could not read an initializer stored outside the graph.
const EXTERNAL_DATA_FAILURE = /External initializer|GetExtDataFromTensorProto|external data/i;
// onnxruntime could not parse the graph: `Load model from <path> failed:<reason>`.
const ORT_UNREADABLE = /^Load model from .+ failed:\s*(.+)$/;
// A transfer that had started and was cut.
const BROKE_OFF = /terminated|other side closed|ECONNRESET|socket hang up/i;
const DOWNLOAD_FAILURE = /fetch failed|could not locate|no answer within|ENOTFOUND|ECONN|EAI_AGAIN|ETIMEDOUT|network|status (4|5)\d\d|server error|other side closed|terminated|socket/i;

/**
 * Loads tokenizer and model of the chosen source through transformers.js + onnxruntime-node.
 * The network is touched only for a hub id; local folders and the bundled model load with remote
 * models switched off. `io.freeSpace` reads the free disk space before a download (tests give
 * the reading a full disk would).
 */
export async function loadModel(spec: LoadSpec, onProgress?: ProgressFn, io: { freeSpace?: FreeSpace } = {}): Promise<LoadedModel> {
  const t0 = performance.now();
  const source = resolveModelSource(spec.model, spec.bundledDir);
  const threads = spec.threads > 0 ? spec.threads : Math.max(1, Math.floor(availableParallelism() / 2));
  let dtype: ConcreteDtype;
  let onnxPath: string | undefined;
  let id: string;
  let what: string;
  env.allowLocalModels = true;
  env.useFSCache = true;
  let hubFetch: typeof fetch | undefined;
  let revision: string | undefined;
  /** Where transformers.js caches this load's files. */
  let cacheRoot = spec.cacheDir;
  /** The file a download was last receiving: a transfer cut short names it. */
  let transferring: string | undefined;
  if (source.kind === 'hub') {
    sweepPartialDownloads(join(spec.cacheDir, source.id)); // of an earlier load cut short
    env.allowRemoteModels = true;
    env.allowLocalModels = false; // never pick up a folder that happens to be named like the hub id
    hubFetch = fetchWithTimeout(spec.hubTimeoutMs);
    env.fetch = hubFetch;
    env.remoteHost = spec.hubUrl ?? 'https://huggingface.co/';
    dtype = spec.dtype === 'auto' ? 'q8' : spec.dtype;
    id = source.id;
    what = `'${spec.model.trim()}'`;
    // Every file of this load from one commit, cached under it (hub-revision.ts).
    revision = (await pinRevision(spec.cacheDir, source.id, source.revision, env.remoteHost, hubFetch)).revision;
    env.remotePathTemplate = remotePathFor(revision);
    cacheRoot = revisionRoot(spec.cacheDir, source.id, revision);
  } else {
    env.allowRemoteModels = false;
    const checked = checkModelFolder(source.dir, spec.dtype);
    dtype = checked.dtype;
    // transformers.js resolves local ids relative to localModelPath.
    env.localModelPath = dirname(source.dir);
    id = basename(source.dir);
    what = checked.onnxPath;
    onnxPath = checked.onnxPath;
  }
  env.cacheDir = cacheRoot;
  const options = {
    dtype,
    local_files_only: source.kind !== 'hub',
    cache_dir: cacheRoot,
    progress_callback: (p: { status: string; file?: string; loaded?: number; total?: number }) => {
      // transformers.js reports reading local files too; only downloads are worth showing.
      if (source.kind !== 'hub' || p.file === undefined) return;
      if (p.status === 'done') transferring = undefined;
      else transferring = p.file;
      if (p.status === 'progress') onProgress?.({ file: p.file, loaded: p.loaded ?? 0, total: p.total ?? 0 });
    },
  };
  let dataFiles: string[] = [];
  /** The weights' graph, as the hub names it. */
  let graphFile = `onnx/${onnxFileOf[dtype]}`;
  const fail = (stage: 'config' | 'tokenizer' | 'model', err: unknown): ModelLoadError => {
    let reason = describe(err);
    // onnxruntime names the tensor it could not read, not the file: say which file is short.
    if (stage === 'model' && dataFiles.length > 0 && EXTERNAL_DATA_FAILURE.test(reason)) {
      reason = `${dataFiles.join(', ')}, the weights' external data, is incomplete or damaged (${reason})`;
    } else if (stage === 'model') {
      // The message names the file itself: onnxruntime's own names the cache path, around its reason.
      reason = reason.replace(ORT_UNREADABLE, 'onnxruntime cannot read it ($1)');
    }
    if (source.kind === 'hub') {
      if (stage !== 'model' || DOWNLOAD_FAILURE.test(reason)) {
        const hub = spec.hubUrl ?? 'the Hugging Face hub';
        // A transfer that started and broke off: which file, and that no part of it is kept.
        if (stage === 'model' && transferring !== undefined && BROKE_OFF.test(reason)) {
          return new ModelLoadError(`the download of ${transferring} of ${what} from ${hub} broke off: ${reason}; nothing of it was kept, the next start downloads it again (or pick 'bundled' or a local folder)`);
        }
        return new ModelLoadError(`could not download ${what} from ${hub}: ${reason}; pick 'bundled' or a local folder`);
      }
      return new ModelLoadError(`could not load ${graphFile} of ${what} (${dtype}): ${reason}`);
    }
    if (stage === 'config') return new ModelLoadError(`could not read ${join(source.dir, 'config.json')}: ${reason}`);
    if (stage === 'tokenizer') return new ModelLoadError(`could not read the tokenizer in ${source.dir}: ${reason}`);
    return new ModelLoadError(`could not load ${what}: ${reason}`);
  };

  // Config, tokenizer, weights: in this order each failure names the file at fault (for a hub id
  // that does not exist, "could not locate config.json").
  let config: PretrainedConfig;
  try {
    config = await AutoConfig.from_pretrained(id, options);
  } catch (err) {
    throw fail('config', err);
  }
  let hfTokenizer: PreTrainedTokenizer;
  try {
    hfTokenizer = await AutoTokenizer.from_pretrained(id, options);
  } catch (err) {
    throw fail('tokenizer', err);
  }
  // The weights: the graph and its external data, if any. Not downloaded yet: room for them
  // first, and what the hub published, to check them against.
  const files = await weightFilesOf(id, config, dtype).catch(() => [`onnx/${onnxFileOf[dtype]}`]);
  dataFiles = externalData(files);
  graphFile = files[0] ?? graphFile;
  let hubWeights: HubWeights | undefined;
  if (source.kind === 'hub') {
    hubWeights = new HubWeights(join(cacheRoot, source.id), files);
    const hub = env.remoteHost;
    await hubWeights.prepare((f) => new URL(`${source.id}/resolve/${encodeURIComponent(revision!)}/${f}`, hub).href, hubFetch!, `${what} (${dtype})`, io.freeSpace);
  } else {
    const missing = files.find((f) => !existsSync(join(source.dir, f)));
    if (missing) throw new ModelLoadError(`model folder ${source.dir} is missing ${missing}`);
  }
  const notPublished = (bad: { file: string; why: string }) =>
    new ModelLoadError(`the downloaded ${bad.file} of ${what} is not what the hub published (${bad.why}); it was removed and is downloaded again at the next start`);
  let model: PreTrainedModel;
  try {
    model = await AutoModelForCausalLM.from_pretrained(id, {
      ...options,
      session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
    });
  } catch (err) {
    // A file the hub published otherwise explains the failure best (a truncated external-data file
    // fails in onnxruntime first).
    const bad = await hubWeights?.verify();
    if (bad) throw notPublished(bad);
    const error = fail('model', err);
    // A downloaded file onnxruntime cannot open (truncated, corrupt) would otherwise be loaded
    // from the cache again at every start: remove it so that the next start downloads it anew.
    const dropped = hubWeights && !DOWNLOAD_FAILURE.test(describe(err)) ? hubWeights.drop() : 0;
    if (dropped > 0) {
      error.message += dropped === 1
        ? '; the downloaded file was removed from the cache and is downloaded again at the next start'
        : '; the downloaded files were removed from the cache and are downloaded again at the next start';
    }
    throw error;
  }
  const bad = await hubWeights?.verify();
  if (bad) {
    await model.dispose().catch(() => undefined); // nothing is kept half-loaded
    throw notPublished(bad);
  }
  const fields = model.config as unknown as Record<string, unknown>;
  const num = (k: string) => (typeof fields[k] === 'number' ? (fields[k] as number) : undefined);
  const vocabSize = num('vocab_size') ?? 0;
  const tokJson = (hfTokenizer as unknown as { _tokenizerJSON: TokenizerJson })._tokenizerJSON;
  const specialTokens = (tokJson.added_tokens ?? []).map((t) => t.content);
  const family = familyFor({
    id: source.kind === 'bundled' ? 'bundled' : source.id,
    modelType: typeof fields.model_type === 'string' ? fields.model_type : undefined,
    contextLength: num('max_position_embeddings') ?? num('n_positions') ?? num('n_ctx'),
    specialTokens,
  });
  // The tokenizer's own end of sequence ends a completion too, unless the family says it is structure.
  const eos = (hfTokenizer as unknown as { eos_token?: string | null }).eos_token;
  const endTokens = eos && !family.endTokens.includes(eos) && !family.structureTokens.includes(eos) ? [...family.endTokens, eos] : family.endTokens;
  let tokenizer: VocabTokenizer;
  try {
    tokenizer = new VocabTokenizer(tokJson, encoderOf(hfTokenizer, tokJson), { endTokens, structureTokens: family.structureTokens, vocabSize });
  } catch (err) {
    throw fail('tokenizer', err);
  }
  const kv = new TransformersKv(model, tokenizer.vocabSize);
  const lm = new CachedLM(kv, { maxLength: family.contextLength });
  let promptSpeed: SpeedSample[];
  try {
    // The first forward pass allocates onnxruntime's buffers; pay for it during loading.
    await lm.prefill([tokenizer.endIds[0] ?? 0]);
    lm.reset();
    promptSpeed = spec.measurePromptSpeed === false ? [] : await measurePromptSpeed(kv, tokenizer, family.contextLength);
  } catch (err) {
    await model.dispose().catch(() => undefined); // no session is kept half-loaded
    throw fail('model', err);
  }
  return {
    modelId: source.id, family: { ...family, endTokens }, tokenizer, lm, model, vocabSize: tokenizer.vocabSize,
    dtype, threads, loadMs: performance.now() - t0, promptSpeed, weights: onnxPath && spec.fingerprint ? fingerprint(onnxPath) : undefined, revision,
  };
}

function fingerprint(file: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
  } catch {
    return undefined; // the model loaded; a result without the fingerprint is still a result
  }
}

/**
 * Encoding over compact tables where the tokenizer is byte-level BPE (compact-encoder.ts), so that
 * transformers.js's tokenizer is not kept; otherwise through it. In a function of its own: a
 * closure in `loadModel` would keep the tokenizer alive with `loadModel`'s other closures.
 */
function encoderOf(hf: PreTrainedTokenizer, json: TokenizerJson): (text: string) => number[] {
  return compactEncoder(hf, json) ?? ((text) => hf.encode(text, { add_special_tokens: false }) as number[]);
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  const msg = err.message.split('\n')[0]!.trim().replace(/\.$/, '');
  return cause instanceof Error && !msg.includes(cause.message) ? `${msg} (${cause.message})` : msg;
}

/** fetch that gives up when the server has not started answering within `ms` (body streaming is not limited: the host's stall deadline is). */
function fetchWithTimeout(ms: number): typeof fetch {
  return async (input, init) => {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(new Error(`no answer within ${ms} ms`)), ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, ac.signal]) : ac.signal;
    try {
      return await realFetch(input, { ...init, signal });
    } finally {
      clearTimeout(timer);
    }
  };
}
