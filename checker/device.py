"""Device choice: --device auto|cpu|cuda[:N]."""
from __future__ import annotations

from .errors import CheckerError


def resolve_device(spec: str = "auto") -> str:
    """Return a torch device string. `auto` picks CUDA when present; asking for CUDA without it is an error.
    "cpu" imports nothing (the ONNX paths run without torch)."""
    spec = (spec or "auto").lower()
    if spec == "cpu":
        return "cpu"
    import torch

    if spec == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if spec == "cpu":
        return "cpu"
    if spec.startswith("cuda"):
        if not torch.cuda.is_available():
            raise CheckerError(f"--device {spec} was asked for but no CUDA GPU is available (use --device cpu or auto)")
        return spec
    raise CheckerError(f"unknown device {spec!r}: use auto, cpu, cuda or cuda:N")
