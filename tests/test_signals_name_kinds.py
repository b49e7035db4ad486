"""What a story calls its names by (name_kinds.py): "the authority" in one article is the Vesterholm
Financial Supervisory Authority another names, when the story has no other authority."""
import pytest

from checker.signals import SignalExtractor
from checker.signals.name_kinds import find_kinds, story_kinds
from checker.signals.names import load_spacy

pytestmark = pytest.mark.skipif(load_spacy() is None, reason="needs spaCy's English pipeline (the [ner] extra)")


@pytest.fixture(scope="module")
def extractor():
    return SignalExtractor(use_spacy=True)


@pytest.mark.parametrize("sentence, expected", [
    ("The Vesterholm Financial Supervisory Authority fined the bank on Monday.",
     ("Vesterholm Financial Supervisory Authority", "authority")),
    ("The previous shooting in the parish of Marrowby took place in May.", ("Marrowby", "parish")),
    ("Geovolt, the plant's operator, said the well was sealed.", ("Geovolt", "operator")),
])
def test_the_parse_gives_the_nouns_a_name_is_called_by(extractor, sentence, expected):
    assert expected in extractor.facts(sentence).kinds


def test_a_name_set_before_a_noun_is_not_called_by_it(extractor):
    # "the Transvik van" is a van Transvik owns, not Transvik
    assert extractor.facts("Robbers stopped the Transvik van near the bridge.").kinds == ()


def test_a_noun_two_names_of_the_story_are_called_by_is_neither_s(extractor):
    story = ["Glenmore Regional Hospital treated two guards.", "Three passengers went to Saint Anne Hospital.",
             "The Vesterholm Financial Supervisory Authority (VFSA) fined the bank."]
    called = story_kinds(extractor.facts(t) for t in story)
    assert "Glenmore Regional Hospital" not in called and "Saint Anne Hospital" not in called
    # an acronym is called what the name it stands for is called
    assert called["VFSA"] == called["Vesterholm Financial Supervisory Authority"] == frozenset({"authority"})


def test_one_act_with_two_dates_told_by_the_name_and_by_what_the_story_calls_it_is_one_event(extractor):
    story = ["The Vesterholm Financial Supervisory Authority (VFSA) fined Nordby Savings Bank 4 million euros.",
             "The authority's board approved the penalty on 28 May.",
             "The VFSA board signed off on the penalty on 3 June."]
    places = extractor.story_places(story)
    a, b = story[1], story[2]
    told = extractor.compare_texts(a, b, "2025-06-10", "2025-06-10", similarity=0.55, story=places)
    assert [m.kind for m in told.mismatches] == ["date"]
    # without the story, "VFSA" is a name only one sentence gives: maybe another board's decision
    alone = extractor.compare_texts(a, b, "2025-06-10", "2025-06-10", similarity=0.55)
    assert alone.mismatches == () and not alone.comparable


@pytest.mark.parametrize("sentence, expected", [
    ("The Harbour Quality Council (Harqual) closed the school on Monday.", ("Harbour Quality Council", "Harqual")),
    ("The Instituto Tecnico del Litoral, known as Intelit, was founded in 1994.",
     ("Instituto Tecnico del Litoral", "Intelit")),
])
def test_a_sentence_gives_another_name_in_brackets_or_with_known_as(extractor, sentence, expected):
    (alias,) = extractor.facts(sentence).aliases
    assert alias[1] == expected[1] and alias[0].startswith(expected[0])


def test_two_names_the_story_gives_one_thing_are_one_name(extractor):
    story = ["The Instituto Tecnico del Litoral, known as Intelit, lost its licence on Monday.",
             "Intelit was founded in 1994 by a group of local business owners.",
             "The Instituto Tecnico del Litoral was set up in 1994 by a group of local business owners."]
    places = extractor.story_places(story)
    told = extractor.compare_texts(story[1], story[2], similarity=0.7, story=places)
    assert "entity" not in [m.kind for m in told.mismatches]
    alone = extractor.compare_texts(story[1], story[2], similarity=0.7)
    assert "entity" in [m.kind for m in alone.mismatches]


def test_a_noun_the_sentence_naming_the_thing_uses_besides_means_another_thing(extractor):
    # "the cable" beside "Lauvik Cable" is the cable, so "the cable" elsewhere is no name of the company
    story = ["Lauvik Cable, the island's operator, said the cable had been cut.",
             "The Lauvik Cable company was founded in 1998."]
    called = story_kinds(extractor.facts(t) for t in story)
    assert "cable" not in called.get("Lauvik Cable", frozenset())


def test_the_part_of_a_place_is_not_the_place(extractor):
    assert extractor.facts("Stalls filled the main square of Huarimbo on Sunday.").kinds == ()
