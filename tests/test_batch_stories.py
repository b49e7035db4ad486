"""Story grouping: on the gold stories, the demo and the real corpus mixed into one feed (with or
without two articles calling its countries by their capitals), every story comes out whole and alone
(with the bundled embedder; a few seconds)."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from checker.batch.feed import FeedArticle, read_feed
from checker.batch.run import find_stories
from checker.batch.stories import (GroupSettings, Traits, article_distances, group_stories, names_in, rarity,
                                   read_traits, shared_names)
from checker.config import Config
from checker.segment import segment
from checker.types import Article

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpora" / "patriot-missiles"


CAPITALS = ROOT / "tests" / "fixtures" / "batch" / "capitals"  # written for the tests, on the real corpus's story


def mixed_feed(capitals: bool = False) -> tuple[list[str], dict[str, str]]:
    """Paths of the mixed feed and, for each file, the story it belongs to (its folder). With
    `capitals`, two articles that call the countries of the real corpus's story "Tokyo" and
    "Washington" (and never say "Patriot") join it."""
    folders = sorted((ROOT / "eval" / "gold").glob("*/")) + [ROOT / "checker" / "demo" / "articles"]
    if REAL.is_dir():
        folders.append(REAL)
    files = [f for folder in folders for f in sorted(folder.glob("*.txt"))]
    truth = {str(f): f.parent.name for f in files}
    if capitals:
        extra = sorted(CAPITALS.glob("*.txt"))
        files += extra
        truth.update({str(f): REAL.name if REAL.is_dir() else "capitals" for f in extra})
    return [str(f) for f in files], truth


@pytest.fixture(scope="module")
def embedder():
    import torch

    from checker.pairing import Embedder

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # faster than two on a busy 2-core machine
    yield Embedder.load(Config().embed_model, "cpu", progress=False)
    torch.set_num_threads(threads)


@pytest.mark.parametrize("capitals", [False, True], ids=["mixed", "mixed-plus-capitals"])
def test_every_story_of_a_mixed_feed_comes_out_whole_and_alone(embedder, capitals):
    paths, truth = mixed_feed(capitals)
    feed = read_feed(paths, warn=lambda m: None)
    config = Config()
    articles = [f.article for f in feed]
    sentences = {a.id: segment(a, config) for a in articles}
    stories = find_stories(feed, articles, sentences, embedder, GroupSettings())
    path_of = {a.id: a.path for a in articles}
    found = sorted(sorted(path_of[i] for i in s.article_ids) for s in stories)
    expected = sorted(sorted(p for p in paths if truth[p] == story) for story in set(truth.values()))
    assert found == expected
    assert len(stories) == len(set(truth.values()))


def unit(cosine: float) -> np.ndarray:
    """Two unit vectors with the given cosine: stand-ins for lead embeddings (no model)."""
    return np.array([[1.0, 0.0], [cosine, math.sqrt(1 - cosine ** 2)]])


def traits_of(*leads: tuple[str, list[str]]) -> list[Traits]:
    return [read_traits(title, sentences) for title, sentences in leads]


STORM_A = ("Hurricane Delia hits Louisiana", ["Delia came ashore near Cocodrie with winds of 120 mph.",
                                              "Parish President Nadine Broussard said water was still rising."])
STORM_B = ("Storm Ingrid batters Norway", ["Ingrid closed airports in Bergen and Stavanger on Monday.",
                                          "The storm left thousands of homes without power."])
STORM_A2 = ("Houma digs out after Delia", ["Residents of Cocodrie returned to flooded streets.",
                                          "Crews worked through the night to restore power."])
FILLER = [("Council approves budget", ["The council in Tolby approved its budget for next year."]),
          ("Ferry order placed", ["Kessmar Shipyard won an order for two ferries."])]


def test_a_candidate_link_is_refused_when_the_names_disagree():
    # Two storms: their leads embed alike (cosine 0.7, a candidate), but each names its own storm and
    # places, and they share none: the link is refused and they stay two stories.
    traits = traits_of(STORM_A, STORM_B, *FILLER)
    vectors = np.zeros((4, 2))
    vectors[:2] = unit(0.7)  # the fillers are like neither
    d = article_distances(vectors, traits, ["2024-09-18", "2024-09-19", None, None], GroupSettings())
    assert d[0, 1] == 1.0  # refused: the same as no link at all
    # The same storm told by another outlet shares its names: the link is confirmed, and stronger
    # than the embedding alone makes it.
    traits = traits_of(STORM_A, STORM_A2, *FILLER)
    d = article_distances(vectors, traits, ["2024-09-18", "2024-09-19", None, None], GroupSettings())
    assert d[0, 1] < 1.0 - 0.7


def test_a_candidate_link_is_refused_when_the_dates_disagree():
    # A lead naming nothing cannot disagree on names; dates months apart then refuse the link, unless
    # the two share names of their own.
    plain = ("Prices rise again", ["Shop prices rose again this month, the figures showed."])
    also = ("Prices keep rising", ["Prices in shops kept rising, the figures showed."])
    vectors = unit(0.7)
    settings = GroupSettings()
    near = article_distances(vectors, traits_of(plain, also), ["2024-01-10", "2024-01-20"], settings)
    far = article_distances(vectors, traits_of(plain, also), ["2024-01-10", "2024-06-20"], settings)
    assert near[0, 1] < 1.0 and far[0, 1] == 1.0
    named = [("Harwick prices rise", ["Shop prices in Harwick rose again, the figures showed."]),
             ("Harwick prices keep rising", ["Prices in Harwick kept rising, the figures showed."])]
    assert article_distances(vectors, traits_of(*named), ["2024-01-10", "2024-06-20"], settings)[0, 1] < 1.0


def test_two_articles_naming_a_country_and_its_capital_are_joined():
    # One article says "Tokyo" and "Washington", the other "Japan" and "the United States": through the
    # alias table they share two countries (and Ukraine), enough to confirm a link that the embedding
    # alone (cosine 0.35) would leave weak; a story about other countries at the same cosine is refused.
    capitals = ("Tokyo clears interceptor sale to Washington",
                ["Tokyo will ship interceptors to Washington after loosening its export rules.",
                 "The missiles will refill stocks drawn down by deliveries to Kyiv."])
    countries = ("Japan to send missiles to the United States",
                 ["Japan will transfer Patriot missiles to the United States, officials said.",
                  "The United States has sent many of its own to Ukraine."])
    other = ("Berlin sends air defence to Kyiv",
             ["Germany will deliver another IRIS-T system to Ukraine, Pistorius said.",
              "Diehl Defence builds the launchers at Ueberlingen."])
    traits = traits_of(capitals, countries, other, *FILLER)
    assert {"@japan", "@us"} <= traits[0].names & traits[1].names
    vectors = np.zeros((5, 3))
    vectors[0], vectors[1], vectors[2] = [1, 0, 0], [0.35, math.sqrt(1 - 0.35 ** 2), 0], [0.35, 0, math.sqrt(1 - 0.35 ** 2)]
    d = article_distances(vectors, traits, [None] * 5, GroupSettings())
    assert d[0, 1] < GroupSettings().threshold < d[0, 2] == 1.0
    feed = [FeedArticle(Article(id=f"a{i}", title=t, text=" ".join(s))) for i, (t, s) in
            enumerate([capitals, countries, other, *FILLER])]
    stories = group_stories(feed, vectors, traits)
    assert [s.article_ids for s in stories if len(s.article_ids) > 1] == [("a0", "a1")]


def test_near_duplicate_leads_are_linked_whatever_they_name_and_weak_candidates_not_at_all():
    a, b = traits_of(STORM_A, STORM_B)
    assert article_distances(unit(0.9), [a, b], [None, None], GroupSettings())[0, 1] < 0.2
    # under the candidate similarity no name makes a link
    assert article_distances(unit(0.1), traits_of(STORM_A, STORM_A2), [None, None], GroupSettings())[0, 1] == 1.0


def test_a_name_spelt_another_way_is_shared_but_a_country_is_not_matched_by_spelling():
    assert shared_names(frozenset({"zelenskyy", "kyiv"}), frozenset({"zelensky"})) == {"zelenskyy"}
    assert shared_names(frozenset({"@austria"}), frozenset({"@australia"})) == set()


def test_a_name_in_most_of_the_feed_weighs_less_than_a_rare_one():
    weight = rarity([frozenset({"monday", "harwick"}), frozenset({"monday", "harwick"}), frozenset({"monday"}),
                     frozenset({"monday", "@us"}), frozenset({"tolby", "@us"})], country_weight=0.7)
    assert weight["tolby"] == 1.0 and weight["monday"] < 0.25 < weight["harwick"] < 1.0
    assert weight["@us"] == pytest.approx(0.7 * weight["harwick"])
    # Two articles naming the same town: in a feed of two, every name is in all of it; counted as a
    # feed of twenty, the town is a rare name and confirms their link.
    two = [frozenset({"harwick"}), frozenset({"harwick"})]
    assert rarity(two)["harwick"] < 0.3 < 0.8 < rarity(two, min_articles=20)["harwick"]
    a, b = traits_of(("Harwick harbour tax passes", ["The Harwick council voted for the harbour tax."]),
                     ("Harwick votes for harbour levy", ["Councillors in Harwick approved the levy."]))
    assert article_distances(unit(0.5), [a, b], [None, None], GroupSettings())[0, 1] < GroupSettings().threshold


def test_words_the_feed_writes_in_lower_case_are_no_names():
    # "Court" in "Southwark Crown Court" and "Supreme Federal Court": the feed also writes "court", so
    # the two trials do not share a name through it.
    hale = ("Founder on trial", ["Marcus Hale went on trial at Southwark Crown Court on Tuesday.",
                                 "The court heard he invented contracts."])
    ferreira = ("Minister on trial", ["Otavio Ferreira went on trial at the Supreme Federal Court on Tuesday.",
                                      "The court will rule within two weeks."])
    traits = traits_of(hale, ferreira)
    assert "court" in traits[0].names & traits[1].names  # as read, article by article
    assert article_distances(unit(0.6), traits, [None, None], GroupSettings())[0, 1] == 1.0  # refused


def test_names_are_read_as_the_entity_signal_reads_them():
    assert names_in("The mayor of Harwick, Lina Osk, said. Repairs begin") == {"harwick", "lina", "osk"}
    assert names_in("HOUMA - Residents returned to the Houma-Terrebonne Civic Center.") >= {"houma", "terrebonne"}
    assert "ferreira" in names_in("Ferreira trial opens", headline=True)
    assert "ferreira" not in names_in("Ferreira trial opens")  # a lone first word of a sentence: no name


def test_a_country_its_capital_its_demonym_and_its_abbreviations_are_one_name():
    tokyo = names_in("Tokyo will ship missiles to Washington, officials in Kyiv said.")
    japan = names_in("Japan will send missiles to the United States, Ukrainian officials said.")
    initials = names_in("The Japanese government will send missiles to the U.S. for Ukraine.")
    assert tokyo == japan == initials == {"@japan", "@us", "@ukraine"}
    assert names_in("Officials at The Washington Post said so.") == {"@us", "post"}  # no "the", "washington"


def test_headlines_sharing_only_a_common_country_are_not_one_story():
    # Headlines whose only name is the US: two countries' worth of names is the least a link needs.
    heads = [("US stocks close higher as inflation cools", []), ("US measles cases reach highest level", []),
             ("US troops begin leaving base", []), ("Harwick council votes on harbour tax", [])]
    vectors = np.array([[1.0, 0.0], [0.5, math.sqrt(0.75)], [0.5, -math.sqrt(0.75)], [0.0, 1.0]])
    d = article_distances(vectors, traits_of(*heads), [None] * 4, GroupSettings())
    assert d[0, 1] == d[0, 2] == 1.0


def test_story_ids_are_stable_slugs_and_feed_labels_win():
    a = Article(id="abc123def456", title="Bridge Closes: Élan & Co", text="x", date="2025-03-01")
    b = Article(id="fff000aaa111", title="Later piece", text="y", date="2025-03-05")
    c = Article(id="0123456789ab", title="Labelled", text="z")
    feed = [FeedArticle(b), FeedArticle(a), FeedArticle(c, story="Harbour Tax / 2025")]
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    stories = group_stories(feed, vectors, traits_of(("", []), ("", []), ("", [])))
    assert [s.id for s in stories] == ["bridge-closes-elan-co-abc123", "harbour-tax-2025"]
    assert stories[0].article_ids == ("fff000aaa111", "abc123def456")  # feed order; id from the earliest
    assert [s.grouped_by for s in stories] == ["similarity", "feed"]


def test_bcubed_scores_a_perfect_grouping_one_and_a_lumped_one_lower():
    from checker.evaluation.clustering import bcubed

    truth = {"a1": "A", "a2": "A", "b1": "B"}
    assert bcubed([{"a1", "a2"}, {"b1"}], truth) == (1.0, 1.0, 1.0)
    p, r, f1 = bcubed([{"a1", "a2", "b1"}], truth)
    assert r == 1.0 and p == pytest.approx((2 / 3 * 2 + 1 / 3) / 3) and f1 < 1.0
