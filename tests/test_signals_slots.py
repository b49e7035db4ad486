"""The part a name plays (slots.py), and what the date rule makes of a name only one sentence gives: a rival
in the same part is another event, a part left unsaid is a detail of the same one."""
from __future__ import annotations

import pytest

from checker.signals.names import load_spacy

pytestmark = pytest.mark.skipif(load_spacy() is None, reason="needs spaCy's English pipeline (the [ner] extra)")


def test_a_name_plays_the_part_of_its_phrase(parsed):
    (halden,) = [e for e in parsed.facts("A fire broke out in the Halden mill's storage hall in August.").entities]
    assert halden.slot == ("poss", "hall")
    (place,) = parsed.facts("Police arrested a man in Bralowice on Monday.").entities
    assert place.slot is not None and place.slot[0] == "in"
    assert ("poss", "hall") in parsed.facts("A fire broke out in the terminal's conveyor hall in May.").slots


def test_a_rival_in_the_same_part_makes_two_events(parsed):
    s = parsed.compare_texts("A fire broke out in the terminal's conveyor hall in May.",
                             "A fire broke out in the Halden mill's storage hall in August.", "2024-09-01", "2024-09-01",
                             similarity=0.6)
    assert not s.comparable and "a name only one of them gives (Halden)" in s.not_comparable_reason
    assert not [m for m in s.mismatches if m.kind == "date"]


def test_a_part_left_unsaid_is_a_detail_of_one_event(parsed):
    # "the Halden mill's storage hall" has no rival possessor in the second sentence, which leaves it unsaid,
    # and both dates hang on acts of one kind ("broke out" / "began"): one fire told with two dates
    s = parsed.compare_texts("Fire broke out in the Halden mill's storage hall on 3 August, sending smoke over the town.",
                             "The blaze in the storage hall began on 5 August, the fire service said.", "2024-09-06",
                             "2024-09-06", similarity=0.6)
    assert s.comparable
    assert [m.kind for m in s.mismatches] == ["date"]


def test_a_part_left_unsaid_does_not_make_other_acts_one(parsed):
    # the dates hang on two acts ("were called" / "started"): nothing shows they are one, so the name still
    # marks two events (a question for the strong judge, dates.open_dated_acts)
    s = parsed.compare_texts("Fire crews were called to the Halden mill's storage hall on 3 August after smoke was seen.",
                             "The blaze in the storage hall started on 5 August, the fire service said.", "2024-09-06",
                             "2024-09-06", similarity=0.6)
    assert not s.comparable and "a name only one of them gives (Halden)" in s.not_comparable_reason


def test_names_the_parse_hangs_on_one_word_by_one_preposition_fill_one_role(parsed):
    # "by" on "carry out" however far each name stands from the words around the other
    a = "She said the harbour survey had been carried out by Halvorsen Geotech Ltd, the firm that handles all site work."
    b = "The harbour survey is carried out by Brightline Marine Ltd, a contractor based in Bergen, under a framework deal."
    s = parsed.compare_texts(a, b, "2026-03-02", "2026-03-04", similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["entity"]
    # one preposition on one word, but nothing else of one statement: no role
    s = parsed.compare_texts("He was taken to Mercy Hospital after the crash on the ring road.",
                             "Flowers were taken to St Mary's Church by mourners on Sunday.",
                             "2026-03-02", "2026-03-04", similarity=0.6)
    assert not [m for m in s.mismatches if m.kind == "entity"]
