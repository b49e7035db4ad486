"""Verbs of one kind of act, from WordNet 3.1 (checker/signals/verbs.py), and the readings that use them."""
from __future__ import annotations

import pytest

from checker.signals.phases import one_dated_event
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


@pytest.mark.parametrize("text, lemma", [("The final was called off on Saturday.", "call_off"),
                                          ("The minister stepped down on Friday.", "step_down"),
                                          ("The spillway gave way in the night.", "give_way"),
                                          ("The vote took place on Monday.", "take_place"),
                                          ("The ministry called the mayor on Monday.", "call")])
def test_a_phrasal_verb_wordnet_knows_is_read_whole(parsed, text, lemma):
    assert lemma in parsed.facts(text).verbs


def test_phrasal_verbs_meet_their_one_word_kin_and_their_part_is_no_participant(parsed):
    assert one_kind("call_off", "cancel") and one_kind("step_down", "resign") and one_kind("turn_down", "reject")
    called_off = parsed.facts("The final was called off on Saturday.").dated_events
    cancelled = parsed.facts("The final was cancelled on Sunday.").dated_events
    assert one_dated_event(called_off, cancelled)
    # "place" in "took place" is part of the verb: two votes that took place are no shared participant
    vote = parsed.facts("The vote took place on Monday.").dated_events
    rally = parsed.facts("The rally took place on Tuesday.").dated_events
    assert vote == (("take_place", frozenset({"vote"})),) and not one_dated_event(vote, rally)
    assert parsed.facts("The spillway gave way in the night.").acts == ()  # no thing acted on
