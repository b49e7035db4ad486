"""ONNX Runtime builds of a model: exported from its torch weights, graph-fused, optionally int8, cached.

Two precisions run a model through ONNX Runtime instead of torch (the `onnx` extra):

    onnx-fp32  the model exported to ONNX (opset 17) and rewritten by ONNX Runtime's transformer
               optimizer: embeddings + LayerNorm, each attention block, bias + GELU and residual +
               LayerNorm each become one fused kernel. Same arithmetic as fp32, fewer passes over memory.
    onnx-int8  the fused graph with the matrix products of the middle encoder blocks quantised to
               int8 (dynamic: activation scales are computed per batch, weights per output channel).
               The embeddings, the first and last blocks and the classifier head stay fp32
               (`Int8Recipe`): that is where int8 error moves verdicts most.

A build takes seconds and is made on first use, in the user's cache folder (checker/bases.py's
`cache_root()`: $NEWS_CHECKER_CACHE or ~/.cache/news-fact-checker), under a key made of the SHA-256 of
the model's weight and config files, the recipe and the library versions: new weights, a new recipe or
a new ONNX Runtime make a new build, and nothing built is ever committed.

    path = onnx_model_path(folder, "onnx-int8", "sequence-classification", load_torch_model)
    session = OnnxModel.load(path)                     # checker/onnx_session.py

Not for: running the build (onnx_session.py) or choosing the precision (precision.py).
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import re
import shutil
import tempfile
import warnings
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable

from .bases import cache_root
from .errors import CheckerError, ModelError

ONNX_PRECISIONS = ("onnx-fp32", "onnx-int8")  # run by ONNX Runtime, CPU only

# What each ONNX build's graph computes: a classifier's logits, or an encoder's token vectors.
TASKS = {"sequence-classification": "logits", "feature-extraction": "last_hidden_state"}
# Model types whose export and fusion were checked against torch (tests/test_onnx.py); others run in torch.
ONNX_MODEL_TYPES = ("bert",)
RECIPE_VERSION = 1  # bump when the export or fusion code changes what a build holds
OPSET = 17
# Files whose bytes make a model: weights, the config (labels, sizes), an adapter's base.
_KEY_FILES = ("model.safetensors", "pytorch_model.bin", "adapter_model.safetensors", "adapter_config.json",
              "base.json", "config.json")
_DONE = "build.json"  # written last: a folder without it is an interrupted build


@dataclass(frozen=True)
class Int8Recipe:
    """How onnx-int8 quantises: which blocks stay fp32 and how weights are rounded.

    `reduce_range` keeps weights in 7 bits: on CPUs without VNNI (AVX2-only, AVX-512 without VNNI) ONNX
    Runtime multiplies uint8 activations by int8 weights with an instruction whose 16-bit sums
    saturate at full 8-bit range; with 7-bit weights they cannot, so the accuracy measured on one CPU
    holds on every CPU."""

    keep_first_blocks: int = 1  # encoder blocks at the input end left in fp32
    keep_last_blocks: int = 1  # encoder blocks at the output end left in fp32
    per_channel: bool = True  # one weight scale per output channel, not per matrix
    reduce_range: bool = True
    # Which matrix products of the other blocks are quantised (PARTS): all four by default.
    parts: tuple[str, ...] = ("attention", "attention_output", "ffn_in", "ffn_out")


INT8_RECIPE = Int8Recipe()


def onnx_available() -> bool:
    """ONNX Runtime and onnx (for the export and the quantiser) are installed."""
    return all(importlib.util.find_spec(m) is not None for m in ("onnxruntime", "onnx"))


def require_onnx(precision: str) -> None:
    """CheckerError naming the extra when an ONNX precision is asked for without ONNX Runtime."""
    if not onnx_available():
        raise CheckerError(f"--precision {precision} runs the models with ONNX Runtime, which is not installed: "
                           "pip install 'news-fact-checker[onnx]' (or use auto, fp32, bf16 or int8)")


def onnx_capable(config: dict) -> bool:
    """Whether a model with this config.json has a checked ONNX recipe (else it runs in torch)."""
    return config.get("model_type") in ONNX_MODEL_TYPES


def _versions() -> dict[str, str | None]:
    out = {}
    for name in ("onnxruntime", "onnx", "torch", "transformers"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def build_key(folder: str | Path, precision: str, task: str, recipe: Int8Recipe = INT8_RECIPE) -> str:
    """Hex key of a build: SHA-256 over the model folder's weight and config files, the precision,
    task and recipe, and the versions of the libraries that make the build."""
    digest = hashlib.sha256()
    for name in _KEY_FILES:
        f = Path(folder) / name
        if f.is_file():
            digest.update(name.encode())
            with open(f, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
    extra = {"precision": precision, "task": task, "recipe_version": RECIPE_VERSION, "opset": OPSET,
             "int8": asdict(recipe) if precision == "onnx-int8" else None, "versions": _versions()}
    digest.update(json.dumps(extra, sort_keys=True).encode())
    return digest.hexdigest()


def build_folder(folder: str | Path, precision: str, task: str, recipe: Int8Recipe = INT8_RECIPE) -> Path:
    """Where the build of this model, precision and task lives in the cache (it may not exist yet)."""
    key = build_key(folder, precision, task, recipe)
    return cache_root() / "onnx" / f"{Path(folder).name}-{task}-{precision}-{key[:16]}"


def onnx_model_path(folder: str | Path, precision: str, task: str, load_torch: Callable[[], object],
                    tokenizer=None, recipe: Int8Recipe = INT8_RECIPE,
                    load_tokenizer: Callable[[], object] | None = None) -> Path:
    """The cached ONNX file of the model in `folder` for `precision` and `task`, built on first use
    from the torch model that `load_torch()` returns (fp32, eval mode). `tokenizer` (transformers')
    makes the example inputs the export traces with; or `load_tokenizer()` does, called only when a
    build is made, so that a cached build is found without importing torch or transformers."""
    if precision not in ONNX_PRECISIONS:
        raise ValueError(f"not an ONNX precision: {precision!r}")
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}")
    out = build_folder(folder, precision, task, recipe)
    if (out / _DONE).exists():
        return out / "model.onnx"
    require_onnx(precision)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=".building-"))
    try:
        tok = tokenizer if tokenizer is not None else load_tokenizer()
        stats = build(load_torch(), tok, tmp, precision, task, recipe)
        for f in tmp.iterdir():
            if f.name != "model.onnx":
                f.unlink()
        (tmp / _DONE).write_text(json.dumps({"source": Path(folder).name, "precision": precision, "task": task,
                                             "key": out.name, **stats, "versions": _versions()}, indent=2) + "\n")
        if out.exists() and not (out / _DONE).exists():
            shutil.rmtree(out, ignore_errors=True)  # left by a build that did not finish
        try:
            tmp.rename(out)  # atomic: a reader sees no build or a whole one
        except OSError:
            if not (out / _DONE).exists():  # not another process finishing the same build first
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out / "model.onnx"


def build(model, tokenizer, out: Path, precision: str, task: str, recipe: Int8Recipe = INT8_RECIPE) -> dict:
    """Export `model` to `out`/model.onnx, fuse it, and quantise it for onnx-int8; returns what was done
    (fused operator counts, quantised and kept nodes)."""
    config = model.config
    if not onnx_capable(config.to_dict()):
        raise ModelError(f"no ONNX recipe for model type {config.model_type!r} (checked: {', '.join(ONNX_MODEL_TYPES)})")
    raw, fused, final = out / "exported.onnx", out / "fused.onnx", out / "model.onnx"
    export(model, tokenizer, raw, task)
    fusions = fuse(raw, fused, config)
    stats = {"params": int(sum(p.numel() for p in model.parameters())), "fused_operators": fusions}
    if precision == "onnx-int8":
        stats["int8"] = quantise(fused, final, config.num_hidden_layers, recipe)
    else:
        fused.rename(final)
    return stats


def export(model, tokenizer, path: Path, task: str) -> None:
    """Trace `model` into an ONNX graph with dynamic batch and sequence axes."""
    import torch

    if hasattr(model, "set_attn_implementation"):
        model.set_attn_implementation("eager")  # the plain attention graph is what the fusion recognises
    model = model.float().eval()
    # Padded example pairs, so that the attention mask's path is traced, not folded away.
    enc = tokenizer(["A man sleeps in the park.", "Rain fell."], ["A man is awake.", "It was dry all day long."],
                    padding=True, return_tensors="pt")
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in enc]
    output = TASKS[task]

    class Wrapped(torch.nn.Module):
        # Positional inputs in a fixed order: the names given to the exporter must match the order of
        # forward()'s arguments, which differs between model classes.
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *inputs):
            return getattr(self.inner(**dict(zip(names, inputs))), output)

    axes = {n: {0: "batch", 1: "sequence"} for n in names}
    axes[output] = {0: "batch"} if output == "logits" else {0: "batch", 1: "sequence"}
    with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
        warnings.simplefilter("ignore")  # the exporter's deprecation and tracer notes say nothing a user can act on
        torch.onnx.export(Wrapped(model), tuple(enc[n] for n in names), str(path), input_names=names,
                          output_names=[output], dynamic_axes=axes, opset_version=OPSET, dynamo=False)


def fuse(src: Path, dst: Path, config) -> dict[str, int]:
    """ONNX Runtime's transformer optimizer on `src`: fused attention, GELU and LayerNorm kernels."""
    from onnxruntime.transformers import optimizer
    from onnxruntime.transformers.fusion_options import FusionOptions

    model = optimizer.optimize_model(str(src), model_type="bert", num_heads=config.num_attention_heads,
                                     hidden_size=config.hidden_size, optimization_options=FusionOptions("bert"),
                                     opt_level=0, use_gpu=False)
    model.save_model_to_file(str(dst))
    return {k: v for k, v in model.get_fused_operator_statistics().items() if v}


_LAYER = re.compile(r"layer\.(\d+)/(.*)")
# The matrix products of one encoder block: the attention (fused: Q, K, V and the scores; unfused: the
# Q, K and V projections), its output projection, and the feed-forward network's two layers.
PARTS = {"attention": ("attention/self/",), "attention_output": ("attention/output/",),
         "ffn_in": ("intermediate/",), "ffn_out": ("output/",)}


def node_blocks(graph) -> dict[str, tuple[int, str]]:
    """(encoder block, part) of each matrix-product node (MatMul, fused Attention), by name: the exporter
    names a node after its module path ('.../layer.3/intermediate/dense/MatMul'); a fused Attention
    node has a new name, and is the k-th of them in the graph's (topological) order for block k."""
    blocks, attention = {}, 0
    for node in graph.node:
        if node.op_type == "Attention":
            blocks[node.name] = (attention, "attention")
            attention += 1
        elif node.op_type == "MatMul":
            m = _LAYER.search(node.name)
            if m:
                part = next((p for p, prefixes in PARTS.items() if m.group(2).startswith(prefixes)), None)
                if part:
                    blocks[node.name] = (int(m.group(1)), part)
    return blocks


def quantise(src: Path, dst: Path, layers: int, recipe: Int8Recipe) -> dict:
    """Dynamic int8 quantisation of the encoder blocks' matrix products, except the blocks the recipe
    keeps; the embeddings (Gather / EmbedLayerNormalization) and the head (Gemm) are never touched."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    blocks = node_blocks(onnx.load(str(src), load_external_data=False).graph)
    keep = set(range(recipe.keep_first_blocks)) | set(range(layers - recipe.keep_last_blocks, layers))
    quantised = sorted(n for n, (b, part) in blocks.items() if b not in keep and part in recipe.parts)
    kept = sorted(n for n in blocks if n not in quantised)
    if quantised:
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)  # the quantiser's advice to pre-process is for image models
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                # Fused nodes (com.microsoft domain) defeat ONNX shape inference: their outputs are float.
                quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=recipe.per_channel,
                                 reduce_range=recipe.reduce_range, nodes_to_quantize=quantised,
                                 op_types_to_quantize=["MatMul", "Attention"],
                                 extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        finally:
            root.setLevel(level)
    else:  # a model too shallow to have middle blocks stays fp32
        shutil.copyfile(src, dst)
    return {"recipe": asdict(recipe), "blocks_kept_fp32": sorted(keep & set(range(layers))),
            "parts_quantised": list(recipe.parts),
            "nodes_quantised": len(quantised), "nodes_kept_fp32": len(kept)}
