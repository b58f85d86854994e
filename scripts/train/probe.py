#!/usr/bin/env python3
"""Quick quality probe of an exported model on held-out files (onnxruntime, greedy, with the cache).

For N cursor positions in the validation files (after a trigger character or at a line start,
as in training), it builds the FIM prompt `<|fim_prefix|>P<|fim_suffix|>S<|fim_middle|>` with the
middle = rest of the current line, decodes greedily until `<|endoftext|>` (or 48 tokens), and
reports the exact-match rate of the line, the rate of a correct first token, and how often the
model ended with `<|endoftext|>`. Also the left-to-right (no suffix) variant.

Usage:
  python scripts/train/probe.py --model models/bundled --n 100
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fim import EOS, FIM_MIDDLE, FIM_PREFIX, FIM_SUFFIX, _line_end  # noqa: E402

TRIGGER = re.compile(r"[.(]|= |: |return ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models", "bundled"))
    ap.add_argument("--corpus", default=os.path.expanduser("~/.cache/mgd/corpus"))
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", default=None, help="also write the summary (and examples) to this file")
    args = ap.parse_args()

    cfg = json.load(open(os.path.join(args.model, "config.json")))
    tok = Tokenizer.from_file(os.path.join(args.model, "tokenizer.json"))
    so = ort.SessionOptions()
    so.intra_op_num_threads = args.threads
    sess = ort.InferenceSession(os.path.join(args.model, "onnx", "model.onnx"), so, providers=["CPUExecutionProvider"])
    L, kv = cfg["num_hidden_layers"], cfg["num_key_value_heads"]
    hd = cfg.get("head_dim") or cfg["hidden_size"] // cfg["num_attention_heads"]

    def greedy(ids, max_new=48):
        past = [np.zeros((1, kv, 0, hd), np.float32) for _ in range(2 * L)]
        out, x, total = [], ids, 0
        for _ in range(max_new):
            total += len(x)
            feeds = {"input_ids": np.array([x], np.int64), "attention_mask": np.ones((1, total), np.int64),
                     "position_ids": np.arange(total - len(x), total, dtype=np.int64)[None]}
            for i in range(L):
                feeds[f"past_key_values.{i}.key"], feeds[f"past_key_values.{i}.value"] = past[2 * i], past[2 * i + 1]
            res = sess.run(None, feeds)
            past = res[1:]
            t = int(res[0][0, -1].argmax())
            if t == EOS:
                return out, True
            out.append(t)
            x = [t]
        return out, False

    rng = random.Random(args.seed)
    docs = [json.loads(l)["text"] for l in open(os.path.join(args.corpus, "val.jsonl"))]
    ctx = cfg["max_position_embeddings"]
    stats = {"fim_exact": 0, "fim_first_token": 0, "fim_eos": 0, "l2r_exact": 0, "n": 0}
    examples = []
    while stats["n"] < args.n:
        d = rng.choice(docs)
        cands = [m.end() for m in TRIGGER.finditer(d)]
        if not cands:
            continue
        cur = rng.choice(cands)
        end = _line_end(d, cur)
        middle = d[cur:end]
        if not middle.strip() or len(middle) > 80:
            continue
        p = tok.encode(d[:cur], add_special_tokens=False).ids[-(ctx * 3 // 4 - 60):]
        s = tok.encode(d[end:], add_special_tokens=False).ids[:ctx // 4 - 60]
        m = tok.encode(middle, add_special_tokens=False).ids
        gen, eos = greedy([FIM_PREFIX] + p + [FIM_SUFFIX] + s + [FIM_MIDDLE])
        text = tok.decode(gen)
        stats["n"] += 1
        stats["fim_exact"] += text == middle
        stats["fim_first_token"] += bool(gen) and gen[0] == m[0]
        stats["fim_eos"] += eos
        gen2, _ = greedy(p, max_new=min(48, len(m) + 4))
        text2 = tok.decode(gen2)
        stats["l2r_exact"] += text2.split("\n")[0] == middle
        if len(examples) < 8:
            examples.append({"before": d[max(0, cur - 60):cur], "expected": middle, "fim": text, "l2r": text2.split("\n")[0]})
    n = stats["n"]
    summary = {"n": n, "fim_exact_line": stats["fim_exact"] / n, "fim_first_token": stats["fim_first_token"] / n,
               "fim_ends_with_eos": stats["fim_eos"] / n, "l2r_exact_line": stats["l2r_exact"] / n}
    print(json.dumps(summary, indent=1))
    for e in examples:
        print(json.dumps(e))
    if args.json:
        json.dump({**summary, "examples": examples}, open(args.json, "w"), indent=1)


if __name__ == "__main__":
    main()
