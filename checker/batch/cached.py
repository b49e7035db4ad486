"""Store-backed models: drop-in stand-ins for `Embedder` and `NLIModel` that look every input up in
the store first and compute only what is missing.

    nli = StoredNLI(NLIModel.load(...), store)
    models = Models(embedder=StoredEmbedder(embedder, store), nli=nli, signals=...)
    checker.api.score(articles, config, models)          # unchanged pipeline, cached models

Determinism is what makes a resumed run equal an uninterrupted one: the inputs of one call that
the store lacks are sorted (by length, then hash), cut into chunks of `batch_size` and computed in
that order, one transaction per chunk. A run killed midway has committed a prefix of whole
chunks, so the next run's missing inputs are exactly the remaining chunks, with the batch
composition (and so the floating-point results) of the uninterrupted run. Only missing inputs are
ever computed, and rows already stored are never overwritten.

Near-duplicate sentences are scored once: NLI inputs are keyed by a normalised text (Unicode
compatibility form, case-folded, quotes and dashes unified, whitespace collapsed), so pairs that
differ only in those are one model input.
Not for: the pipeline itself (checker.api) or the SQL (store.py).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Collection, Sequence

import numpy as np

from ..nli import softmax
from .store import Store

OnBatch = Callable[[int], None]  # called with the number of inputs just computed and committed

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})


def text_hash(text: str) -> str:
    """Exact-text hash (embeddings are keyed by the text as given)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def normalise(text: str) -> str:
    """The form under which two sentences count as the same statement for the NLI model."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", text).strip()


def pair_hash(premise: str, hypothesis: str) -> str:
    return hashlib.sha1(f"{normalise(premise)}\x1f{normalise(hypothesis)}".encode("utf-8")).hexdigest()


def weights_digest(folder: str | Path) -> str:
    """A short hash of a model folder's weight and config files, so retraining into the same folder
    is noticed; a Hugging Face id without a local folder is hashed by name only."""
    folder = Path(folder)
    digest = hashlib.sha1()
    if not folder.is_dir():
        digest.update(str(folder).encode())
        return digest.hexdigest()[:16]
    names = sorted(p for p in folder.rglob("*") if p.is_file() and
                   (p.suffix in (".safetensors", ".bin", ".json") and p.name != "calibration.json"))
    for path in names:
        digest.update(str(path.relative_to(folder)).encode())
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:16]


def _precision(model) -> str:
    """The precision the model computes in (autocast included), falling back to its weights' dtype."""
    if getattr(model, "precision", None):
        return str(model.precision)
    try:
        return str(next(model.model.parameters()).dtype).replace("torch.", "")
    except (StopIteration, AttributeError, TypeError):
        return "unknown"


def embedder_key(embedder, path: str | Path) -> str:
    """Store key of an embedder: name, weights hash and precision (normalised output is assumed)."""
    return f"emb|{embedder.name}|{weights_digest(path)}|{_precision(embedder)}"


def nli_key(nli, path: str | Path) -> str:
    """Store key of an NLI model: name, weights hash, precision and maximum input length.
    The calibration temperature is not in it: the store keeps logits, calibrated on reading."""
    return f"nli|{nli.name}|{weights_digest(path)}|{_precision(nli)}|len{nli.max_length}"


def _chunks(order: Sequence[int], size: int) -> list[Sequence[int]]:
    return [order[i:i + size] for i in range(0, len(order), size)]


@dataclass
class StoredEmbedder:
    """An `Embedder` whose vectors come from the store when present."""

    inner: object  # checker.pairing.Embedder
    store: Store
    key: str
    on_batch: OnBatch | None = None
    computed: int = 0  # texts embedded by the model in this process
    reused: int = 0  # texts found in the store

    @property
    def device(self) -> str:
        return self.inner.device

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def precision(self) -> str | None:
        return getattr(self.inner, "precision", None)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 embeddings, shape (len(texts), dim), in the order of `texts`."""
        if not texts:
            return self.inner.encode([])
        hashes = [text_hash(t) for t in texts]
        first = dict(zip(hashes, texts))  # unique texts
        have = self.store.get_vectors(self.key, first)
        self.reused += sum(1 for h in first if h in have)
        missing = sorted((h for h in first if h not in have), key=lambda h: (len(first[h]), h))
        for chunk in _chunks(missing, self.inner.batch_size):
            vectors = self.inner.encode([first[h] for h in chunk])
            fresh = {h: v for h, v in zip(chunk, vectors)}
            self.store.put_vectors(self.key, fresh)
            have.update(fresh)
            self.computed += len(chunk)
            if self.on_batch:
                self.on_batch(len(chunk))
        return np.stack([have[h] for h in hashes]).astype(np.float32)


@dataclass
class StoredNLI:
    """An `NLIModel` whose logits come from the store when present; calibration applied on reading."""

    inner: object  # checker.nli.NLIModel
    store: Store
    key: str
    on_batch: OnBatch | None = None
    on_plan: OnBatch | None = None  # called with the number of inputs a call is about to compute
    computed: int = 0  # NLI inputs (one direction of one pair) run through the model in this process
    reused: int = 0  # inputs found in the store
    repeats: int = 0  # inputs that were the same normalised input as another one of the same call
    info: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.info = dict(self.inner.info)

    def __getattr__(self, name):  # device, temperature, default_threshold, name, max_length...
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    def predict(self, premises: Sequence[str], hypotheses: Sequence[str], calibrated: bool = True,
                desc: str = "NLI") -> np.ndarray:
        """Probabilities, shape (N, 3), columns (entailment, neutral, contradiction)."""
        logits = self.logits(premises, hypotheses)
        return softmax(logits / (self.inner.temperature if calibrated else 1.0))

    def logits(self, premises: Sequence[str], hypotheses: Sequence[str], desc: str = "NLI") -> np.ndarray:
        plan = self.plan(premises, hypotheses)
        for chunk in plan.chunks:
            out = self.inner.logits([plan.variants[k][0] for k in chunk], [plan.variants[k][1] for k in chunk])
            self.commit(chunk, out)
        return self.stored(plan.keys)

    def plan(self, premises: Sequence[str], hypotheses: Sequence[str], pending: Collection[str] = ()) -> NLIPlan:
        """What one call needs: its input keys and the missing ones in compute chunks. Keys in
        `pending` (planned by an earlier call, not yet committed) count as found, as they will be
        stored before this call's results are read. Counts `reused` and `repeats`; calls `on_plan`."""
        if len(premises) != len(hypotheses):
            raise ValueError("premises and hypotheses differ in length")
        keys = [pair_hash(p, h) for p, h in zip(premises, hypotheses)]
        variants: dict[str, tuple[str, str]] = {}
        for k, p, h in zip(keys, premises, hypotheses):
            # the smallest spelling is the one computed, whatever the order the pairs came in
            if k not in variants or (p, h) < variants[k]:
                variants[k] = (p, h)
        have = set(self.store.get_logits(self.key, variants)) if variants else set()
        self.reused += sum(1 for k in variants if k in have or k in pending)
        self.repeats += len(keys) - len(variants)
        missing = sorted((k for k in variants if k not in have and k not in pending),
                         key=lambda k: (len(variants[k][0]) + len(variants[k][1]), k))
        if self.on_plan:
            self.on_plan(len(missing))
        return NLIPlan(keys, variants, [list(c) for c in _chunks(missing, self.inner.batch_size)])

    def commit(self, chunk: Sequence[str], logits: np.ndarray) -> None:
        """Store one computed chunk's logits (one transaction); counts `computed`, calls `on_batch`."""
        self.store.put_logits(self.key, {k: row for k, row in zip(chunk, logits)})
        self.computed += len(chunk)
        if self.on_batch:
            self.on_batch(len(chunk))

    def stored(self, keys: Sequence[str]) -> np.ndarray:
        """The stored logits of `keys`, shape (len(keys), 3); every key must be stored."""
        if not keys:
            return np.zeros((0, 3), dtype=np.float32)
        have = self.store.get_logits(self.key, keys)
        return np.stack([have[k] for k in keys]).astype(np.float32)


@dataclass
class NLIPlan:
    """One NLI call's inputs: `keys[i]` is input i's key, `variants[key]` the (premise, hypothesis)
    computed for it, `chunks` the missing keys in the order and batches they are computed in."""

    keys: list[str]
    variants: dict[str, tuple[str, str]]
    chunks: list[list[str]]
