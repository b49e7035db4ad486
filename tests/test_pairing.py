import numpy as np

from checker.pairing import all_cross_pairs, candidate_pairs
from checker.types import Sentence


def _sents(spec):
    return [Sentence(article_id=a, index=i, text=f"{a}{i}", start=0, end=2) for a, n in spec for i in range(n)]


def _unit(rows):
    m = np.array(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_pairs_never_join_sentences_of_the_same_article():
    sents = _sents([("A", 3), ("B", 3)])
    emb = _unit(np.random.default_rng(0).normal(size=(6, 8)))
    pairs = candidate_pairs(sents, emb, top_k=3, floor=-1.0)
    assert pairs and all(p.a.article_id != p.b.article_id for p in pairs)


def test_top_k_limits_partners_per_other_article_and_floor_drops_dissimilar():
    sents = _sents([("A", 1), ("B", 4)])
    emb = _unit([[1, 0], [1, 0.05], [1, 0.5], [0, 1], [-1, 0]])
    pairs = candidate_pairs(sents, emb, top_k=2, floor=0.5)
    partners = {p.b.index if p.a.article_id == "A" else p.a.index for p in pairs if "A" in (p.a.article_id, p.b.article_id)}
    assert partners == {0, 1}
    assert all(p.similarity >= 0.5 for p in pairs)


def test_each_unordered_pair_appears_once_sorted_by_similarity():
    sents = _sents([("A", 2), ("B", 2), ("C", 2)])
    emb = _unit(np.random.default_rng(1).normal(size=(6, 4)))
    pairs = candidate_pairs(sents, emb, top_k=2, floor=-1.0)
    keys = [frozenset([p.a.key, p.b.key]) for p in pairs]
    assert len(keys) == len(set(keys))
    sims = [p.similarity for p in pairs]
    assert sims == sorted(sims, reverse=True)


def test_chunked_pairing_equals_unchunked():
    sents = _sents([("A", 37), ("B", 23), ("C", 11)])
    emb = _unit(np.random.default_rng(2).normal(size=(71, 16)))
    big = candidate_pairs(sents, emb, top_k=3, floor=0.0, chunk_size=1000)
    small = candidate_pairs(sents, emb, top_k=3, floor=0.0, chunk_size=5)
    assert [(p.a.key, p.b.key) for p in big] == [(p.a.key, p.b.key) for p in small]


def test_all_cross_pairs_counts_every_cross_article_pair():
    sents = _sents([("A", 3), ("B", 2), ("C", 1)])
    assert len(all_cross_pairs(sents)) == 3 * 2 + 3 * 1 + 2 * 1
