import numpy as np

from checker.pairing import all_cross_pairs, candidate_pairs, provenance_pairs
from checker.types import Sentence


def _sents(spec):
    return [Sentence(article_id=a, index=i, text=f"{a}{i}", start=0, end=2) for a, n in spec for i in range(n)]


def _unit(rows):
    m = np.array(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_pairs_never_join_sentences_of_the_same_article():
    sents = _sents([("A", 3), ("B", 3)])
    emb = _unit(np.random.default_rng(0).normal(size=(6, 8)))
    pairs = candidate_pairs(sents, emb, top_k=3, min_similarity=-1.0)
    assert pairs and all(p.a.article_id != p.b.article_id for p in pairs)


def test_top_k_limits_partners_per_other_article_and_floor_drops_dissimilar():
    sents = _sents([("A", 1), ("B", 4)])
    emb = _unit([[1, 0], [1, 0.05], [1, 0.5], [0, 1], [-1, 0]])
    pairs = candidate_pairs(sents, emb, top_k=2, min_similarity=0.5)
    partners = {p.b.index if p.a.article_id == "A" else p.a.index for p in pairs if "A" in (p.a.article_id, p.b.article_id)}
    assert partners == {0, 1}
    assert all(p.similarity >= 0.5 for p in pairs)


def test_each_unordered_pair_appears_once_sorted_by_similarity():
    sents = _sents([("A", 2), ("B", 2), ("C", 2)])
    emb = _unit(np.random.default_rng(1).normal(size=(6, 4)))
    pairs = candidate_pairs(sents, emb, top_k=2, min_similarity=-1.0)
    keys = [frozenset([p.a.key, p.b.key]) for p in pairs]
    assert len(keys) == len(set(keys))
    sims = [p.similarity for p in pairs]
    assert sims == sorted(sims, reverse=True)


def test_two_sentences_are_as_alike_as_the_most_alike_of_them_and_their_claims():
    # A0 and B0 are unlike as written (the attributions differ) but state alike claims; B1 has no claim
    sents = _sents([("A", 1), ("B", 2)])
    emb = _unit([[1, 0, 0], [0, 1, 0], [0.2, 0, 1]])
    claims = _unit([[0, 0, 1], [0, 0.5, 1], [0.2, 0, 1]])  # rows without a claim repeat the sentence's own
    assert candidate_pairs(sents, emb, top_k=2, min_similarity=0.5) == []
    pairs = candidate_pairs(sents, emb, top_k=2, min_similarity=0.5, claims=claims)
    assert [(p.a.key, p.b.key) for p in pairs] == [(sents[0].key, sents[2].key), (sents[0].key, sents[1].key)]
    assert pairs[0].similarity == float(claims[0] @ emb[2]) and pairs[1].similarity == float(claims[0] @ claims[1])


def test_chunked_pairing_equals_unchunked():
    sents = _sents([("A", 37), ("B", 23), ("C", 11)])
    emb = _unit(np.random.default_rng(2).normal(size=(71, 16)))
    big = candidate_pairs(sents, emb, top_k=3, min_similarity=0.0, chunk_size=1000)
    small = candidate_pairs(sents, emb, top_k=3, min_similarity=0.0, chunk_size=5)
    assert [(p.a.key, p.b.key) for p in big] == [(p.a.key, p.b.key) for p in small]


def test_all_cross_pairs_counts_every_cross_article_pair():
    sents = _sents([("A", 3), ("B", 2), ("C", 1)])
    assert len(all_cross_pairs(sents)) == 3 * 2 + 3 * 1 + 2 * 1


MADE = "Kestovia manufactures the shells under a licence from Brannock Arms."
STOCK = "The shells will be transferred from Kestovia's own stocks."
BOUGHT = "The shells were bought from Brannock Arms."
OTHER = "The talks ended late on Friday evening."


def _texts(spec):
    return [Sentence(article_id=a, index=i, text=t, start=0, end=len(t)) for a, texts in spec for i, t in enumerate(texts)]


def test_the_provenance_channel_pairs_accounts_that_differ_on_where_a_thing_comes_from_when_similarity_did_not():
    sents = _texts([("A", [MADE, OTHER]), ("B", [OTHER, STOCK])])
    emb = _unit([[1, 0, 0], [0, 1, 0], [0, 1, 0.1], [0.5, 0, 0.87]])  # MADE and STOCK: similarity 0.5
    similar = candidate_pairs(sents, emb, top_k=1, min_similarity=0.6)
    assert all({p.a.text, p.b.text} != {MADE, STOCK} for p in similar)
    [extra] = provenance_pairs(sents, emb, similar, per_sentence=2, min_similarity=0.3)
    assert {extra.a.text, extra.b.text} == {MADE, STOCK} and extra.channel == "provenance"
    assert abs(extra.similarity - 0.5) < 0.01 and all(p.channel == "similarity" for p in similar)


def test_the_provenance_channel_skips_pairs_already_found_too_dissimilar_or_past_its_cap():
    sents = _texts([("A", [MADE]), ("B", [STOCK]), ("C", [STOCK]), ("D", [STOCK]), ("E", [BOUGHT])])
    emb = _unit([[1, 0], [0.9, 0.44], [0.8, 0.6], [0.7, 0.71], [0.9, 0.44]])
    pairs = provenance_pairs(sents, emb, [], per_sentence=2, min_similarity=0.3)
    assert [p.b.article_id for p in pairs] == ["B", "C"]  # A's two most similar; E (bought) does not differ from A
    assert provenance_pairs(sents, emb, [], per_sentence=0, min_similarity=0.3) == []
    assert [p.b.article_id for p in provenance_pairs(sents, emb, [], per_sentence=2, min_similarity=0.85)] == ["B"]
    found = candidate_pairs(sents, emb, top_k=1, min_similarity=0.85)
    assert not any({p.a.article_id, p.b.article_id} == {"A", "B"} for p in provenance_pairs(sents, emb, found, 2, 0.3))
