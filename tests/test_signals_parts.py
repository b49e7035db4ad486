"""Different names in one part of one act, read from the parse (checker/signals/parts.py)."""
from __future__ import annotations

import pytest


def _parts(parsed, a, b, similarity=0.6):
    s = parsed.compare_texts(a, b, similarity=similarity)
    return [m for m in s.mismatches if m.reason.startswith("Different names as the")]


@pytest.mark.parametrize("a, b", [
    # another voice
    ("The ferry was built by Harlow Yards in 1998.", "Dunmore Yards built the ferry in 1998."),
    # the name inside a longer phrase, and the passive's agent
    ("Investigators from the Marlow Safety Board inspected the wreck.",
     "The wreck was inspected by the Halden Transport Authority."),
])
def test_two_names_in_one_part_of_one_act_are_an_entity_conflict(parsed, a, b):
    found = _parts(parsed, a, b)
    assert len(found) == 1 and found[0].kind == "entity", (a, b)


def test_acts_that_may_both_have_happened_are_left_alone(parsed):
    # two senders of aid to one country: the thing sent is not one thing
    assert _parts(parsed, "Israel sent a 385-person search and rescue team to Turkey.",
                  "The Algerian government had sent a medical team to Turkey.") == []
    # a cause is no participant that makes two deaths one
    assert _parts(parsed, "Reagan nearly died of pneumonia in 1994.",
                  "Joe Jagger, a retired teacher, died of pneumonia in 1994.") == []
    # two spokesmen of one office: posts.py knows which posts one person holds
    assert _parts(parsed, "Ruben Aguilar, a spokesman for President Vicente Fox, declined to comment.",
                  "Agustin Gutierrez, a spokesman for President Vicente Fox, declined to comment.") == []


def test_a_place_or_partner_a_preposition_adds_to_the_part_is_not_the_part(parsed):
    # "a court in Namibia's Kunene region" is a court: Namibia is where it sits, not who gave the verdict
    assert _parts(parsed, "The verdict was handed down on 20 August by a court in Namibia's Kunene region.",
                  "Magistrate Helena Shipanga handed down the verdict on 20 August.") == []


def test_a_country_whose_the_participant_is_is_not_the_participant(parsed):
    # "Indonesia's state air navigation provider" is the provider: the possessive only locates it
    assert _parts(parsed, "AirNav closed the airspace at the request of the transport ministry.",
                  "Indonesia's state air navigation provider closed the airspace at the transport ministry's "
                  "request.") == []
    # a company's possessive still names whose, and a name after a country's possessive is the participant
    assert len(_parts(parsed, "The ferry was built by Harlow Yards in 1998.",
                      "Dunmore Yards' shipwrights built the ferry in 1998.")) == 1
    assert len(_parts(parsed, "The ferry was built by Harlow Yards in 1998.",
                      "Norway's Dunmore Yards built the ferry in 1998.")) == 1


def test_the_same_name_in_the_part_is_no_conflict(parsed):
    assert _parts(parsed, "The ferry was built by Harlow Yards in 1998.", "Harlow Yards built the ferry in 1998.") == []
