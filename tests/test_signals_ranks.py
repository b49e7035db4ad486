"""A thing's rank by a superlative, and one thing given two ranks (checker/signals/ranks.py)."""
from __future__ import annotations

import pytest


def _ranks(parsed, text):
    return [(r.n, r.adjective, r.noun, r.holder) for r in parsed.facts(text).ranks]


def test_a_superlative_with_or_without_an_ordinal_is_a_rank_of_what_it_is_said_of(parsed):
    assert _ranks(parsed, "Nabadip is the country's fifth-largest mobile operator.") == [(5, "large", "operator", "nabadip")]
    assert _ranks(parsed, "Almvik agreed to buy Zorza, Poland's third-largest discount chain.") == [
        (3, "large", "chain", "zorza")]
    assert _ranks(parsed, "Talhof is the biggest dairy cooperative in Austria.") == [(1, "big", "cooperative", "talhof")]
    # a group, a plural or a pronoun holds no rank
    assert _ranks(parsed, "Zorza is one of the largest chains in Poland.") == []
    assert _ranks(parsed, "It is the second-largest bank in Peru.") == []


@pytest.mark.parametrize("a, b", [
    ("Nabadip is the country's fifth-largest mobile operator.", "Nabadip is the country's third-largest mobile operator."),
    ("Talhof is Austria's third-largest dairy cooperative.", "Talhof, founded in 1926, is the country's biggest dairy cooperative."),
])
def test_one_holder_with_two_ranks_of_one_quality_is_a_number_mismatch(parsed, a, b):
    s = parsed.compare_texts(a, b, similarity=0.8)
    assert [m.kind for m in s.mismatches] == ["number"] and "ranks" in s.mismatches[0].reason


def test_the_same_rank_in_other_words_or_ranks_within_two_places_are_no_mismatch(parsed):
    for a, b in [("Halsøy Bank is the second-largest lender in the county.", "Halsøy, the county's second-biggest bank, has 23 branches."),
                 ("Zorza is Poland's largest chain.", "Zorza is Europe's third-largest chain."),
                 ("Zorza is the third-largest chain in Poland.", "Zorza is one of the largest chains in Poland.")]:
        assert "number" not in [m.kind for m in parsed.compare_texts(a, b, similarity=0.8).mismatches], (a, b)
