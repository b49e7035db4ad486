"""Opposite words from WordNet's antonyms (checker/signals/polarity.py, data/antonyms.tsv): said of one
subject they are a flip of polarity; said of two, or in front of a noun, they are not."""
from __future__ import annotations

import pytest

from checker.signals.polarity import WORDNET_PAIRS_FROM, _wordnet_antonyms


def kinds(s):
    return [m.kind for m in s.mismatches]


def test_the_table_holds_wordnet_antonyms_both_ways_and_its_licence():
    table, numbers = _wordnet_antonyms()
    assert "decrease" in table[("increase", "verb")] and "increase" in table[("decrease", "verb")]
    assert "stormy" in table[("calm", "adj")]
    assert min(numbers.values()) == WORDNET_PAIRS_FROM
    from importlib import resources
    head = (resources.files("checker.signals") / "data" / "antonyms.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert "WordNet 3.1 Copyright 2011 by Princeton University" in head


@pytest.mark.parametrize("a, b", [
    ("Exports increased in the second quarter.", "Exports decreased in the second quarter."),
    ("The ship arrived in Dover on Monday.", "The ship left Dover on Monday."),
])
def test_wordnet_opposites_said_of_one_subject_are_a_flip(parsed, a, b):
    assert kinds(parsed.compare_texts(a, b, "2026-01-01", "2026-01-01", similarity=0.7)) == ["negation"], (a, b)


@pytest.mark.parametrize("a, b", [
    ("Harlow bought the plant from Dunmore in May.", "Dunmore sold the plant to Harlow in May."),  # two subjects: one sale
    ("The first flight left at 6am.", "The last flight left at 9pm."),  # in front of a noun: which flight
])
def test_wordnet_opposites_of_two_subjects_or_before_a_noun_are_no_flip(parsed, a, b):
    assert "negation" not in kinds(parsed.compare_texts(a, b, "2026-01-01", "2026-01-01", similarity=0.7)), (a, b)


def test_without_a_parse_only_the_listed_opposites_are_read(extractor):
    facts = extractor.facts("Exports decreased in the second quarter.")
    assert all(p.pair < WORDNET_PAIRS_FROM for p in facts.polar)
