"""Range checks the settings classes of every stage share, so each can validate itself.

    need_fraction(settings, "max_entailment")          # a number from 0 to 1
    need_similarity(settings, "min_similarity")        # a cosine similarity from -1 to 1
    need_count(settings, "top_k", at_least=1)          # a whole number

Each raises ConfigError naming the field; `Config.validate` prefixes the stage ("pairing.top_k").
Not for: deciding defaults (each settings class holds its own).
"""
from __future__ import annotations

import math

from .errors import ConfigError


def is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def need(ok: bool, settings, name: str, problem: str) -> None:
    """Raise ConfigError(name, problem and the value) unless `ok`."""
    if not ok:
        raise ConfigError(name, f"{problem}, got {getattr(settings, name)!r}")


def need_fraction(settings, name: str, optional: bool = False) -> None:
    """`settings.<name>` is a number from 0 to 1 (or None when `optional`)."""
    value = getattr(settings, name)
    if optional and value is None:
        return
    need(is_number(value) and 0.0 <= value <= 1.0, settings, name, "must be a number from 0 to 1")


def need_similarity(settings, name: str) -> None:
    """`settings.<name>` is a cosine similarity, from -1 to 1."""
    value = getattr(settings, name)
    need(is_number(value) and -1.0 <= value <= 1.0, settings, name, "must be a cosine similarity from -1 to 1")


def need_count(settings, name: str, at_least: int) -> None:
    """`settings.<name>` is a whole number of at least `at_least`."""
    value = getattr(settings, name)
    need(is_int(value) and value >= at_least, settings, name, f"must be a whole number of at least {at_least}")
