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

import datetime as dt
import math
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .errors import ModelError
from .signals_dates import DateMention, compare_mentions, describe, extract_dates, month_range, months_apart, parse_iso
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
from .signals_numbers import Quantity, agree, compare_quantities, extract_quantities
from .signals_polarity import WIN_LOSE, Negation, Polar, find_negations, find_polar_words, negation_words, phrase_around
from .signals_status import StatusMention, find_status
from .signals_text import Token, content_stems, normalize_word, overlap, stem, tokenize
from .types import Article, CandidatePair, Mismatch, Signals

# Overlap gates: the overlap coefficient of the two sentences' content stems (leaving out the words
# under test) and a minimum number of shared stems. Below them the sentences are about different
# things, and a "not", a name or a date in one says nothing about the other.
MIN_SHARED_WORDS = 2
POLARITY_MIN_OVERLAP = 0.6  # a polarity flip needs nearly the same sentence around it
ENTITY_MIN_OVERLAP = 0.5  # a different name needs the same statement around it
DATE_MIN_OVERLAP = 0.3  # dates in looser paraphrases still count; below, they date different events
PLAN_MIN_OVERLAP = 0.25  # a plan and a later report must share some of what they are about
# "Done" against "still under way" is about one event only when the sentences name the same parties
# and things: three shared names (who, what, to whom: "US", "Patriot", "Ukraine"), or one shared
# name and this much of the rest in common. Two names are not enough: in coverage of one story the
# main two ("US", "Ukraine") recur in sentences about different transfers.
STATUS_MIN_SHARED_NAMES = 3
STATUS_MIN_OVERLAP = 0.3
# Embedding similarity at or above which two sentences are taken to be about the same thing even
# when their words differ ("the tax comes into force" / "will take effect"). Planted paraphrases with a
# changed fact sit at 0.62-0.79 on the gold set, but on real coverage of one story different statements
# reach 0.62-0.67 (two Zelenskyy quotes, two Kishida-Biden meetings), hence the higher bar.
RELATED_SIMILARITY = 0.7
# Below this similarity two different dates belong to two different events (planted date conflicts
# in the gold set sit at 0.51 and above; "the April 10 meeting" vs "in June, commitments..." at 0.47).
DATE_MIN_SIMILARITY = 0.5
# A single differing figure in two near-identical sentences is the same figure even when they name
# what it counts differently ("a crowd of 28,400" / "24,800 spectators").
SAME_FIGURE_SIMILARITY = 0.7
# Swapped roles ("A beat B" / "B beat A") need the same names and nearly the same words: a high
# overlap of the rest and a Jaccard similarity that a headline against a long sentence cannot reach.
ROLE_MIN_OVERLAP = 0.6
ROLE_MIN_JACCARD = 0.5
# Not-comparable thresholds: dates at least this many months apart and overlap below the maximum
# mean different actions in different periods; different quantities plus different dates or names
# with overlap below the second maximum mean two different events (two shipments, two attacks).
DIFFERENT_PERIOD_MONTHS = 2
DIFFERENT_PERIOD_MAX_OVERLAP = 0.5
DIFFERENT_EVENT_MAX_OVERLAP = 0.35

# Verbs of events a plan can announce and a later report can confirm, in base and past forms.
_EVENT_BASE = ("send|deliver|receive|transfer|ship|sign|approve|announce|change|modify|revise|adopt|unveil|launch"
               "|begin|start|finish|complete|arrive|hand|decide|agree|allow|lift|ease|impose|export|import|provide"
               "|supply|give|take|hold|meet|visit|open|close|release|deploy|reach|move")
_EVENT_PAST = ("sent|delivered|received|transferred|shipped|signed|approved|announced|changed|modified|revised|adopted"
               "|unveiled|launched|began|begun|started|finished|completed|arrived|handed|decided|agreed|allowed|lifted"
               "|eased|imposed|exported|imported|provided|supplied|gave|given|took|taken|held|met|visited|opened"
               "|closed|released|deployed|reached|moved")
# Signs that a sentence states a plan or expectation, one pattern per line.
PLAN_MARKERS: list[tuple[str, str]] = [
    ("expected to", r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:expected|set|due|scheduled|poised|slated)\s+to\b"),
    ("will + event", rf"\b(?:will|shall)\s+(?:\w+ly\s+)?(?:be\s+)?(?:{_EVENT_BASE}|{_EVENT_PAST})\b"),
    ("plans to", r"\b(?:plans?|planned|planning|intends?|intended|aims?)\s+to\b"),
    ("is to be", r"\b(?:is|are)\s+to\s+be\s+\w+ed\b"),
    ("as soon as", r"\bas (?:soon|early) as\b"),
    ("could soon", r"\b(?:could|may|might)\s+soon\b"),
]
# Any talk of the future: a report of what happened must have none of it.
FUTURE_WORDS = r"\b(?:will|shall|won't|won’t|would|expected|plans?|planned|intends?|soon|upcoming|next)\b"
# Signs that a sentence reports an event that already happened, one pattern per line. Verbs of
# saying are left out: "officials said" is how a plan is reported too.
PAST_MARKERS: list[tuple[str, str]] = [
    ("has happened", rf"\b(?:has|have|had)\s+(?:already\s+|now\s+|since\s+)?(?:been\s+)?(?:{_EVENT_PAST})\b"),
    ("was done", rf"\b(?:was|were)\s+(?:\w+ly\s+)?(?:{_EVENT_PAST})\b(?!\s+to\b)"),
    ("did", rf"\b(?:{_EVENT_PAST})\b(?!\s+to\b)"),
]
_PLAN_RES = [(name, re.compile(p, re.IGNORECASE)) for name, p in PLAN_MARKERS]
_FUTURE_RE = re.compile(FUTURE_WORDS, re.IGNORECASE)
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
    plan: str | None  # the plan/expectation marker as written, if any
    future: bool  # any talk of the future at all
    past: str | None  # the past-event marker as written, if any
    number_stems: frozenset[str]  # stems of the words inside quantities and dates
    status: tuple[StatusMention, ...] = ()  # events said to be done, under way or not done yet
    contest: tuple[EntityMention, EntityMention] | None = None  # (winner, loser) of a contest it reports


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
        plan=_first_marker(_PLAN_RES, text),
        future=bool(_FUTURE_RE.search(text)),
        past=_first_marker(_PAST_RES, text),
        number_stems=number_stems,
        status=tuple(find_status(text)),
        contest=_winner_loser(text, entities),
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
        for text, doc in zip(todo, self._nlp.pipe(todo, batch_size=batch_size), strict=True):
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
                                  a_article.date if a_article else None, b_article.date if b_article else None,
                                  similarity=pair.similarity)

    def compare_texts(self, a_text: str, b_text: str, a_date: str | None = None, b_date: str | None = None,
                      similarity: float | None = None) -> Signals:
        """Signals for two sentence texts with their articles' dates (YYYY-MM-DD or None) and, when
        known, the embedding similarity of the two sentences."""
        return compare_facts(self.facts(a_text), self.facts(b_text), parse_iso(a_date), parse_iso(b_date), similarity)


_DEFAULT_EXTRACTOR: SignalExtractor | None = None


def compute_signals(pair: CandidatePair, articles: Mapping[str, Article]) -> Signals:
    """Signals for one pair, using a shared extractor (spaCy when installed) and its cache."""
    global _DEFAULT_EXTRACTOR
    if _DEFAULT_EXTRACTOR is None:
        _DEFAULT_EXTRACTOR = SignalExtractor()
    return _DEFAULT_EXTRACTOR.compare(pair, articles)


# ---------------------------------------------------------------------------------------------
# Comparing two sentences


def compare_facts(a: SentenceFacts, b: SentenceFacts, a_published: dt.date | None = None,
                  b_published: dt.date | None = None, similarity: float | None = None) -> Signals:
    """The signals for two extracted sentences, their articles' publication dates and (optional)
    their embedding similarity, which lets paraphrases with few shared words count as related."""
    notes: list[str] = []
    close = similarity is not None and not math.isnan(similarity) and similarity >= RELATED_SIMILARITY
    number_mismatches, number_differences = _number_mismatches(a, b, notes)
    if not number_mismatches and similarity is not None and similarity >= SAME_FIGURE_SIMILARITY:
        number_mismatches = _same_figure_mismatch(a, b)
    date_mismatches = _date_mismatches(a, b, a_published, b_published, notes, related_anyway=close)
    if similarity is not None and similarity < DATE_MIN_SIMILARITY:
        date_mismatches = []
    negation_mismatches = _polarity_mismatches(a, b)
    if _same_outcome(a, b):  # "B lost to A" and "A beat B": opposite words, the same result
        negation_mismatches = [m for m in negation_mismatches
                               if not {m.a_value.lower(), m.b_value.lower()} <= _CONTEST_WORDS]
    entity_mismatches = (_entity_mismatches(a, b, notes, related_anyway=close) or _role_mismatches(a, b)
                         or _winner_swap(a, b))
    progress = _not_yet_then_done(negation_mismatches, a_published, b_published)
    if progress:
        negation_mismatches = []
    status_mismatches, status_progress = ([], None) if negation_mismatches or progress else _status_clash(
        a, b, a_published, b_published, related_anyway=close)
    progress = progress or status_progress
    mismatches = number_mismatches + date_mismatches + negation_mismatches + entity_mismatches + status_mismatches
    # Progress (under way in an earlier article, done in a later one) is not a conflict even between
    # near-identical sentences, where the other not-comparable rules stand aside.
    reason = progress or (None if close else _not_comparable_reason(
        a, b, a_published, b_published, number_differences, date_mismatches, entity_mismatches))
    return Signals(
        mismatches=tuple(mismatches),
        comparable=reason is None,
        not_comparable_reason=reason,
        notes=tuple(notes),
    )


# Words either side of a number that say what happened to it ("injuring 14 people" vs "41 people
# were injured"); two counts of the same noun with nothing in common around them are usually
# different facts ("pulled six people out" vs "injuring 14 people").
NUMBER_CONTEXT_WORDS = 2  # nearest content words on each side
NUMBER_SAME_SENTENCE_OVERLAP = 0.7  # above this the sentences say the same thing anyway


def _around(facts: SentenceFacts, q: Quantity) -> frozenset[str]:
    noun = {q.noun or ""}
    before = [t for t in facts.tokens if t.end <= q.start and content_stems([t]) - noun]
    after = [t for t in facts.tokens if t.start >= q.end and content_stems([t]) - noun]
    return content_stems(before[-NUMBER_CONTEXT_WORDS:] + after[:NUMBER_CONTEXT_WORDS]) - noun


def _same_fact(a: SentenceFacts, b: SentenceFacts, qa: Quantity, qb: Quantity) -> bool:
    if _around(a, qa) & _around(b, qb):
        return True
    share, _ = _rest_overlap(a, b, a.number_stems | b.number_stems)
    return share >= NUMBER_SAME_SENTENCE_OVERLAP


def _number_mismatches(a: SentenceFacts, b: SentenceFacts, notes: list[str]) -> tuple[list[Mismatch], list[Mismatch]]:
    """(mismatches about the same fact, every difference in amounts of the same thing); the second
    list feeds the not-comparable rules (two different shipments differ in amount too)."""
    result = compare_quantities(list(a.quantities), list(b.quantities))
    out, differences = [], []
    for qa, qb in result.conflicts:
        what = {"USD": "amounts of money", "EUR": "amounts of money", "GBP": "amounts of money",
                "JPY": "amounts of money", "percent": "percentages"}.get(qa.unit or "", "numbers for the same thing")
        mismatch = Mismatch("number", qa.text, qb.text, f"Different {what}: {qa.text} vs {qb.text}.")
        differences.append(mismatch)
        if _same_fact(a, b, qa, qb):
            out.append(mismatch)
    if result.same:
        notes.append("same numbers: " + ", ".join(dict.fromkeys(qa.text for qa, _ in result.same)))
    if result.rounded:
        rounded = ", ".join(f"{qa.text} ~ {qb.text}" for qa, qb in result.rounded)
        notes.append(f"numbers agree within rounding: {rounded}")
    return out, differences


def _date_mismatches(a: SentenceFacts, b: SentenceFacts, a_published: dt.date | None, b_published: dt.date | None,
                     notes: list[str],
                     require_related: bool = True, related_anyway: bool = False) -> list[Mismatch]:
    """Dates that disagree. With `require_related`, only when the rest of the sentences overlap:
    otherwise the two dates probably belong to two different events."""
    agreed_a, agreed_b, conflicts, agreements = set(), set(), [], []
    share, shared = _rest_overlap(a, b, a.number_stems | b.number_stems)
    # Names alone do not make one event: "Norrvik Ferries launched its app in April" and "Norrvik
    # Ferries signed a wage deal in July" share the company and nothing else.
    share_words, _ = _rest_overlap(a, b, a.number_stems | b.number_stems | _name_stems(a) | _name_stems(b))
    related = not require_related or related_anyway or (
        share >= DATE_MIN_OVERLAP and shared >= MIN_SHARED_WORDS and share_words >= DATE_MIN_OVERLAP)
    for i, da in enumerate(a.dates):
        for j, db in enumerate(b.dates):
            if not (da.dates_event and db.dates_event):
                continue  # "officials said Tuesday", "on the same period last year": not when it happened
            status = compare_mentions(da, db, a_published, b_published)
            if status == "agree":
                agreed_a.add(i)
                agreed_b.add(j)
                agreements.append((da, db))
            elif status == "conflict":
                conflicts.append((i, j))
    out = []
    for i, j in conflicts if related else ():
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
    # Opposed words ("denied" vs "confirmed"), unless a "not" undoes the flip ("did not deny").
    if not any(not n.verbal for n in a.negations + b.negations):
        sides_a = {(p.pair, p.side): p for p in a.polar}
        sides_b = {(p.pair, p.side): p for p in b.polar}
        for (pair, side), pa in sides_a.items():
            pb = sides_b.get((pair, 1 - side))
            if pb is not None and (pair, 1 - side) not in sides_a and (pair, side) not in sides_b:
                return [Mismatch("negation", pa.word, pb.word,
                                 f"Opposite words in otherwise similar sentences: {pa.word!r} vs {pb.word!r}.")]
    # A negated word that the other sentence uses without negating it.
    for first, second, flip in ((a, b, False), (b, a, True)):
        negated_in_second = {n.target for n in second.negations}
        for negation in first.negations:
            if negation.target in second.stems and negation.target not in negated_in_second:
                plain = phrase_around(second.text, list(second.tokens), negation.target) or negation.target
                a_value, b_value = (plain, negation.phrase) if flip else (negation.phrase, plain)
                return [Mismatch("negation", a_value, b_value,
                                 f"One sentence negates what the other asserts: {a_value!r} vs {b_value!r}.")]
    return []


def _is_headline(facts: SentenceFacts) -> bool:
    """Title case ("Japan to Provide Patriot Missiles to U.S."): every word looks like a name there."""
    words = [t.text for t in facts.tokens if t.text[:1].isalpha() and len(t.text) > 3]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


def _entity_mismatches(a: SentenceFacts, b: SentenceFacts, notes: list[str], related_anyway: bool = False) -> list[Mismatch]:
    shared_names = [ea.text for ea in a.entities if any(same_name(ea, eb) for eb in b.entities)]
    if shared_names:
        notes.append("same names: " + ", ".join(dict.fromkeys(shared_names)))
    out = []
    if _is_headline(a) or _is_headline(b):
        return out  # capitalised headline words are not names to compare
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
            # Other names both sentences share ("the High Court", "Meridane") tie them to one statement
            # as firmly as shared words do, so they count in the overlap; only the differing names are left out.
            rest_a, rest_b = a.content - name_stems, b.content - name_stems
            n_names = len(set(shared_names))
            shared = len(rest_a & rest_b) + n_names
            smaller = min(len(rest_a), len(rest_b)) + n_names
            share = shared / smaller if smaller else 0.0
            if not related_anyway and (share < ENTITY_MIN_OVERLAP or shared < MIN_SHARED_WORDS):
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


def _role_mismatches(a: SentenceFacts, b: SentenceFacts) -> list[Mismatch]:
    """The same two names in swapped roles around the same words: "Harlow beat Dunmore" vs
    "Dunmore beat Harlow". A passive ("Harlow was beaten by Dunmore") swaps order without swapping
    roles, so a "by" in front of a name in one sentence only is not counted."""
    shared = []
    for ea in a.entities:
        eb = next((e for e in b.entities if same_name(ea, e)), None)
        if eb is not None and all(not same_name(ea, x) for x, _ in shared):
            shared.append((ea, eb))
    if len(shared) < 2:
        return []
    names = frozenset(stem(w) for ea, eb in shared for w in ea.words | eb.words)
    share, common = _rest_overlap(a, b, names)
    rest_a, rest_b = a.content - names, b.content - names
    jaccard = len(rest_a & rest_b) / max(len(rest_a | rest_b), 1)
    if share < ROLE_MIN_OVERLAP or common < MIN_SHARED_WORDS or jaccard < ROLE_MIN_JACCARD:
        return []
    for (x_a, x_b), (y_a, y_b) in zip(shared, shared[1:]):
        if (x_a.start < y_a.start) == (x_b.start < y_b.start):
            continue
        if ("by" in (x_a.before, y_a.before)) != ("by" in (x_b.before, y_b.before)):
            continue  # passive voice in one of them only: the order says nothing about the roles
        first_a, second_a = (x_a, y_a) if x_a.start < y_a.start else (y_a, x_a)
        first_b, second_b = (x_b, y_b) if x_b.start < y_b.start else (y_b, x_b)
        a_value, b_value = f"{first_a.text} ... {second_a.text}", f"{first_b.text} ... {second_b.text}"
        return [Mismatch("entity", a_value, b_value,
                         f"The same names in swapped roles: {a_value!r} vs {b_value!r}.")]
    return []


# Who won and who lost, however it is worded: "A beat B", "A won the cup, defeating B", "B lost to
# A", "B was beaten by A". Each pattern with whether the name before it is the winner.
_CONTEST_PATTERNS: list[tuple[re.Pattern, bool]] = [
    (re.compile(r"\b(?:was|were|been)\s+(?:beaten|defeated|edged|outvoted|outplayed)\s+by\b", re.IGNORECASE), False),
    (re.compile(r"\b(?:lost|loses|lose)\s+(?:\w+\s+){0,6}?to\b", re.IGNORECASE), False),
    (re.compile(r"\b(?:beat|beats|defeated|defeats|edged|overcame|overcomes|thrashed|outvoted|outplayed)\b",
                re.IGNORECASE), True),
    (re.compile(r"\b(?:won|wins)\b[^.;]*?\b(?:beating|defeating|against|over)\b", re.IGNORECASE), True),
]


def _winner_loser(text: str, entities: Iterable[EntityMention]) -> tuple[EntityMention, EntityMention] | None:
    """(winner, loser) of the contest a sentence reports, from the names either side of the verb."""
    entities = list(entities)
    for regex, winner_first in _CONTEST_PATTERNS:
        m = regex.search(text)
        if m is None:
            continue
        before = [e for e in entities if e.end <= m.start()]
        after = [e for e in entities if e.start >= m.end()]
        if before and after:
            first = max(before, key=lambda e: e.end)
            second = min(after, key=lambda e: e.start)
            return (first, second) if winner_first else (second, first)
    return None


_CONTEST_WORDS = WIN_LOSE[0] | WIN_LOSE[1]


def _same_outcome(a: SentenceFacts, b: SentenceFacts) -> bool:
    wa, wb = a.contest, b.contest
    return (wa is not None and wb is not None and same_name(wa[0], wb[0]) and same_name(wa[1], wb[1])
            and not same_name(wa[0], wa[1]))


def _winner_swap(a: SentenceFacts, b: SentenceFacts) -> list[Mismatch]:
    """The same two names, winner and loser swapped, in any wording: "Harlow won, defeating
    Dunmore" vs "Dunmore beat Harlow". Needs two different names on each side."""
    wa, wb = a.contest, b.contest
    if wa is None or wb is None or same_name(wa[0], wa[1]) or same_name(wb[0], wb[1]):
        return []
    if same_name(wa[0], wb[1]) and same_name(wa[1], wb[0]):
        a_value, b_value = f"{wa[0].text} over {wa[1].text}", f"{wb[0].text} over {wb[1].text}"
        return [Mismatch("entity", a_value, b_value,
                         f"Winner and loser swapped: {wa[0].text} won in one, {wb[0].text} in the other.")]
    return []


def _same_figure_mismatch(a: SentenceFacts, b: SentenceFacts) -> list[Mismatch]:
    """One figure each in two near-identical sentences, in the same unit, that cannot both be true."""
    qa, qb = list(a.quantities), list(b.quantities)
    if len(qa) != 1 or len(qb) != 1 or qa[0].unit != qb[0].unit or agree(qa[0], qb[0]):
        return []
    if qa[0].role == "total" or qb[0].role == "total":
        return []
    return [Mismatch("number", qa[0].text, qb[0].text,
                     f"Different figures in otherwise matching statements: {qa[0].text} vs {qb[0].text}.")]


def _status_clash(a: SentenceFacts, b: SentenceFacts, a_published: dt.date | None, b_published: dt.date | None,
                  related_anyway: bool = False) -> tuple[list[Mismatch], str | None]:
    """One sentence reports an event done, the other says the same event is still under way or not
    done yet. With publication dates: done in the earlier article and not done in the later one is
    a conflict; the other order is progress, returned as a not-comparable reason. Without them (or
    on the same day) it is a conflict whose reason says the order is unknown."""
    if not (a.status and b.status):
        return [], None
    for done_side, open_side, done_name, open_name in ((a, b, "a", "b"), (b, a, "b", "a")):
        for done in done_side.status:
            if not done.done:
                continue
            still = next((m for m in open_side.status if not m.done and m.family == done.family
                          and not any(o.done and o.family == done.family for o in open_side.status)), None)
            if still is None or not (related_anyway or _same_event(a, b)):
                continue
            done_date, open_date = (a_published, b_published) if done_name == "a" else (b_published, a_published)
            state = "still under way" if still.status == "ongoing" else "not done yet"
            if done_date and open_date and done_date > open_date:
                return [], (f"sentence {open_name} says the {done.family} was {state} ({still.marker!r}, published "
                            f"{open_date}), sentence {done_name} reports it done by a later date "
                            f"({done.marker!r}, published {done_date}): progress, not a conflict")
            first = f"Status: sentence {done_name}"
            if done_date and open_date and done_date < open_date:
                first += f" (published {done_date})"
                second = f"sentence {open_name}, published later ({open_date}), says"
            elif done_date and open_date:
                second = f"sentence {open_name}, published the same day, says"
            else:
                second = f"sentence {open_name} says"
            reason = (f"{first} reports the {done.family} done ({done.marker!r}); {second} it is {state} "
                      f"({still.marker!r})")
            if not (done_date and open_date):
                reason += "; which report is later is unknown"
            a_value, b_value = (done.marker, still.marker) if done_name == "a" else (still.marker, done.marker)
            return [Mismatch("other", a_value, b_value, reason + ".")], None
    return [], None


def _not_yet_then_done(negations: list[Mismatch], a_published: dt.date | None,
                       b_published: dt.date | None) -> str | None:
    """A "not yet" in an earlier article against the plain statement in a later one ("cannot yet
    book online" in March, "launched its online booking" in May) is progress, not a flip; the other
    order stays a negation conflict. Returns the not-comparable reason, or None."""
    if not negations or not (a_published and b_published) or a_published == b_published:
        return None
    m = negations[0]
    early_value, early_name, late_name, early, late = (
        (m.a_value, "a", "b", a_published, b_published) if a_published < b_published
        else (m.b_value, "b", "a", b_published, a_published))
    if not re.search(r"\byet\b", early_value, re.IGNORECASE):
        return None
    return (f"sentence {early_name} says it had not happened yet ({early_value!r}, published {early}), "
            f"sentence {late_name} reports it by a later date (published {late}): progress, not a conflict")


def _same_event(a: SentenceFacts, b: SentenceFacts) -> bool:
    names = _name_stems(a) & _name_stems(b)
    if len(names) >= STATUS_MIN_SHARED_NAMES:
        return True
    share, _ = _rest_overlap(a, b, frozenset())
    return bool(names) and share >= STATUS_MIN_OVERLAP


# ---------------------------------------------------------------------------------------------
# Comparability


def _not_comparable_reason(a: SentenceFacts, b: SentenceFacts, a_published: dt.date | None, b_published: dt.date | None,
                           number_mismatches: list[Mismatch], date_mismatches: list[Mismatch],
                           entity_mismatches: list[Mismatch]) -> str | None:
    """Why the two sentences describe different events, or None when nothing clearly says so.
    Conservative on purpose: a wrong "not comparable" hides a real conflict."""
    leave_out = a.number_stems | b.number_stems
    share, shared = _rest_overlap(a, b, leave_out)
    # A plan or expectation against a later article's report of what happened.
    for plan, report, plan_date, report_date, plan_name, report_name in (
        (a, b, a_published, b_published, "a", "b"), (b, a, b_published, a_published, "b", "a"),
    ):
        if (plan.plan and not plan.past and report.past and not report.future
                and plan_date and report_date and report_date > plan_date
                and share >= PLAN_MIN_OVERLAP and shared >= MIN_SHARED_WORDS):
            return (f"sentence {plan_name} describes a plan or expectation ({plan.plan!r}, "
                    f"published {plan_date}), sentence {report_name} reports what had happened by a later date "
                    f"({report.past!r}, published {report_date})")
    # Explicit dates in clearly different periods, and different wording for what happened.
    period = _period_gap(a, b, a_published, b_published)
    if period is not None:
        gap, year_only, shown_a, shown_b = period
        limit = DIFFERENT_EVENT_MAX_OVERLAP if year_only else DIFFERENT_PERIOD_MAX_OVERLAP
        if gap >= DIFFERENT_PERIOD_MONTHS and share < limit:
            return f"different periods ({shown_a} vs {shown_b}) and different actions described"
    # Different quantities and different dates or names, with little else in common: two events.
    if number_mismatches and not date_mismatches:
        # Unrelated wording hides date disagreements from the mismatches; here they count.
        date_mismatches = _date_mismatches(a, b, a_published, b_published, [], require_related=False)
    if number_mismatches and (date_mismatches or entity_mismatches):
        names = _name_stems(a) | _name_stems(b)
        share_without_names, _ = _rest_overlap(a, b, leave_out | names)
        if share_without_names < DIFFERENT_EVENT_MAX_OVERLAP:
            other = date_mismatches[0] if date_mismatches else entity_mismatches[0]
            first = number_mismatches[0]
            return (f"different quantities ({first.a_value} vs {first.b_value}) and different "
                    f"{_PLURALS[other.kind]} ({other.a_value} vs {other.b_value}) with little else in common: "
                    "probably two different events")
    return None


_PLURALS = {"date": "dates", "entity": "names", "number": "numbers", "negation": "polarities", "other": "details"}


def _period_gap(a: SentenceFacts, b: SentenceFacts, a_published: dt.date | None,
                b_published: dt.date | None) -> tuple[int, bool, str, str] | None:
    """The smallest distance in months between the dated mentions of the two sentences, whether
    it rests on bare years only, and the two closest mentions; None unless both have dates."""
    best = None
    for da in a.dates:
        ra = month_range(da, a_published)
        if ra is None or da.is_time or not da.dates_event:
            continue
        for db in b.dates:
            rb = month_range(db, b_published)
            if rb is None or db.is_time or not db.dates_event:
                continue
            gap = months_apart(ra, rb)
            if best is None or gap < best[0]:
                best = (gap, da.year_only or db.year_only, describe(da, a_published), describe(db, b_published))
    return best
