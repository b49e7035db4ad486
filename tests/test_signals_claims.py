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


def test_who_reports_an_event_is_no_party_to_it(parsed):
    # two sources giving one event two dates dispute it; the sources' names do not make two events
    s = parsed.compare_texts("The pump failed on 14 March, according to Harald Lenz.",
                             "The pump failed on 16 March, Marta Voss said.", "2026-03-20", "2026-03-21",
                             similarity=0.7)
    assert [m.kind for m in s.mismatches] == ["date"] and s.comparable
    # a party to what is stated still marks two events against the other's source
    s = parsed.compare_texts("Nurses at Bramhope Hospital accepted a 3% offer last month.",
                             "Dr Simon Okafor, the trust's chief executive, said the 4% offer was final.",
                             "2026-03-20", "2026-03-21", similarity=0.6)
    assert "number" not in [m.kind for m in s.mismatches]
