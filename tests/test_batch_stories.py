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
from checker.batch.stories import GroupSettings, article_distances, group_stories, names_in, shared_names
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


def test_shared_names_pull_articles_together_and_distant_dates_push_them_apart():
    vectors = np.array([[1.0, 0.0], [0.6, 0.8], [0.6, 0.8]])
    names = [frozenset({"harwick", "osk"}), frozenset({"harwick", "osk", "dahl"}), frozenset({"tolby"})]
    settings = GroupSettings(names_weight=1.0, dates_weight=0.2, date_grace_days=60, date_scale_days=365)
    d = article_distances(vectors, names, ["2025-01-01", "2025-01-02", "2025-01-02"], settings)
    # All of the smaller set shared: Harwick and Osk, each in two of the three articles, weigh
    # 2 log(4/2.5), a little under the floor of one name of its own, log(4/1.5).
    shared = 2 * math.log(4 / 2.5) / math.log(4 / 1.5)
    assert d[0, 1] == pytest.approx(0.4 + 1 - shared) and d[0, 2] == pytest.approx(0.4 + 1.0)  # none shared
    far = article_distances(vectors, names, ["2025-01-01", "2027-01-01", None], settings)
    assert far[0, 1] == pytest.approx(0.4 + 1 - shared + 0.2) and far[0, 2] == pytest.approx(1.4)


def test_a_name_in_most_of_the_feed_says_less_than_a_rare_one():
    common, rare = frozenset({"monday"}), frozenset({"harwick"})
    idf = {"monday": 0.1, "harwick": 2.0}
    assert shared_names(common | rare, common | frozenset({"tolby"}), {**idf, "tolby": 2.0}) < 0.1
    assert shared_names(common | rare, rare, idf) == 1.0


def test_names_are_words_capitalised_mid_sentence():
    assert names_in("The mayor of Harwick, Lina Osk, said. Repairs begin") == {"harwick", "lina", "osk"}


def test_a_country_its_capital_its_demonym_and_its_abbreviations_are_one_name():
    tokyo = names_in("Tokyo will ship missiles to Washington, officials in Kyiv said.")
    japan = names_in("Japan will send missiles to the United States, Ukrainian officials said.")
    initials = names_in("The Japanese government will send missiles to the U.S. for Ukraine.")
    assert tokyo == japan == initials == {"@japan", "@us", "@ukraine"}
    assert names_in("Officials at The Washington Post said so.") == {"@us", "post"}  # no "the", "washington"


def test_a_common_country_alone_does_not_make_unrelated_headlines_one_story():
    # Three headlines whose only name is the US, and a fourth feed article naming it: without the floor
    # the first two would share all their names (the smaller set is contained in the other).
    names = [frozenset({"@us"}), frozenset({"@us"}), frozenset({"@us", "harwick"}), frozenset({"@us", "osk"})]
    vectors = np.eye(4)
    d = article_distances(vectors, names, [None] * 4, GroupSettings())
    assert d[0, 1] > 1.0 + 0.5  # cosine distance 1, plus over half of the names weight
    assert d[0, 1] > article_distances(vectors, [frozenset({"harwick"})] * 2 + names[2:], [None] * 4,
                                       GroupSettings())[0, 1]  # sharing a town says more than sharing the US


def test_story_ids_are_stable_slugs_and_feed_labels_win():
    a = Article(id="abc123def456", title="Bridge Closes: Élan & Co", text="x", date="2025-03-01")
    b = Article(id="fff000aaa111", title="Later piece", text="y", date="2025-03-05")
    c = Article(id="0123456789ab", title="Labelled", text="z")
    feed = [FeedArticle(b), FeedArticle(a), FeedArticle(c, story="Harbour Tax / 2025")]
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    stories = group_stories(feed, vectors, [frozenset()] * 3)
    assert [s.id for s in stories] == ["bridge-closes-elan-co-abc123", "harbour-tax-2025"]
    assert stories[0].article_ids == ("fff000aaa111", "abc123def456")  # feed order; id from the earliest
    assert [s.grouped_by for s in stories] == ["similarity", "feed"]
