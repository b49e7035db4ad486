"""Model-free evidence about a candidate pair: numbers, dates, names and polarity that disagree,
and whether the two sentences are about the same event at all.

The small NLI model misses conflicts where only a number, date or name differs and flags pairs
that are about different things; the aggregate stage combines these signals with its scores.
Each finding is a `Mismatch` with a reason a reader understands; agreeing facts become `notes`.

    extractor = SignalExtractor()            # spaCy NER when a model is installed, else heuristics
    extractor.warm(s.text for s in sentences)  # optional: batch the per-sentence work
    signals = extractor.compare(pair, {a.id: a for a in articles})

Per-sentence extraction is cached by sentence text, because one sentence recurs in many pairs;
comparing two extracted sentences is pure Python and takes well under a millisecond.

Not for: deciding the verdict (aggregate does that), or anything that needs a model download.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .errors import ModelError
from .signals_dates import DateMention, compare_mentions, describe, extract_dates, month_index, parse_iso
from .signals_entities import (
    DEFAULT_SPACY_MODELS,
    EntityMention,
    compatible_types,
    entities_from_spacy,
    entities_heuristic,
    is_trivial_context,
    load_spacy,
    same_name,
)
from .signals_numbers import Quantity, compare_quantities, extract_quantities
from .signals_polarity import ANTONYMS, Negation, Polar, find_negations, find_polar_words, negation_words, phrase_around
from .signals_text import Token, content_stems, normalize_word, overlap, stem, tokenize
from .types import Article, CandidatePair, Mismatch, Signals

# How much of the rest of two sentences must overlap (overlap coefficient of content stems, and a
# minimum count of shared stems) before a polarity flip or a different name counts: below this the
# sentences are about different things and a "not" or a name says nothing about the other.
POLARITY_MIN_OVERLAP = 0.6
ENTITY_MIN_OVERLAP = 0.5
MIN_SHARED_WORDS = 2
# Below this overlap, two sentences whose dates lie at least DIFFERENT_PERIOD_MONTHS apart describe
# different actions in different periods.
DIFFERENT_PERIOD_MAX_OVERLAP = 0.5
DIFFERENT_PERIOD_MONTHS = 2
# Below this overlap, different quantities plus different dates or names mean different events.
DIFFERENT_EVENT_MAX_OVERLAP = 0.35

# Signs that a sentence describes a plan or expectation, one pattern per line.
FUTURE_MARKERS: list[tuple[str, str]] = [
    ("expected to", r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:expected|set|due|scheduled|poised|likely|slated|going)\s+to\b"),
    ("will", r"\b(?:will|shall|won't|won’t)\b"),
    ("plans to", r"\b(?:plans?|planned|planning|intends?|intended|aims?|hopes?)\s+to\b"),
    ("as soon as", r"\bas (?:soon|early) as\b"),
    ("could soon", r"\b(?:could|may|might)\s+soon\b"),
    ("upcoming", r"\b(?:upcoming|forthcoming)\b"),
]
# Signs that a sentence reports something that already happened, one pattern per line. Verbs of
# saying are left out: "officials said" is how a plan is reported too.
PAST_MARKERS: list[tuple[str, str]] = [
    ("has happened", r"\b(?:has|have|had)\s+(?:already\s+|now\s+|since\s+)?(?:been\s+)?(?!been\b)\w+(?:ed|en|ent|ought|ew)\b"),
    ("was done", r"\b(?:was|were)\s+(?:\w+ly\s+)?(?!expected\b|set\b|due\b|scheduled\b|going\b|about\b|to\b)\w+(?:ed|en|ent|ought|ew)\b(?!\s+to\b)"),
    ("past event verb", r"\b(?:received|delivered|announced|approved|signed|completed|arrived|sent|shipped|transferred"
                        r"|launched|began|started|finished|decided|changed|modified|revised|adopted|unveiled|took|gave"
                        r"|handed|struck|hit|killed|landed|won|lost)\b(?!\s+to\b)"),
]
_FUTURE_RES = [(name, re.compile(p, re.IGNORECASE)) for name, p in FUTURE_MARKERS]
_PAST_RES = [(name, re.compile(p, re.IGNORECASE)) for name, p in PAST_MARKERS]
_NEGATION_WORDS = negation_words()


@dataclass(frozen=True)
class SentenceFacts:
    """Everything the comparison needs from one sentence, extracted once per text."""

    text: str
    tokens: tuple[Token, ...]
    quantities: tuple[Quantity, ...]
    dates: tuple[DateMention, ...]
    entities: tuple[EntityMention, ...]
    negations: tuple[Negation, ...]
    polar: tuple[Polar, ...]
    content: frozenset[str]  # content-word stems
    stems: frozenset[str]  # stems of every word, for "does the other sentence use this word"
    words: frozenset[str]  # normalised words, for "does the other sentence name this"
    future: str | None  # the plan/expectation marker as written, if any
    past: str | None  # the past-event marker as written, if any
    number_stems: frozenset[str]  # stems of the words inside quantities and dates


def extract_facts(text: str, doc: Any = None) -> SentenceFacts:
    """Extract the facts of one sentence; `doc` is its spaCy Doc when a pipeline is in use."""
    tokens = tokenize(text)
    dates = extract_dates(text)
    quantities = extract_quantities(text, masked=[(d.start, d.end) for d in dates])
    entities = entities_from_spacy(text, doc, tokens) if doc is not None else entities_heuristic(text, tokens)
    number_spans = [(q.start, q.end) for q in quantities] + [(d.start, d.end) for d in dates]
    number_stems = frozenset(stem(t.text) for t in tokens if any(s <= t.start < e for s, e in number_spans))
    return SentenceFacts(
        text=text,
        tokens=tuple(tokens),
        quantities=tuple(quantities),
        dates=tuple(dates),
        entities=tuple(entities),
        negations=tuple(find_negations(text, tokens)),
        polar=tuple(find_polar_words(tokens)),
        content=content_stems(tokens),
        stems=frozenset(stem(t.text) for t in tokens if t.text[:1].isalpha()),
        words=frozenset(normalize_word(t.text) for t in tokens if t.text[:1].isalpha()),
        future=_first_marker(_FUTURE_RES, text),
        past=_first_marker(_PAST_RES, text),
        number_stems=number_stems,
    )


def _first_marker(rules: list[tuple[str, re.Pattern]], text: str) -> str | None:
    for _, regex in rules:
        m = regex.search(text)
        if m:
            return m.group()
    return None


class SignalExtractor:
    """Compares candidate pairs, caching the extraction of each sentence text.

    `use_spacy`: None uses spaCy NER when a model from `spacy_models` is installed and the
    heuristic otherwise; True requires spaCy (ModelError if missing); False never loads it.

        extractor = SignalExtractor(use_spacy=False)
        signals = extractor.compare_texts("About 300 troops arrived.", "Nearly 2,000 troops arrived.")
        signals.mismatches[0].reason  # 'Different numbers for the same thing: About 300 troops vs ...'
    """

    def __init__(self, use_spacy: bool | None = None, spacy_models: Iterable[str] = DEFAULT_SPACY_MODELS,
                 cache_size: int = 50_000):
        self.use_spacy = use_spacy
        self.spacy_models = tuple(spacy_models)
        self.cache_size = cache_size
        self._cache: OrderedDict[str, SentenceFacts] = OrderedDict()
        self._nlp: Any = None
        self._backend: str | None = None

    @property
    def backend(self) -> str:
        """'heuristic' or 'spacy:<model> <version>': what finds the names (for the report)."""
        self._load()
        return self._backend or "heuristic"

    def _load(self) -> None:
        if self._backend is not None:
            return
        loaded = load_spacy(self.spacy_models) if self.use_spacy is not False else None
        if loaded is None and self.use_spacy:
            raise ModelError(f"spaCy NER was requested but none of {', '.join(self.spacy_models)} is installed "
                             "(pip install spacy and an English model package)")
        if loaded:
            self._nlp, self._backend = loaded
        else:
            self._backend = "heuristic"

    def facts(self, text: str) -> SentenceFacts:
        """The (cached) facts of one sentence text."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        self._load()
        facts = extract_facts(text, self._nlp(text) if self._nlp is not None else None)
        self._store(text, facts)
        return facts

    def warm(self, texts: Iterable[str], batch_size: int = 256) -> None:
        """Extract many sentences at once (spaCy batches them, which is faster than one by one)."""
        self._load()
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if self._nlp is None:
            for text in todo:
                self._store(text, extract_facts(text))
            return
        for text, doc in zip(todo, self._nlp.pipe(todo, batch_size=batch_size)):
            self._store(text, extract_facts(text, doc))

    def _store(self, text: str, facts: SentenceFacts) -> None:
        self._cache[text] = facts
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def compare(self, pair: CandidatePair, articles: Mapping[str, Article] | None = None) -> Signals:
        """Signals for a candidate pair; `articles` (by id) supplies publication dates."""
        articles = articles or {}
        a_article, b_article = articles.get(pair.a.article_id), articles.get(pair.b.article_id)
        return self.compare_texts(pair.a.text, pair.b.text,
                                  a_article.date if a_article else None, b_article.date if b_article else None)

    def compare_texts(self, a_text: str, b_text: str, a_date: str | None = None, b_date: str | None = None) -> Signals:
        """Signals for two sentence texts with their articles' dates (YYYY-MM-DD or None)."""
        return compare_facts(self.facts(a_text), self.facts(b_text), parse_iso(a_date), parse_iso(b_date))


_DEFAULT_EXTRACTOR: SignalExtractor | None = None


def compute_signals(pair: CandidatePair, articles: Mapping[str, Article]) -> Signals:
    """Signals for one pair, using a shared extractor (spaCy when installed) and its cache."""
    global _DEFAULT_EXTRACTOR
    if _DEFAULT_EXTRACTOR is None:
        _DEFAULT_EXTRACTOR = SignalExtractor()
    return _DEFAULT_EXTRACTOR.compare(pair, articles)


# ---------------------------------------------------------------------------------------------
# Comparing two sentences


def compare_facts(a: SentenceFacts, b: SentenceFacts, a_published=None, b_published=None) -> Signals:
    """The signals for two extracted sentences and their articles' publication dates."""
    notes: list[str] = []
    number_mismatches = _number_mismatches(a, b, notes)
    date_mismatches = _date_mismatches(a, b, a_published, b_published, notes)
    negation_mismatches = _polarity_mismatches(a, b)
    entity_mismatches = _entity_mismatches(a, b, notes)
    mismatches = number_mismatches + date_mismatches + negation_mismatches + entity_mismatches
    reason = _not_comparable_reason(a, b, a_published, b_published, number_mismatches, date_mismatches, entity_mismatches)
    return Signals(
        mismatches=tuple(mismatches),
        comparable=reason is None,
        not_comparable_reason=reason,
        notes=tuple(notes),
    )


def _number_mismatches(a: SentenceFacts, b: SentenceFacts, notes: list[str]) -> list[Mismatch]:
    result = compare_quantities(list(a.quantities), list(b.quantities))
    out = []
    for qa, qb in result.conflicts:
        what = {"USD": "amounts of money", "EUR": "amounts of money", "GBP": "amounts of money",
                "JPY": "amounts of money", "percent": "percentages"}.get(qa.unit or "", "numbers for the same thing")
        out.append(Mismatch("number", qa.text, qb.text, f"Different {what}: {qa.text} vs {qb.text}."))
    if result.same:
        notes.append("same numbers: " + ", ".join(dict.fromkeys(qa.text for qa, _ in result.same)))
    if result.rounded:
        notes.append("numbers agree within rounding: " + ", ".join(f"{qa.text} ~ {qb.text}" for qa, qb in result.rounded))
    return out


def _date_mismatches(a: SentenceFacts, b: SentenceFacts, a_published, b_published, notes: list[str]) -> list[Mismatch]:
    agreed_a, agreed_b, conflicts, agreements = set(), set(), [], []
    for i, da in enumerate(a.dates):
        for j, db in enumerate(b.dates):
            status = compare_mentions(da, db, a_published, b_published)
            if status == "agree":
                agreed_a.add(i)
                agreed_b.add(j)
                agreements.append((da, db))
            elif status == "conflict":
                conflicts.append((i, j))
    out = []
    for i, j in conflicts:
        if i in agreed_a or j in agreed_b:
            continue  # a date that agrees with some date of the other sentence is not disputed
        da, db = a.dates[i], b.dates[j]
        shown_a, shown_b = describe(da, a_published), describe(db, b_published)
        what = "times" if da.is_time else "dates for the same event"
        out.append(Mismatch("date", shown_a, shown_b, f"Different {what}: {shown_a} vs {shown_b}."))
        break  # one date disagreement per pair is enough to show
    if agreements:
        notes.append("same date: " + ", ".join(
            f"{describe(da, a_published)} ~ {describe(db, b_published)}" for da, db in agreements[:2]))
    return out


def _rest_overlap(a: SentenceFacts, b: SentenceFacts, leave_out: frozenset[str]) -> tuple[float, int]:
    return overlap(a.content - leave_out, b.content - leave_out)


def _polarity_mismatches(a: SentenceFacts, b: SentenceFacts) -> list[Mismatch]:
    share, shared = _rest_overlap(a, b, _NEGATION_WORDS)
    if share < POLARITY_MIN_OVERLAP or shared < MIN_SHARED_WORDS:
        return []
    # A negated word that the other sentence uses without negating it.
    for first, second, flip in ((a, b, False), (b, a, True)):
        negated_in_second = {n.target for n in second.negations}
        for negation in first.negations:
            if negation.target in second.stems and negation.target not in negated_in_second:
                plain = phrase_around(second.text, list(second.tokens), negation.target) or negation.target
                a_value, b_value = (plain, negation.phrase) if flip else (negation.phrase, plain)
                return [Mismatch("negation", a_value, b_value,
                                 f"One sentence negates what the other asserts: {a_value!r} vs {b_value!r}.")]
    # Opposed words ("denied" vs "confirmed"), unless a negation undoes the flip ("did not deny").
    if a.negations or b.negations:
        return []
    sides_a = {(p.pair, p.side): p for p in a.polar}
    sides_b = {(p.pair, p.side): p for p in b.polar}
    for (pair, side), pa in sides_a.items():
        pb = sides_b.get((pair, 1 - side))
        if pb is not None and (pair, 1 - side) not in sides_a and (pair, side) not in sides_b:
            return [Mismatch("negation", pa.word, pb.word,
                             f"Opposite words in otherwise similar sentences: {pa.word!r} vs {pb.word!r}.")]
    return []


def _entity_mismatches(a: SentenceFacts, b: SentenceFacts, notes: list[str]) -> list[Mismatch]:
    shared_names = [ea.text for ea in a.entities if any(same_name(ea, eb) for eb in b.entities)]
    if shared_names:
        notes.append("same names: " + ", ".join(dict.fromkeys(shared_names)))
    out = []
    for ea in a.entities:
        if _named_in(ea, b):
            continue
        for eb in b.entities:
            if _named_in(eb, a) or same_name(ea, eb) or not compatible_types(ea.label, eb.label):
                continue
            role = _shared_role(ea, eb)
            if role is None:
                continue
            name_stems = frozenset(stem(w) for w in ea.words | eb.words) | _name_stems(a) | _name_stems(b)
            share, shared = _rest_overlap(a, b, name_stems)
            if share < ENTITY_MIN_OVERLAP or shared < MIN_SHARED_WORDS:
                continue
            a_value, b_value = _with_role(ea, role), _with_role(eb, role)
            out.append(Mismatch("entity", a_value, b_value,
                                f"Different names in the same role: {a_value!r} vs {b_value!r}."))
            break
        if len(out) >= 2:
            break
    return out


def _named_in(entity: EntityMention, other: SentenceFacts) -> bool:
    """Whether the other sentence mentions this name anywhere (as a name or as plain words)."""
    if any(same_name(entity, e) for e in other.entities):
        return True
    return bool(entity.words) and entity.words <= other.words


def _name_stems(facts: SentenceFacts) -> frozenset[str]:
    return frozenset(stem(w) for e in facts.entities for w in e.words)


def _shared_role(a: EntityMention, b: EntityMention) -> str | None:
    """'before' or 'after' when both names have the same meaningful word on that side."""
    if not is_trivial_context(a.before) and a.before == b.before:
        return "before"
    if not is_trivial_context(a.after) and a.after == b.after:
        return "after"
    return None


def _with_role(entity: EntityMention, role: str) -> str:
    if role == "before":
        return f"{entity.before} {entity.text}"
    if entity.after == "'s" or entity.text.endswith(("'s", "’s")):
        return entity.text if entity.text.endswith(("'s", "’s")) else f"{entity.text}'s"
    return f"{entity.text} {entity.after}"


# ---------------------------------------------------------------------------------------------
# Comparability


def _not_comparable_reason(a: SentenceFacts, b: SentenceFacts, a_published, b_published,
                           number_mismatches: list[Mismatch], date_mismatches: list[Mismatch],
                           entity_mismatches: list[Mismatch]) -> str | None:
    """Why the two sentences describe different events, or None when nothing clearly says so.
    Conservative on purpose: a wrong "not comparable" hides a real conflict."""
    # A plan or expectation against a later article's report of what happened.
    for plan, report, plan_date, report_date, plan_name, report_name in (
        (a, b, a_published, b_published, "a", "b"), (b, a, b_published, a_published, "b", "a"),
    ):
        if (plan.future and not plan.past and report.past and not report.future
                and plan_date and report_date and report_date > plan_date):
            return (f"sentence {plan_name} describes a plan or expectation ({plan.future!r}, published {plan_date}), "
                    f"sentence {report_name} reports what had happened by a later date ({report.past!r}, published {report_date})")
    leave_out = a.number_stems | b.number_stems
    share, _ = _rest_overlap(a, b, leave_out)
    # Explicit dates in clearly different periods, and different wording for what happened.
    period = _period_gap(a, b, a_published, b_published)
    if period is not None:
        gap, year_only, shown_a, shown_b = period
        limit = DIFFERENT_EVENT_MAX_OVERLAP if year_only else DIFFERENT_PERIOD_MAX_OVERLAP
        if gap >= DIFFERENT_PERIOD_MONTHS and share < limit:
            return f"different periods ({shown_a} vs {shown_b}) and different actions described"
    # Different quantities and different dates or names, with little else in common: two events.
    if number_mismatches and (date_mismatches or entity_mismatches):
        names = _name_stems(a) | _name_stems(b)
        share_without_names, _ = _rest_overlap(a, b, leave_out | names)
        if share_without_names < DIFFERENT_EVENT_MAX_OVERLAP:
            other = date_mismatches[0] if date_mismatches else entity_mismatches[0]
            return (f"different quantities ({number_mismatches[0].a_value} vs {number_mismatches[0].b_value}) and "
                    f"different {other.kind}s ({other.a_value} vs {other.b_value}) with little else in common: "
                    "probably two different events")
    return None


def _period_gap(a: SentenceFacts, b: SentenceFacts, a_published, b_published) -> tuple[int, bool, str, str] | None:
    """The smallest distance in months between the dated mentions of the two sentences, whether
    it rests on bare years only, and the two closest mentions; None unless both have dates."""
    best = None
    for da in a.dates:
        ia = month_index(da, a_published)
        if ia is None or da.is_time:
            continue
        for db in b.dates:
            ib = month_index(db, b_published)
            if ib is None or db.is_time:
                continue
            gap = abs(ia - ib)
            if best is None or gap < best[0]:
                best = (gap, da.year_only or db.year_only, describe(da, a_published), describe(db, b_published))
    return best
