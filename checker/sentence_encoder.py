"""Run a plain sentence-transformers model (a transformer, mean pooling, unit length) with transformers
alone, without importing the sentence_transformers package.

`import sentence_transformers` takes several seconds, more than loading the bundled embedder's weights
(its package imports scikit-learn, SciPy and pandas; measured in docs/startup.md), and the bundled
all-MiniLM-L6-v2 needs none of it: its modules are a BERT encoder, mean pooling over the tokens and L2
normalisation. `plain_layout(folder)` says whether a model folder is exactly that kind; such a folder is
loaded here and gives the same embeddings as sentence-transformers (to 1e-5, tests/test_sentence_encoder.py).
Any other folder or a Hugging Face id is left to sentence-transformers (checker.pairing.Embedder.load).

    layout = plain_layout(path)            # None: not a plain model, use SentenceTransformer
    encoder = MeanPoolingEncoder.load(path, layout, "cpu")
    vectors = encoder.encode(["A sentence."], batch_size=32)   # torch tensor, unit rows
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .onnx_export import onnx_model_path
from .onnx_session import OnnxModel
from .plain_tokenizer import PlainTokenizer, has_plain_tokenizer
from .progress import progress_bar

# The module types of a plain model in modules.json, in order (Normalize is optional).
_TRANSFORMER = "sentence_transformers.models.Transformer"
_POOLING = "sentence_transformers.models.Pooling"
_NORMALIZE = "sentence_transformers.models.Normalize"
_POOLING_MODES = ("pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens",
                  "pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken")


@dataclass(frozen=True)
class PlainLayout:
    """What a plain sentence-transformers folder says about how to embed."""

    max_seq_length: int | None  # tokens beyond this are cut; None: the tokenizer's own limit
    normalize: bool  # whether the model ends in a Normalize module


def plain_layout(folder: str | Path) -> PlainLayout | None:
    """The layout of `folder` when it holds a transformer + mean pooling (+ Normalize) model and nothing
    else that would change its embeddings (no prompts, no lower-casing, no extra arguments); else None."""
    folder = Path(folder)
    try:
        modules = json.loads((folder / "modules.json").read_text())
        types = [m.get("type") for m in modules]
        if types not in ([_TRANSFORMER, _POOLING], [_TRANSFORMER, _POOLING, _NORMALIZE]) or modules[0].get("path"):
            return None
        pooling = json.loads((folder / modules[1]["path"] / "config.json").read_text())
        bert = _read_json(folder / "sentence_bert_config.json")
        st = _read_json(folder / "config_sentence_transformers.json")
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return None
    if not pooling.get("pooling_mode_mean_tokens") or any(pooling.get(k) for k in _POOLING_MODES):
        return None
    if pooling.get("include_prompt", True) is not True:
        return None
    if set(bert) - {"max_seq_length", "do_lower_case"} or bert.get("do_lower_case"):
        return None  # extra arguments for the model or tokenizer, or lower-casing done by sentence-transformers
    if st.get("prompts") or st.get("default_prompt_name"):
        return None
    max_len = bert.get("max_seq_length")
    return PlainLayout(max_seq_length=int(max_len) if max_len else None, normalize=_NORMALIZE in types)


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {}


class MeanPoolingEncoder:
    """A transformer whose token vectors are averaged over the real tokens (and scaled to unit length
    when the layout says so): what sentence-transformers computes for a plain model."""

    def __init__(self, transformer, tokenizer, layout: PlainLayout, device: str, dimension: int | None = None):
        # the Hugging Face model (precision is applied to it), or an ONNX Runtime session (onnx_session.py)
        self.transformer = transformer
        self.tokenizer = tokenizer
        self.layout = layout
        self.device = device
        self.dimension = dimension or int(transformer.config.hidden_size)

    @classmethod
    def load(cls, folder: str | Path, layout: PlainLayout, device: str) -> "MeanPoolingEncoder":
        """Tokenizer and weights of `folder` (a folder `plain_layout` accepted), on `device`."""
        from transformers import AutoModel, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(str(folder))
        transformer = AutoModel.from_pretrained(str(folder)).to(device).eval()
        return cls(transformer, tokenizer, layout, device)

    @classmethod
    def load_onnx(cls, folder: str | Path, layout: PlainLayout, precision: str,
                  threads: int | None = None) -> "MeanPoolingEncoder":
        """The same encoder run by ONNX Runtime on the CPU, from a build cached on first use (onnx_export.py).
        With a tokenizer.json in the folder (the bundled model has one) neither torch nor transformers is
        imported unless the build has to be made."""
        folder = Path(folder)

        def hf_tokenizer():
            from transformers import AutoTokenizer
            return AutoTokenizer.from_pretrained(str(folder))

        def torch_model():
            from transformers import AutoModel
            return AutoModel.from_pretrained(str(folder)).float().eval()

        tokenizer = PlainTokenizer.load(folder) if has_plain_tokenizer(folder) else hf_tokenizer()
        path = onnx_model_path(folder, precision, "feature-extraction", torch_model, load_tokenizer=hf_tokenizer)
        return cls(OnnxModel.load(path, threads), tokenizer, layout, "cpu",
                   dimension=int(_read_json(folder / "config.json")["hidden_size"]))

    @property
    def is_onnx(self) -> bool:
        """Whether ONNX Runtime runs the transformer (else torch)."""
        return not hasattr(self.transformer, "parameters")

    def get_sentence_embedding_dimension(self) -> int:
        """Length of one embedding."""
        return self.dimension

    def encode(self, texts: Sequence[str], batch_size: int = 32, show_progress_bar: bool = False,
               normalize_embeddings: bool = False):
        """Embeddings of `texts` as a float32 CPU tensor of shape (len(texts), dimension), in input order;
        unit length when the model ends in Normalize or `normalize_embeddings` is set. Batches hold texts
        of similar length (longest first, as sentence-transformers does), since padding is what costs."""
        limit = self.layout.max_seq_length or self.tokenizer.model_max_length
        order = np.argsort([-len(t) for t in texts], kind="stable")
        batches = [order[i:i + batch_size] for i in range(0, len(texts), batch_size)]
        if isinstance(self.tokenizer, PlainTokenizer):  # ONNX Runtime and numpy: no torch at all
            return self._encode_numpy(texts, batches, limit, show_progress_bar, normalize_embeddings)
        import torch

        out = torch.zeros((len(texts), self.get_sentence_embedding_dimension()), dtype=torch.float32)
        with torch.inference_mode():
            for idx in progress_bar(batches, desc="embed", total=len(batches), enabled=show_progress_bar, unit="batch"):
                chunk = [texts[i] for i in idx]
                if self.is_onnx:
                    batch = self.tokenizer(chunk, padding=True, truncation=True, max_length=limit, return_tensors="np")
                    tokens = torch.from_numpy(self.transformer.run(dict(batch)))
                    mask = torch.from_numpy(batch["attention_mask"]).unsqueeze(-1).to(tokens.dtype)
                else:
                    batch = self.tokenizer(chunk, padding=True, truncation=True, max_length=limit, return_tensors="pt")
                    batch = {k: v.to(self.device) for k, v in batch.items()}
                    tokens = self.transformer(**batch).last_hidden_state
                    mask = batch["attention_mask"].unsqueeze(-1).to(tokens.dtype)
                pooled = ((tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)).float()
                if self.layout.normalize or normalize_embeddings:
                    pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                out[torch.from_numpy(idx)] = pooled.cpu()
        return out

    def _encode_numpy(self, texts: Sequence[str], batches: list, limit: int, show_progress_bar: bool,
                      normalize_embeddings: bool) -> np.ndarray:
        """`encode` for an ONNX session with a PlainTokenizer, in numpy: the same mean pooling and
        normalisation, a float32 array."""
        out = np.zeros((len(texts), self.get_sentence_embedding_dimension()), dtype=np.float32)
        for idx in progress_bar(batches, desc="embed", total=len(batches), enabled=show_progress_bar, unit="batch"):
            batch = self.tokenizer.batch([texts[i] for i in idx], limit)
            tokens = self.transformer.run(batch)
            mask = batch["attention_mask"][..., None].astype(tokens.dtype)
            pooled = (tokens * mask).sum(1) / np.clip(mask.sum(1), 1e-9, None)
            if self.layout.normalize or normalize_embeddings:
                pooled = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            out[idx] = pooled
        return out
