#!/usr/bin/env python3
"""Train the byte-level BPE tokenizer of the bundled model (HF `tokenizers`).

Special tokens get the first ids, in this order:
  0 <|endoftext|>   1 <|fim_prefix|>   2 <|fim_suffix|>   3 <|fim_middle|>   4 <|pad|>

Usage:
  python scripts/train/train_tokenizer.py --corpus ~/.cache/mgd/corpus --out ~/.cache/mgd/tokenizer
"""
from __future__ import annotations

import argparse
import json
import os
import random

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers

SPECIAL_TOKENS = ["<|endoftext|>", "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", "<|pad|>"]


def iter_texts(path: str, max_bytes: int, seed: int = 0):
    lines = open(path, encoding="utf-8").readlines()
    random.Random(seed).shuffle(lines)
    total = 0
    for line in lines:
        text = json.loads(line)["text"]
        total += len(text)
        if total > max_bytes:
            break
        yield text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.expanduser("~/.cache/mgd/corpus"))
    ap.add_argument("--out", default=os.path.expanduser("~/.cache/mgd/tokenizer"))
    ap.add_argument("--vocab-size", type=int, default=8192)
    ap.add_argument("--max-mb", type=float, default=30.0, help="text used for training the merges")
    args = ap.parse_args()

    tok = Tokenizer(models.BPE())
    # GPT-2 style byte-level pre-tokenization: no prefix space, regex split (keeps runs of spaces).
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    trainer = trainers.BpeTrainer(
        vocab_size=args.vocab_size,
        min_frequency=2,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(iter_texts(os.path.join(args.corpus, "train.jsonl"), int(args.max_mb * 1e6)),
                            trainer=trainer)
    for i, s in enumerate(SPECIAL_TOKENS):
        assert tok.token_to_id(s) == i, (s, tok.token_to_id(s))
    os.makedirs(args.out, exist_ok=True)
    tok.save(os.path.join(args.out, "tokenizer.json"))
    sample = "export function add(a: number, b: number): number {\n    return a + b;\n}\n"
    enc = tok.encode(sample)
    print("vocab", tok.get_vocab_size(), "sample tokens", len(enc.ids), enc.tokens[:24])
    assert tok.decode(enc.ids) == sample


if __name__ == "__main__":
    main()
