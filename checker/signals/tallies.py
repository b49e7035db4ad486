"""A running total told at two times: "the fire had burned about 4,200 hectares by Tuesday morning" /
"the fire eventually burned 6,800 hectares", "by nightfall on Sunday 17 bodies had been recovered" /
"by Wednesday evening the toll had risen to 29".

A figure given as of a time ("by", "as of" before a date) or as the final one ("eventually", "in all",
"in total", "ultimately") counts what had happened up to then. Two such figures at different times
that grow with time are two readings of one tally, which can both be true: the number rule sets them
aside as a doubt for the review list ("worth a look"), not a conflict. A later figure below an earlier
one is still a mismatch (a tally that shrinks is a disagreement), and two figures as of the same time
stay a mismatch too.

Reads the dates the date extractor found (dates.py) and the words before them; no parse.

Not for: figures with no time said, or a count that may fall (people in shelters, patients in
hospital), which needs no marker here to stay a mismatch: only the markers above make a tally.
"""
from __future__ import annotations

import datetime as dt
import re

from .dates import resolve
from .facts import DateMention, Quantity, SentenceFacts

# "by" or "as of" right before a date, or before a time of day and "on" ("By Tuesday morning", "by
# nightfall on Sunday", "as of the end of March"); not "noticed by fishermen yesterday".
_AS_OF_RE = re.compile(r"\b(?:by|as\s+of)\s+(?:(?:late|early|the\s+end\s+of|nightfall|noon|midday|midnight|dawn|dusk)"
                       r"\s+)?(?:on\s+)?$", re.IGNORECASE)

# The last figure of a tally.
_FINAL_RE = re.compile(r"\b(?:eventually|ultimately|in\s+all|in\s+total|final\s+(?:toll|tally|count|figure))\b",
                       re.IGNORECASE)

FINAL = dt.date.max  # the time of a final figure: after any other


def as_of(facts: SentenceFacts, published: dt.date | None) -> dt.date | None:
    """The day a sentence gives its figures as of: a date after "by" or "as of" that the article's date
    fixes to one day, or FINAL for a final figure; None where it says neither or the day is unknown."""
    for d in facts.dates:
        if _AS_OF_RE.search(facts.text[max(0, d.start - 30):d.start]):
            day = _one_day(d, published)
            if day is not None:
                return day
    return FINAL if _FINAL_RE.search(facts.text) else None


def _one_day(d: DateMention, published: dt.date | None) -> dt.date | None:
    days = {(r.year, r.month, r.day) for r in resolve(d, published)}
    if len(days) != 1:
        return None
    (y, m, day), = days
    if None in (y, m, day):
        return None
    try:
        return dt.date(y, m, day)
    except ValueError:
        return None


def grows(a: SentenceFacts, qa: Quantity, a_published: dt.date | None,
          b: SentenceFacts, qb: Quantity, b_published: dt.date | None) -> str | None:
    """Why two differing figures may be one tally at two times (for the review list), or None: each
    sentence gives its figure as of another time, and the later figure is the larger."""
    ta, tb = as_of(a, a_published), as_of(b, b_published)
    if ta is None or tb is None or ta == tb:
        return None
    (early, t_early), (late, t_late) = sorted([(qa, ta), (qb, tb)], key=lambda x: x[1])
    if late.high < early.low:
        return None
    shown = {FINAL: "the final figure"}
    return (f"a running total at two times: {early.text} ({shown.get(t_early, f'as of {t_early:%d %B}')}) and "
            f"{late.text} ({shown.get(t_late, f'as of {t_late:%d %B}')})")
