"""Progress bars on stderr, quiet when stderr is not a terminal (pipelines, CI, logs)."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterable, Iterator, TypeVar

from tqdm.auto import tqdm

T = TypeVar("T")


def progress_bar(items: Iterable[T], desc: str, total: int | None = None, enabled: bool | None = None,
                 unit: str = "it") -> Iterable[T]:
    """Wrap `items` in a tqdm bar; `enabled=None` means: only when stderr is a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    return tqdm(items, desc=desc, total=total, disable=not enabled, unit=unit, leave=False, file=sys.stderr)


@contextmanager
def library_progress_bars(enabled: bool | None) -> Iterator[None]:
    """Let transformers and huggingface_hub draw their own bars (such as "Loading weights") only where
    ours would show: `enabled=None` means only when stderr is a terminal. Restores their state after."""
    # Imported here, not at the top: they pull in torch, and this module serves light callers too.
    import huggingface_hub.utils as hub
    from transformers.utils import logging as hf_logging

    show = sys.stderr.isatty() if enabled is None else enabled
    was_on = hf_logging.is_progress_bar_enabled(), not hub.are_progress_bars_disabled()
    if not show:
        hf_logging.disable_progress_bar()
        hub.disable_progress_bars()
    try:
        yield
    finally:
        if not show and was_on[0]:
            hf_logging.enable_progress_bar()
        if not show and was_on[1]:
            hub.enable_progress_bars()
