"""Evaluate NLI models on labelled premise/hypothesis pairs: load, score, compare, write.

    pairs = load_pairs(["data/nli/dev/snli.jsonl"], limit=200)
    results = evaluate_models(pairs, ["bundled:nli-minilm-l6"], device="cpu")
    write_results(results, pairs, "eval-out")   # results.json, results.md, PNG plots

Loading goes through the `datasets` library: JSON Lines, JSON, CSV, TSV and Parquet files, folders of
them, or a Hugging Face data set name (needs a network). Gold labels may be written as MNLI-order
integers, letters (e/n/c) or words; with `binary=True` entailment and neutral fold into
"consistent" and contradiction becomes "inconsistent". Peer predictions stored in the data
(`peer_predictions`: model name -> label) are scored on exactly the same pairs, as extra rows.
The metric arithmetic lives in metrics.py; the `checker eval` command line in cli_eval.py.
Not for: training, tuning or calibrating (never on test data), or checking articles.
"""
from __future__ import annotations

import json
import math
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from . import metrics as M
from .errors import DataError
from .progress import progress_bar
from .types import LABELS

BINARY_LABELS: tuple[str, str] = ("consistent", "inconsistent")
FORMATS: tuple[str, ...] = ("json", "md", "png")
SUPPORTED_SUFFIXES: dict[str, str] = {".jsonl": "json", ".json": "json", ".csv": "csv", ".tsv": "csv",
                                      ".parquet": "parquet"}
MNLI_ORDER: dict[str, str] = {"0": "entailment", "1": "neutral", "2": "contradiction"}
BINARY_INT_ORDER: dict[str, str] = {"1": "consistent", "0": "inconsistent"}  # SummaC / TRUE convention

# Label spellings after _key() (lower case, spaces and hyphens as underscores).
_THREE_WAY_WORDS: dict[str, str] = {
    **{w: "entailment" for w in ("entailment", "entail", "entails", "entailed", "e", "supports",
                                  "supported", "support")},
    **{w: "neutral" for w in ("neutral", "n", "not_entailment", "not_enough_info", "nei")},
    **{w: "contradiction" for w in ("contradiction", "contradict", "contradicts", "contradicted",
                                     "contradictory", "c", "refutes", "refuted", "refute")},
}
_BINARY_WORDS: dict[str, str] = {
    **{w: "consistent" for w in ("consistent", "true", "correct", "faithful", "factual", "yes")},
    **{w: "inconsistent" for w in ("inconsistent", "false", "incorrect", "unfaithful", "non_factual",
                                    "nonfactual", "not_factual", "no")},
}
_FOLD = {"entailment": "consistent", "neutral": "consistent", "contradiction": "inconsistent"}
_NO_GOLD = {"", "-", "-1", "none", "nan", "null"}  # SNLI's "-" and the hub's -1 mean "no gold label"


# ---------------------------------------------------------------------------------------------------
# Labels

def _key(value) -> str | None:
    """A raw label as a lookup key: None for missing values, ints and bools spelled out."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return None
        if float(value).is_integer():
            return str(int(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    text = str(value).strip().lower()
    if re.fullmatch(r"[+-]?\d+(\.0*)?", text):  # "2", "-1", "2.0" (CSV and TSV integers read as text)
        return str(int(float(text)))
    return text if text == "-" else re.sub(r"[\s\-]+", "_", text)


def _canonical(word: str, binary: bool) -> str | None:
    """A label word in the evaluation's label set (folded in binary mode), or None if unknown."""
    k = _key(word)
    if k in _THREE_WAY_WORDS:
        lab = _THREE_WAY_WORDS[k]
        return _FOLD[lab] if binary else lab
    if binary and k in _BINARY_WORDS:
        return _BINARY_WORDS[k]
    return None


def parse_label_map(spec: str | dict | None, binary: bool = False) -> dict[str, str] | None:
    """'0=entailment,1=neutral,2=contradiction' -> {'0': 'entailment', ...} in the evaluation's label set.

    Targets may be any accepted label word; in binary mode three-way words are folded. Raises
    DataError on a malformed entry or an unknown target.
    """
    if spec is None or spec == "":
        return None
    items = spec.items() if isinstance(spec, dict) else [
        part.split("=", 1) if "=" in part else (part, None) for part in str(spec).split(",") if part.strip()]
    out = {}
    for raw, target in items:
        if target is None:
            raise DataError(f"--label-map entry {raw.strip()!r} has no '=': write it as VALUE=LABEL, "
                            "e.g. 0=entailment,1=neutral,2=contradiction")
        lab = _canonical(str(target), binary)
        if lab is None:
            allowed = "consistent, inconsistent or a three-way label" if binary else "entailment, neutral or contradiction"
            raise DataError(f"--label-map target {str(target).strip()!r} is not a label: use {allowed}")
        out[_key(raw)] = lab
    return out


def map_labels(values: Sequence, label_map: dict[str, str] | None = None, binary: bool = False,
               where: str = "data") -> list[str | None]:
    """Gold labels in the evaluation's label set; None for pairs without a gold label (-1, '-', empty).

    Integers follow `label_map` when given, else MNLI order (0=entailment, 1=neutral, 2=contradiction),
    or in binary mode 1=consistent, 0=inconsistent. Raises DataError listing the values seen when any
    value is not a known label.
    """
    out: list[str | None] = []
    unknown: dict[str, int] = {}
    for v in values:
        k = _key(v)
        if label_map and k in label_map:
            out.append(label_map[k])
            continue
        if k is None or k in _NO_GOLD:
            out.append(None)
            continue
        lab = None
        if re.fullmatch(r"-?\d+", k):
            if not label_map:
                lab = (BINARY_INT_ORDER if binary else MNLI_ORDER).get(k)
        else:
            lab = _canonical(k, binary)
        if lab is None:
            unknown[str(v)] = unknown.get(str(v), 0) + 1
        out.append(lab)
    if unknown:
        seen: dict[str, int] = {}
        for v in values:
            seen[str(v)] = seen.get(str(v), 0) + 1
        shown = ", ".join(f"{v!r} ({c})" for v, c in list(seen.items())[:20])
        hint = ""
        if not binary and any(_key(v) in _BINARY_WORDS for v in unknown):
            hint = "; these look like consistent/inconsistent labels: add --binary"
        elif any(re.fullmatch(r"-?\d+", _key(v) or "") for v in unknown):
            hint = "; say what the numbers mean with --label-map, e.g. 0=entailment,1=neutral,2=contradiction"
        else:
            hint = "; map them with --label-map VALUE=LABEL,..."
        raise DataError(f"{where}: unknown label values {sorted(unknown)}; label values seen: {shown}{hint}")
    return out


# ---------------------------------------------------------------------------------------------------
# Loading

@dataclass
class LabelledPairs:
    """Premise/hypothesis pairs with gold labels and optional grouping columns, in file order."""

    premises: list[str]
    hypotheses: list[str]
    labels: list[str]  # in label_names
    sources: list[str]
    tags: list[tuple[str, ...]]
    rounds: list[str | None]
    peer_predictions: list[dict[str, str]]  # model name -> label in label_names (missing: absent)
    files: list[str] = field(default_factory=list)
    binary: bool = False
    skipped: int = 0  # pairs dropped for having no gold label or no text
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def label_names(self) -> tuple[str, ...]:
        return BINARY_LABELS if self.binary else LABELS

    @property
    def positive_label(self) -> str:
        """The class scored against the rest (ROC-AUC, PR-AUC, binary calibration)."""
        return "inconsistent" if self.binary else "contradiction"

    @property
    def y_true(self) -> np.ndarray:
        index = {lab: i for i, lab in enumerate(self.label_names)}
        return np.array([index[lab] for lab in self.labels], dtype=np.int64)

    @property
    def peer_names(self) -> list[str]:
        names: dict[str, None] = {}
        for d in self.peer_predictions:
            names.update(dict.fromkeys(d))
        return list(names)

    def groups(self) -> dict[str, dict[str, np.ndarray]]:
        """Boolean masks: {'by_source': {source: mask}, 'by_tag': {...}, 'by_round': {...}} (non-empty kinds only)."""
        out: dict[str, dict[str, np.ndarray]] = {}
        sources = np.array(self.sources, dtype=object)
        out["by_source"] = {s: sources == s for s in dict.fromkeys(self.sources)}
        tag_counts: dict[str, int] = {}
        for ts in self.tags:
            for t in dict.fromkeys(ts):
                tag_counts[t] = tag_counts.get(t, 0) + 1
        if tag_counts:  # most frequent first
            out["by_tag"] = {t: np.array([t in ts for ts in self.tags])
                             for t in sorted(tag_counts, key=lambda t: (-tag_counts[t], t))}
        round_names = [r for r in dict.fromkeys(self.rounds) if r is not None]
        if round_names:
            rounds = np.array(self.rounds, dtype=object)
            out["by_round"] = {r: rounds == r for r in sorted(round_names)}
        return out


def find_data_files(spec: str) -> list[Path] | None:
    """The supported files a local path names (a file, or a folder's top-level files, sorted).

    None when `spec` is not a local path (it may be a hub data set name); DataError for a path that
    looks local but does not exist, an unsupported suffix or a folder with no supported file.
    """
    path = Path(spec).expanduser()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        if not files:
            raise DataError(f"{spec}: the folder holds no {', '.join(SUPPORTED_SUFFIXES)} file")
        return files
    if path.is_file():
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise DataError(f"{spec}: unsupported file type {path.suffix or '(none)'}; "
                            f"use {', '.join(SUPPORTED_SUFFIXES)}")
        return [path]
    looks_local = (path.suffix.lower() in SUPPORTED_SUFFIXES or spec.startswith((".", "/", "~"))
                   or spec.count("/") > 1 or "\\" in spec)
    if looks_local:
        raise DataError(f"{spec}: no such file or folder")
    return None


@contextmanager
def _datasets_progress(enabled: bool | None):
    """Silence the datasets library's own bars unless progress is wanted (restored afterwards)."""
    import sys

    import datasets as dtqdm

    show = sys.stderr.isatty() if enabled is None else enabled
    was_disabled = dtqdm.are_progress_bars_disabled()
    if not show and not was_disabled:
        dtqdm.disable_progress_bars()
    try:
        yield
    finally:
        if not show and not was_disabled:
            dtqdm.enable_progress_bars()


def _read_local(path: Path, limit: int | None) -> tuple[dict[str, list], dict]:
    """Columns of one local file (first `limit` rows) and its features (column name -> type)."""
    import datasets

    builder = SUPPORTED_SUFFIXES[path.suffix.lower()]
    kwargs = {"delimiter": "\t"} if path.suffix.lower() == ".tsv" else {}
    # A throw-away cache: evaluation data is read once and should leave nothing behind.
    with tempfile.TemporaryDirectory(prefix="checker-eval-") as cache:
        try:
            ds = datasets.load_dataset(builder, data_files=str(path), split="train", cache_dir=cache, **kwargs)
        except Exception as e:  # datasets raises many types for unreadable files
            msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            cause = e.__cause__ or e.__context__
            if cause is not None and str(cause).strip():
                msg += f" ({str(cause).strip().splitlines()[0]})"
            raise DataError(f"{path}: cannot read it as {path.suffix.lower()[1:]}: {msg}") from e
        if limit is not None:
            ds = ds.select(range(min(limit, len(ds))))
        return ds.to_dict(), dict(ds.features)


def _read_hub(name: str, split: str, limit: int | None) -> tuple[dict[str, list], dict]:
    """Columns and features of a Hugging Face data set split ('name' or 'name:config'); DataError when unreachable."""
    import datasets

    repo, _, config = name.partition(":")
    try:
        ds = datasets.load_dataset(repo, config or None, split=split)
    except Exception as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else ""
        raise DataError(
            f"{name}: not a local file or folder, and loading it as a Hugging Face data set "
            f"(split {split!r}) failed: {type(e).__name__}: {first[:300]}. Without a network, pass a "
            "local .jsonl/.json/.csv/.tsv/.parquet file or folder instead") from e
    if limit is not None:
        ds = ds.select(range(min(limit, len(ds))))
    return ds.to_dict(), dict(ds.features)


def _class_label_names(values: list, feature, label_map: dict | None) -> list:
    """Integers of a ClassLabel column as the feature's names (the data says what they mean), unless
    the user gave a --label-map; -1 and other out-of-range values stay as they are."""
    from datasets import ClassLabel

    if label_map or not isinstance(feature, ClassLabel):
        return values
    return [feature.names[v] if isinstance(v, (int, np.integer)) and 0 <= v < len(feature.names) else v
            for v in values]


def _as_tags(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):  # CSV/TSV: "a,b" or "a;b" or "a|b"
        return tuple(t.strip() for t in re.split(r"[,;|]", value) if t.strip())
    return tuple(str(t) for t in value if t is not None)


def _as_peers(value, binary: bool) -> tuple[dict[str, str], int]:
    """Peer predictions of one pair in the label set, and how many values were not labels."""
    if value is None:
        return {}, 0
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return {}, 1
    if not isinstance(value, dict):
        return {}, 1
    out, bad = {}, 0
    for name, pred in value.items():
        if pred is None:
            continue
        lab = _canonical(str(pred), binary)
        if lab is None:
            bad += 1
        else:
            out[str(name)] = lab
    return out, bad


def load_pairs(specs: Sequence[str] | str, *, premise_col: str = "premise", hypothesis_col: str = "hypothesis",
               label_col: str = "label", label_map: str | dict | None = None, binary: bool = False,
               split: str = "train", limit: int | None = None, progress: bool | None = None) -> LabelledPairs:
    """Read labelled pairs from files, folders or hub data set names (see the module docstring).

    `limit` keeps the first N rows of each file (deterministic). A file's stem is the `source` of its
    pairs unless the data has a `source` column. Optional columns kept: source, tags (list),
    round, peer_predictions (dict). Integer labels of a ClassLabel column (hub data sets, Parquet
    written by `datasets`) are read through the feature's names; other integers as in `map_labels`.
    Raises DataError for missing columns, unknown labels or unreadable input.
    """
    if isinstance(specs, str):
        specs = [specs]
    if limit is not None and limit < 1:
        raise DataError(f"--limit must be at least 1, got {limit}")
    lmap = parse_label_map(label_map, binary)
    units: list[tuple[str, Path | None]] = []  # (spec or file, local path or None for hub)
    for spec in specs:
        files = find_data_files(spec)
        units.extend([(str(f), f) for f in files] if files is not None else [(spec, None)])

    pairs = LabelledPairs([], [], [], [], [], [], [], binary=binary)
    bad_peer_values = 0
    int_labels_seen: set[str] = set()
    saw_not_entailment = False
    with _datasets_progress(progress):
        for where, path in progress_bar(units, desc="reading", total=len(units), enabled=progress, unit="file"):
            cols, features = _read_local(path, limit) if path is not None else _read_hub(where, split, limit)
            names = list(features)
            for role, col in (("premise", premise_col), ("hypothesis", hypothesis_col), ("label", label_col)):
                if col not in cols:
                    flag = {"premise": "--premise-col", "hypothesis": "--hypothesis-col", "label": "--label-col"}[role]
                    raise DataError(f"{where}: no {role} column {col!r}; the data has columns: "
                                    f"{', '.join(names)} (choose one with {flag})")
            raw_labels = _class_label_names(cols[label_col], features.get(label_col), lmap)
            labels = map_labels(raw_labels, lmap, binary, where=where)
            saw_not_entailment = saw_not_entailment or any(_key(v) == "not_entailment" for v in raw_labels)
            if not lmap:
                int_labels_seen.update(k for k in map(_key, raw_labels) if k and re.fullmatch(r"\d+", k))
            n = len(labels)
            stem = path.stem if path is not None else where
            sources = cols.get("source") or [None] * n
            tags = cols.get("tags") or [None] * n
            rounds = cols.get("round") or [None] * n
            peers = cols.get("peer_predictions") or [None] * n
            premises, hypotheses = cols[premise_col], cols[hypothesis_col]
            for i in range(n):
                if labels[i] is None or not premises[i] or not hypotheses[i]:
                    pairs.skipped += 1
                    continue
                pairs.premises.append(str(premises[i]))
                pairs.hypotheses.append(str(hypotheses[i]))
                pairs.labels.append(labels[i])
                pairs.sources.append(str(sources[i]) if sources[i] not in (None, "") else stem)
                pairs.tags.append(_as_tags(tags[i]))
                pairs.rounds.append(None if rounds[i] is None else str(rounds[i]))
                peer, bad = _as_peers(peers[i], binary)
                bad_peer_values += bad
                pairs.peer_predictions.append(peer)
            pairs.files.append(where)
    if not pairs.labels:
        raise DataError(f"no labelled pairs in {', '.join(specs)}"
                        + (f" ({pairs.skipped} rows without a gold label or text)" if pairs.skipped else ""))
    if pairs.skipped:
        pairs.warnings.append(f"{pairs.skipped} rows without a gold label (-1, '-', empty) or without text were skipped")
    if bad_peer_values:
        pairs.warnings.append(f"{bad_peer_values} peer predictions were not label words and were ignored")
    if not binary and not lmap and int_labels_seen and int_labels_seen <= {"0", "1"}:
        pairs.warnings.append("integer labels are only 0 and 1, read in MNLI order as 0=entailment, 1=neutral; "
                              "for consistent/inconsistent data use --binary (or give --label-map)")
    if saw_not_entailment:
        pairs.warnings.append("'not_entailment' labels were read as neutral" + (" (so: consistent)" if binary else "")
                              + "; in two-way (RTE-style) data they also cover contradictions, so scores on "
                              "them are not a contradiction benchmark")
    return pairs


# ---------------------------------------------------------------------------------------------------
# Scoring

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
    path = model.info.get("path", model.name)
    # As the user named it: results files travel, and an absolute path would name one machine.
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
    from .nli import NLIModel

    results, used = [], set()
    for name in model_names:
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


# ---------------------------------------------------------------------------------------------------
# Writing

def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._]+", "-", name.replace("bundled:", "")).strip("-.") or "model"


def display_name(result: ModelResult) -> str:
    """Short name for tables: a local model folder by its folder name, everything else as given."""
    spec = result.info.get("model", result.name)
    if result.kind == "nli_model" and result.name.startswith(spec) and ("/" in spec or "\\" in spec) \
            and Path(spec).exists():
        path = Path(spec)
        # "runs/stage2/best" reads better as "stage2/best" than as "best"
        name = f"{path.parent.name}/{path.name}" if path.name in _GENERIC_FOLDERS and path.parent.name else path.name
        return name + result.name[len(spec):]
    return result.name


_GENERIC_FOLDERS = frozenset({"best", "final", "model", "last", "latest", "checkpoint"})


def _display_names(results: Sequence[ModelResult]) -> list[str]:
    """display_name of each result, falling back to the full name where short names would collide."""
    short = [display_name(r) for r in results]
    return [s if short.count(s) == 1 else r.name for s, r in zip(short, results)]


def results_to_dict(results: Sequence[ModelResult], pairs: LabelledPairs, meta: dict | None = None) -> dict:
    """The results.json document."""
    meta = dict(meta or {})
    devices = sorted({r.info["device"] for r in results if r.kind == "nli_model"})
    return {
        "schema_version": "1.0",
        "created": meta.pop("created", datetime.now(timezone.utc).isoformat(timespec="seconds")),
        "device": ", ".join(devices) if devices else None,
        "data": {
            "inputs": meta.pop("inputs", None), "files": list(pairs.files), "n_pairs": len(pairs),
            "skipped_rows": pairs.skipped, "limit_per_file": meta.pop("limit", None),
            "binary": pairs.binary, "labels": list(pairs.label_names), "positive_label": pairs.positive_label,
            "label_counts": {lab: int(pairs.labels.count(lab)) for lab in pairs.label_names},
            "sources": list(dict.fromkeys(pairs.sources)),
        },
        "warnings": list(dict.fromkeys(pairs.warnings)),
        **meta,
        "models": [{"name": r.name, "display_name": d, "kind": r.kind, **r.info,
                    "n": r.metrics["overall"]["n"], **r.metrics} for r, d in zip(results, _display_names(results))],
    }


def _fmt(x, digits: int = 3) -> str:
    if x is None:
        return "n/a"
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    return f"{x:.{digits}f}"


def _cell(block: dict, positive: str) -> str:
    return (f"{_fmt(block['accuracy'])} / {_fmt(block['macro_f1'])} / "
            f"{_fmt(block['per_class'][positive]['f1'])}")


def _md_escape(s: str) -> str:
    return str(s).replace("|", "\\|")


def render_markdown(doc: dict) -> str:
    """results.md from the results.json document, so the two never disagree."""
    data, models = doc["data"], doc["models"]
    pos = data["positive_label"]
    lines = ["# NLI pair evaluation", ""]
    if doc.get("command"):
        lines += [f"Command: `{doc['command']}`", ""]
    files = ", ".join(f"`{Path(f).name}`" if Path(f).exists() else f"`{f}`" for f in data["files"])
    limit = f", first {data['limit_per_file']} rows of each" if data.get("limit_per_file") else ""
    mode = "binary: consistent (entailment + neutral) vs inconsistent (contradiction)" if data["binary"] \
        else "entailment / neutral / contradiction"
    lines += [f"{data['n_pairs']} pairs from {files}{limit}; labels {mode}. "
              f"Created {doc['created']} on {doc.get('device') or 'n/a'}.", ""]
    for w in doc.get("warnings", []):
        lines.append(f"> warning: {w}")
    if doc.get("warnings"):
        lines.append("")
    lines += [f"Each cell: accuracy / macro-F1 / {pos}-F1. "
              "Peers are labels stored with the data (no probabilities), scored on the same pairs.", ""]
    names = [_md_escape(m["display_name"]) + (" (peer)" if m["kind"] == "peer" else "") for m in models]

    def comparison(title: str, kind: str | None, keys: Sequence[str]) -> list[str]:
        out = ["| " + " | ".join([title, "n"] + names) + " |",
               "| " + " | ".join(["---", "---:"] + ["---"] * len(models)) + " |"]
        for key in keys:
            blocks = [m["overall"] if kind is None else (m.get(kind) or {}).get(key) for m in models]
            ns = [b["n"] for m, b in zip(models, blocks) if b and m["kind"] == "nli_model"]
            n_gold = ns[0] if ns else max((b["n"] for b in blocks if b), default=0)
            cells = ["n/a" if not b or b["n"] == 0 else
                     _cell(b, pos) + (f" (n={b['n']})" if b["n"] != n_gold else "") for b in blocks]
            label = "**overall**" if kind is None else _md_escape(key)
            out.append("| " + " | ".join([label, str(n_gold)] + cells) + " |")
        return out + [""]

    lines += comparison("source", None, ["overall"])[:-1]
    lines += comparison("source", "by_source", data["sources"])[2:]
    for kind, title in (("by_tag", "tag"), ("by_round", "round")):
        keys = list(dict.fromkeys(k for m in models for k in (m.get(kind) or {})))
        if keys:
            lines += [f"### By {title}", ""] + comparison(title, kind, keys)

    for m in models:
        o = m["overall"]
        lines += [f"## {_md_escape(m['display_name'])}", ""]
        if m["kind"] == "nli_model":
            cal = f"temperature {m['temperature']:g}" if m["calibrated"] else "uncalibrated (--no-calibration)"
            lines += [f"Model `{m['path']}` on {m['device']}, {cal}; decision: {m['decision']}.", ""]
        else:
            lines += [f"Peer: labels stored in the data, {m.get('covered_pairs', o['n'])} pairs.", ""]
        pc = o["per_class"][pos]
        lines += ["| metric | value |", "| --- | ---: |",
                  f"| pairs | {o['n']} |", f"| accuracy | {_fmt(o['accuracy'])} |",
                  f"| macro-F1 | {_fmt(o['macro_f1'])} |",
                  f"| {pos} precision / recall / F1 | {_fmt(pc['precision'])} / {_fmt(pc['recall'])} / {_fmt(pc['f1'])} |"]
        if m["kind"] == "nli_model":
            lines += [f"| {pos} ROC-AUC | {_fmt(o['roc_auc'])} |",
                      f"| {pos} PR-AUC (average precision) | {_fmt(o['pr_auc'])} |",
                      f"| ECE (max probability, {M.N_BINS} bins) | {_fmt(o['ece'])} |",
                      f"| ECE of p({pos}) | {_fmt(o['ece_positive'])} |"]
        labels = o["confusion_matrix"]["labels"]
        lines += ["", "| class | precision | recall | F1 | support |", "| --- | ---: | ---: | ---: | ---: |"]
        for lab in labels:
            c = o["per_class"][lab]
            lines.append(f"| {lab} | {_fmt(c['precision'])} | {_fmt(c['recall'])} | {_fmt(c['f1'])} | {c['support']} |")
        lines += ["", "Confusion matrix (rows gold, columns predicted):", "",
                  "| gold \\ predicted | " + " | ".join(labels) + " |",
                  "| --- | " + " | ".join(["---:"] * len(labels)) + " |"]
        for lab, counts in zip(labels, o["confusion_matrix"]["matrix"]):
            lines.append(f"| {lab} | " + " | ".join(str(c) for c in counts) + " |")
        lines.append("")
        groups = m.get("by_source") or {}
        if m["kind"] == "nli_model" and len(groups) > 1:
            lines += [f"| source | n | accuracy | macro-F1 | {pos}-F1 | ROC-AUC | PR-AUC | ECE |",
                      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
            for g, b in groups.items():
                lines.append(f"| {_md_escape(g)} | {b['n']} | {_fmt(b['accuracy'])} | {_fmt(b['macro_f1'])} | "
                             f"{_fmt(b['per_class'][pos]['f1'])} | {_fmt(b['roc_auc'])} | {_fmt(b['pr_auc'])} | "
                             f"{_fmt(b['ece'])} |")
            lines.append("")
        for kind, path in (m.get("plots") or {}).items():
            lines.append(f"![{kind}]({path})")
        if m.get("plots"):
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _figure(width: float = 5.0, height: float = 4.0):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110)
    FigureCanvasAgg(fig)  # the Agg backend, without touching pyplot's global state
    return fig


def plot_confusion(result: ModelResult, labels: Sequence[str], path: Path) -> Path:
    """Confusion matrix: colour is the share of each gold row, numbers are counts."""
    cm = np.array(result.metrics["overall"]["confusion_matrix"]["matrix"], dtype=float)
    share = cm / np.maximum(cm.sum(axis=1, keepdims=True), 1)
    fig = _figure(4.6, 4.0)
    ax = fig.add_subplot()
    ax.imshow(share, cmap="Blues", vmin=0, vmax=1)
    for i in range(len(labels)):
        for j in range(len(labels)):
            ax.text(j, i, f"{int(cm[i, j])}\n{share[i, j]:.0%}", ha="center", va="center", fontsize=9,
                    color="white" if share[i, j] > 0.6 else "black")
    ax.set_xticks(range(len(labels)), labels, rotation=20)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(f"{display_name(result)[:50]}\naccuracy {_fmt(result.metrics['overall']['accuracy'])}", fontsize=9)
    fig.tight_layout()
    fig.savefig(path)
    return path


def _reliability_panel(ax, bins: list[dict], title: str, xlabel: str, ylabel: str) -> None:
    width = bins[0]["upper"] - bins[0]["lower"]
    centers = [(b["lower"] + b["upper"]) / 2 for b in bins]
    observed = [b["mean_observed"] or 0.0 for b in bins]
    ax.bar(centers, observed, width=width * 0.95, color="tab:blue", alpha=0.8, label="observed")
    gap_x = [b["mean_predicted"] for b in bins if b["count"]]
    gap_y = [b["mean_observed"] for b in bins if b["count"]]
    ax.plot(gap_x, gap_y, "o", color="tab:red", markersize=3, label="mean predicted")
    ax.plot([0, 1], [0, 1], "--", color="gray", linewidth=1)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=9)
    ax2 = ax.twinx()
    ax2.plot(centers, [b["count"] for b in bins], color="gray", alpha=0.5, linewidth=1)
    ax2.set_ylabel("pairs per bin", color="gray", fontsize=8)
    ax2.tick_params(labelsize=7, colors="gray")


def plot_reliability(result: ModelResult, pairs: LabelledPairs, path: Path) -> Path:
    """Two reliability diagrams: top-label confidence vs accuracy, and p(positive) vs its frequency."""
    probs, y = result.probs, pairs.y_true
    pos = pairs.label_names.index(pairs.positive_label)
    o = result.metrics["overall"]
    fig = _figure(9.5, 4.0)
    ax1, ax2 = fig.subplots(1, 2)
    _reliability_panel(ax1, M.reliability_bins(probs.max(axis=1), probs.argmax(axis=1) == y),
                       f"max probability, ECE {_fmt(o['ece'])}", "confidence", "accuracy")
    _reliability_panel(ax2, M.reliability_bins(probs[:, pos], y == pos),
                       f"p({pairs.positive_label}), ECE {_fmt(o['ece_positive'])}",
                       f"p({pairs.positive_label})", f"share {pairs.positive_label}")
    fig.suptitle(display_name(result)[:80], fontsize=9)
    fig.tight_layout()
    fig.savefig(path)
    return path


def plot_precision_recall(result: ModelResult, pairs: LabelledPairs, path: Path) -> Path | None:
    """Precision-recall curve of the positive class (contradiction / inconsistent); None without positives."""
    pos = pairs.label_names.index(pairs.positive_label)
    y = (pairs.y_true == pos).astype(int)
    curve = M.precision_recall_points(y, result.probs[:, pos])
    if curve is None:
        return None
    precision, recall = curve
    o = result.metrics["overall"]
    fig = _figure(4.8, 4.0)
    ax = fig.add_subplot()
    ax.step(recall, precision, where="post", color="tab:blue", label=f"AP {_fmt(o['pr_auc'])}")
    ax.axhline(y.mean(), linestyle="--", color="gray", linewidth=1, label=f"base rate {y.mean():.2f}")
    pc = o["per_class"][pairs.positive_label]
    if pc["precision"] is not None and pc["recall"] is not None:
        ax.plot([pc["recall"]], [pc["precision"]], "o", color="tab:red", label="decision rule")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_title(f"{pairs.positive_label} vs rest: {display_name(result)[:50]}", fontsize=9)
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    return path


def write_results(results: Sequence[ModelResult], pairs: LabelledPairs, out_dir: str | Path,
                  formats: Iterable[str] = FORMATS, meta: dict | None = None) -> list[Path]:
    """Write results.json, results.md and per-model PNG plots (as `formats` asks) into `out_dir`."""
    formats = set(formats)
    unknown = formats - set(FORMATS)
    if unknown:
        raise DataError(f"unknown --format {', '.join(sorted(unknown))}; use any of {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    plots: dict[str, dict[str, str]] = {}
    if "png" in formats:
        slugs: set[str] = set()
        for r, shown in zip(results, _display_names(results)):
            base = _slug(shown)
            slug, k = base, 2
            while slug in slugs:
                slug, k = f"{base}-{k}", k + 1
            slugs.add(slug)
            files = {"confusion": plot_confusion(r, pairs.label_names, out / f"{slug}_confusion.png")}
            if r.probs is not None:
                files["reliability"] = plot_reliability(r, pairs, out / f"{slug}_reliability.png")
                pr = plot_precision_recall(r, pairs, out / f"{slug}_pr_{pairs.positive_label}.png")
                if pr is not None:
                    files[f"precision-recall ({pairs.positive_label})"] = pr
            plots[r.name] = {k: p.name for k, p in files.items()}
            written.extend(files.values())
    doc = results_to_dict(results, pairs, meta)
    for m in doc["models"]:
        if m["name"] in plots:
            m["plots"] = plots[m["name"]]
    if "json" in formats:
        path = out / "results.json"
        path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.insert(0, path)
    if "md" in formats:
        path = out / "results.md"
        path.write_text(render_markdown(doc), encoding="utf-8")
        written.insert(1 if "json" in formats else 0, path)
    return written
