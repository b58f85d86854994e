#!/usr/bin/env python3
"""Train the bundled completion model: a small Llama-style decoder with fill-in-the-middle.

Checkpoints (ckpt.pt + an HF folder hf/) go to --out, outside the repository; --resume continues
from them (model, optimizer, data RNG, step, tokens seen, elapsed training time).

The learning rate warms up, then follows a cosine over the run's budget: --max-steps when given,
else the training time (time already trained + --time-limit of this invocation).

CPU example (2 cores, ~1.5 h):
  nice -n 19 python scripts/train/train.py --device cpu --threads 2 --time-limit 90 \
      --out ~/.cache/mgd/train/run1
GPU example (bigger model):
  python scripts/train/train.py --device cuda --dim 512 --layers 12 --heads 8 --kv-heads 4 \
      --ffn 1408 --batch 64 --time-limit 120 --out /data/mgd/run-gpu
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time

import torch
import torch.nn.functional as F
from tokenizers import Tokenizer
from transformers import LlamaConfig, LlamaForCausalLM

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fim import SampleStream  # noqa: E402


def load_docs(path):
    return [json.loads(l)["text"] for l in open(path, encoding="utf-8")]


def make_config(args, vocab_size):
    return LlamaConfig(
        vocab_size=vocab_size,
        hidden_size=args.dim,
        intermediate_size=args.ffn,
        num_hidden_layers=args.layers,
        num_attention_heads=args.heads,
        num_key_value_heads=args.kv_heads,
        max_position_embeddings=args.ctx,
        rope_theta=10000.0,
        rms_norm_eps=1e-5,
        tie_word_embeddings=True,
        bos_token_id=0,
        eos_token_id=0,
        pad_token_id=4,
        initializer_range=0.02,
        attention_bias=False,
        mlp_bias=False,
        hidden_act="silu",
    )


@torch.no_grad()
def evaluate(model, val_rows, device, batch):
    """Mean loss over all tokens of the held-out rows, and over the FIM middle tokens only."""
    model.eval()
    tot, n, mtot, mn = 0.0, 0, 0.0, 0
    for i in range(0, len(val_rows), batch):
        chunk = val_rows[i:i + batch]
        x = torch.tensor([r[0] for r in chunk], device=device)
        mm = torch.tensor([r[1] for r in chunk], device=device)[:, 1:].bool()
        logits = model(input_ids=x[:, :-1]).logits.float()
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), x[:, 1:].reshape(-1), reduction="none")
        loss = loss.view(x.size(0), -1)
        tot += loss.sum().item()
        n += loss.numel()
        mtot += loss[mm].sum().item()
        mn += mm.sum().item()
    model.train()
    return tot / n, (mtot / mn if mn else float("nan"))


def lr_at(step, progress, args):
    if step < args.warmup:
        return args.lr * (step + 1) / args.warmup
    p = min(1.0, max(0.0, progress))
    return args.lr * (args.min_lr_ratio + (1 - args.min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * p)))


def save(out, model, opt, state, stream_rng):
    tmp = os.path.join(out, "ckpt.pt.tmp")
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "state": state,
                "rng": stream_rng.getstate(), "torch_rng": torch.get_rng_state()}, tmp)
    os.replace(tmp, os.path.join(out, "ckpt.pt"))
    model.save_pretrained(os.path.join(out, "hf"))
    with open(os.path.join(out, "hf", "train_state.json"), "w") as f:
        json.dump(state, f, indent=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.expanduser("~/.cache/mgd/corpus"))
    ap.add_argument("--tokenizer", default=os.path.expanduser("~/.cache/mgd/tokenizer/tokenizer.json"))
    ap.add_argument("--out", default=os.path.expanduser("~/.cache/mgd/train/run1"))
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--time-limit", type=float, default=60.0, help="minutes of training in this invocation")
    ap.add_argument("--max-steps", type=int, default=0, help="stop (and end the LR schedule) at this step")
    ap.add_argument("--resume", action="store_true")
    # model
    ap.add_argument("--dim", type=int, default=256)
    ap.add_argument("--layers", type=int, default=6)
    ap.add_argument("--heads", type=int, default=8)
    ap.add_argument("--kv-heads", type=int, default=2)
    ap.add_argument("--ffn", type=int, default=512)
    ap.add_argument("--ctx", type=int, default=512)
    # optimisation
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--accum", type=int, default=1)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--min-lr-ratio", type=float, default=0.1)
    ap.add_argument("--warmup", type=int, default=150)
    ap.add_argument("--weight-decay", type=float, default=0.1)
    ap.add_argument("--fim-rate", type=float, default=0.5)
    ap.add_argument("--bf16", action="store_true", help="bf16 autocast for the training forward pass")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--ckpt-minutes", type=float, default=10.0)
    ap.add_argument("--eval-minutes", type=float, default=10.0)
    ap.add_argument("--val-rows", type=int, default=48)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    os.makedirs(args.out, exist_ok=True)
    tok = Tokenizer.from_file(args.tokenizer)
    ckpt_path = os.path.join(args.out, "ckpt.pt")
    ckpt = None
    if args.resume and os.path.exists(ckpt_path):
        ckpt = torch.load(ckpt_path, map_location="cpu", weights_only=False)
        saved = ckpt["state"]["args"]
        for k in ("dim", "layers", "heads", "kv_heads", "ffn", "ctx"):
            setattr(args, k, saved[k])  # the architecture comes from the checkpoint
        print(f"resuming from step {ckpt['state']['step']}", flush=True)

    torch.manual_seed(args.seed)
    config = make_config(args, tok.get_vocab_size())
    model = LlamaForCausalLM(config).to(device)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"params {n_params / 1e6:.2f}M  config dim={args.dim} layers={args.layers} heads={args.heads} "
          f"kv={args.kv_heads} ffn={args.ffn} ctx={args.ctx} vocab={config.vocab_size}", flush=True)

    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}],
                            lr=args.lr, betas=(0.9, 0.95), eps=1e-8, fused=False)

    train_docs = load_docs(os.path.join(args.corpus, "train.jsonl"))
    val_docs = load_docs(os.path.join(args.corpus, "val.jsonl"))
    stream = SampleStream(tok, train_docs, args.ctx, args.fim_rate, seed=args.seed)
    val_stream = SampleStream(tok, val_docs, args.ctx, 0.0, seed=7)
    val_plain = [val_stream.row(mid_mask=True) for _ in range(args.val_rows)]
    val_fim_stream = SampleStream(tok, val_docs, args.ctx, 1.0, seed=8)
    val_fim = [val_fim_stream.row(mid_mask=True) for _ in range(args.val_rows)]

    state = {"step": 0, "tokens": 0, "train_seconds": 0.0, "args": vars(args), "params": n_params,
             "history": []}
    if ckpt is not None:
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["opt"])
        prev_args = ckpt["state"]["args"]
        state = ckpt["state"]
        state["args"] = {**vars(args), **{k: prev_args[k] for k in ("dim", "layers", "heads", "kv_heads", "ffn", "ctx")}}
        stream.rng.setstate(ckpt["rng"])
        torch.set_rng_state(ckpt["torch_rng"])
        del ckpt
    budget_seconds = state["train_seconds"] + args.time_limit * 60
    start_seconds = state["train_seconds"]
    log = open(os.path.join(args.out, "log.jsonl"), "a")

    def do_eval():
        vl, _ = evaluate(model, val_plain, device, args.batch)
        vfl, vfm = evaluate(model, val_fim, device, args.batch)
        rec = {"step": state["step"], "tokens": state["tokens"], "val_loss": vl, "val_fim_loss": vfl,
               "val_fim_middle_loss": vfm, "train_loss": state.get("train_loss_ema"),
               "train_seconds": state["train_seconds"], "time": time.strftime("%H:%M:%S")}
        state["history"].append(rec)
        state["val_loss"], state["val_fim_middle_loss"] = vl, vfm
        log.write(json.dumps(rec) + "\n")
        log.flush()
        print("EVAL", json.dumps(rec), flush=True)

    t0 = time.time()
    last_ckpt = last_eval = t0
    ema = state.get("train_loss_ema")
    model.train()
    if state["step"] == 0:
        do_eval()
    while True:
        now = time.time()
        state["train_seconds"] = start_seconds + (now - t0)
        if state["train_seconds"] >= budget_seconds or (args.max_steps and state["step"] >= args.max_steps):
            break
        progress = (state["step"] / args.max_steps) if args.max_steps else state["train_seconds"] / budget_seconds
        lr = lr_at(state["step"], progress, args)
        for g in opt.param_groups:
            g["lr"] = lr
        ts = time.time()
        total = 0.0
        for _ in range(args.accum):
            x = torch.tensor([stream.row() for _ in range(args.batch)], device=device)
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=args.bf16):
                logits = model(input_ids=x[:, :-1]).logits
            loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)).float(), x[:, 1:].reshape(-1))
            (loss / args.accum).backward()
            total += loss.item() / args.accum
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        state["step"] += 1
        state["tokens"] += args.batch * args.accum * args.ctx
        ema = total if ema is None else 0.98 * ema + 0.02 * total
        state["train_loss_ema"] = ema
        if state["step"] % 20 == 0:
            tps = args.batch * args.accum * args.ctx / (time.time() - ts)
            print(f"step {state['step']} loss {total:.3f} ema {ema:.3f} lr {lr:.2e} tok/s {tps:.0f} "
                  f"tokens {state['tokens'] / 1e6:.2f}M", flush=True)
        if time.time() - last_eval > args.eval_minutes * 60:
            do_eval()
            last_eval = time.time()
        if time.time() - last_ckpt > args.ckpt_minutes * 60:
            save(args.out, model, opt, state, stream.rng)
            last_ckpt = time.time()
    do_eval()
    state["tokens_per_second"] = (state["tokens"] / state["train_seconds"]) if state["train_seconds"] else None
    save(args.out, model, opt, state, stream.rng)
    print("done", json.dumps({k: state[k] for k in ("step", "tokens", "train_seconds", "val_loss")}), flush=True)


if __name__ == "__main__":
    main()
