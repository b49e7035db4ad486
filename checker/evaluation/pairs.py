"""Labelled premise/hypothesis pairs: read JSON Lines, JSON, CSV, TSV and Parquet files, folders of
them, or a Hugging Face data set name (needs a network), through the `datasets` library.

    pairs = load_pairs(["data/nli/dev/snli.jsonl"], limit=200)

A file that cannot be used (unreadable, missing columns, unknown labels, a ragged CSV row) is skipped
with a warning naming it and why; DataError only when no usable pair is left. Peer predictions
stored in the data (`peer_predictions`: model name -> label) are kept for scoring on the same pairs.
Not for: scoring (nli.py) or writing results (writer.py).
"""
from __future__ import annotations

import csv
import json
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import DataError
from ..progress import progress_bar
from ..types import LABELS
from .labels import BINARY_LABELS, _canonical, _key, map_labels, parse_label_map

SUPPORTED_SUFFIXES: dict[str, str] = {".jsonl": "json", ".json": "json", ".csv": "csv", ".tsv": "csv",
                                      ".parquet": "parquet"}
# Fewer labelled pairs than this give scores too noisy to compare models on: say so.
MIN_RELIABLE_PAIRS = 30


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


def find_data_files(spec: str, warnings: list[str] | None = None) -> list[Path] | None:
    """The supported files a local path names (a file, or a folder's top-level files, sorted).

    None when `spec` is not a local path (it may be a hub data set name); DataError for a path that
    looks local but does not exist, an unsupported suffix or a folder with no supported file. Other
    files in a folder are skipped with a line in `warnings`.
    """
    path = Path(spec).expanduser()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        if warnings is not None:
            warnings.extend(f"skipped {p}: not a {', '.join(SUPPORTED_SUFFIXES)} file"
                            for p in sorted(path.iterdir()) if p.is_file() and p not in files
                            and not p.name.startswith("."))
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
    if builder == "csv":
        _check_fields(path, kwargs.get("delimiter", ","))
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


def _check_fields(path: Path, delimiter: str) -> None:
    """DataError for a row with more fields than the header: pandas would shift it into the wrong
    columns (its first field read as an index), and its label would come from another column."""
    with path.open(newline="", encoding="utf-8", errors="replace") as f:
        reader = csv.reader(f, delimiter=delimiter)
        header = next(reader, None)
        for row in reader:
            if header is not None and len(row) > len(header):
                sep = "tab" if delimiter == "\t" else repr(delimiter)
                raise DataError(f"{path}: line {reader.line_num} has {len(row)} fields but the header has {len(header)} "
                                f"(an unquoted {sep} inside a text?); quote that text or remove the extra field")


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
    pairs = LabelledPairs([], [], [], [], [], [], [], binary=binary)
    units: list[tuple[str, Path | None]] = []  # (spec or file, local path or None for hub)
    for spec in specs:
        files = find_data_files(spec, pairs.warnings)
        units.extend([(str(f), f) for f in files] if files is not None else [(spec, None)])

    bad_peer_values = 0
    int_labels_seen: set[str] = set()
    saw_not_entailment = False
    problems: list[str] = []  # why each unusable file was skipped
    with _datasets_progress(progress):
        for where, path in progress_bar(units, desc="reading", total=len(units), enabled=progress, unit="file"):
            try:
                cols, features = _read_local(path, limit) if path is not None else _read_hub(where, split, limit)
                names = list(features)
                for role, col in (("premise", premise_col), ("hypothesis", hypothesis_col), ("label", label_col)):
                    if col not in cols:
                        flag = {"premise": "--premise-col", "hypothesis": "--hypothesis-col",
                                "label": "--label-col"}[role]
                        raise DataError(f"{where}: no {role} column {col!r}; the data has columns: "
                                        f"{', '.join(names)} (choose one with {flag})")
                raw_labels = _class_label_names(cols[label_col], features.get(label_col), lmap)
                labels = map_labels(raw_labels, lmap, binary, where=where)
            except DataError as e:  # one unusable file does not stop the others
                problems.append(str(e))
                pairs.warnings.append(f"skipped {where}: {e}")
                continue
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
        if len(problems) == 1 and len(units) == 1:
            raise DataError(problems[0])
        raise DataError(f"no labelled pairs in {', '.join(specs)}"
                        + (f" ({pairs.skipped} rows without a gold label or text)" if pairs.skipped else "")
                        + (f"; {len(problems)} file(s) skipped: " + "; ".join(problems) if problems else ""))
    if len(pairs) < MIN_RELIABLE_PAIRS:
        pairs.warnings.append(f"only {len(pairs)} labelled pair(s): scores on fewer than {MIN_RELIABLE_PAIRS} pairs "
                              f"say little (one pair more or less moves accuracy by {100 / len(pairs):.0f} points)")
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
