"""Numeric precision of the models: which one a device runs natively, and putting a model in it.

A checkpoint's stored dtype says nothing about the machine it will run on (the bundled NLI model is
stored in float16, which a CPU without native fp16 runs many times slower than fp32), so every model
is first brought to fp32 and then put in the precision chosen here:

    features = cpu_features()                        # what this CPU computes natively
    name = resolve_precision("auto", "cpu", "nli", features)
    model = apply_precision(model, name, "cpu")      # fp32 weights, int8 Linear layers, or half on CUDA
    with autocast(name, "cpu"):                      # bf16 autocast on CPU; nothing for the others
        logits = model(**batch).logits

`auto` picks, per device, CPU type and model role, the fastest precision measured to keep accuracy
(AUTO_CPU; eval/bench_paths.py, eval/results/precision-cpu.md). The onnx-fp32 and onnx-int8 precisions
run the model with ONNX Runtime from a cached build (onnx_export.py, onnx_session.py); apply_precision
and autocast leave such a model alone. Not for: choosing the device (device.py).
"""
from __future__ import annotations

import contextlib
import os
import platform
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from . import onnx_export
from .errors import CheckerError
from .onnx_export import ONNX_PRECISIONS

PRECISIONS = ("auto", "fp32", "bf16", "fp16", "int8", "onnx-fp32", "onnx-int8")
ROLES = ("nli", "embedder")


@dataclass(frozen=True)
class CpuFeatures:
    """What the CPU computes natively, as far as the models care."""

    model: str = "unknown"
    fp16: bool = False  # native fp16 arithmetic (avx512_fp16 or amx_fp16)
    bf16: bool = False  # native bf16 dot products (avx512_bf16 or amx_bf16)
    amx: bool = False  # AMX tiles (amx_tile)
    int8_dot: bool = False  # int8 dot-product instructions (avx512_vnni, avx_vnni or amx_int8)
    source: str = "none"  # where the flags came from: /proc/cpuinfo, torch, or none
    flags: tuple[str, ...] = field(default=(), repr=False)

    def summary(self) -> str:
        """One line naming the CPU and its relevant features, e.g. for benchmark results."""
        yes = lambda b: "yes" if b else "no"  # noqa: E731
        return (f"{self.model} (fp16: {yes(self.fp16)}, bf16: {yes(self.bf16)}, AMX: {yes(self.amx)}, "
                f"int8 dot products: {yes(self.int8_dot)})")


def features_from_flags(flags: set[str] | frozenset[str], model: str = "unknown", source: str = "/proc/cpuinfo") -> CpuFeatures:
    """CpuFeatures from Linux cpuinfo flag names (`avx512_bf16`, `amx_tile`, ...)."""
    return CpuFeatures(
        model=model,
        fp16="avx512_fp16" in flags or "amx_fp16" in flags,
        bf16="avx512_bf16" in flags or "amx_bf16" in flags,
        amx="amx_tile" in flags,
        int8_dot=bool({"avx512_vnni", "avx_vnni", "amx_int8"} & set(flags)),
        source=source,
        flags=tuple(sorted(flags)),
    )


def parse_cpuinfo(text: str) -> CpuFeatures | None:
    """CpuFeatures from the text of /proc/cpuinfo (first processor), or None if it names no flags."""
    model, flags = "unknown", None
    for line in text.splitlines():
        key, _, value = line.partition(":")
        key = key.strip()
        if key == "model name" and model == "unknown":
            model = value.strip()
        elif key == "flags" and flags is None:
            flags = frozenset(value.split())
    if flags is None:
        return None
    return features_from_flags(flags, model)


def _features_from_torch() -> CpuFeatures | None:
    """Non-Linux fallback: torch's own CPU capability checks (private helpers, present in torch 2.x)."""
    try:
        import torch
    except ImportError:  # pragma: no cover - torch is a hard dependency
        return None
    cpu = getattr(torch, "cpu", None)

    def check(name: str) -> bool:
        fn = getattr(cpu, name, None) or getattr(getattr(torch, "_C", None), name, None)
        try:
            return bool(fn()) if fn else False
        except Exception:  # noqa: BLE001 - a missing or failing probe means "not known to be there"
            return False

    bf16 = check("_is_avx512_bf16_supported") or check("_is_amx_tile_supported")
    if not any(getattr(cpu, n, None) for n in ("_is_avx512_bf16_supported", "_is_amx_tile_supported")):
        return None
    return CpuFeatures(model=platform.processor() or platform.machine(), fp16=check("_is_amx_fp16_supported")
                       or check("_is_avx512_fp16_supported"), bf16=bf16, amx=check("_is_amx_tile_supported"),
                       int8_dot=check("_is_avx512_vnni_supported") or check("_is_amx_tile_supported"),
                       source="torch")


def cpu_features(cpuinfo: str | Path = "/proc/cpuinfo") -> CpuFeatures:
    """What this CPU supports natively: Linux /proc/cpuinfo, else torch's checks, else nothing assumed."""
    try:
        found = parse_cpuinfo(Path(cpuinfo).read_text(errors="replace"))
    except OSError:
        found = None
    if found is None:
        found = _features_from_torch()
    return found or CpuFeatures(model=platform.processor() or platform.machine(), source="none")


def physical_cores(cpuinfo: str | Path = "/proc/cpuinfo") -> int:
    """Physical cores this process may use: distinct (package, core) pairs of the allowed CPUs.

    Hyper-threads share one core's vector units, so more threads than cores only adds contention."""
    try:
        allowed = os.sched_getaffinity(0)
    except (AttributeError, OSError):
        allowed = set(range(os.cpu_count() or 1))
    try:
        text = Path(cpuinfo).read_text(errors="replace")
    except OSError:
        return max(1, len(allowed))
    cores, cpu, package = set(), None, "0"
    for line in text.splitlines() + [""]:
        key, _, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if key == "processor":
            cpu, package = int(value), "0"
        elif key == "physical id":
            package = value
        elif key == "core id" and cpu in allowed:
            cores.add((package, value))
    return max(1, len(cores) or len(allowed))


def set_cpu_threads(threads: int | None = None) -> int:
    """Set torch's CPU threads to `threads`, or to the physical cores this process may use; returns it.

    Process-wide (torch has one thread pool), so it is called once, when the models are loaded."""
    import torch

    n = threads or physical_cores()
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)
    return n


# What `auto` picks on CPU, per CPU type and model role: the candidates in order, the first one this
# machine can run wins (bf16 needs native bf16, int8 a quantising torch, onnx-* ONNX Runtime installed;
# fp32 always runs). Each row is meant to name the fastest path whose conflicts on the gold set and the
# demo equal fp32's on that CPU type, as eval/bench_paths.py measures it (it prints the row it would
# write). Measured so far (eval/results/precision-cpu.md): bf16 keeps MultiNLI accuracy and fp32's
# gold-set result exactly; torch int8 is as fast but lost gold-set conflicts, so it is never picked.
# The ONNX Runtime paths are not in any row until they are measured against fp32 on that CPU type.
AUTO_CPU: dict[str, dict[str, tuple[str, ...]]] = {
    "native-fp16": {"nli": ("bf16", "fp32"), "embedder": ("bf16", "fp32")},  # avx512_fp16 / AMX (Intel Xeon 4th gen on)
    "native-bf16": {"nli": ("bf16", "fp32"), "embedder": ("bf16", "fp32")},  # avx512_bf16 without fp16 (AMD Zen 4/5)
    "no-half": {"nli": ("fp32",), "embedder": ("fp32",)},  # neither: AVX2-only (AMD Zen 3 and older) and the rest
}


def cpu_type(features: CpuFeatures) -> str:
    """The row of AUTO_CPU this CPU falls in: native-fp16, native-bf16 or no-half."""
    if features.fp16:
        return "native-fp16"
    return "native-bf16" if features.bf16 else "no-half"


def int8_available() -> bool:
    """True when torch can quantise Linear layers dynamically on this CPU."""
    try:
        import torch
        from torch.ao.quantization import quantize_dynamic  # noqa: F401
    except ImportError:
        return False
    return bool(getattr(torch.backends, "quantized", None) and torch.backends.quantized.supported_engines)


def onnx_available() -> bool:
    """True when ONNX Runtime (and onnx, for the export) are installed: the `onnx` extra."""
    return onnx_export.onnx_available()


def runnable(precision: str, features: CpuFeatures) -> bool:
    """Whether this CPU and this installation can run `precision` at full speed."""
    if precision in ONNX_PRECISIONS:
        return onnx_available()
    if precision == "int8":
        return int8_available()
    return {"fp32": True, "bf16": features.bf16, "fp16": features.fp16}.get(precision, False)


def resolve_precision(requested: str, device: str, role: str = "nli", features: CpuFeatures | None = None,
                      onnx: bool = True) -> str:
    """The concrete precision (fp32, bf16, fp16, int8, onnx-fp32 or onnx-int8) a model in `role` runs
    in on `device`.

    `auto` picks the first runnable candidate of this CPU type's row in AUTO_CPU; an explicit request
    the device cannot run natively is a CheckerError (a CPU without native fp16 never runs fp16), and so
    is an ONNX precision without ONNX Runtime installed. `onnx=False` is for a model with no ONNX
    recipe: `auto` skips the ONNX candidates and an explicit ONNX precision runs as fp32."""
    requested = (requested or "auto").lower()
    if requested not in PRECISIONS:
        raise CheckerError(f"unknown precision {requested!r}: use {', '.join(PRECISIONS)}")
    if role not in ROLES:
        raise ValueError(f"unknown model role {role!r}")
    if device.startswith("cuda"):
        return _resolve_cuda(requested, device)
    features = features if features is not None else cpu_features()
    if requested == "auto":
        for choice in AUTO_CPU[cpu_type(features)][role]:
            if (onnx or choice not in ONNX_PRECISIONS) and runnable(choice, features):
                return _for_role(choice, role)
        return "fp32"
    if requested == "fp16" and not features.fp16:
        raise CheckerError("--precision fp16: this CPU has no native fp16 arithmetic (no avx512_fp16 or AMX-FP16), "
                           "so fp16 would run many times slower than fp32; use auto, fp32, bf16 or int8")
    if requested == "bf16" and not features.bf16:
        raise CheckerError("--precision bf16: this CPU has no native bf16 (no avx512_bf16 or AMX); use auto, fp32 or int8")
    if requested == "int8" and not int8_available():
        raise CheckerError("--precision int8: this torch build cannot quantise models (torch.ao.quantization is missing)")
    if requested in ONNX_PRECISIONS:
        onnx_export.require_onnx(requested)
        return _for_role(requested, role) if onnx else "fp32"
    return requested


def _for_role(precision: str, role: str) -> str:
    # The embedder decides which pairs are scored and costs a fraction of the NLI stage: under
    # onnx-int8 it runs the fused fp32 graph.
    return "onnx-fp32" if precision == "onnx-int8" and role == "embedder" else precision


def _resolve_cuda(requested: str, device: str) -> str:
    import torch

    major, minor = torch.cuda.get_device_capability(device)
    if requested == "int8" or requested in ONNX_PRECISIONS:
        raise CheckerError(f"--precision {requested} runs on the CPU only; on a GPU use auto, fp16, bf16 or fp32")
    if requested == "bf16" and not torch.cuda.is_bf16_supported():
        raise CheckerError(f"--precision bf16: GPU {device} (compute capability {major}.{minor}) has no native bf16; use fp16")
    if requested == "auto":
        # fp16 arithmetic is native from compute capability 5.3, tensor cores from 7.0.
        return "fp16" if (major, minor) >= (5, 3) else "fp32"
    return requested


def apply_precision(model, precision: str, device: str):
    """Return `model` in fp32 and on `device`, then in `precision`: int8 Linear layers (CPU only) or
    fp16/bf16 weights (CUDA). On CPU, bf16 keeps fp32 weights and runs under `autocast`."""
    import torch

    model = model.float()  # never the checkpoint's dtype: fp16 weights on a CPU without fp16 crawl
    model.eval()
    if precision == "int8":
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

        with warnings.catch_warnings():  # torch announces the move of this API to torchao; it still works
            warnings.simplefilter("ignore")
            # Per output channel: per-tensor scales cost 1.4 points of MultiNLI, per-channel none measurable.
            model = quantize_dynamic(model, {torch.nn.Linear: per_channel_dynamic_qconfig}, inplace=False)
        return model
    if device.startswith("cuda") and precision in ("fp16", "bf16"):
        model = model.to(dtype=torch.float16 if precision == "fp16" else torch.bfloat16)
    return model.to(device)


def autocast(precision: str, device: str):
    """The context to run a forward pass in: bf16 autocast on CPU, nothing otherwise."""
    if precision == "bf16" and not device.startswith("cuda"):
        import torch

        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def compute_dtype(model, precision: str, device: str) -> str:
    """The dtype the model's matrix products run in, for reports and tests: 'int8', or the autocast
    dtype, or the dtype of its floating-point parameters."""
    if precision == "int8":
        return "int8"
    if precision in ONNX_PRECISIONS:  # ONNX Runtime: fused fp32 graph, its middle blocks in int8 for onnx-int8
        return "float32 (onnx)" if precision == "onnx-fp32" else "int8 (onnx, middle blocks)"
    if precision == "bf16" and not device.startswith("cuda"):
        return "bfloat16"
    for p in model.parameters():
        if p.is_floating_point():
            return str(p.dtype).replace("torch.", "")
    return "unknown"
