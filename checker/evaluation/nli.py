"""Score NLI models on labelled pairs: each model run here, and peers whose labels came with the data.

    results = evaluate_models(pairs, ["bundled:nli-minilm-l6"], device="cpu")

Each `ModelResult` holds overall and per-group metrics (metrics.py) for one row of the comparison.
Not for: training, tuning or calibrating (never on test data), or writing files (writer.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from ..nli import NLIModel
from ..progress import library_progress_bars
from ..types import LABELS
from . import metrics as M
from .pairs import LabelledPairs


@dataclass
class ModelResult:
    """One row of the comparison: an NLI model run here, or a peer whose labels came with the data."""

    name: str
    kind: str  # "nli_model" or "peer"
    metrics: dict  # {"overall": {...}, "by_source": {name: {...}}, "by_tag": ..., "by_round": ...}
    info: dict = field(default_factory=dict)  # path, device, calibration, decision rule, n
    y_pred: np.ndarray | None = None  # label indices; -1 where a peer gave no prediction
    probs: np.ndarray | None = None  # (N, K) in label_names order; None for peers


def evaluate_predictions(pairs: LabelledPairs, y_pred, probs=None, n_bins: int = M.N_BINS) -> dict:
    """Overall and per-group metrics of predictions for `pairs` (label indices; -1 = no prediction).

    Pairs without a prediction are left out everywhere, so a row is computed on exactly the pairs it
    has predictions for.
    """
    y_true = pairs.y_true
    y_pred = np.asarray(y_pred, dtype=np.int64)
    if len(y_pred) != len(y_true):
        raise ValueError(f"{len(y_pred)} predictions for {len(y_true)} pairs")
    has = y_pred >= 0
    probs = None if probs is None else np.asarray(probs, dtype=np.float64)

    def block(mask: np.ndarray) -> dict:
        m = mask & has
        return M.classification_metrics(y_true[m], y_pred[m], pairs.label_names,
                                         None if probs is None else probs[m], pairs.positive_label, n_bins)

    out = {"overall": block(np.ones(len(y_true), dtype=bool))}
    for kind, masks in pairs.groups().items():
        out[kind] = {name: block(mask) for name, mask in masks.items()}
    return out


def fold_binary(probs: np.ndarray) -> np.ndarray:
    """(N, 3) NLI probabilities -> (N, 2) (consistent, inconsistent) with p_inconsistent = p_contradiction."""
    p_contra = np.asarray(probs, dtype=np.float64)[:, LABELS.index("contradiction")]
    return np.stack([1.0 - p_contra, p_contra], axis=1)


def evaluate_model(model, pairs: LabelledPairs, calibrated: bool = True, name: str | None = None) -> ModelResult:
    """Score `pairs` with a loaded NLIModel. Three-way: argmax. Binary: inconsistent when
    p_contradiction >= the model's calibrated threshold (0.5 without calibration)."""
    probs3 = model.predict(pairs.premises, pairs.hypotheses, calibrated=calibrated, desc=f"NLI {name or model.name}")
    if pairs.binary:
        probs = fold_binary(probs3)
        threshold = float(model.default_threshold) if calibrated else 0.5
        y_pred = (probs[:, 1] >= threshold).astype(np.int64)
        decision = f"inconsistent when p(contradiction) >= {threshold:g}"
    else:
        probs, threshold = probs3.astype(np.float64), None
        y_pred = probs.argmax(axis=1)
        decision = "argmax of (entailment, neutral, contradiction)"
    # As the user named it: results files travel, and an absolute path would name one machine (a
    # bundled model resolves to its install folder, so it is given by its name).
    path = model.name if str(model.name).startswith("bundled:") else model.info.get("path", model.name)
    info = {"model": model.name, "path": path, "device": model.device, "precision": getattr(model, "precision", None),
            "calibrated": calibrated,
            "temperature": float(model.temperature) if calibrated else 1.0, "threshold": threshold,
            "decision": decision, "params": model.info.get("params")}
    return ModelResult(name=name or model.name, kind="nli_model", metrics=evaluate_predictions(pairs, y_pred, probs),
                       info=info, y_pred=y_pred, probs=probs)


def evaluate_peers(pairs: LabelledPairs) -> list[ModelResult]:
    """One result per peer named in `peer_predictions`, on the pairs it has a prediction for."""
    index = {lab: i for i, lab in enumerate(pairs.label_names)}
    results = []
    for peer in pairs.peer_names:
        y_pred = np.array([index[d[peer]] if peer in d else -1 for d in pairs.peer_predictions], dtype=np.int64)
        covered = int((y_pred >= 0).sum())
        info = {"source": "peer_predictions in the data", "decision": "labels given in the data",
                "covered_pairs": covered}
        results.append(ModelResult(name=peer, kind="peer", metrics=evaluate_predictions(pairs, y_pred),
                                   info=info, y_pred=y_pred))
        if covered < len(pairs):
            pairs.warnings.append(f"peer {peer!r} has predictions for {covered} of {len(pairs)} pairs; "
                                  "its row is computed on those")
    return results


def evaluate_models(pairs: LabelledPairs, model_names: Sequence[str], *, device: str = "auto",
                    batch_size: int = 32, calibrated: bool = True, progress: bool | None = None,
                    include_peers: bool = True, precision: str = "auto") -> list[ModelResult]:
    """Load each NLI model in turn (one in memory at a time) in `precision`, score `pairs`, then add the peers."""
    results, used = [], set()
    for name in model_names:
        with library_progress_bars(progress):
            model = NLIModel.load(name, device=device, batch_size=batch_size, progress=progress, precision=precision)
        label, k = name, 2
        while label in used:
            label, k = f"{name} ({k})", k + 1
        used.add(label)
        results.append(evaluate_model(model, pairs, calibrated=calibrated, name=label))
        del model
    if include_peers:
        results.extend(evaluate_peers(pairs))
    return results
