#!/usr/bin/env python3
"""Export a trained checkpoint to the folder layout transformers.js loads (models/bundled/).

Writes config.json, generation_config.json, tokenizer.json, tokenizer_config.json,
special_tokens_map.json and onnx/model.onnx (one file, fp32, no external data) with the inputs
  input_ids, attention_mask, position_ids, past_key_values.{i}.key, past_key_values.{i}.value
and outputs
  logits, present.{i}.key, present.{i}.value
(cache tensors [batch_size, num_kv_heads, seq, head_dim], as the HF/optimum exports name them).

The graph is traced from a plain-torch re-implementation of the Llama forward pass with an explicit
key/value cache (no HF cache / mask utilities inside the graph), checked against the HF model.
Then it verifies with onnxruntime that (a) the logits match torch and (b) stepwise decoding with
the cache gives the same greedy tokens as recomputing the whole sequence every step.

Usage:
  python scripts/train/export_onnx.py --ckpt ~/.cache/mgd/train/run1 --out models/bundled
"""
from __future__ import annotations

import argparse
import json
import os
import shutil

import numpy as np
import torch
import torch.nn as nn
from transformers import LlamaForCausalLM

SPECIALS = ["<|endoftext|>", "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", "<|pad|>"]


class ExportLlama(nn.Module):
    """Llama forward with an explicit KV cache, sharing the weights of a LlamaForCausalLM."""

    def __init__(self, hf: LlamaForCausalLM):
        super().__init__()
        c = hf.config
        self.m = hf.model
        self.lm_head = hf.lm_head
        self.n_layers = c.num_hidden_layers
        self.n_heads = c.num_attention_heads
        self.n_kv = c.num_key_value_heads
        self.head_dim = getattr(c, "head_dim", None) or c.hidden_size // c.num_attention_heads
        theta = getattr(c, "rope_theta", None) or (getattr(c, "rope_parameters", None) or {}).get("rope_theta", 10000.0)
        inv = 1.0 / (theta ** (torch.arange(0, self.head_dim, 2, dtype=torch.float32) / self.head_dim))
        self.register_buffer("inv_freq", inv, persistent=False)
        self.eps = c.rms_norm_eps

    def rms(self, x, w):
        v = x.pow(2).mean(-1, keepdim=True)
        return w * (x * torch.rsqrt(v + self.eps))

    @staticmethod
    def rot(x):
        h = x.shape[-1] // 2
        return torch.cat((-x[..., h:], x[..., :h]), dim=-1)

    def forward(self, input_ids, attention_mask, position_ids, *past):
        b, s = input_ids.shape
        x = self.m.embed_tokens(input_ids)
        freqs = position_ids.to(torch.float32).unsqueeze(-1) * self.inv_freq  # [b, s, hd/2]
        emb = torch.cat((freqs, freqs), dim=-1)
        cos, sin = emb.cos().unsqueeze(1), emb.sin().unsqueeze(1)  # [b, 1, s, hd]
        past_len = past[0].shape[2]
        total = past_len + s
        # mask: query i (absolute past_len + i) sees key j iff j <= past_len + i and attention_mask[b, j]
        q_pos = torch.arange(s, device=input_ids.device).unsqueeze(1) + past_len
        k_pos = torch.arange(total, device=input_ids.device).unsqueeze(0)
        causal = (k_pos <= q_pos).unsqueeze(0).unsqueeze(0)  # [1,1,s,total]
        keep = attention_mask.to(torch.bool)[:, None, None, :]  # [b,1,1,total]
        allowed = causal & keep
        bias = torch.where(allowed, torch.zeros((), dtype=torch.float32), torch.full((), -1e9, dtype=torch.float32))
        presents = []
        rep = self.n_heads // self.n_kv
        scale = self.head_dim ** -0.5
        for i, layer in enumerate(self.m.layers):
            h = self.rms(x, layer.input_layernorm.weight)
            at = layer.self_attn
            q = at.q_proj(h).view(b, s, self.n_heads, self.head_dim).transpose(1, 2)
            k = at.k_proj(h).view(b, s, self.n_kv, self.head_dim).transpose(1, 2)
            v = at.v_proj(h).view(b, s, self.n_kv, self.head_dim).transpose(1, 2)
            q = q * cos + self.rot(q) * sin
            k = k * cos + self.rot(k) * sin
            k = torch.cat((past[2 * i], k), dim=2)
            v = torch.cat((past[2 * i + 1], v), dim=2)
            presents += [k, v]
            if rep > 1:
                kk = k.unsqueeze(2).expand(b, self.n_kv, rep, total, self.head_dim).reshape(b, self.n_heads, total, self.head_dim)
                vv = v.unsqueeze(2).expand(b, self.n_kv, rep, total, self.head_dim).reshape(b, self.n_heads, total, self.head_dim)
            else:
                kk, vv = k, v
            att = torch.matmul(q, kk.transpose(2, 3)) * scale + bias
            att = torch.softmax(att, dim=-1)
            o = torch.matmul(att, vv).transpose(1, 2).reshape(b, s, self.n_heads * self.head_dim)
            x = x + at.o_proj(o)
            h = self.rms(x, layer.post_attention_layernorm.weight)
            mlp = layer.mlp
            x = x + mlp.down_proj(nn.functional.silu(mlp.gate_proj(h)) * mlp.up_proj(h))
        x = self.rms(x, self.m.norm.weight)
        # 2-D linear exports as Gemm(transB=1) on the embedding matrix itself, so the tied
        # weight is stored once (a 3-D matmul would store a transposed copy).
        w = self.lm_head.weight
        logits = nn.functional.linear(x.reshape(b * s, x.shape[-1]), w).reshape(b, s, w.shape[0])
        return (logits, *presents)


def load_hf(ckpt_dir: str) -> LlamaForCausalLM:
    model = LlamaForCausalLM.from_pretrained(os.path.join(ckpt_dir, "hf"), torch_dtype=torch.float32)
    model.eval()
    return model


def tie_lm_head(m, vocab: int, hidden: int):
    """Store the tied embedding once: the exporter folds the lm_head into MatMul(x, W^T) with a
    transposed copy of the embedding; rewrite it as Gemm(x, W, transB=1) on the embedding itself."""
    from onnx import helper, numpy_helper
    inits = {i.name: i for i in m.graph.initializer}
    emb = next(i for i in m.graph.initializer if list(i.dims) == [vocab, hidden])
    emb_np = numpy_helper.to_array(emb)
    for node in m.graph.node:
        if node.op_type != "MatMul" or node.input[1] not in inits:
            continue
        w = inits[node.input[1]]
        if list(w.dims) != [hidden, vocab] or not np.array_equal(numpy_helper.to_array(w), emb_np.T):
            continue
        gemm = helper.make_node("Gemm", [node.input[0], emb.name], list(node.output), name=node.name + "_tied", transB=1)
        idx = list(m.graph.node).index(node)
        m.graph.node.remove(node)
        m.graph.node.insert(idx, gemm)
        if not any(w.name in n.input for n in m.graph.node):
            m.graph.initializer.remove(w)
        return True
    raise RuntimeError("lm_head MatMul on a transposed embedding not found")


def export_args(em: "ExportLlama", vocab_size: int, batch: int):
    """Example inputs, input and output names and dynamic axes for tracing the explicit-cache pass."""
    L, kv, hd = em.n_layers, em.n_kv, em.head_dim
    s, p = 5, 3
    ids = torch.randint(5, vocab_size, (batch, s))
    am = torch.ones(batch, p + s, dtype=torch.int64)
    pos = torch.arange(p, p + s).unsqueeze(0).expand(batch, s).contiguous()
    past = [torch.randn(batch, kv, p, hd) for _ in range(2 * L)]
    in_names = ["input_ids", "attention_mask", "position_ids"]
    out_names = ["logits"]
    dyn = {"input_ids": {0: "batch_size", 1: "sequence_length"},
           "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
           "position_ids": {0: "batch_size", 1: "sequence_length"},
           "logits": {0: "batch_size", 1: "sequence_length"}}
    for i in range(L):
        for kind in ("key", "value"):
            n = f"past_key_values.{i}.{kind}"
            in_names.append(n)
            dyn[n] = {0: "batch_size", 2: "past_sequence_length"}
    for i in range(L):
        for kind in ("key", "value"):
            n = f"present.{i}.{kind}"
            out_names.append(n)
            dyn[n] = {0: "batch_size", 2: "total_sequence_length"}
    return (ids, am, pos, *past), in_names, out_names, dyn


def export(model: LlamaForCausalLM, path: str):
    em = ExportLlama(model).eval()
    args, in_names, out_names, dyn = export_args(em, model.config.vocab_size, 2)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(em, args, path, input_names=in_names, output_names=out_names,
                          dynamic_axes=dyn, opset_version=17, do_constant_folding=True, dynamo=False)
    import onnx
    m = onnx.load(path)
    tie_lm_head(m, model.config.vocab_size, model.config.hidden_size)
    onnx.checker.check_model(m)
    onnx.save_model(m, path, save_as_external_data=False)
    return em


def verify(model: LlamaForCausalLM, em: ExportLlama, onnx_path: str, tok_path: str):
    import onnxruntime as ort
    from tokenizers import Tokenizer

    sess = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    L, kv, hd = em.n_layers, em.n_kv, em.head_dim
    tok = Tokenizer.from_file(tok_path)
    prompt = "import { readFile } from 'fs';\n\nexport function parse(text: string): string[] {\n    return text."
    ids = tok.encode(prompt).ids

    def run(input_ids, mask, past):
        b, s = input_ids.shape
        pl = past[0].shape[2]
        pos = np.cumsum(mask, axis=1) - 1
        pos = np.where(mask == 0, 1, pos)[:, pl:pl + s]
        feeds = {"input_ids": input_ids, "attention_mask": mask, "position_ids": pos.astype(np.int64)}
        for i in range(L):
            feeds[f"past_key_values.{i}.key"] = past[2 * i]
            feeds[f"past_key_values.{i}.value"] = past[2 * i + 1]
        out = sess.run(None, feeds)
        return out[0], out[1:]

    empty = [np.zeros((1, kv, 0, hd), np.float32) for _ in range(2 * L)]
    x = np.array([ids], np.int64)
    logits, _ = run(x, np.ones_like(x), empty)
    with torch.no_grad():
        ref = model(input_ids=torch.tensor(x)).logits.numpy()
        mine = em(torch.tensor(x), torch.ones_like(torch.tensor(x)), torch.arange(x.shape[1])[None],
                  *[torch.tensor(e) for e in empty])[0].numpy()
    d_onnx = float(np.abs(logits - ref).max())
    d_mine = float(np.abs(mine - ref).max())
    print(f"(a) max |logits onnx - torch| = {d_onnx:.2e}; reimplementation vs HF = {d_mine:.2e}")
    assert d_onnx < 1e-3 and d_mine < 1e-3

    # (b) greedy with the cache vs full recomputation
    n_new = 24
    full = list(ids)
    for _ in range(n_new):
        a = np.array([full], np.int64)
        lg, _ = run(a, np.ones_like(a), empty)
        full.append(int(lg[0, -1].argmax()))
    step = list(ids)
    a = np.array([step], np.int64)
    lg, past = run(a, np.ones_like(a), empty)
    for _ in range(n_new):
        t = int(lg[0, -1].argmax())
        step.append(t)
        mask = np.ones((1, len(step)), np.int64)
        lg, past = run(np.array([[t]], np.int64), mask, past)
    print("(b) cached greedy == full greedy:", step == full)
    print("    continuation:", repr(tok.decode(step[len(ids):])))
    assert step == full

    # (c) left-padded batch of two prompts gives the same greedy tokens as each prompt alone
    p2 = tok.encode("const x = ").ids
    pad = len(ids) - len(p2)
    batch = np.array([ids, [4] * pad + p2], np.int64)
    mask = np.array([[1] * len(ids), [0] * pad + [1] * len(p2)], np.int64)
    lg, _ = run(batch, mask, [np.zeros((2, kv, 0, hd), np.float32) for _ in range(2 * L)])
    single, _ = run(np.array([p2], np.int64), np.ones((1, len(p2)), np.int64), empty)
    d_pad = float(np.abs(lg[1, -1] - single[0, -1]).max())
    print(f"(c) left-padded batch vs single: max |diff| = {d_pad:.2e}")
    assert d_pad < 1e-3
    return {"max_abs_logit_diff": d_onnx, "cached_equals_full": True, "continuation": tok.decode(step[len(ids):])}


def write_configs(model: LlamaForCausalLM, tok_path: str, out: str, ctx: int):
    c = model.config
    head_dim = c.hidden_size // c.num_attention_heads
    config = {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "vocab_size": c.vocab_size,
        "hidden_size": c.hidden_size,
        "intermediate_size": c.intermediate_size,
        "num_hidden_layers": c.num_hidden_layers,
        "num_attention_heads": c.num_attention_heads,
        "num_key_value_heads": c.num_key_value_heads,
        "head_dim": head_dim,
        "hidden_act": "silu",
        "max_position_embeddings": ctx,
        "rms_norm_eps": c.rms_norm_eps,
        "rope_theta": 10000.0,
        "tie_word_embeddings": True,
        "attention_bias": False,
        "mlp_bias": False,
        "bos_token_id": 0,
        "eos_token_id": 0,
        "pad_token_id": 4,
        "torch_dtype": "float32",
        "use_cache": True,
        "transformers.js_config": {"dtype": "fp32"},
    }
    json.dump(config, open(os.path.join(out, "config.json"), "w"), indent=2)
    gen = {"bos_token_id": 0, "eos_token_id": 0, "pad_token_id": 4, "max_length": ctx, "do_sample": False}
    json.dump(gen, open(os.path.join(out, "generation_config.json"), "w"), indent=2)
    shutil.copy(tok_path, os.path.join(out, "tokenizer.json"))
    added = {str(i): {"content": s, "lstrip": False, "normalized": False, "rstrip": False,
                      "single_word": False, "special": True} for i, s in enumerate(SPECIALS)}
    tok_cfg = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": ctx,
        "add_bos_token": False,
        "add_eos_token": False,
        "add_prefix_space": False,
        "clean_up_tokenization_spaces": False,
        "bos_token": "<|endoftext|>",
        "eos_token": "<|endoftext|>",
        "unk_token": "<|endoftext|>",
        "pad_token": "<|pad|>",
        "additional_special_tokens": SPECIALS[1:4],
        "added_tokens_decoder": added,
        "fim_prefix_token": "<|fim_prefix|>",
        "fim_suffix_token": "<|fim_suffix|>",
        "fim_middle_token": "<|fim_middle|>",
    }
    json.dump(tok_cfg, open(os.path.join(out, "tokenizer_config.json"), "w"), indent=2)
    stm = {"bos_token": "<|endoftext|>", "eos_token": "<|endoftext|>", "unk_token": "<|endoftext|>",
           "pad_token": "<|pad|>", "additional_special_tokens": SPECIALS[1:4]}
    json.dump(stm, open(os.path.join(out, "special_tokens_map.json"), "w"), indent=2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.expanduser("~/.cache/mgd/train/run1"))
    ap.add_argument("--tokenizer", default=os.path.expanduser("~/.cache/mgd/tokenizer/tokenizer.json"))
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models", "bundled"))
    args = ap.parse_args()
    torch.set_num_threads(2)
    out = os.path.abspath(args.out)
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    model = load_hf(args.ckpt)
    state = json.load(open(os.path.join(args.ckpt, "hf", "train_state.json")))
    ctx = state["args"]["ctx"]
    onnx_path = os.path.join(out, "onnx", "model.onnx")
    tmp = onnx_path + ".tmp"
    em = export(model, tmp)
    res = verify(model, em, tmp, args.tokenizer)
    os.replace(tmp, onnx_path)
    write_configs(model, args.tokenizer, out, ctx)
    summary = {
        "params": sum(p.numel() for p in model.parameters()),
        "onnx_bytes": os.path.getsize(onnx_path),
        "step": state["step"], "tokens": state["tokens"], "train_seconds": state["train_seconds"],
        "train_loss_ema": state.get("train_loss_ema"), "val_loss": state.get("val_loss"),
        "val_fim_middle_loss": state.get("val_fim_middle_loss"), "verify": res,
        "args": {k: state["args"][k] for k in ("dim", "layers", "heads", "kv_heads", "ffn", "ctx", "batch", "lr", "fim_rate")},
    }
    json.dump(summary, open(os.path.join(args.ckpt, "export_summary.json"), "w"), indent=1)
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
