// A model folder whose weights live in an ONNX external-data file (`<file>.onnx_data`, the layout of
// hub models over 2 GB), made from the bundled model: every initializer's bytes move from the graph
// into the data file, and config.json says so the way transformers.js reads it
// (`transformers.js_config.use_external_data_format`). A small protobuf rewrite: ModelProto.graph
// (7) → GraphProto.initializer (5) → TensorProto.raw_data (9) becomes external_data (13) entries and
// data_location (14) = EXTERNAL.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledModelDir } from '../../../src/node/runtime-paths';

/** Copies the bundled model to `dir` with its weights in onnx/model.onnx_data; returns `dir`. */
export function externalDataFolder(dir: string): string {
  cpSync(bundledModelDir(), dir, { recursive: true });
  const onnx = join(dir, 'onnx', 'model.onnx');
  const data: Buffer[] = [];
  let offset = 0;
  const tensor = (bytes: Buffer): Buffer => {
    const kept: Buffer[] = [];
    let raw: Buffer | undefined;
    for (const f of fields(bytes)) {
      if (f.field === 9) raw = f.value;
      else kept.push(f.whole);
    }
    if (!raw) return bytes;
    data.push(raw);
    const entry = (key: string, value: string) => lengthDelimited(13, Buffer.concat([lengthDelimited(1, Buffer.from(key)), lengthDelimited(2, Buffer.from(value))]));
    const out = Buffer.concat([...kept, entry('location', 'model.onnx_data'), entry('offset', String(offset)), entry('length', String(raw.length)), varintField(14, 1)]);
    offset += raw.length;
    return out;
  };
  const graph = (bytes: Buffer): Buffer => Buffer.concat(fields(bytes).map((f) => (f.field === 5 ? lengthDelimited(5, tensor(f.value)) : f.whole)));
  const model = Buffer.concat(fields(readFileSync(onnx)).map((f) => (f.field === 7 ? lengthDelimited(7, graph(f.value)) : f.whole)));
  writeFileSync(onnx, model);
  writeFileSync(`${onnx}_data`, Buffer.concat(data));
  const configFile = join(dir, 'config.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, Record<string, unknown>>;
  config['transformers.js_config'] = { ...config['transformers.js_config'], use_external_data_format: { 'model.onnx': true } };
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  return dir;
}

interface Field {
  field: number;
  /** The field's payload (length-delimited fields only). */
  value: Buffer;
  /** Key and payload as they were encoded. */
  whole: Buffer;
}

function fields(b: Buffer): Field[] {
  const out: Field[] = [];
  let i = 0;
  while (i < b.length) {
    const start = i;
    let key: number;
    [key, i] = varint(b, i);
    const wire = key & 7;
    let value: Buffer = Buffer.alloc(0);
    if (wire === 0) [, i] = varint(b, i);
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else if (wire === 2) {
      let len: number;
      [len, i] = varint(b, i);
      value = b.subarray(i, i + len);
      i += len;
    } else throw new Error(`protobuf wire type ${wire} not expected in an ONNX model`);
    out.push({ field: key >>> 3, value, whole: b.subarray(start, i) });
  }
  return out;
}

function varint(b: Buffer, i: number): [number, number] {
  let r = 0;
  let mul = 1;
  for (;;) {
    const c = b[i++]!;
    r += (c & 0x7f) * mul;
    mul *= 128;
    if (c < 0x80) return [r, i];
  }
}

function encodeVarint(n: number): Buffer {
  const out: number[] = [];
  do {
    let c = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) c |= 0x80;
    out.push(c);
  } while (n > 0);
  return Buffer.from(out);
}

function lengthDelimited(field: number, payload: Buffer): Buffer {
  return Buffer.concat([encodeVarint(field * 8 + 2), encodeVarint(payload.length), payload]);
}

function varintField(field: number, n: number): Buffer {
  return Buffer.concat([encodeVarint(field * 8), encodeVarint(n)]);
}
