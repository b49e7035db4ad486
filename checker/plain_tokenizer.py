"""A model folder's tokenizer run by the `tokenizers` library alone, for the ONNX Runtime paths.

`transformers` is what makes a run start slowly (with torch, about 3 s of imports on a 2-core CPU;
docs/startup.md), and the ONNX paths need neither: the folder's `tokenizer.json` holds the whole fast
tokenizer (normaliser, word pieces, the [CLS]/[SEP] template), and `tokenizers` runs it in Rust, as
transformers' fast tokenizers do underneath. The settings a call gives there (truncation of the longer
text first, no padding) are set here the same way, so the ids are the same (tests/test_onnx.py).

    tok = PlainTokenizer.load(folder)
    enc = tok.pairs(premises, hypotheses, max_length=256)     # {"input_ids": [[...]], ...} per pair
    batch = tok.batch(texts, max_length=128)                  # padded int64 arrays for one batch

Not for: models without a `tokenizer.json` (they run in torch with transformers' tokenizer).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np


def has_plain_tokenizer(folder: str | Path) -> bool:
    """Whether `folder` holds a fast tokenizer file this module can run."""
    return (Path(folder) / "tokenizer.json").is_file()


@dataclass
class PlainTokenizer:
    """A `tokenizers.Tokenizer` with transformers' call settings: longest-first truncation, no padding
    unless a batch is asked for, token types where the template makes them."""

    backend: Any
    pad_token_id: int
    model_max_length: int

    @classmethod
    def load(cls, folder: str | Path) -> "PlainTokenizer":
        """The tokenizer of `folder` (its tokenizer.json, and tokenizer_config.json for the longest input)."""
        from tokenizers import Tokenizer

        folder = Path(folder)
        backend = Tokenizer.from_file(str(folder / "tokenizer.json"))
        backend.no_padding()  # a file may fix a padded length (all-MiniLM-L6-v2's says 128): padding is ours
        config_file = folder / "tokenizer_config.json"
        config = json.loads(config_file.read_text()) if config_file.is_file() else {}
        pad = config.get("pad_token", "[PAD]")
        pad = pad.get("content", "[PAD]") if isinstance(pad, dict) else pad
        pad_id = backend.token_to_id(pad)
        return cls(backend=backend, pad_token_id=pad_id if pad_id is not None else 0,
                   model_max_length=int(config.get("model_max_length") or 512))

    def _truncate(self, max_length: int) -> None:
        self.backend.enable_truncation(max_length, strategy="longest_first")

    def pairs(self, first: Sequence[str], second: Sequence[str], max_length: int) -> dict[str, list[list[int]]]:
        """Each pair tokenised, unpadded: input ids and token types, as transformers' tokenizer gives them
        for `tokenizer(first, second, truncation=True, max_length=max_length)`."""
        self._truncate(max_length)
        out = self.backend.encode_batch(list(zip(first, second)))
        return {"input_ids": [e.ids for e in out], "token_type_ids": [e.type_ids for e in out]}

    def batch(self, texts: Sequence[str], max_length: int) -> dict[str, np.ndarray]:
        """One batch of single texts, right-padded to its longest: int64 input ids, token types and
        attention mask, as `tokenizer(texts, padding=True, truncation=True, max_length=..., return_tensors="np")`."""
        self._truncate(max_length)
        out = self.backend.encode_batch(list(texts))
        width = max((len(e.ids) for e in out), default=0)
        ids = np.full((len(out), width), self.pad_token_id, dtype=np.int64)
        types = np.zeros((len(out), width), dtype=np.int64)
        mask = np.zeros((len(out), width), dtype=np.int64)
        for row, e in enumerate(out):
            n = len(e.ids)
            ids[row, :n], types[row, :n], mask[row, :n] = e.ids, e.type_ids, 1
        return {"input_ids": ids, "token_type_ids": types, "attention_mask": mask}
