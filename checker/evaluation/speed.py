"""Inputs the speed benchmarks share (eval/bench_precision.py, eval/bench_gpu.py): the real corpus's
candidate pairs as `checker report` scores them, MultiNLI pairs, and the precisions a device runs.

    premises, hypotheses = corpus_pairs("../shared/corpora/patriot-missiles", "cpu")
    for precision in precisions_for("cpu"): ...

Not for: timing anything (the benchmarks do) or writing results (record.write_result).
"""
from __future__ import annotations

import json

from ..config import Config
from ..errors import CheckerError
from ..ingest import load_articles
from ..pairing import Embedder, candidate_pairs
from ..precision import resolve_precision
from ..segment import segment_all
from ..types import LABELS

# Beside the clone, not in it (see the README): real news and the NLI test sets.
DEFAULT_CORPUS = "../shared/corpora/patriot-missiles"
DEFAULT_MNLI = "../shared/data/nli/test/mnli_matched.jsonl"


def corpus_pairs(corpus: str, device: str) -> tuple[list[str], list[str]]:
    """The candidate pairs `checker report` scores on `corpus`, both directions (fp32 embeddings, so
    every precision of the NLI model sees the same pairs): premises and hypotheses."""
    config = Config(device=device, progress=False)
    sentences = segment_all(load_articles([corpus], warn=lambda m: None), config)
    emb = Embedder.load(config.embed_model, device, precision="fp32", progress=False)
    pairs = candidate_pairs(sentences, emb.encode([s.text for s in sentences]), config.pairing.top_k,
                            config.pairing.min_similarity)
    return [p.a.text for p in pairs] + [p.b.text for p in pairs], [p.b.text for p in pairs] + [p.a.text for p in pairs]


def mnli(path: str, limit: int) -> tuple[list[str], list[str], list[int]]:
    """The first `limit` labelled pairs of a MultiNLI JSON Lines file: premises, hypotheses, label indices."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("label") in LABELS:
                rows.append(r)
            if len(rows) >= limit:
                break
    return [r["premise"] for r in rows], [r["hypothesis"] for r in rows], [LABELS.index(r["label"]) for r in rows]


def precisions_for(device: str) -> list[str]:
    """The explicit precisions this device runs natively (the ones worth measuring), fp32 first; the
    ONNX Runtime ones where it is installed."""
    out = []
    for p in ("fp32", "bf16", "fp16", "int8", "onnx-fp32", "onnx-int8"):
        try:
            resolve_precision(p, device, "nli")
        except CheckerError:
            continue
        out.append(p)
    return out
