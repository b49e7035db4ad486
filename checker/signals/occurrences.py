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

Stretches read: "since 1961"; "in seven years", "in more than a decade", "in its 140-year history" (from
the article's date); "this century", "this year". An ordinal without a stretch ("the second ferry") names
one of a series and is no count here.

Not for: the same count of two kinds of event, or counts of one kind that do not nest (both can hold).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from text_to_num import text2num

from ..types import Mismatch
from .facts import Occurrence
from .numbers import ordinal_value
from .rule import PairContext, Rule

_YEARS = {"year": 1, "decade": 10, "century": 100}


def find_occurrences(doc: Any) -> list[Occurrence]:
    """The counted occurrences of a parsed sentence ("the third eruption this century"); [] without a
    parse or where the count has no stretch of time."""
    if doc is None or not doc.has_annotation("DEP"):
        return []
    out = []
    for tok in doc:
        if tok.dep_ != "amod" or tok.head.pos_ != "NOUN":
            continue
        nth = ordinal_value(tok.lower_)
        if nth is None or nth != int(nth) or nth < 1:
            continue
        window = _window(tok.head)
        if window is not None:
            noun = tok.head
            out.append(Occurrence(noun=noun.lemma_.lower(), nth=int(nth), since=window[0], years=window[1],
                                  text=doc[tok.i:max(noun.right_edge.i, tok.i) + 1].text))
    return out


def _window(noun: Any) -> tuple[int | None, float | None] | None:
    """(first year, None) for "since 1961"; (None, length in years) for a stretch back from the
    article's date ("in seven years": 7); (None, -100) for "this century" and (None, -1) for "this
    year", whose first year depends on the article's date (`_start`)."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "since":
            year = next((g for g in child.children if g.dep_ == "pobj" and g.text.isdigit() and len(g.text) == 4), None)
            if year is not None:
                return int(year.text), None
        if child.dep_ == "prep" and child.lower_ == "in":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            length = None if obj is None else _length(obj)
            if length is not None:
                return None, length
        if child.dep_ == "npadvmod" and child.lemma_.lower() in ("century", "year") and any(
                d.dep_ == "det" and d.lower_ == "this" for d in child.children):
            return None, -float(_YEARS[child.lemma_.lower()])
    return None


def _length(obj: Any) -> float | None:
    """Years in "seven years", "more than a decade", "its 140-year history"."""
    unit = obj if obj.lemma_.lower() in _YEARS else next(
        (c for c in obj.children if c.dep_ in ("compound", "amod") and c.lemma_.lower() in _YEARS), None)
    if unit is None:
        return None
    count = next((c for c in unit.children if c.dep_ == "nummod"), None)
    value = None if count is None else _count(count.text)
    if value is not None:
        return value * _YEARS[unit.lemma_.lower()]
    if count is None and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in unit.children):
        return float(_YEARS[unit.lemma_.lower()])  # "in a decade", "in more than a decade"
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
    if o.since is not None:
        return float(o.since)
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
            if x.noun != y.noun:
                continue
            sx, sy = _start(x, ctx.a_published), _start(y, ctx.b_published)
            if sx is None or sy is None:
                continue
            # the longer stretch (the earlier start) holds the shorter: it counts at least as many
            longer, shorter = (x, y) if sx <= sy else (y, x)
            if shorter.nth > longer.nth or (sx == sy and x.nth != y.nth):
                a_value, b_value = x.text, y.text
                return [Mismatch("number", a_value, b_value,
                                 f"Counts of one kind of event over stretches of time one inside the other cannot "
                                 f"both hold: {a_value!r} vs {b_value!r}.")]
    return []


RULE = Rule(name="occurrences", kind="number", settings=OccurrenceSettings, find=find_occurrence_mismatches)
