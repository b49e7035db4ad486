"""How many times something has happened within a stretch of time, read from the parse: "the first
eruption since 1961", "the third eruption this century", "the second theft from the museum in seven
years", "the first theft in its 140-year history".

An ordinal before the noun of the event told counts it among the occurrences of its kind in the
stretch of time the sentence gives, up to now: "the first ... since 1961" says there was none from 1961
until this one; "the third ... this century", that there were two before it since 2001. Two such counts
of one kind of event cannot both hold when the longer stretch counts fewer than the shorter one inside
it: the first since 1961 cannot be the third since 2001. The figures differ in kind from plain
numbers (an ordinal, a year that opens a stretch), so the number rule does not see them, and the years
look like two periods to the comparability rules, which stand aside when this rule finds a count.

Stretches read: "since 1961"; "since January" (the article's year, or the one before when the month is
still to come), "since March 2024"; "in seven years", "in more than a decade", "in nearly a decade", "in four
months" (from the article's date; starts a month apart or less are one start); "this century", "this year",
"in 2025" (since that year opened); a thing's whole history, however long it is said to be ("in its
history", "in the history of the brigade", "in its 52-year history"), which holds every other stretch. The
stretch may hang on the event's noun, on what the noun is of ("the fourth round of talks ... this year"), or
on the verb the count is told with, and the ordinal may complete a copula ("The strike is the third by the
union since 2023"). A holder's count that a copula states is over the holder's whole history ("It was the
brigade's second walkout"). An ordinal without a stretch ("the second ferry", "scored the club's second
goal") names one of a series and is no count here.

One kind of event: the same noun, nouns of one first sense in WordNet, or a noun that names an occurrence
of whatever the words beside it tell ("time", "incident": "the second time that scanning problems had
delayed entry") against a noun those words share ("the third scanning failure").

Not for: the same count of two kinds of event, or counts of one kind that do not nest (both can hold).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from text_to_num import text2num

from ..types import Mismatch
from .facts import Occurrence
from .nouns import event_noun, one_noun
from .numbers import ordinal_value
from .rule import PairContext, Rule
from .starts import MAKING
from .verbs import verb_lemma

_YEARS = {"year": 1, "decade": 10, "century": 100}
# Stretches back from the article's date that "in N ..." gives, in years ("in four months").
_SPANS = {**_YEARS, "month": 1 / 12, "week": 7 / 365}
# Starts of two stretches this close (in years) are one start told at a month's grain ("in four months" /
# "since November"): counts over them that differ cannot both hold.
_SAME_START = 1 / 12


def find_occurrences(doc: Any) -> list[Occurrence]:
    """The counted occurrences of a parsed sentence ("the third eruption this century"); [] without a
    parse or where the count has no stretch of time."""
    if doc is None or not doc.has_annotation("DEP"):
        return []
    out = []
    for tok in doc:
        noun = _counted_noun(tok)
        if noun is None:
            continue
        nth = ordinal_value(tok.lower_)
        if nth is None or nth != int(nth) or nth < 1:
            continue
        # the stretch hangs on the noun, or on the verb the count is told with ("This is the third leak
        # from the pipeline since January": "since" may attach to "is")
        hyphened = _before_hyphen(tok)  # "the town's second by-election" (_hyphened_noun)
        modifies = tok.head.i == noun.i or hyphened  # "the third eruption" (else "the strike is the third")
        told = noun.head if modifies else tok.head
        if hyphened:  # the parse of a split word hangs its parts anyhow: the verb above it tells the count
            told = next((t for t in noun.ancestors if t.pos_ in ("AUX", "VERB")), noun.head)
        window = (_window(noun if modifies else tok) or _window_of(noun) or _window_of_clause(noun)
                  or (_window(told) if told.pos_ in ("AUX", "VERB") else None)
                  or (_WHOLE_HISTORY if modifies and (_holder_counts(noun) or _edition(noun)) else None))
        if window is not None:
            first = min(tok.i, noun.i)
            key = _noun_key(_series_of(noun) if _edition(noun) else noun)
            out.append(Occurrence(noun=key, nth=int(nth), since=window[0], years=window[1],
                                  text=doc[first:max(noun.right_edge.i, tok.right_edge.i) + 1].text,
                                  since_month=window[2], about=_about(noun, tok)))
    return out


def _window_of(noun: Any) -> tuple[int | None, float | None, int | None] | None:
    """The stretch told on what a counted noun is of ("the fourth round of talks ... this year")."""
    return next((w for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for obj in prep.children if obj.dep_ == "pobj" for w in [_window(obj)] if w is not None), None)


def _window_of_clause(noun: Any) -> tuple[int | None, float | None, int | None] | None:
    """The stretch told in a clause on the counted noun ("the fourth time the cable has failed since it was
    laid", "the fourth auction run by the regulator since 2009")."""
    return next((w for c in noun.children if c.dep_ in ("relcl", "acl") for w in [_window(c)] if w is not None),
                None)


def _edition(noun: Any) -> bool:
    """An edition of a recurring event ("the festival's 12th edition", "the 14th edition of the telethon"):
    editions are numbered from the first, so the count is over the event's whole history."""
    return noun.lemma_.lower() == "edition"


def _series_of(noun: Any) -> Any:
    """The recurring event an edition is of (its "of" object or its possessor), else the noun itself."""
    of = next((o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
               for o in p.children if o.dep_ == "pobj"), None)
    return of or next((c for c in noun.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), noun)


# The stretch of a count over the whole history of a thing: every start of a shorter stretch is inside it.
_WHOLE_HISTORY = (None, float("inf"), None)


def _holder_counts(noun: Any) -> bool:
    """A count of a holder's events that a copula states ("It was the brigade's second walkout"): over the
    holder's whole history. An ordinal that names which of them a sentence speaks of ("scored the team's
    second goal") counts nothing."""
    return noun.dep_ == "attr" and event_noun(noun.lemma_.lower()) and any(c.dep_ == "poss" for c in noun.children)


# Nouns that name an occurrence of whatever the words beside them tell ("the second time that scanning
# problems had delayed entry", "the third incident in which rounds fell outside the range"): a count of
# them is a count of that event, which another sentence may name with its own noun ("scanning failure").
_ANY_EVENT = frozenset({"time", "occasion", "instance", "incident"})
# Words of a stretch of time, which tell no event.
_STRETCH_WORDS = frozenset(_SPANS) | {"history", "century", "this", "since", "in"}


def _about(noun: Any, ordinal: Any) -> frozenset[str]:
    """Content lemmas of the words that tell the counted event (its noun's subtree, beside the noun, the
    ordinal and the stretch): what an occurrence noun such as "time" is an occurrence of."""
    words = list(noun.subtree)
    if noun.dep_ == "attr":  # "It was the third time ... that floodwater had closed the tunnel": a clause on the copula
        words += [t for c in noun.head.children if c.dep_ in ("ccomp", "advcl") and c.i > noun.i for t in c.subtree]
    return frozenset(t.lemma_.lower() for t in words
                     if t.i not in (noun.i, ordinal.i) and t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ")
                     and not t.is_stop and t.lemma_.lower() not in _STRETCH_WORDS)


def _counted_noun(tok: Any) -> Any:
    """The noun of the event an ordinal counts: the noun it modifies ("the third eruption"), or the
    subject of the copula it completes ("The strike is the third by the association since 2023")."""
    if tok.dep_ == "amod" and _before_hyphen(tok):
        return _hyphened_noun(tok)
    # ("the event's 11th edition": the parser tags an ordinal in digits a compound)
    if tok.dep_ in ("amod", "compound") and (tok.head.pos_ in ("NOUN", "PROPN") or _gerund_noun(tok.head)):
        return tok.head  # a named recurring event too ("the eleventh Teleton Esperanza")
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        return next((c for c in tok.head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    return None


def _before_hyphen(tok: Any) -> bool:
    """An ordinal before a word the tokeniser split at a hyphen ("second by-election"), whose parts the
    parser hangs anyhow (the ordinal on "town" or on "by"); not where it hangs the ordinal on a noun after
    it ("the second cold-chain failure": on "failure")."""
    misread = tok.head.i < tok.i or tok.head.pos_ not in ("NOUN", "PROPN")
    return misread and tok.i + 3 < len(tok.doc) and tok.doc[tok.i + 2].text == "-"


def _hyphened_noun(tok: Any) -> Any:
    """The noun an ordinal counts before a hyphened word: the word's last part ("election" in "by-election")."""
    doc, j = tok.doc, tok.i + 1
    while j + 2 < len(doc) and doc[j + 1].text == "-":
        j += 2
    return doc[j] if doc[j].pos_ == "NOUN" else None


def _gerund_noun(tok: Any) -> bool:
    """A gerund the parse tags as a verb where it names the event as a noun does ("It was the third fatal
    police shooting"): it fills a noun's part and takes a determiner."""
    return tok.tag_ == "VBG" and tok.dep_ in ("attr", "nsubj", "nsubjpass", "dobj", "pobj", "appos") and any(
        c.dep_ == "det" for c in tok.children)


def _noun_key(noun: Any) -> str:
    """The counted noun as the rule compares it: its lemma, or a gerund as written ("shooting")."""
    return noun.lower_ if noun.tag_ == "VBG" else noun.lemma_.lower()


def _window(noun: Any) -> tuple[int | None, float | None, int | None] | None:
    """(first year, None, None) for "since 1961"; (None, length in years, None) for a stretch back from
    the article's date ("in seven years": 7); (None, -100, None) for "this century" and (None, -1, None)
    for "this year", whose first year depends on the article's date (`_start`); (year or None, None,
    month) for "since January" and "since March 2023"."""
    for child in noun.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in child.children):
            return _since_clause(child)
        if child.dep_ == "prep" and child.lower_ == "since":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.text.isdigit() and len(obj.text) == 4:
                return int(obj.text), None, None
            month = None if obj is None else _MONTHS.get(obj.lower_)
            if month is not None:
                year = next((g for g in obj.subtree if g.text.isdigit() and len(g.text) == 4), None)
                return (int(year.text) if year is not None else None), None, month
        if child.dep_ == "prep" and child.lower_ == "in":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() == "history":
                return _WHOLE_HISTORY  # "in its history", "in the history of the brigade", "its 52-year history"
            if obj is not None and _YEAR_RE.fullmatch(obj.text):
                return int(obj.text), None, None  # "the third failure at the arena in 2025": since its start
            length = None if obj is None else _length(obj)
            if length is not None:
                return None, length, None
        if child.dep_ == "npadvmod" and child.lemma_.lower() in ("century", "year") and any(
                d.dep_ == "det" and d.lower_ == "this" for d in child.children):
            return None, -float(_YEARS[child.lemma_.lower()]), None
    return None


def _since_clause(verb: Any) -> tuple[int | None, float | None, int | None] | None:
    """The stretch a clause with "since" opens: at the year it gives ("since it opened in 1998", "since the
    council was elected in 2023"), else at the making of the thing its verb makes or opens ("since it was
    installed", "since the foundation launched the event"), which is that thing's whole history; None for
    an undated clause of another act ("since the dispute began" opens on a day it does not give)."""
    year = next((t for t in verb.subtree if _YEAR_RE.fullmatch(t.text)), None)
    if year is not None:
        return int(year.text), None, None
    month = next((_MONTHS[t.lower_] for t in verb.subtree if t.lower_ in _MONTHS and t.pos_ == "PROPN"), None)
    if month is not None:
        return None, None, month
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    lemma = verb_lemma(verb)
    # (the lemmatiser gives the British "instal" for "installed")
    if (lemma in MAKING or f"{lemma}l" in MAKING) and not (subject is not None and subject.pos_ == "NOUN" and (
            event_noun(subject.lemma_.lower()) or subject.lemma_.lower() in _PERIODS)):
        return _WHOLE_HISTORY
    return None


# Periods whose beginning opens a stretch of unknown start ("since the season began"), as an event's does
# ("since the strike began", nouns.event_noun): no thing's making.
_PERIODS = frozenset(_SPANS) | {"season", "term", "period", "era"}


_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_YEAR_RE = re.compile(r"(?:1[89]|20)\d\d")


def _length(obj: Any) -> float | None:
    """Years in "seven years", "more than a decade", "its 140-year history", "four months"."""
    unit = obj if obj.lemma_.lower() in _SPANS else next(
        (c for c in obj.children if c.dep_ in ("compound", "amod") and c.lemma_.lower() in _SPANS), None)
    if unit is None:
        return None
    count = next((c for c in unit.children if c.dep_ == "nummod"), None)
    value = None if count is None else _count(count.text)
    if value is not None:
        return value * _SPANS[unit.lemma_.lower()]
    if any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an") for c in unit.children):
        return float(_SPANS[unit.lemma_.lower()])  # "in a decade", "in nearly a decade" (the parser's nummod)
    return None


def _count(text: str) -> int | None:
    """A count in digits or words ("140", "seven")."""
    digits = text.replace(",", "")
    if digits.isdigit():
        return int(digits)
    try:
        return int(text2num(text.lower(), "en"))
    except ValueError:
        return None


def _start(o: Occurrence, published: dt.date | None) -> float | None:
    """The year the stretch of an occurrence count opens."""
    if o.since_month is not None:
        year = o.since
        if year is None and published is not None:  # "since January": this year's, or last year's if not yet
            year = published.year if o.since_month <= published.month else published.year - 1
        return None if year is None else year + (o.since_month - 1) / 12
    if o.since is not None:
        return float(o.since)
    if o.years == _WHOLE_HISTORY[1]:
        return -float("inf")  # the whole history: it opens before any other stretch, and with another whole history
    if published is None or o.years is None:
        return None
    if o.years < 0:  # "this century", "this year"
        span = -o.years
        return float((published.year - 1) // int(span) * int(span) + 1) if span > 1 else float(published.year)
    return published.year + (published.timetuple().tm_yday / 366) - o.years


@dataclass(frozen=True)
class OccurrenceSettings:
    """Weight of the occurrence-count rule."""

    weight: float = 0.7  # noisy-OR weight, as for a number that differs


def find_occurrence_mismatches(ctx: PairContext, settings: OccurrenceSettings) -> list[Mismatch]:
    """Counts of one kind of event over nested stretches of time that cannot both hold."""
    for x in ctx.a.occurrences:
        for y in ctx.b.occurrences:
            if any(m.a_value in x.text and m.b_value in y.text for m in ctx.differences):
                continue  # the number rule found these ordinals apart already ("the fifth round of talks")
            sx, sy = _start(x, ctx.a_published), _start(y, ctx.b_published)
            if sx is None or sy is None:
                continue
            one_start = sx == sy or abs(sx - sy) <= _SAME_START
            if one_noun(x.noun, y.noun) or _one_event(x, y):
                # the longer stretch (the earlier start) holds the shorter: it counts at least as many
                longer, shorter = (x, y) if sx <= sy else (y, x)
                conflict = shorter.nth > longer.nth or (one_start and x.nth != y.nth)
                why = "Counts of one kind of event over stretches of time one inside the other cannot both hold"
            elif one_start and (kind_of(x.noun, y.noun) or kind_of(y.noun, x.noun)):
                # "the third landslide since 2017" / "the slide was the second since 2017": over one stretch,
                # the kind counts at least as many as its sort
                sort, kind = (x, y) if x.noun.endswith(y.noun) else (y, x)
                conflict = kind.nth < sort.nth
                why = f"Over one stretch of time there are at least as many of {kind.noun!r} as of {sort.noun!r}"
            else:
                continue
            if conflict:
                a_value, b_value = x.text, y.text
                return [Mismatch("number", a_value, b_value, f"{why}: {a_value!r} vs {b_value!r}.")]
    return []


def _one_event(x: Occurrence, y: Occurrence) -> bool:
    """Counts of one event where one names it by an occurrence noun ("the second time that scanning
    problems had delayed entry" / "the third scanning failure"; "the second time ... ordnance fired at
    Kokzhar" / "the third incident in which rounds fired at Kokzhar"): the words that tell it share a word."""
    generic = [o for o in (x, y) if o.noun in _ANY_EVENT]
    if not generic:
        return False
    other = y if generic[0] is x else x
    return bool(generic[0].about & (other.about | {other.noun}))


def kind_of(sort: str, kind: str) -> bool:
    """Whether a closed compound names a sort of its last part ("landslide" a sort of "slide", "wildfire" of
    "fire"): English's compounds name a sort of their head. The compound must be a noun of an event
    (nouns.event_noun) and the part before its head at least `_MIN_PART` letters."""
    return sort != kind and sort.endswith(kind) and len(sort) - len(kind) >= _MIN_PART and event_noun(sort)


# Letters a closed compound's first part has at least ("mud" in "mudslide"): shorter endings are suffixes.
_MIN_PART = 3


RULE = Rule(name="occurrences", kind="number", settings=OccurrenceSettings, find=find_occurrence_mismatches)
