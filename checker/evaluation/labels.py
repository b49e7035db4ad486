"""Gold labels of NLI pair sets in the evaluation's label set: three-way (entailment, neutral,
contradiction) or binary (consistent, inconsistent).

Labels may be written as MNLI-order integers, letters (e/n/c) or words; `--label-map` says what other
spellings mean. Not for: reading files (pairs.py) or scoring (nli.py).
"""
from __future__ import annotations

import math
import re
from typing import Sequence

import numpy as np

from ..errors import DataError

BINARY_LABELS: tuple[str, str] = ("consistent", "inconsistent")
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
