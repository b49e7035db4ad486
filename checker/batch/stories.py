"""Group a feed's articles into stories.

    stories = group_stories(feed, vectors, GroupSettings())
    stories[0].id, stories[0].article_ids, stories[0].grouped_by   # 'bridge-collapse-3f2a91', (...), 'similarity'

Articles that carry a `story` label in the feed are grouped by it. The others are clustered with
scikit-learn's AgglomerativeClustering (average linkage, a distance threshold, no fixed number of
stories) on a precomputed distance between articles:

    distance = (1 - cosine of the lead embeddings)
               + names_weight * (1 - shared names of the leads, weighted by rarity in the feed)
               + dates_weight * (how far apart the publication dates are, beyond `date_grace_days`)

The lead is an article's title and first sentences (`lead_text`): on the gold stories, the demo and
the real corpus mixed together its embedding separates stories with a wider margin than the mean of
all sentence embeddings (docs/batch.md). Names are words capitalised mid-sentence and country or
organisation names anywhere, compared through the entity signal's alias table (a capital, a
demonym and an abbreviation are the country's one name: `names_in`); the shared part
is an overlap coefficient (shared / the smaller set) with each name weighted by its inverse
document frequency in the feed, so "Monday" or "Ukraine" in half the feed says little and a town
named in three articles says much; a country's weight is scaled down (`country_weight`), and the
smaller set counts as weighing at least one name of its own, so a headline whose only name is "US"
does not share all its names with every other article naming the US. Without names, two reports of the same kind of event (two storms,
two earnings reports) embed alike. Dates only push apart, and gently: one story can run for months.

Story ids are stable across runs: the slug of the feed's label, or of the title of the story's
earliest article with a title of its own (`story_anchor`) plus the start of that article's id, so a
new article joining an existing story leaves its folder where it was.
Not for: embedding (the caller passes vectors) or scoring.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..ingest import is_untitled
from ..signals.names import alias_key
from ..text import STOPWORDS
from ..types import Article
from .feed import FeedArticle

LEAD_SENTENCES = 3


@dataclass(frozen=True)
class GroupSettings:
    """How close two articles must be to share a story (distances as in the module docstring)."""

    threshold: float = 1.2  # average-linkage distance under which groups merge
    names_weight: float = 1.0
    dates_weight: float = 0.1
    date_grace_days: int = 60  # dates closer than this never push apart
    date_scale_days: int = 365  # beyond the grace, the full dates_weight is reached after this many days
    # A country (or an organisation of the alias table) says less about which story an article tells
    # than a person or a town: its weight is scaled by this (eval/batch_grouping_names.py).
    country_weight: float = 0.7


@dataclass(frozen=True)
class Story:
    """A story: its stable id, its articles (ids, in feed order) and how they were grouped."""

    id: str
    article_ids: tuple[str, ...]
    grouped_by: str  # "feed" (the `story` field), "similarity", or "single" (an article alone)


def lead_text(title: str, sentences: Sequence[str], n: int = LEAD_SENTENCES) -> str:
    """What an article is about, for its embedding: the title and the first `n` sentences."""
    return " ".join([title, *sentences[:n]])


_MID_SENTENCE_NAME = re.compile(r"(?<=[a-z0-9,;:] )[A-Z][\w'’-]{2,}")
# Runs of capitalised words anywhere, abbreviations with their dots ("U.S.", "United States", "The
# Washington Post"): looked up in the alias table whole and by windows of up to three words.
_CAPITALISED_RUN = re.compile(r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*)*")
_ALIAS_WINDOW = 3
COUNTRY = "@"  # the mark of a name found through the alias table ("@japan"), weighed by `country_weight`


def names_in(text: str) -> frozenset[str]:
    """Names of people, places and organisations: words capitalised in the middle of a sentence, plus
    country and organisation names in any position and any form. Those are compared through the alias
    table the entity signal uses (checker.signals.names.alias_key), so a country, its capital, its
    demonym and its abbreviations ("Japan", "Tokyo", "Japanese"; "U.S.", "United States",
    "Washington", "American") are one name, "@japan" or "@us" (marked: they weigh less, see
    `GroupSettings.country_weight`), and their words are not names of their own."""
    found, covered = set(), []
    for run in _CAPITALISED_RUN.finditer(text):
        words = [(run.start() + m.start(), run.start() + m.end()) for m in re.finditer(r"\S+", run.group(0))]
        i = 0
        while i < len(words):
            for size in range(min(_ALIAS_WINDOW, len(words) - i), 0, -1):  # the longest alias first
                key = alias_key(text[words[i][0]:words[i + size - 1][1]])
                if key is not None:
                    found.add(COUNTRY + key)
                    covered.append((words[i][0], words[i + size - 1][1]))
                    i += size
                    break
            else:
                i += 1
    for m in _MID_SENTENCE_NAME.finditer(text):
        word = m.group(0).casefold()
        if word not in STOPWORDS and not any(a <= m.start() < b for a, b in covered):
            found.add(word)
    return frozenset(found)


def shared_names(a: frozenset[str], b: frozenset[str], idf: dict[str, float], floor: float = 0.0) -> float:
    """Overlap coefficient of two name sets, each name weighted by `idf`: 0 none shared, 1 all of the
    smaller. The smaller set weighs at least `floor`, so a set of a few common names ("US" alone,
    in a headline) shares only part of itself, however wholly it is contained in the other."""
    smaller = max(min(sum(idf[x] for x in a), sum(idf[x] for x in b)), floor)
    return min(1.0, sum(idf[x] for x in a & b) / smaller) if smaller > 0 else 0.0


def article_distances(vectors: np.ndarray, names: Sequence[frozenset[str]], dates: Sequence[str | None],
                      settings: GroupSettings) -> np.ndarray:
    """The symmetric distance matrix the clustering uses (module docstring)."""
    vectors = np.asarray(vectors, dtype=np.float64)
    dist = 1.0 - vectors @ vectors.T
    n = len(vectors)
    df: dict[str, int] = {}
    for found in names:
        for name in found:
            df[name] = df.get(name, 0) + 1
    idf = {name: math.log((n + 1) / (count + 0.5)) * (settings.country_weight if name.startswith(COUNTRY) else 1.0)
           for name, count in df.items()}
    # A name set weighs at least one name of its own (a name no other article has): sharing a set
    # of only names found all over the feed ("US", "Monday") is then sharing part of a story's names.
    floor = math.log((n + 1) / 1.5)
    days = [dt.date.fromisoformat(d).toordinal() if d else None for d in dates]
    for i in range(n):
        for j in range(i + 1, n):
            d = dist[i, j] + settings.names_weight * (1.0 - shared_names(names[i], names[j], idf, floor))
            if days[i] is not None and days[j] is not None:
                beyond = abs(days[i] - days[j]) - settings.date_grace_days
                d += settings.dates_weight * min(1.0, max(0.0, beyond / settings.date_scale_days))
            dist[i, j] = dist[j, i] = max(0.0, d)
    np.fill_diagonal(dist, 0.0)
    return dist


def cluster(distances: np.ndarray, threshold: float) -> list[int]:
    """Cluster labels (one per row) from average-linkage agglomerative clustering."""
    if len(distances) < 2:
        return [0] * len(distances)
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=threshold)
    return [int(x) for x in model.fit_predict(distances)]


def group_stories(feed: Sequence[FeedArticle], vectors: np.ndarray, names: Sequence[frozenset[str]],
                  settings: GroupSettings | None = None) -> list[Story]:
    """Stories of the feed, in order of their first article in the feed.

    `vectors[i]` (unit length, of the lead) and `names[i]` (in the lead) describe `feed[i]`."""
    settings = settings or GroupSettings()
    groups: dict[tuple[str, object], list[int]] = {}
    free = [i for i, f in enumerate(feed) if not f.story]
    for i, f in enumerate(feed):
        if f.story:
            groups.setdefault(("feed", f.story), []).append(i)
    if free:
        dist = article_distances(vectors[free], [names[i] for i in free],
                                 [feed[i].article.date for i in free], settings)
        for i, label in zip(free, cluster(dist, settings.threshold)):
            groups.setdefault(("similarity", label), []).append(i)
    stories, used = [], set()
    for (how, label), members in sorted(groups.items(), key=lambda kv: min(kv[1])):
        members.sort()
        articles = [feed[i].article for i in members]
        if how == "feed":
            base = _slug(str(label)) or "story"
        else:
            how = "similarity" if len(members) > 1 else "single"
            anchor = story_anchor(articles)
            base = f"{_slug(anchor.title) or 'story'}-{_slug(anchor.id)[:6]}"
        story_id, n = base, 2
        while story_id in used:
            story_id, n = f"{base}-{n}", n + 1
        used.add(story_id)
        stories.append(Story(id=story_id, article_ids=tuple(a.id for a in articles), grouped_by=how))
    return stories


def story_anchor(articles: Sequence[Article]) -> Article:
    """The article a story is named after: the earliest (by date, then id) of those with a title of
    their own, else the earliest of all (an "Untitled: ..." title made up by ingest names a story badly)."""
    titled = [a for a in articles if not is_untitled(a.title)]
    return min(titled or articles, key=lambda a: (a.date or "9999-12-31", a.id))


def _slug(text: str, max_len: int = 48) -> str:
    """Lower-case ASCII letters, digits and hyphens: safe as a folder name on every system."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_len].rstrip("-")
