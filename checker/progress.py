"""Progress bars on stderr, quiet when stderr is not a terminal (pipelines, CI, logs)."""
from __future__ import annotations

import sys
from typing import Iterable, TypeVar

from tqdm.auto import tqdm

T = TypeVar("T")


def progress_bar(items: Iterable[T], desc: str, total: int | None = None, enabled: bool | None = None,
                 unit: str = "it") -> Iterable[T]:
    """Wrap `items` in a tqdm bar; `enabled=None` means: only when stderr is a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    return tqdm(items, desc=desc, total=total, disable=not enabled, unit=unit, leave=False, file=sys.stderr)
