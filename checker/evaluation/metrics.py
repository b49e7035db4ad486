"""Classification and calibration metrics for labelled NLI pairs: pure functions over numpy arrays.

Labels are integer indices into a tuple of label names (e.g. LABELS); probabilities are (N, K) arrays
in the same order. Every function is safe on small subsets: a class missing from a subset, an empty
subset or a single-class subset gives None for what is undefined there instead of an error or NaN.

    >>> import numpy as np
    >>> classification_metrics(np.array([0, 2, 2]), np.array([0, 2, 1]), ("entailment", "neutral", "contradiction"))["accuracy"]
    0.6666666666666666

Not for: loading data, running models or writing results (pairs.py, nli.py, writer.py).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

N_BINS = 15  # equal-width confidence bins for calibration error and reliability diagrams


def _ints(a) -> np.ndarray:
    return np.asarray(a, dtype=np.int64).reshape(-1)


def _floats(a) -> np.ndarray:
    return np.asarray(a, dtype=np.float64).reshape(-1)


def confusion_matrix(y_true, y_pred, n_classes: int) -> np.ndarray:
    """Counts, shape (n_classes, n_classes): rows are gold labels, columns predicted labels."""
    y_true, y_pred = _ints(y_true), _ints(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError("y_true and y_pred differ in length")
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(cm, (y_true, y_pred), 1)
    return cm


def accuracy(y_true, y_pred) -> float | None:
    """Share of exact matches; None for an empty set."""
    y_true, y_pred = _ints(y_true), _ints(y_pred)
    if len(y_true) == 0:
        return None
    return float(np.mean(y_true == y_pred))


def per_class_scores(y_true, y_pred, labels: Sequence[str]) -> dict[str, dict]:
    """Precision, recall, F1 and support for each label.

    precision is None when the label was never predicted, recall is None when it never occurs in the
    gold labels (support 0), F1 is None when both are true (F1 = 2tp / (2tp + fp + fn) otherwise).
    """
    cm = confusion_matrix(y_true, y_pred, len(labels))
    out = {}
    for k, name in enumerate(labels):
        tp = int(cm[k, k])
        support = int(cm[k, :].sum())
        predicted = int(cm[:, k].sum())
        fp, fn = predicted - tp, support - tp
        out[name] = {
            "precision": tp / predicted if predicted else None,
            "recall": tp / support if support else None,
            "f1": 2 * tp / (2 * tp + fp + fn) if (2 * tp + fp + fn) else None,
            "support": support,
        }
    return out


def macro_f1(y_true, y_pred, n_classes: int) -> float | None:
    """Mean F1 over the classes that occur in the gold labels; None for an empty set.

    Classes absent from the gold labels are left out of the mean (a subset without neutral pairs is
    scored on entailment and contradiction; wrongly predicting neutral there still costs recall).
    """
    cm = confusion_matrix(y_true, y_pred, n_classes)
    f1s = []
    for k in range(n_classes):
        support = cm[k, :].sum()
        if support == 0:
            continue
        tp, fp, fn = cm[k, k], cm[:, k].sum() - cm[k, k], support - cm[k, k]
        f1s.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s)) if f1s else None


def roc_auc(is_positive, scores) -> float | None:
    """ROC-AUC of `scores` for a binary target; None unless both classes occur."""
    from sklearn.metrics import roc_auc_score

    y, s = _ints(is_positive), _floats(scores)
    if len(y) == 0 or y.min() == y.max():
        return None
    return float(roc_auc_score(y, s))


def average_precision(is_positive, scores) -> float | None:
    """PR-AUC as average precision (sklearn's step-wise definition); None when there is no positive."""
    from sklearn.metrics import average_precision_score

    y, s = _ints(is_positive), _floats(scores)
    if len(y) == 0 or y.max() == 0:
        return None
    return float(average_precision_score(y, s))


def precision_recall_points(is_positive, scores) -> tuple[np.ndarray, np.ndarray] | None:
    """(precision, recall) arrays of the precision-recall curve; None when there is no positive."""
    from sklearn.metrics import precision_recall_curve

    y, s = _ints(is_positive), _floats(scores)
    if len(y) == 0 or y.max() == 0:
        return None
    precision, recall, _ = precision_recall_curve(y, s)
    return precision, recall


def bin_index(values, n_bins: int = N_BINS) -> np.ndarray:
    """Index of the equal-width bin of [0, 1] each value falls in; bins are (lo, hi], 0 goes to the first."""
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    return np.searchsorted(edges[1:-1], np.clip(_floats(values), 0.0, 1.0), side="left")


def reliability_bins(predicted, observed, n_bins: int = N_BINS) -> list[dict]:
    """Per bin of `predicted` (probabilities in [0, 1]): count, mean predicted and mean observed (0/1).

    For a max-probability diagram `predicted` is the confidence and `observed` whether the prediction
    was right; for a binary diagram they are p(positive) and whether the pair is positive.
    Empty bins have count 0 and None means.
    """
    p, o = _floats(predicted), _floats(observed)
    idx = bin_index(p, n_bins)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    bins = []
    for b in range(n_bins):
        m = idx == b
        c = int(m.sum())
        bins.append({
            "lower": float(edges[b]), "upper": float(edges[b + 1]), "count": c,
            "mean_predicted": float(p[m].mean()) if c else None,
            "mean_observed": float(o[m].mean()) if c else None,
        })
    return bins


def _calibration_error(predicted, observed, n_bins: int) -> float | None:
    p = _floats(predicted)
    if len(p) == 0:
        return None
    n = len(p)
    return float(sum(b["count"] / n * abs(b["mean_predicted"] - b["mean_observed"])
                     for b in reliability_bins(p, observed, n_bins) if b["count"]))


def expected_calibration_error(probs, y_true, n_bins: int = N_BINS) -> float | None:
    """ECE of the top-label confidence: sum over bins of |accuracy - mean confidence| weighted by count."""
    probs, y = np.asarray(probs, dtype=np.float64), _ints(y_true)
    if len(y) == 0:
        return None
    return _calibration_error(probs.max(axis=1), probs.argmax(axis=1) == y, n_bins)


def binary_calibration_error(p_positive, is_positive, n_bins: int = N_BINS) -> float | None:
    """ECE of one class's probability read as binary: |positive rate - mean p| per bin, count-weighted."""
    return _calibration_error(p_positive, _ints(is_positive), n_bins)


def classification_metrics(y_true, y_pred, labels: Sequence[str], probs=None,
                           positive: str = "contradiction", n_bins: int = N_BINS) -> dict:
    """All metrics of one set of predictions, as a JSON-ready dict.

    `positive` is the class scored against the rest for ROC-AUC, PR-AUC and the binary calibration
    error (contradiction, or inconsistent in binary mode). Without `probs` (e.g. peer labels) those
    and the ECE are None.
    """
    y_true, y_pred = _ints(y_true), _ints(y_pred)
    labels = tuple(labels)
    pos = labels.index(positive)
    out = {
        "n": int(len(y_true)),
        "accuracy": accuracy(y_true, y_pred),
        "macro_f1": macro_f1(y_true, y_pred, len(labels)),
        "per_class": per_class_scores(y_true, y_pred, labels),
        "confusion_matrix": {"labels": list(labels), "rows": "gold", "columns": "predicted",
                             "matrix": confusion_matrix(y_true, y_pred, len(labels)).tolist()},
        "positive_label": positive,
        "roc_auc": None, "pr_auc": None, "ece": None, "ece_positive": None,
    }
    if probs is not None:
        probs = np.asarray(probs, dtype=np.float64)
        is_pos = (y_true == pos).astype(np.int64)
        out.update({
            "roc_auc": roc_auc(is_pos, probs[:, pos]),
            "pr_auc": average_precision(is_pos, probs[:, pos]),
            "ece": expected_calibration_error(probs, y_true, n_bins),
            "ece_positive": binary_calibration_error(probs[:, pos], is_pos, n_bins),
        })
    return out
