"""Group a feed's articles into stories, in two stages: candidates by embedding, each link confirmed
or refused by what the two articles name.

    traits = [read_traits(a.title, sentences[a.id]) for a in articles]
    stories = group_stories(feed, vectors, traits, GroupSettings())
    stories[0].id, stories[0].article_ids, stories[0].grouped_by   # 'bridge-collapse-3f2a91', (...), 'similarity'

Articles that carry a `story` label in the feed are grouped by it. The others:

1. **Candidates.** Two articles may share a story only when their *leads* (title and first sentences,
   `lead_text`) embed alike: cosine at least `candidate_similarity`. Two reports of the same kind of
   event (two storms, two trials) pass this stage: embeddings tell topics, not events.
2. **Confirmation.** Each candidate link is weighed on what an editor would check
   (`link_strength`): the names both articles use (people, places, organisations, countries), read
   as the entity signal reads them (`read_traits`): a country, its capital and its demonym are one
   name, and a name spelt another way ("Zelensky" / "Zelenskyy") or cut to a surname is the same
   name (checker.signals.name_variants); the keyphrases of the two leads (content words and
   figures); and the publication dates. Every shared name or keyphrase counts by its rarity in the
   feed (a name no other article has counts 1, "Ukraine" in half the feed little), a country by
   `country_weight` of that. A link is **refused** outright when the names disagree (each article
   has names of its own in its lead and the two share no name but countries) or the dates do (more
   than `refuse_after_days` apart with no shared name but countries), unless the leads are nearly the
   same text (`near_duplicate`).
3. **Stories.** Average-linkage agglomerative clustering (scikit-learn, no fixed number of stories) on
   `1 - strength` of the confirmed links, 1 for the others, merging below `threshold`: a story is a
   group whose articles are, on average, confirmed to each other, so one strong link does not chain
   two stories together.

Names are read in the title and the first `name_sentences` sentences by the entity signal's name
finder (checker.signals.names.entities_heuristic: runs of capitalised words, a sentence's first
word only when it is a country, a possessive or a subject), plus a dateline's place ("HOUMA -"); a
word any article of the feed also writes in lower case mid-sentence is an ordinary word in a name or
a title-case headline ("Court", "National", "Missiles"), not a name.

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
from typing import Iterable, Sequence

import numpy as np

from ..ingest import is_untitled
from ..signals.name_variants import MIN_TYPO_LETTERS, variant
from ..signals.names import TITLES, alias_key, entities_heuristic
from ..text import MONTH_WORDS, NOISE_WORDS, STOPWORDS, normalize_word, stem
from ..types import Article
from .feed import FeedArticle

LEAD_SENTENCES = 3


@dataclass(frozen=True)
class GroupSettings:
    """How the two stages decide (module docstring); eval/batch_grouping_real.py measures them."""

    # Stage 1: lead cosine below which two articles are never linked.
    candidate_similarity: float = 0.2
    # Stage 2: what a link's strength adds up (`link_strength`).
    name_sentences: int = 8  # names are read in the title and this many first sentences
    names_weight: float = 0.35  # per unit of shared names (a name no other article has is 1)
    names_cap: float = 1.5  # shared names beyond this many units add nothing
    keyphrases_weight: float = 0.05  # per unit of shared keyphrases of the leads
    keyphrases_cap: float = 3.0
    # A country (or an organisation of the alias table) says less about which story an article tells
    # than a person or a town: its rarity is scaled by this.
    country_weight: float = 0.7
    rarity_min_articles: int = 20  # a smaller feed counts as this many articles when weighing names (`rarity`)
    # A link is refused when both leads name someone or something and the two articles share less
    # than this many units of names, or when their dates are `refuse_after_days` apart and they do;
    # unless their leads are at least `near_duplicate` alike.
    min_shared_names: float = 0.6
    refuse_after_days: int = 30
    near_duplicate: float = 0.8
    dates_weight: float = 0.1  # taken off a link's strength, fully after `date_scale_days` beyond the grace
    date_grace_days: int = 60
    date_scale_days: int = 365
    # Stage 3: average-linkage distance (1 - strength; 1 for a link not confirmed) under which groups merge.
    threshold: float = 0.65


@dataclass(frozen=True)
class Traits:
    """What the confirmation stage reads in an article (`read_traits`)."""

    names: frozenset[str]  # in the title and first sentences: "@japan" (the alias table's key), "kishida"
    lead_names: frozenset[str]  # those of them in the lead
    keyphrases: frozenset[str]  # stems of the lead's content words, figures as "#6.4"
    lowercase: frozenset[str]  # words the article writes in lower case mid-sentence (not names, feed-wide)


@dataclass(frozen=True)
class Story:
    """A story: its stable id, its articles (ids, in feed order) and how they were grouped."""

    id: str
    article_ids: tuple[str, ...]
    grouped_by: str  # "feed" (the `story` field), "similarity", or "single" (an article alone)


def lead_text(title: str, sentences: Sequence[str], n: int = LEAD_SENTENCES) -> str:
    """What an article is about, for its embedding: the title and the first `n` sentences."""
    return " ".join([title, *sentences[:n]])


COUNTRY = "@"  # the mark of a name found through the alias table ("@japan"), weighed by `country_weight`
# A dateline: the place in capitals that opens wire copy and local news ("HOUMA - ", "NEW ORLEANS, Sept 18").
_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2})(?:,| [-–—])")
_LOWER_WORD = re.compile(r"(?<=[\w,;:] )[a-z][a-z'’-]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|\d+(?:[.,]\d+)*")


def names_in(text: str, headline: bool = False) -> frozenset[str]:
    """Names of people, places and organisations in `text`, as the entity signal finds them
    (checker.signals.names.entities_heuristic), word by word, titles left out. Countries and
    organisations of the alias table come as their key, marked ("Japan", "Tokyo", "Japanese" are
    "@japan"; "U.S.", "Washington", "American" are "@us"), so a capital and a demonym are the
    country's one name. A dateline's place counts as a name. In a `headline` the first word counts
    as any other capitalised word ("Ferreira trial opens"): the feed's lower-case words sort out the
    ordinary ones (`article_distances`)."""
    found = set()
    if headline:
        text = "and " + text  # the name finder skips a lone first word of a sentence; a headline's is not one
    dateline = _DATELINE.match(text)
    if dateline:
        key = alias_key(dateline.group(1))
        found.add(COUNTRY + key if key else dateline.group(1).casefold())
    for mention in entities_heuristic(text):
        whole = alias_key(mention.text)
        if whole is not None:
            found.add(COUNTRY + whole)
            continue
        for word in mention.words:
            key = alias_key(word)
            if key is not None:
                found.add(COUNTRY + key)
            elif len(word) > 1 and word not in TITLES and word not in STOPWORDS and word not in MONTH_WORDS:
                found.add(word)
                if "-" in word:  # "Houma-Terrebonne": each place by itself too
                    found.update(p for p in word.split("-") if len(p) > 2 and p.isalpha())
    return frozenset(found)


def keyphrases_in(text: str) -> frozenset[str]:
    """The content words of `text` (stems, no stop words, reporting verbs or dates) and its figures."""
    out = set()
    for m in _WORD.finditer(text):
        word = m.group(0)
        if word[0].isdigit():
            out.add("#" + word.replace(",", ""))
            continue
        low = normalize_word(word)
        if word[0].islower() and len(low) > 2 and low not in STOPWORDS and low not in NOISE_WORDS and low not in MONTH_WORDS:
            out.add(stem(low))
    return frozenset(out)


def read_traits(title: str, sentences: Sequence[str], settings: GroupSettings | None = None) -> Traits:
    """What `link_strength` compares in an article: its names, its lead's names and keyphrases, and
    the words it writes in lower case (see the module docstring)."""
    settings = settings or GroupSettings()
    lead = lead_text(title, sentences)
    body = " ".join(sentences[:settings.name_sentences])
    lead_names = names_in(title, headline=True) | names_in(" ".join(sentences[:LEAD_SENTENCES]))
    return Traits(names=lead_names | names_in(body), lead_names=lead_names, keyphrases=keyphrases_in(lead),
                  lowercase=frozenset(m.group(0).replace("’", "'") for m in _LOWER_WORD.finditer(body)))


def rarity(sets: Sequence[frozenset[str]], country_weight: float = 1.0, min_articles: int = 1) -> dict[str, float]:
    """Each item's weight in a feed of `len(sets)` articles: its inverse document frequency over that
    of an item only one article has (1 for such an item, less the more articles have it), a country's
    scaled by `country_weight`. A feed of fewer than `min_articles` counts as that many, the others
    naming none of its items: three articles say little about which names are common."""
    n = max(len(sets), min_articles)
    df: dict[str, int] = {}
    for found in sets:
        for item in found:
            df[item] = df.get(item, 0) + 1
    top = math.log((n + 1) / 1.5)
    return {item: (math.log((n + 1) / (count + 0.5)) / top if top > 0 else 1.0)
            * (country_weight if item.startswith(COUNTRY) else 1.0) for item, count in df.items()}


def spelling_variants(names: Iterable[str]) -> dict[str, frozenset[str]]:
    """For each name with another spelling among `names`, those spellings ("zelenskyy" ->
    {"zelensky"}), by checker.signals.name_variants (one edit in a long word, two in a long
    transliteration); countries are matched by their key only. Names are compared only with those of
    the same first letter and a length at most one apart, so a feed's names are paired once, quickly."""
    buckets: dict[tuple[str, int], list[str]] = {}
    for name in names:
        if not name.startswith(COUNTRY) and len(name) >= MIN_TYPO_LETTERS:
            buckets.setdefault((name[0], len(name)), []).append(name)
    found: dict[str, set[str]] = {}
    for (first, length), group in buckets.items():
        for x in group:
            for other_length in (length, length + 1):  # one edit changes the length by one at most
                for y in buckets.get((first, other_length), ()):
                    if (other_length > length or x < y) and variant(x, y) == "spelling":
                        found.setdefault(x, set()).add(y)
                        found.setdefault(y, set()).add(x)
    return {name: frozenset(v) for name, v in found.items()}


def shared_names(a: frozenset[str], b: frozenset[str], variants: dict[str, frozenset[str]] | None = None) -> set[str]:
    """The names of `a` that `b` has too, as written or spelt another way (`spelling_variants`, of the
    two sets when not given); countries only as their key."""
    if variants is None:
        variants = spelling_variants(a | b)
    return set(a & b) | {x for x in a - b if variants.get(x, frozenset()) & b}


def link_strength(i: int, j: int, similarity: float, traits: Sequence[Traits], name_weight: dict[str, float],
                  keyphrase_weight: dict[str, float], days: Sequence[int | None], settings: GroupSettings,
                  variants: dict[str, frozenset[str]] | None = None) -> float:
    """How strongly the confirmation stage links articles `i` and `j` (0: refused): their lead cosine,
    plus their shared names and keyphrases by rarity, less a little for distant dates."""
    a, b = traits[i], traits[j]
    names = shared_names(a.names, b.names, variants)
    name_units = sum(name_weight.get(x, 0.0) for x in names)
    gap = abs(days[i] - days[j]) if days[i] is not None and days[j] is not None else 0
    if similarity < settings.near_duplicate and name_units < settings.min_shared_names:
        if (a.lead_names and b.lead_names) or gap > settings.refuse_after_days:
            return 0.0  # names or dates disagree
    name_units = min(settings.names_cap, name_units)
    key_units = min(settings.keyphrases_cap, sum(keyphrase_weight[x] for x in a.keyphrases & b.keyphrases))
    beyond = max(0.0, (gap - settings.date_grace_days) / settings.date_scale_days)
    return max(0.0, similarity + settings.names_weight * name_units + settings.keyphrases_weight * key_units
               - settings.dates_weight * min(1.0, beyond))


def article_distances(vectors: np.ndarray, traits: Sequence[Traits], dates: Sequence[str | None],
                      settings: GroupSettings) -> np.ndarray:
    """The symmetric distance matrix the clustering uses: 1 - strength for each candidate link the
    confirmation stage keeps (`link_strength`), 1 for every other pair."""
    vectors = np.asarray(vectors, dtype=np.float64)
    similarity = vectors @ vectors.T
    n = len(vectors)
    common = frozenset().union(*(t.lowercase for t in traits)) if traits else frozenset()
    # A word the feed writes in lower case is no name ("Court", "Missiles" of a title-case headline).
    traits = [Traits(names=frozenset(x for x in t.names if x.startswith(COUNTRY) or x not in common),
                     lead_names=frozenset(x for x in t.lead_names if x.startswith(COUNTRY) or x not in common),
                     keyphrases=t.keyphrases, lowercase=t.lowercase) for t in traits]
    name_weight = rarity([t.names for t in traits], settings.country_weight, settings.rarity_min_articles)
    keyphrase_weight = rarity([t.keyphrases for t in traits], 1.0, settings.rarity_min_articles)
    variants = spelling_variants(name_weight)
    days = [dt.date.fromisoformat(d).toordinal() if d else None for d in dates]
    dist = np.ones((n, n))
    rows, cols = np.nonzero(np.triu(similarity >= settings.candidate_similarity, k=1))  # stage 1
    for i, j in zip(rows.tolist(), cols.tolist()):
        strength = link_strength(i, j, float(similarity[i, j]), traits, name_weight, keyphrase_weight, days, settings,
                                 variants)
        dist[i, j] = dist[j, i] = 1.0 - min(1.0, strength)
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


def group_stories(feed: Sequence[FeedArticle], vectors: np.ndarray, traits: Sequence[Traits],
                  settings: GroupSettings | None = None) -> list[Story]:
    """Stories of the feed, in order of their first article in the feed.

    `vectors[i]` (unit length, of the lead) and `traits[i]` (`read_traits`) describe `feed[i]`."""
    settings = settings or GroupSettings()
    groups: dict[tuple[str, object], list[int]] = {}
    free = [i for i, f in enumerate(feed) if not f.story]
    for i, f in enumerate(feed):
        if f.story:
            groups.setdefault(("feed", f.story), []).append(i)
    if free:
        dist = article_distances(vectors[free], [traits[i] for i in free],
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
