"""What a sentence states without who it says states it (checker/signals/claims.py), read from the parse."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text,claim", [
    ("Three passengers suffered minor injuries, the airline said.", "Three passengers suffered minor injuries"),
    ("Thomas Brenner, chief engineer at the operator, said the level of the reservoir had risen again.",
     "the level of the reservoir had risen again"),
    ("Police told reporters the driver had been arrested at the scene.", "the driver had been arrested at the scene"),
    ("Nobody on board was hurt, according to the regional emergency service.", "Nobody on board was hurt."),
    ("According to police, the driver had been drinking before the crash.", "the driver had been drinking before the crash."),
    ("The driver, according to police, had been drinking before the crash.", "The driver had been drinking before the crash."),
])
def test_the_claim_is_the_clause_a_verb_of_saying_governs_or_the_sentence_less_according_to(parsed, text, claim):
    assert parsed.facts(text).claim == claim


def test_a_sentence_that_attributes_nothing_or_too_little_has_no_claim(parsed, extractor):
    assert parsed.facts("The bridge collapsed on Sunday after heavy rain.").claim is None
    assert parsed.facts("It was, she said.").claim is None
    assert extractor.facts("Three passengers suffered minor injuries, the airline said.").claim is None  # no parse
