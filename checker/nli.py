"""NLI cross-encoder: premise/hypothesis pairs -> probabilities (entailment, neutral, contradiction).

The label order is read from the model's config (id2label) and mapped onto LABELS; it is never assumed.
A model folder may carry `calibration.json` ({"temperature": T, "threshold": t}) fitted on dev data
by models/calibrate_nli.py; predictions are temperature-scaled with it unless calibrated=False.
Not for: pairing, aggregation or thresholds beyond reading the model's recommended default.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from .bases import base_path, cache_root
from .bundled import check_exists, is_adapter_folder, resolve
from .device import resolve_device
from .errors import ModelError
from .onnx_export import onnx_capable, onnx_model_path
from .onnx_session import OnnxModel
from .plain_tokenizer import PlainTokenizer, has_plain_tokenizer
from .precision import ONNX_PRECISIONS, apply_precision, autocast, compute_dtype, resolve_precision
from .progress import progress_bar
from .types import LABELS

# Names that public NLI checkpoints use for their labels, mapped to ours.
_LABEL_ALIASES = {
    "entailment": "entailment", "entail": "entailment", "entails": "entailment",
    "neutral": "neutral", "not_entailment": "neutral",
    "contradiction": "contradiction", "contradict": "contradiction", "contradicts": "contradiction",
}


def label_permutation(id2label: dict) -> list[int]:
    """Indices into the model's outputs, in LABELS order. Raises ModelError if a label is missing."""
    names = {int(i): _LABEL_ALIASES.get(str(n).lower()) for i, n in id2label.items()}
    perm = []
    for lab in LABELS:
        idx = [i for i, n in names.items() if n == lab]
        if len(idx) != 1:
            raise ModelError(
                f"the model's id2label {dict(id2label)} does not name exactly one {lab!r} label; "
                "an NLI model needs entailment, neutral and contradiction"
            )
        perm.append(idx[0])
    return perm


@dataclass
class NLIModel:
    """A loaded NLI cross-encoder. Use `NLIModel.load(name_or_path, device=...)`."""

    name: str
    device: str
    model: object
    tokenizer: object
    permutation: list[int]
    batch_size: int = 32
    max_length: int = 256
    temperature: float = 1.0
    default_threshold: float = 0.5
    progress: bool | None = None
    precision: str = "fp32"  # what the model runs in: fp32, bf16, fp16, int8, onnx-fp32 or onnx-int8 (precision.py)
    info: dict = field(default_factory=dict)

    @classmethod
    def load(cls, name_or_path: str, device: str = "auto", batch_size: int = 32, max_length: int = 256,
             progress: bool | None = None, precision: str = "auto", threads: int | None = None) -> "NLIModel":
        """Load a local folder, a `bundled:` name or a Hugging Face id (needs a network), in `precision`
        (auto, fp32, bf16, fp16, int8, onnx-fp32 or onnx-int8; auto picks the fastest that keeps
        accuracy on the device). A model with no ONNX recipe asked for in an ONNX precision runs in torch
        (`precision` then says which). `threads`: ONNX Runtime's threads (default: torch's, else the cores)."""
        dev = resolve_device(device)
        chosen = resolve_precision(precision, dev, "nli")
        path = resolve(name_or_path)
        check_exists(path, "NLI model")
        is_local = Path(path).exists()
        plain = chosen in ONNX_PRECISIONS and is_local and _plain_onnx_folder(Path(path))
        try:
            if plain:  # ONNX Runtime from a cached build: no torch, no transformers (docs/startup.md)
                tokenizer = PlainTokenizer.load(path)
                config = json.loads((Path(path) / "config.json").read_text())
                model = _onnx_model(Path(path), chosen, None, threads)
            else:
                from transformers import AutoConfig, AutoTokenizer

                tokenizer = AutoTokenizer.from_pretrained(path)
                config = AutoConfig.from_pretrained(path).to_dict()
                if chosen in ONNX_PRECISIONS and not (is_local and onnx_capable(config)):
                    chosen = resolve_precision(precision, dev, "nli", onnx=False)
                if chosen in ONNX_PRECISIONS:
                    model = _onnx_model(Path(path), chosen, tokenizer, threads)
                else:
                    model = _torch_model(Path(path) if is_local else path)
        except (OSError, ValueError) as e:
            where = "folder" if is_local else "Hugging Face id (is there a network?)"
            raise ModelError(f"cannot load NLI model {name_or_path!r} as a {where}: {str(e).splitlines()[0]}") from e
        perm = label_permutation(config.get("id2label") or {})
        # Never feed more tokens than the model has positions for (long paragraphs would crash it).
        limit = config.get("max_position_embeddings")
        if limit:
            max_length = min(max_length, int(limit))
        if chosen in ONNX_PRECISIONS:
            info = {"path": str(path), "params": model.info.get("params"), "compute_dtype": compute_dtype(None, chosen, dev),
                    "onnx_build": model.info.get("build")}
        else:
            model = apply_precision(model, chosen, dev)
            info = {"path": str(path), "params": sum(p.numel() for p in model.parameters()),
                    "compute_dtype": compute_dtype(model, chosen, dev)}
        temperature, threshold = calibration(path)
        return cls(name=name_or_path, device=dev, model=model, tokenizer=tokenizer, permutation=perm,
                   batch_size=batch_size, max_length=max_length, temperature=temperature,
                   default_threshold=threshold, progress=progress, precision=chosen, info=info)

    def logits(self, premises: Sequence[str], hypotheses: Sequence[str], desc: str = "NLI") -> np.ndarray:
        """Raw logits, shape (N, 3), columns in LABELS order."""
        if len(premises) != len(hypotheses):
            raise ValueError("premises and hypotheses differ in length")
        n = len(premises)
        out = np.zeros((n, 3), dtype=np.float32)
        if n == 0:
            return out
        # Tokenised once up front (the fast tokenizer batches in Rust), so the model's loop only pads
        # and runs; batches are sorted by token length, since padding is what costs on CPU.
        if isinstance(self.tokenizer, PlainTokenizer):
            enc = self.tokenizer.pairs(premises, hypotheses, self.max_length)
        else:
            enc = self.tokenizer(list(premises), list(hypotheses), truncation=True, max_length=self.max_length)
        lengths = np.array([len(ids) for ids in enc["input_ids"]])
        order = np.argsort(lengths, kind="stable")
        batches = [order[i:i + self.batch_size] for i in range(0, n, self.batch_size)]
        pad_id = self.tokenizer.pad_token_id or 0
        if self.precision in ONNX_PRECISIONS:  # ONNX Runtime takes and gives numpy: no torch in the loop
            for idx in progress_bar(batches, desc=desc, total=len(batches), enabled=self.progress, unit="batch"):
                logits = self.model.run(_pad_batch(enc, idx, int(lengths[idx].max()), pad_id))
                out[idx] = logits[:, self.permutation]
            return out
        import torch

        with torch.inference_mode(), autocast(self.precision, self.device):
            for idx in progress_bar(batches, desc=desc, total=len(batches), enabled=self.progress, unit="batch"):
                batch = _pad_batch(enc, idx, int(lengths[idx].max()), pad_id)
                batch = {k: torch.from_numpy(v).to(self.device) for k, v in batch.items()}
                logits = self.model(**batch).logits.float().cpu().numpy()
                out[idx] = logits[:, self.permutation]
        return out

    def predict(self, premises: Sequence[str], hypotheses: Sequence[str], calibrated: bool = True,
                desc: str = "NLI") -> np.ndarray:
        """Probabilities, shape (N, 3), columns (entailment, neutral, contradiction)."""
        logits = self.logits(premises, hypotheses, desc=desc)
        t = self.temperature if calibrated else 1.0
        return softmax(logits / t)


def _torch_model(path: str | Path):
    """The torch classifier in `path`: whole weights as stored (the bundled checkpoint is fp16;
    apply_precision makes it fp32 first), or an adapter assembled over its base."""
    from transformers import AutoModelForSequenceClassification

    if is_adapter_folder(path):
        return load_adapter(Path(path))
    return AutoModelForSequenceClassification.from_pretrained(path)


def _onnx_model(folder: Path, precision: str, tokenizer=None, threads: int | None = None):
    """The ONNX Runtime session of the classifier in `folder`, built into the cache on first use; the
    export's example inputs come from `tokenizer` (transformers'), or, when it is None, from one loaded
    only if a build has to be made."""
    def hf_tokenizer():
        from transformers import AutoTokenizer
        return AutoTokenizer.from_pretrained(folder)

    onnx_file = onnx_model_path(folder, precision, "sequence-classification",
                                lambda: _torch_model(folder).float().eval(), tokenizer, load_tokenizer=hf_tokenizer)
    return OnnxModel.load(onnx_file, threads)


def _plain_onnx_folder(folder: Path) -> bool:
    """A local model ONNX Runtime can run without transformers: a checked ONNX recipe for its type, a
    tokenizer.json, and whole weights (an adapter needs peft and its base to assemble)."""
    config = folder / "config.json"
    return (config.is_file() and onnx_capable(json.loads(config.read_text())) and has_plain_tokenizer(folder)
            and not is_adapter_folder(folder))


def load_adapter(folder: Path):
    """A sequence classifier assembled from an adapter folder: the base encoder named in its
    `base.json` (assembled and hash-checked by bases.py), the folder's config (labels), and the
    adapter and head merged in, so that inference costs what the plain base model costs.

    The merged model is kept in the cache folder under the adapter's and the base's hashes, so only
    the first run pays for peft and the merge (seconds of imports and arithmetic); later runs load
    one plain checkpoint."""
    from transformers import AutoModelForSequenceClassification

    merged = merged_path(folder)
    if (merged / _MERGED_DONE).exists():
        return AutoModelForSequenceClassification.from_pretrained(merged)
    model = _merge_adapter(folder)
    _keep_merged(model, merged)
    return model


_MERGED_DONE = ".merged"  # written last: a folder without it is an interrupted save


def merged_path(folder: Path) -> Path:
    """Where the merged model of adapter `folder` is cached: named by the SHA-256 of its weights and
    head, and of the base, so a retrained adapter or another base never reuses a stale merge."""
    import hashlib

    base = json.loads((folder / "base.json").read_text())["base"]
    digest = hashlib.sha256()
    for name in ("adapter_model.safetensors", "adapter_config.json", "config.json"):
        digest.update((folder / name).read_bytes())
    digest.update(base.encode())
    return cache_root() / "merged" / f"{base}-{digest.hexdigest()[:16]}"


def _merge_adapter(folder: Path):
    from peft import PeftModel
    from transformers import AutoConfig, AutoModelForSequenceClassification
    from transformers.utils import logging as hf_logging

    base = json.loads((folder / "base.json").read_text())["base"]
    config = AutoConfig.from_pretrained(folder)
    # The base has no classification head (the adapter folder brings it): transformers' report of the
    # "missing" head, and its advice to train one, would only mislead a user, so it is not shown.
    verbosity = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()
    try:
        model = AutoModelForSequenceClassification.from_pretrained(base_path(base), config=config)
    finally:
        hf_logging.set_verbosity(verbosity)
    return PeftModel.from_pretrained(model, folder).merge_and_unload()


def _keep_merged(model, out: Path) -> None:
    """Save the merged model to `out` whole (a temporary folder renamed into place); a cache that
    cannot be written costs only the next run's merge."""
    import shutil
    import tempfile

    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=".tmp-"))
    except OSError:
        return
    try:
        model.save_pretrained(tmp)
        (tmp / _MERGED_DONE).write_text("")
        if out.exists():
            shutil.rmtree(out)
        tmp.rename(out)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)


def calibration(path: str | Path) -> tuple[float, float]:
    """(temperature, conflict threshold) from a model folder's calibration.json; (1.0, 0.5) without one.
    Reads one small file, so a run can name its threshold without loading the model."""
    cal = Path(path) / "calibration.json"
    if not cal.exists():
        return 1.0, 0.5
    c = json.loads(cal.read_text())
    return float(c.get("temperature", 1.0)), float(c.get("threshold", 0.5))


def _pad_batch(enc, idx: np.ndarray, width: int, pad_id: int) -> dict[str, np.ndarray]:
    """Right-pad the tokenised pairs `idx` to `width`: the model inputs of one batch as int64 arrays
    (input ids, token types when the tokenizer makes them, and the attention mask)."""
    ids = np.full((len(idx), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(idx), width), dtype=np.int64)
    types = np.zeros((len(idx), width), dtype=np.int64) if "token_type_ids" in enc else None
    for row, i in enumerate(idx):
        seq = enc["input_ids"][i]
        ids[row, :len(seq)] = seq
        mask[row, :len(seq)] = 1
        if types is not None:
            types[row, :len(seq)] = enc["token_type_ids"][i]
    out = {"input_ids": ids, "attention_mask": mask}
    if types is not None:
        out["token_type_ids"] = types
    return out


def softmax(x: np.ndarray) -> np.ndarray:
    z = x - x.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
