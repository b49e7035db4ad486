"""Embed sentences and pair each with its most similar sentences in the OTHER articles.

For every sentence, the `top_k` most similar sentences of each other article whose cosine similarity
is at least `min_similarity` become candidate pairs (`PairingSettings`, Config.pairing). Similarities are computed a chunk of rows at a time against
one article's block of columns, so memory stays at chunk x (largest article), never N x N.

A second, small channel (`provenance_pairs`, set by Config.provenance) adds pairs that similarity misses: two sentences that
say where the same thing comes from in different terms ("manufactures the missiles under a license"
vs "transferred from its own supplies") share few words and rank low against each other. Such pairs
carry `channel="provenance"`. A third (`act_pairs`) adds sentences that name different agents of one kind
of act on the same thing, read from the parse ("built by Tessen Hydro" / "supplied by Varrow
Engineering"); they carry `channel="act"`. A fourth (`post_pairs`) adds sentences that name different
people as holder of one post; `channel="post"`. A fifth (`tenure_pairs`) adds sentences that tell one
person's tenure in different ways ("who has led the union for 12 years" / "in his fourth year as head of
the union"); `channel="tenure"`.

Not for: judging the pairs (that is nli.py and aggregate.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from .bundled import check_exists, resolve
from .device import resolve_device
from .errors import ModelError
from .onnx_export import onnx_capable
from .precision import ONNX_PRECISIONS, apply_precision, autocast, compute_dtype, resolve_precision
from .provenance import contrast, provenance_claims
from .signals.starts import same_tenure, tells_tenure
from .ranges import need_count, need_similarity
from .sentence_encoder import MeanPoolingEncoder, plain_layout
from .signals.agents import one_kind_contrasts
from .signals.parts import part_contrasts
from .signals.denials import states_denied
from .signals.posts import contrasting_posts
from .signals.facts import SentenceFacts
from .types import CandidatePair, Sentence


@dataclass(frozen=True)
class PairingSettings:
    """Which sentence pairs the models compare (Config.pairing; the CLI's --top-k and --min-similarity)."""

    top_k: int = 3  # per sentence, this many most similar sentences in EACH other article
    min_similarity: float = 0.45  # cosine below this is not a candidate pair
    # The act channel (act_pairs): at most this many pairs per sentence of sentences that name different
    # agents of one kind of act on the same thing (0: off), between sentences at least this alike. Below
    # `min_similarity` such a pair can only be a conflict by a model-free mismatch (a different maker);
    # an NLI-only one needs JudgeSettings.same_act_min_similarity. Chosen on the tuning sets (docs/reading.md).
    act_pairs_per_sentence: int = 2
    act_min_similarity: float = 0.3
    # The post channel (post_pairs): sentences that name different people as holder of one post ("Helen
    # Marsh, the union's regional secretary" / "Karen Walsh, regional secretary of the NMWU"), at most this
    # many per sentence (0: off), at least this alike; as the act channel's.
    post_pairs_per_sentence: int = 2
    post_min_similarity: float = 0.3
    # The tenure channel (tenure_pairs): sentences that tell one person's tenure of one post or one kind of
    # act, each in its own way ("who took over as chief executive two years ago" / "now in her fifth year
    # as chief executive"; signals/starts.py), at most this many per sentence (0: off), at least this
    # alike; as the act channel's. Such sentences tell different things around the tenure and rank low.
    tenure_pairs_per_sentence: int = 2
    tenure_min_similarity: float = 0.3
    # The denial channel (denial_pairs): a sentence that reports a claim as denied, false or retracted
    # and one that states the claim (signals.denials), at most this many per sentence (0: off), at least
    # this alike: a denial and its claim told in other words rank low.
    denial_pairs_per_sentence: int = 2
    denial_min_similarity: float = 0.3
    # ...or one as alike to the denied claim, read as a sentence of its own, as pairing needs of any two
    # sentences (`min_similarity`'s 0.45): whether it states the claim is then the NLI model's question
    # (checker/denied_claims.py). 1.0: only a sentence with the claim's words.
    denial_statement_min_similarity: float = 0.45
    # Compare what sentences state without who they say states it as well ("..., the airline said" /
    # "..., according to the emergency service"; signals.claims): two sentences are as alike as the most
    # alike of them and their claims.
    claims: bool = True

    def validate(self) -> "PairingSettings":
        """Raise ConfigError naming the first field out of range; return self otherwise."""
        need_count(self, "top_k", at_least=1)
        need_similarity(self, "min_similarity")
        need_count(self, "act_pairs_per_sentence", at_least=0)
        need_similarity(self, "act_min_similarity")
        need_count(self, "post_pairs_per_sentence", at_least=0)
        need_similarity(self, "post_min_similarity")
        need_count(self, "tenure_pairs_per_sentence", at_least=0)
        need_similarity(self, "tenure_min_similarity")
        need_count(self, "denial_pairs_per_sentence", at_least=0)
        need_similarity(self, "denial_min_similarity")
        need_similarity(self, "denial_statement_min_similarity")
        return self


@dataclass
class Embedder:
    """A sentence-transformers model producing unit-length embeddings: a plain one (the bundled
    all-MiniLM-L6-v2) run by checker.sentence_encoder, any other by sentence-transformers."""

    name: str
    device: str
    model: object
    batch_size: int = 32
    progress: bool | None = None
    precision: str = "fp32"  # what the model runs in: fp32, bf16, fp16, int8 or onnx-fp32 (see precision.py)
    compute_dtype: str = "float32"

    @classmethod
    def load(cls, name_or_path: str, device: str = "auto", batch_size: int = 32, progress: bool | None = None,
             precision: str = "auto", threads: int | None = None) -> "Embedder":
        """Load a local folder, a `bundled:` name or a Hugging Face id (needs a network), in `precision`
        (auto, fp32, bf16, fp16, int8 or an ONNX one; auto picks the fastest that keeps accuracy on the
        device). Under onnx-fp32 and onnx-int8 a plain BERT model (the bundled one) runs its fused fp32
        graph in ONNX Runtime (with `threads`, default torch's, else the cores); any other runs in torch fp32."""
        dev = resolve_device(device)
        chosen = resolve_precision(precision, dev, "embedder")
        path = resolve(name_or_path)
        check_exists(path, "embedding model")
        layout = plain_layout(path)
        if chosen in ONNX_PRECISIONS and (layout is None or not _onnx_capable(path)):
            chosen = resolve_precision(precision, dev, "embedder", onnx=False)  # no ONNX recipe: torch
        try:
            if chosen in ONNX_PRECISIONS:  # the bundled model by ONNX Runtime, from a cached build
                model = MeanPoolingEncoder.load_onnx(path, layout, chosen, threads)
            elif layout is not None:  # the bundled model: transformers alone, seconds sooner (sentence_encoder.py)
                model = MeanPoolingEncoder.load(path, layout, dev)
            else:
                from sentence_transformers import SentenceTransformer

                model = SentenceTransformer(path, device=dev)
        except Exception as e:  # the libraries raise several types for a missing or broken model
            raise ModelError(f"cannot load embedding model {name_or_path!r}: {str(e).splitlines()[0]}") from e
        if chosen in ONNX_PRECISIONS:
            dtype = compute_dtype(None, chosen, dev)
        elif layout is not None:
            model.transformer = apply_precision(model.transformer, chosen, dev)
            dtype = compute_dtype(model.transformer, chosen, dev)
        else:
            model = apply_precision(model, chosen, dev)
            dtype = compute_dtype(model, chosen, dev)
        return cls(name=name_or_path, device=dev, model=model, batch_size=batch_size, progress=progress,
                   precision=chosen, compute_dtype=dtype)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-normalised float32 embeddings, shape (len(texts), dim)."""
        import sys

        if not texts:
            return np.zeros((0, self.model.get_sentence_embedding_dimension()), dtype=np.float32)
        show = sys.stderr.isatty() if self.progress is None else self.progress
        with autocast(self.precision, self.device):
            if isinstance(self.model, MeanPoolingEncoder):
                emb = self.model.encode(list(texts), self.batch_size, show_progress_bar=show, normalize_embeddings=True)
            else:
                emb = self.model.encode(list(texts), batch_size=self.batch_size, convert_to_tensor=True,
                                        normalize_embeddings=True, show_progress_bar=show)
        if isinstance(emb, np.ndarray):  # the ONNX path gives numpy already
            return emb
        return emb.float().cpu().numpy()  # numpy has no bf16


def _onnx_capable(path: str) -> bool:
    """A local model folder whose config.json has a checked ONNX recipe (onnx_export.py)."""
    import json
    from pathlib import Path

    config = Path(path) / "config.json"
    return config.is_file() and onnx_capable(json.loads(config.read_text()))


def candidate_pairs(sentences: Sequence[Sentence], embeddings: np.ndarray, top_k: int, min_similarity: float,
                    chunk_size: int = 512, claims: np.ndarray | None = None) -> list[CandidatePair]:
    """Cross-article candidate pairs, each unordered pair once, highest similarity first.

    `sentences[i]` has embedding `embeddings[i]` (unit length). For each sentence and each other
    article, keep the top_k most similar sentences of that article with similarity >= min_similarity
    (the defaults are PairingSettings'). With `claims` (one row per sentence: the embedding of what it
    states without who it says states it, signals.claims, or its own embedding where it attributes
    nothing), two sentences are as alike as the most alike of the sentences and their claims.
    """
    if len(sentences) != len(embeddings) or (claims is not None and claims.shape != embeddings.shape):
        raise ValueError("one embedding per sentence expected")
    blocks: dict[str, list[int]] = {}
    for i, s in enumerate(sentences):
        blocks.setdefault(s.article_id, []).append(i)
    best: dict[tuple[int, int], float] = {}
    for art, rows in blocks.items():
        rows_arr = np.array(rows)
        for other, cols in blocks.items():
            if other == art:
                continue
            cols_arr = np.array(cols)
            k = min(top_k, len(cols))
            col_emb = embeddings[cols_arr]
            for start in range(0, len(rows_arr), chunk_size):
                r = rows_arr[start:start + chunk_size]
                sims = embeddings[r] @ col_emb.T  # chunk x |other article|
                if claims is not None:
                    col_claims = claims[cols_arr]
                    for left, right in ((claims[r], col_emb), (embeddings[r], col_claims), (claims[r], col_claims)):
                        sims = np.maximum(sims, left @ right.T)
                if k < sims.shape[1]:
                    top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
                else:
                    top = np.tile(np.arange(sims.shape[1]), (len(r), 1))
                for ri, tops in zip(range(len(r)), top):
                    for c in tops:
                        sim = float(sims[ri, c])
                        if sim < min_similarity:
                            continue
                        i, j = int(r[ri]), int(cols_arr[c])
                        key = (i, j) if i < j else (j, i)
                        if sim > best.get(key, -2.0):
                            best[key] = sim
    pairs = [CandidatePair(a=sentences[i], b=sentences[j], similarity=s) for (i, j), s in best.items()]
    pairs.sort(key=lambda p: (-p.similarity, p.a.key, p.b.key))
    return pairs


def provenance_pairs(sentences: Sequence[Sentence], embeddings: np.ndarray, existing: Sequence[CandidatePair],
                     per_sentence: int, min_similarity: float) -> list[CandidatePair]:
    """Extra cross-article pairs whose sentences state the provenance of the same thing differently
    (checker.provenance.contrast: made vs taken from stock, bought vs donated, different payers...).

    Only pairs not in `existing`, with cosine similarity at least `min_similarity`; each sentence joins
    at most `per_sentence` such pairs, the most similar first. Returned highest similarity first, each
    with `channel="provenance"`. `per_sentence` 0 turns the channel off (defaults: ProvenanceSettings).
    """
    claims = {i: c for i, c in ((i, provenance_claims(s.text)) for i, s in enumerate(sentences)) if c}
    return _channel_pairs(sentences, embeddings, existing, per_sentence, min_similarity, "provenance", claims,
                          lambda x, y: contrast(x, y) is not None)


def act_pairs(sentences: Sequence[Sentence], embeddings: np.ndarray, existing: Sequence[CandidatePair],
              per_sentence: int, min_similarity: float,
              facts_of: Callable[[str], SentenceFacts]) -> list[CandidatePair]:
    """Extra cross-article pairs whose sentences name different agents of one kind of act on the same
    thing (signals.agents.contrasting_acts with the same verb or verbs of one role group, read from
    `facts_of(text)`, the signal extractor's cached parse): "the plant is being built by Tessen Hydro" /
    "the plant is being supplied by Varrow Engineering", which similarity ranks low because the names
    differ; or different names in another part of acts of one kind with a participant in common
    (signals.parts.part_contrasts: "built by Harlow Yards" / "Dunmore Yards built"). Acts of different
    kinds ("built by A" / "run by B") are not paired here: both can be true.
    Same limits and order as `provenance_pairs`, with `channel="act"`; `per_sentence` 0 turns the
    channel off (PairingSettings)."""
    facts = {i: f for i, f in ((i, facts_of(s.text)) for i, s in enumerate(sentences)) if f.acts or f.frames}
    return _channel_pairs(sentences, embeddings, existing, per_sentence, min_similarity, "act", facts,
                          lambda x, y: bool(one_kind_contrasts(x, y)) or next(part_contrasts(x, y), None) is not None)


def post_pairs(sentences: Sequence[Sentence], embeddings: np.ndarray, existing: Sequence[CandidatePair],
               per_sentence: int, min_similarity: float,
               facts_of: Callable[[str], SentenceFacts]) -> list[CandidatePair]:
    """Extra cross-article pairs whose sentences name different people as holder of one post
    (signals.posts.contrasting_posts): such sentences say different things around the names and rank
    low. Same limits and order as `act_pairs`, with `channel="post"`."""
    facts = {i: f for i, f in ((i, facts_of(s.text)) for i, s in enumerate(sentences)) if f.posts}
    return _channel_pairs(sentences, embeddings, existing, per_sentence, min_similarity, "post", facts,
                          lambda x, y: bool(contrasting_posts(x, y)))


def tenure_pairs(sentences: Sequence[Sentence], embeddings: np.ndarray, existing: Sequence[CandidatePair],
                 per_sentence: int, min_similarity: float,
                 facts_of: Callable[[str], SentenceFacts]) -> list[CandidatePair]:
    """Extra cross-article pairs whose sentences tell one person's tenure each in its own way
    (signals.starts.same_tenure): such sentences say different things around it and rank low. Same limits
    and order as `act_pairs`, with `channel="tenure"`."""
    facts = {i: f for i, f in ((i, facts_of(s.text)) for i, s in enumerate(sentences)) if tells_tenure(f)}
    return _channel_pairs(sentences, embeddings, existing, per_sentence, min_similarity, "tenure", facts, same_tenure)


def denial_pairs(sentences: Sequence[Sentence], embeddings: np.ndarray, existing: Sequence[CandidatePair],
                 per_sentence: int, min_similarity: float,
                 facts_of: Callable[[str], SentenceFacts], statements: Mapping[int, np.ndarray] | None = None,
                 statement_min_similarity: float = 1.0) -> list[CandidatePair]:
    """Extra cross-article pairs of a sentence that reports a claim as denied and one that states it: in
    its words (signals.denials.states_denied), or, with `statements` (the unit-length embeddings of each
    denier's claims as sentences of their own, `Denial.statement`, by sentence index), one at least
    `statement_min_similarity` alike to such a claim, for the NLI model to read (checker/denied_claims.py).
    A denial and its claim told in other words rank low. Same limits and order as `act_pairs`, with
    `channel="denial"`."""
    facts = {i: (i, facts_of(s.text)) for i, s in enumerate(sentences)}
    deniers = {i for i, (_, f) in facts.items() if f.denials}
    statements = statements or {}

    def told(i: int, j: int) -> bool:
        return i in statements and float(np.max(statements[i] @ embeddings[j])) >= statement_min_similarity

    return _channel_pairs(sentences, embeddings, existing, per_sentence, min_similarity, "denial", facts,
                          lambda x, y: (states_denied(x[1], y[1]) or states_denied(y[1], x[1])
                                        or told(x[0], y[0]) or told(y[0], x[0])), anchors=deniers)


def _channel_pairs(sentences: Sequence[Sentence], embeddings: np.ndarray, existing: Sequence[CandidatePair],
                   per_sentence: int, min_similarity: float, channel: str, readings: dict[int, Any],
                   related: Callable[[Any, Any], bool], anchors: set[int] | None = None) -> list[CandidatePair]:
    """Cross-article pairs of sentences with a reading (`readings`, by sentence index) that `related`
    accepts, not in `existing`, at least `min_similarity` alike, at most `per_sentence` per sentence;
    with `anchors`, only pairs with at least one of them (a denial against any sentence)."""
    if len(sentences) != len(embeddings):
        raise ValueError("one embedding per sentence expected")
    if per_sentence <= 0:
        return []
    taken = {frozenset({p.a.key, p.b.key}) for p in existing}
    found: list[tuple[float, int, int]] = []
    rows = sorted(readings)
    for n, i in enumerate(rows):
        for j in rows[n + 1:]:
            if anchors is not None and i not in anchors and j not in anchors:
                continue
            a, b = sentences[i], sentences[j]
            if a.article_id == b.article_id or frozenset({a.key, b.key}) in taken:
                continue
            sim = float(embeddings[i] @ embeddings[j])
            if sim >= min_similarity and related(readings[i], readings[j]):
                found.append((sim, i, j))
    found.sort(key=lambda t: (-t[0], sentences[t[1]].key, sentences[t[2]].key))
    used: dict[int, int] = {}
    out: list[CandidatePair] = []
    for sim, i, j in found:
        if used.get(i, 0) >= per_sentence or used.get(j, 0) >= per_sentence:
            continue
        used[i], used[j] = used.get(i, 0) + 1, used.get(j, 0) + 1
        out.append(CandidatePair(a=sentences[i], b=sentences[j], similarity=sim, channel=channel))
    return out


def all_cross_pairs(sentences: Sequence[Sentence]) -> list[CandidatePair]:
    """Every cross-article sentence pair (what SummaC-style checkers score); for benchmarks only."""
    out = []
    for i, a in enumerate(sentences):
        for b in sentences[i + 1:]:
            if a.article_id != b.article_id:
                out.append(CandidatePair(a=a, b=b, similarity=float("nan")))
    return out
