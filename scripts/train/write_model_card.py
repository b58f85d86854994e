#!/usr/bin/env python3
"""Write models/bundled/MODEL_CARD.md from the corpus stats, the training log and the export summary.

Usage:
  python scripts/train/write_model_card.py --ckpt ~/.cache/mgd/train/run1 --out models/bundled
"""
from __future__ import annotations

import argparse
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.expanduser("~/.cache/mgd/train/run1"))
    ap.add_argument("--corpus", default=os.path.expanduser("~/.cache/mgd/corpus"))
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "models", "bundled"))
    ap.add_argument("--train-command", default=None, help="the exact training command(s) used, for the card")
    args = ap.parse_args()

    summ = json.load(open(os.path.join(args.ckpt, "export_summary.json")))
    stats = json.load(open(os.path.join(args.corpus, "stats.json")))
    hist = []
    log_path = os.path.join(args.ckpt, "log.jsonl")
    if os.path.exists(log_path):
        hist = [json.loads(l) for l in open(log_path)]
    a = summ["args"]
    probe_path = os.path.join(args.ckpt, "probe.json")
    probe = json.load(open(probe_path)) if os.path.exists(probe_path) else None
    probe_txt = ""
    if probe:
        probe_txt = (
            f"\nProbe (`scripts/train/probe.py --n {probe['n']}`, held-out files, cursor after `.`, `(`, `= `, `: ` or "
            f"`return `, middle = rest of the line, greedy): FIM exact line {probe['fim_exact_line']:.0%}, FIM first "
            f"token right {probe['fim_first_token']:.0%}, FIM answer ended with `<|endoftext|>` {probe['fim_ends_with_eos']:.0%}; "
            f"left-to-right exact line {probe['l2r_exact_line']:.0%}.\n")
    hrs = summ["train_seconds"] / 3600
    tps = summ["tokens"] / summ["train_seconds"] if summ["train_seconds"] else 0
    head_dim = a["dim"] // a["heads"]
    train_cmd = args.train_command or (
        "nice -n 19 ~/.cache/mgd/venv/bin/python scripts/train/train.py --device cpu --threads 2 "
        "--time-limit 118 --out ~/.cache/mgd/train/run1")
    pk = "\n".join(f"| `{k}` | {v['files']} | {v['bytes'] / 1e6:.2f} | {v['val_files']} |"
                   for k, v in stats["packages"].items() if v["files"] or v["val_files"])
    curve = "\n".join(
        f"| {h['step']} | {h['tokens'] / 1e6:.2f} | {h['train_loss'] if h['train_loss'] is None else round(h['train_loss'], 3)} "
        f"| {h['val_loss']:.3f} | {h['val_fim_middle_loss']:.3f} |" for h in hist)

    def fmt(x):
        return "n/a" if x is None else f"{x:.3f}"

    card = f"""# Bundled model: tiny TypeScript/JavaScript completion model

A small Llama-architecture decoder trained from scratch, on CPU, on TypeScript and JavaScript
sources shipped in npm packages (allow-list below), with a fill-in-the-middle (FIM) objective.
It exists so the extension works offline out of the box and so the runtime and monitors have a
real model to run against; it is far weaker than pretrained code models (use a Hugging Face id or
a local folder for quality).

## Files

| file | what |
|---|---|
| `config.json` | `model_type: llama` (transformers.js uses it for the cache layout) |
| `generation_config.json` | eos/pad ids |
| `tokenizer.json`, `tokenizer_config.json`, `special_tokens_map.json` | byte-level BPE, {8192} ids |
| `onnx/model.onnx` | fp32, one file, {summ['onnx_bytes'] / 1e6:.1f} MB |

ONNX inputs: `input_ids`, `attention_mask` [batch_size, total_sequence_length], `position_ids`,
`past_key_values.{{i}}.key|value` [batch_size, {a['kv_heads']}, past_sequence_length, {head_dim}] for i in 0..{a['layers'] - 1};
outputs: `logits` [batch_size, sequence_length, 8192], `present.{{i}}.key|value`
[batch_size, {a['kv_heads']}, total_sequence_length, {head_dim}]. An empty cache is a zero-length
`past_sequence_length`. Positions are `cumsum(attention_mask) - 1` (transformers.js computes
them itself when they are not passed).

## Tokens and prompt format

| id | token |
|---|---|
| 0 | `<|endoftext|>` (eos; also ends every FIM middle) |
| 1 | `<|fim_prefix|>` |
| 2 | `<|fim_suffix|>` |
| 3 | `<|fim_middle|>` |
| 4 | `<|pad|>` |

No BOS is added. FIM (prefix-suffix-middle):
`<|fim_prefix|>{{prefix}}<|fim_suffix|>{{suffix}}<|fim_middle|>` and the model writes the middle,
then `<|endoftext|>`. Prefix, suffix and middle were tokenized separately in training, as the
completion engine does. Left-to-right: the plain text; files end with `<|endoftext|>`.
Context length: {a['ctx']} tokens (training windows; keep prompt + completion within it).

FIM samples (rate {a['fim_rate']}) put the cursor where completions are asked: 30% right after a
trigger (`.`, `(`, `[`, `{{`, `,`, `:`, `=`, `<`, `return `, `new `, `await `, `=> `), 25% at a
line start after its indentation, 15% inside an identifier, 30% anywhere; the middle is the rest
of the line (45%), the rest of the line plus 1-6 lines (35%) or 1-200 characters (20%); 10% of
samples have an empty suffix.

## Model

Llama: hidden {a['dim']}, {a['layers']} layers, {a['heads']} attention heads of {head_dim},
{a['kv_heads']} key/value heads (GQA), SwiGLU FFN {a['ffn']}, RMSNorm, RoPE theta 10000, tied
input/output embeddings. Parameters: {summ['params']:,} ({summ['params'] / 1e6:.2f}M).

## Training

- Corpus: {stats['train_files']} files, {stats['train_bytes'] / 1e6:.1f} MB train; {stats['val_files']}
  files, {stats['val_bytes'] / 1e6:.2f} MB held out for validation (chosen by content hash, never trained on).
  Minified, generated, > 400 kB (> 1.2 MB for .d.ts) and duplicate files dropped; per package at
  most 3 MB (effect 8 MB, @effect/platform 4 MB). Packages shipping `src/**/*.ts` contribute only
  those; others contribute `.d.ts` plus one unminified JS build.
- Steps: {summ['step']} (batch {a['batch']} x {a['ctx']} tokens at the end of the run), {summ['tokens'] / 1e6:.2f}M tokens seen,
  {hrs:.2f} h on 2 CPU threads (nice 19, shared machine): {tps:.0f} tokens/s.
- AdamW (0.9, 0.95), weight decay 0.1, peak LR {a['lr']}, warmup then cosine to 10% over the
  time budget, grad clip 1.0.
- Losses (nats/token) at step {summ['step']}: train (EMA) {fmt(summ['train_loss_ema'])}; held-out validation (last evaluation, step {hist[-1]['step'] if hist else 'n/a'})
  {fmt(summ['val_loss'])} (left-to-right windows), {fmt(summ['val_fim_middle_loss'])} on FIM middle tokens.
  Random init: 9.0.

| step | tokens (M) | train loss | val loss | val FIM-middle loss |
|---|---|---|---|---|
{curve}

Export check (onnxruntime): max |logits ONNX - torch| = {summ['verify']['max_abs_logit_diff']:.1e};
greedy decoding with the cache equals full recomputation: {summ['verify']['cached_equals_full']}.
`node scripts/train/check-transformersjs.mjs` loads this folder with transformers.js and checks
that `generate()` and a stepwise `forward()` loop with a `DynamicCache` give the same tokens.
{probe_txt}
Limitations: a few million tokens on a shared 2-core CPU is very little. Left-to-right
continuation is the stronger mode of this checkpoint; fill-in-the-middle is learned slowly (its
held-out middle-token loss trails the left-to-right loss, and greedy FIM answers often ignore the
prefix). When the probe's FIM numbers are below the left-to-right ones, prompt this model
left-to-right; continue training (`--resume`) to improve FIM. The extension does so (`bundledFamily` in
`src/core/completion/model-family.ts` has no FIM template): on the development set of DotPrompts-TS
it names the right member far more often that way (see the README's evaluation).

## Corpus packages

From `scripts/train/corpus-packages.txt` (explicit allow-list; evaluation packages are excluded):

| package | train files | MB | held-out files |
|---|---|---|---|
{pk}

## Reproduce

```sh
python3 -m venv ~/.cache/mgd/venv
~/.cache/mgd/venv/bin/pip install torch==2.13.0+cpu transformers tokenizers onnx onnxruntime numpy onnxscript
PY=~/.cache/mgd/venv/bin/python
$PY scripts/train/build_corpus.py --cache ~/.cache/mgd/corpus          # npm pack + filter
$PY scripts/train/train_tokenizer.py --corpus ~/.cache/mgd/corpus --out ~/.cache/mgd/tokenizer
{train_cmd}
$PY scripts/train/export_onnx.py --ckpt ~/.cache/mgd/train/run1 --out models/bundled
$PY scripts/train/probe.py --model models/bundled --n 200 --json ~/.cache/mgd/train/run1/probe.json
$PY scripts/train/write_model_card.py --ckpt ~/.cache/mgd/train/run1 --out models/bundled
node scripts/train/check-transformersjs.mjs
```

Continue training from the checkpoint: add `--resume` (the architecture comes from the checkpoint;
the LR cosine is stretched over the time already trained plus the new `--time-limit`). On a GPU:
`--device cuda --batch 64`, and bigger dims via `--dim --layers --heads --kv-heads --ffn --ctx`.
The tokenizer must stay the same (`~/.cache/mgd/tokenizer/tokenizer.json`) for the runtime's
token tables; training is not bit-for-bit deterministic across machines.
"""
    with open(os.path.join(args.out, "MODEL_CARD.md"), "w") as f:
        f.write(card)
    print("wrote", os.path.join(args.out, "MODEL_CARD.md"))


if __name__ == "__main__":
    main()
