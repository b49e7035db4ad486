"""Verbs of one kind of act, from WordNet 3.1 (checker/signals/verbs.py), and the readings that use them."""
from __future__ import annotations

import pytest

from checker.signals.verbs import one_kind


@pytest.mark.parametrize("a,b", [("warn", "alert"), ("injure", "hurt"), ("beat", "defeat"), ("close", "shut"),
                                 ("begin", "start"), ("buy", "purchase")])
def test_verbs_that_share_a_sense_or_a_direct_hypernym_are_one_kind(a, b):
    assert one_kind(a, b) and one_kind(b, a)


@pytest.mark.parametrize("a,b", [("open", "close"), ("buy", "sell"), ("approve", "reject"), ("rise", "fall"),
                                 ("win", "lose"), ("hire", "fire"), ("offer", "reject"), ("say", "deny")])
def test_antonyms_and_unrelated_verbs_are_not(a, b):
    assert not one_kind(a, b)


def test_a_verb_is_its_own_kind_even_outside_the_table():
    assert one_kind("frobnicate", "frobnicate") and not one_kind("frobnicate", "warn")


def test_a_role_swap_told_with_two_verbs_of_one_kind_is_read(parsed):
    s = parsed.compare_texts("Shortly before touchdown, the control tower warned the pilot about standing water.",
                             "It was the pilot who alerted the control tower to standing water, the airline said.",
                             similarity=0.7)
    assert [m.kind for m in s.mismatches] == ["role"]
