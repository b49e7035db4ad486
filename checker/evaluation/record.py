"""Provenance for every published result: which commit, which model files, which machine made it.

Every result file the project writes (gold results, NLI benchmarks, speed and cost measurements)
carries a `provenance` block, so a figure can be traced to the code and the model that made it
without a word of prose:

    doc = {"recall": 0.95, ...}
    write_result(Path("eval/results/gold_sweep.json"), doc,
                 provenance(command=sys.argv, models={"nli": "bundled:nli-minilm-l6"}, precision="bf16"))

    doc["provenance"] == {"commit": "6985f8c...", "dirty": False, "command": "python eval/gold_sweep.py ...",
                          "models": {"nli": {"name": "bundled:nli-minilm-l6", "sha256": {"model.safetensors": "966b..."}}},
                          "machine": {"cpu": "AMD EPYC", "cpu_flags": {...}, "cores_physical": 2, ...},
                          "precision": "bf16", "device": "cpu", "versions": {"torch": "2.13.0", ...},
                          "created": "2026-12-04T19:30:00+00:00"}

Not for: measuring anything (the evaluators and eval/ commands do that) or writing into models/ (only
the ship step does that: models/ship_nli.py).
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import shlex
import subprocess
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Mapping, Sequence

from ..bundled import resolve
from ..precision import cpu_features, physical_cores

# The CPU flags that decide which precision runs natively (checker/precision.py) and how fast.
CPU_FLAGS = ("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile", "amx_bf16", "amx_int8")
# The libraries whose versions change results or speed.
LIBRARIES = ("news-fact-checker", "torch", "transformers", "sentence-transformers", "tokenizers", "numpy",
             "scikit-learn", "datasets", "spacy", "ray")
# Files that hold a model's weights (what its SHA-256 is taken over).
# An adapter folder's weights are its adapter and head; its base is named and hash-checked in base.json.
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.bin", "adapter_model.safetensors")
REPO_ROOT = Path(__file__).resolve().parents[2]


def machine(device: str = "cpu") -> dict:
    """The CPU's model name and the flags of interest (as lscpu and /proc/cpuinfo name them), cores,
    torch threads, and the GPU when `device` is CUDA."""
    import torch

    f = cpu_features()
    flags = set(f.flags)
    info = {"cpu": f.model, "cpu_flags": {name: name in flags for name in CPU_FLAGS}, "cpu_summary": f.summary(),
            "cores_physical": physical_cores(), "cores": os.cpu_count(), "torch_threads": torch.get_num_threads(),
            "torch": torch.__version__, "python": platform.python_version(), "platform": platform.platform()}
    if device.startswith("cuda") and torch.cuda.is_available():
        info["gpu"] = torch.cuda.get_device_name(device)
        info["gpu_capability"] = ".".join(map(str, torch.cuda.get_device_capability(device)))
    return info


def library_versions() -> dict[str, str | None]:
    """Python's version and each installed library's (None where it is not installed)."""
    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def git_commit(root: Path = REPO_ROOT) -> tuple[str | None, bool | None]:
    """The checked-out commit of the repository at `root` and whether its tracked files differ from it;
    (None, None) outside a git checkout (an installed package)."""
    def git(*args: str) -> str | None:
        try:
            proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return proc.stdout.strip() if proc.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    if commit is None:
        return None, None
    status = git("status", "--porcelain", "--untracked-files=no")
    return commit, (bool(status) if status is not None else None)


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    """The SHA-256 of one file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()


def model_fingerprint(name: str) -> dict:
    """A model by the name a Config or command gives it, and the SHA-256 of its weight files when it is
    a local folder (`bundled:` names resolve to one); a hub id not on disk gets no hashes."""
    try:
        folder = Path(resolve(name))
    except Exception:  # an unknown bundled name: record it as given
        return {"name": name, "sha256": None}
    found = [folder / w for w in WEIGHT_FILES if (folder / w).is_file()] if folder.is_dir() else []
    return {"name": name, "sha256": {p.name: sha256_of(p) for p in found} or None}


def provenance(command: str | Sequence[str], models: Mapping[str, str] | None = None, precision: str | None = None,
               device: str = "cpu", root: Path = REPO_ROOT) -> dict:
    """The block `write_result` stamps on a result: commit (and whether the checkout had changes),
    the command, each model's name and weight hashes, the machine, precision, device, library
    versions and the time."""
    commit, dirty = git_commit(root)
    return {
        "commit": commit,
        "dirty": dirty,
        "command": command if isinstance(command, str) else shlex.join(list(command)),
        "models": {role: model_fingerprint(name) for role, name in (models or {}).items()},
        "machine": machine(device),
        "precision": precision,
        "device": device,
        "versions": library_versions(),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def write_result(path: Path, doc: dict, stamp: dict, markdown: str | None = None) -> Path:
    """Write `doc` with `stamp` (from `provenance`) as its `provenance` key to `path` (JSON, by rename,
    so a reader never sees half a file), and `markdown` beside it (same name, .md) when given, ending
    with one line naming the commit and the models. Returns the JSON path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = {**doc, "provenance": stamp}
    _replace(path, json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    if markdown is not None:
        _replace(path.with_suffix(".md"), markdown.rstrip("\n") + "\n\n" + provenance_line(stamp) + "\n")
    return path


def provenance_line(stamp: dict) -> str:
    """One line for a Markdown result: commit, models with their hash prefixes, CPU, precision, command."""
    commit = (stamp.get("commit") or "unknown")[:7] + (" (with uncommitted changes)" if stamp.get("dirty") else "")
    models = ", ".join(f"{m['name']} ({_short(m.get('sha256'))})" for m in stamp.get("models", {}).values())
    machine_ = stamp.get("machine", {})
    return (f"_Made at commit {commit}{'; models ' + models if models else ''}; {machine_.get('cpu', 'unknown CPU')}, "
            f"{stamp.get('device')}, precision {stamp.get('precision') or 'n/a'}; `{stamp.get('command')}`; "
            f"{stamp.get('created')}._")


def _short(hashes: dict | None) -> str:
    if not hashes:
        return "no local weights"
    return ", ".join(f"{name} {digest[:8]}…" for name, digest in hashes.items())


def _replace(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
