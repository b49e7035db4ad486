"""Relative and vague times in a news sentence ("next month", "by the autumn", "within days", "later
this decade", "as early as Tuesday", "in two weeks", "earlier this year", "last week", weekends,
seasons, quarters, decades such as "the mid-2030s"), each resolved against the article's publication date to an interval of days, and whether
two sentences give times for one event that cannot both be true.

A mention keeps what the text says (`TimeMention`: a resolver and its arguments); `interval` turns
it into the first and last day it can mean, given the publication date. Vague words get wide
intervals on purpose: "soon" is the next three months, "within weeks" the next three, "in the coming
months" the next eighteen, so "soon" and "next month" agree. Deadlines ("by the autumn", "by the end
of the year") run from publication to the deadline. Seasons are the northern hemisphere's
meteorological ones (spring is March to May).

Articles without a date or a base day (see below) still have their relative times compared with each
other, on the assumption that both
were written on the same day: a conflict only when the two cannot overlap whatever day of the year
that was ("last week" / "next year" always conflict; "next month" / "this year" do not, since in
December next month is next year), or whatever year it was when a dateline gives only the day
("LONDON, December 15 (Reuters)": then "next month" / "this year" conflict). A relative time against
an explicit year ("in 2030") needs a day with its year and is not compared without one.

The time rule (`RULE`, at the end) compares every relative time of one sentence with every time of
the other, relative or a date from dates.py ("in May", "next year"), and reports two that cannot
overlap when the sentences are about one event. It assigns the kind "date": to a reader a time is
a date said another way, and the reason names the intervals.

Why not dateparser (installed with trafilatura): measured while writing this module (1.5.0,
RELATIVE_BASE 2024-03-05), it reads "next month", "last week", "in two weeks" and "in three months"
as one instant (2024-04-05, not April), and returns nothing for "by the autumn", "within days",
"later this decade", "as early as Tuesday", "earlier this year", "this summer", "next spring", "in
the third quarter", "by the end of the year" or "soon". parsedatetime 2.6 reads instants too (and
"earlier this year" as December 31) and misses "by the autumn", "within days", "later this decade",
"this summer", "in the third quarter", "next spring" and "soon"; timefhuman 0.1.5 finds only "as
early as Tuesday" (as the publication day itself) and "in two weeks" of that list. recognizers-text
1.0.2a2 finds most and resolves "next month" to its days, but leaves "this summer", "in the autumn",
"over the winter" and "before the end of the year" unresolved (a season or year code, no days),
misses "within weeks", and does not import with a current `emoji`; measured on the tuning set and the
demo by eval/extraction_compare.py (eval/results/extraction/compare.md). The vague intervals are what
the comparison rests on, so they are written here.

The day relative times are read from: the article's publication date; failing that, Article.date_base
(ingest.date_base: a wire dateline's day, another date field of the feed record, or the file's
modification time), and the reason of a conflict says which ("this summer read from 2024-03-05, the
dateline 'LONDON, March 5, 2024 (Reuters)'"). A difference that rests on a file's modification time,
which may be the day the file was copied, is only worth a look (`Signals.doubts`), with the same reason.

"Two days later" counts from another event the story tells, not from publication: it is found (so that
nothing else reads its words) but given no interval. A weekend is its Saturday and Sunday: "last
weekend" the one before the week of publication (on a Monday, the one just ended), "the weekend" the
last one in a sentence about the past, else from the last one to the coming one.

Not for: dates that fix a day, month or year ("March 2024", "on Friday", "next year", "this morning":
dates.py), clock times, durations ("for two weeks": starts.py reads them with the perfect), or times of
the southern hemisphere's seasons.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Callable

from ..text import stem
from ..types import DatedActQuestion, DateBase, Mismatch
from .comparability import past_marker, talks_of_future
from .dates import (WEEKDAYS, dated_act_question, marks_two_events, may_ask_of_dated_acts, occasion_phrase,
                    occasion_reason, parse_iso, resolve)
from .facts import DateMention, SentenceFacts, TimeMention
from .numbers import _parse_number
from .phases import one_dated_event
from .rule import PairContext, Rule, name_stems, rest_overlap


Interval = tuple[dt.date, dt.date]

_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365, "decade": 3652}
# Seasons as (first month, last month); winter runs into the next year.
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4,
             "q1": 1, "q2": 2, "q3": 3, "q4": 4}
# Vague spans from publication: "within days" is the next two weeks.
_VAGUE_AHEAD = {"hours": 3, "days": 14, "weeks": 91, "months": 548, "years": 3650}
# A count of units of time, in digits or in words below a hundred ("sixteen years ago", "twenty-five years
# ago"; read by numbers._parse_number), or a few of them.
_SMALL_WORD = "one|two|three|four|five|six|seven|eight|nine"
_NUMBER_WORD = (rf"\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:{_SMALL_WORD}))?"
                rf"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_SMALL_WORD}"
                r"|a|an|a\s+couple\s+of|a\s+few|several")
# A verb in the past tense: a sentence with one and no talk of the future reports what happened.
_PAST_RE = re.compile(r"\b(?:was|were|had|did|fell|rose|grew|began|came|went|saw|took|made|sold|won|lost|"
                      r"[a-z]{3,}ed)\b", re.IGNORECASE)
_UNIT = r"(?P<unit>day|week|fortnight|month|year|decade)s?"
_SEASON = r"(?P<season>spring|summer|autumn|fall|winter)"


def _count(word: str) -> float:
    word = " ".join(word.lower().split())
    if word in ("a", "an"):
        return 1
    if word == "a couple of":
        return 2
    if word in ("a few", "several"):
        return 3.5
    return _parse_number(word) or 1


def _add_days(d: dt.date, days: float) -> dt.date:
    return d + dt.timedelta(days=round(days))


def _month_bounds(year: int, month: int) -> Interval:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _unit_bounds(unit: str, pub: dt.date, offset: int) -> Interval:
    """The calendar week, month, quarter, year or decade `offset` units from the one of `pub`."""
    if unit == "week":
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=offset)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        return _month_bounds(*_shift_month(pub.year, pub.month, offset))
    if unit == "quarter":
        q = (pub.month - 1) // 3 + offset
        year, first = _shift_month(pub.year, 1, q * 3)
        return dt.date(year, first, 1), _month_bounds(*_shift_month(year, first, 2))[1]
    if unit == "year":
        return dt.date(pub.year + offset, 1, 1), dt.date(pub.year + offset, 12, 31)
    start = pub.year // 10 * 10 + 10 * offset  # decade
    return dt.date(start, 1, 1), dt.date(start + 9, 12, 31)


def _season_bounds(season: str, year: int) -> Interval:
    first, last = _SEASONS[season]
    end_year = year + 1 if last < first else year
    return dt.date(year, first, 1), _month_bounds(end_year, last)[1]


def _season_near(season: str, pub: dt.date, which: str) -> Interval:
    """'this'/'next'/'last' season, 'started' for the latest one that has begun, or the coming one (the
    current one while it lasts) for a bare one."""
    candidates = [_season_bounds(season, y) for y in (pub.year - 2, pub.year - 1, pub.year, pub.year + 1)]
    ongoing_or_next = next(iv for iv in candidates if iv[1] >= pub)
    if which == "last":
        return [iv for iv in candidates if iv[1] < pub][-1]
    if which == "started":
        return [iv for iv in candidates if iv[0] <= pub][-1]
    if which == "next":
        following = next(iv for iv in candidates if iv[0] > pub)
        return following
    return ongoing_or_next


# ----------------------------------------------------------------------------- the patterns
# Each: (name, pattern, resolver). A resolver gets the match and the publication date and returns the
# interval, or None. Tried in order; a later pattern never claims text an earlier one took.

def _r_this_part(m: re.Match, pub: dt.date, past: bool = False) -> Interval:
    """earlier / later this week, month, year, decade."""
    lo, hi = _unit_bounds(m.group("unit"), pub, 0)
    return (lo, pub) if m.group("part").lower() == "earlier" else (pub, hi)


def _r_end_of(m: re.Match, pub: dt.date, past: bool = False) -> Interval:
    """by / before / at the end of the (this / next) week, month, year, decade: from publication on."""
    which = (m.group("which") or "this").lower()
    lo, hi = _unit_bounds(m.group("unit"), pub, {"this": 0, "the": 0, "next": 1}.get(which, 0))
    if (m.group("lead") or "").lower() in ("by", "before"):
        return pub, hi
    return max(lo, _add_days(hi, -45)), hi  # "at the end of the year": its last weeks


def _r_relative_unit(m: re.Match, pub: dt.date, past: bool = False) -> Interval:
    """next / last / this / coming / past week, month, quarter, decade (the calendar unit)."""
    rel = m.group("rel").lower()
    offset = {"next": 1, "coming": 1, "last": -1, "past": -1, "previous": -1, "this": 0, "current": 0}[rel]
    lo, hi = _unit_bounds(m.group("unit"), pub, offset)
    if m.group("unit") == "week" and offset == -1:
        lo, hi = lo, max(hi, _add_days(pub, -1))  # "last week" also means the past seven days
    if m.group("edge"):
        span = (hi - lo).days
        edge = m.group("edge").lower()
        if edge == "early":
            hi = _add_days(lo, span / 3)
        elif edge == "late":
            lo = _add_days(hi, -span / 3)
        else:  # mid
            lo, hi = _add_days(lo, span / 4), _add_days(hi, -span / 4)
    return lo, hi


def _r_in_count(m: re.Match, pub: dt.date, past: bool = False) -> Interval:
    """in / within / after N units, N units from now / later / ago."""
    n = _count(m.group("n"))
    days = n * _UNIT_DAYS[m.group("unit").lower()]
    lead = (m.group("lead") or "").lower()
    tail = (m.group("tail") or "").lower()
    if lead == "within":
        return pub, _add_days(pub, days)
    slack = max(_UNIT_DAYS[m.group("unit").lower()] / 2, days * 0.25)
    centre = -days if tail == "ago" else days
    lo, hi = _add_days(pub, centre - slack), _add_days(pub, centre + slack)
    if lead == "after" or (m.group("fuzzy") or "").lower() in ("a few", "several"):
        hi = _add_days(pub, centre + 2 * slack + days)
    return lo, hi


def _r_vague_ahead(m: re.Match, pub: dt.date, past: bool = False) -> Interval:
    """within days / weeks / months; in the coming days / weeks / months."""
    return pub, _add_days(pub, _VAGUE_AHEAD[m.group("units").lower()])


def _r_vague_past(m: re.Match, pub: dt.date, past: bool = False) -> Interval:
    """in recent days / weeks / months; over the past few weeks."""
    return _add_days(pub, -_VAGUE_AHEAD[m.group("units").lower()]), pub


def _r_soon(m: re.Match, pub: dt.date, past: bool = False) -> Interval:
    """soon, shortly, imminently, in the near future."""
    word = m.group().lower()
    return pub, _add_days(pub, 30 if "imminent" in word else 91 if "near future" not in word else 365)


def _r_season(m: re.Match, pub: dt.date, past: bool = False) -> Interval:
    """(in / by / this / next / last / early / late) the season, "the summer of 2025"."""
    season = m.group("season").lower()
    year = m.group("year")
    which = (m.group("which") or "").lower()
    if year:
        lo, hi = _season_bounds(season, int(year))
    elif past and not which:
        lo, hi = _season_near(season, pub, "started")  # "the plant opened in the autumn": the last one
    else:
        lo, hi = _season_near(season, pub, which)
    edge = (m.group("edge") or "").lower()
    if edge == "early":
        hi = _add_days(lo, 30)
    elif edge == "late":
        lo = _add_days(hi, -30)
    if (m.group("lead") or "").lower() in ("by", "before"):
        return min(pub, lo), hi
    return lo, hi


def _r_quarter(m: re.Match, pub: dt.date, past: bool = False) -> Interval:
    """the first / second / third / fourth quarter (of the year, of next year, of 2025), Q3 2025."""
    q = _QUARTERS[(m.group("q") or m.group("qn")).lower()]
    year = int(m.group("year")) if m.group("year") else pub.year + (1 if (m.group("which") or "").lower() == "next"
                                                                  else -1 if (m.group("which") or "").lower() == "last"
                                                                  else 0)
    if past and not m.group("year") and not m.group("which") and dt.date(year, 3 * q - 2, 1) > pub:
        year -= 1  # "sales fell in the fourth quarter", published in March: last year's
    lo = dt.date(year, 3 * q - 2, 1)
    return lo, _month_bounds(year, 3 * q)[1]


def _r_as_early_as(m: re.Match, pub: dt.date, past: bool = False) -> Interval:
    """as early as / as soon as (next) Tuesday: that day, or a little later."""
    wd = WEEKDAYS[m.group("weekday").lower()]
    ahead = (wd - pub.weekday()) % 7 or 7
    if (m.group("next") or "").lower() == "next" and ahead < 7:
        ahead += 7
    day = _add_days(pub, ahead)
    return day, _add_days(day, 7)


def _r_weekend(m: re.Match, pub: dt.date, past: bool = False) -> Interval:
    """last / this / next weekend; "the weekend" ("at", "over", "during the weekend"): the last one in a
    sentence about the past, else from the last one to the coming one. Weeks run from Monday, so "last
    weekend" said on a Monday is the one just ended."""
    monday = pub - dt.timedelta(days=pub.weekday())
    last, this = (_add_days(monday, -2), _add_days(monday, -1)), (_add_days(monday, 5), _add_days(monday, 6))
    which = (m.group("which") or "the").lower().split()[-1]
    if which == "last" or which == "past" and pub.weekday() < 5:
        return last
    if which in ("this", "past"):
        return last if past and pub.weekday() < 5 else this  # "reopened this weekend" told on a Monday
    if which == "next":
        return (_add_days(monday, 12), _add_days(monday, 13)) if pub.weekday() >= 5 else (this[0], _add_days(monday, 13))
    if pub.weekday() >= 5:
        return this  # "the weekend" told on a Saturday or Sunday: the one under way
    return last if past else (last[0], this[1])


def _r_early_year(m: re.Match, pub: dt.date, past: bool = False) -> Interval:
    """early / late / mid next year, this year, last year."""
    offset = {"next": 1, "last": -1, "this": 0}[m.group("rel").lower()]
    year = pub.year + offset
    edge = m.group("edge").lower().rstrip("-")
    if edge == "early":
        return dt.date(year, 1, 1), dt.date(year, 4, 30)
    if edge == "late":
        return dt.date(year, 9, 1), dt.date(year, 12, 31)
    return dt.date(year, 4, 1), dt.date(year, 9, 30)


def _r_decade(m: re.Match, pub: dt.date | None = None, past: bool = False) -> Interval:
    """the 2030s, the early / mid / late 2030s: a decade, or its first, middle or last four years
    (the edges overlap the middle, as "early" and "mid" do in speech). Needs no publication date."""
    start = int(m.group("decade"))
    edge = (m.group("edge") or "").lower().rstrip("-")
    first, last = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(edge, (0, 9))
    return dt.date(start + first, 1, 1), dt.date(start + last, 12, 31)


def _r_count_any(m: re.Match, pub: dt.date, past: bool = False) -> Interval | None:
    """The "in two weeks" pattern's two shapes ("in N units", "N units ago") as one resolver. In a
    sentence about the past, "in N units" says how long something took or over what stretch it happened
    ("was built in two years", "has flooded twice in five years"), not when: no interval."""
    if m.group("n2"):
        if (m.group("tail") or "").lower() == "later":
            return None  # "two days later": after another event the sentence or story tells, not publication
        return _r_in_count(_Named(m, {"n": m.group("n2"), "unit": m.group("unit2"), "lead": None,
                                      "tail": m.group("tail"), "fuzzy": None}), pub)
    if past and (m.group("lead") or "").lower() == "in":
        return None
    return _r_in_count(m, pub)


class _Named:
    """A match with some groups renamed (for resolvers shared by two shapes of one pattern)."""

    def __init__(self, m: re.Match, groups: dict[str, str | None]):
        self._m, self._groups = m, groups

    def group(self, name: str | int = 0) -> str | None:
        if isinstance(name, str) and name in self._groups:
            return self._groups[name]
        return self._m.group(name)


_BY = r"(?P<lead>by|before|until|till|in|at|during|over|through|for)\s+"
TIME_PATTERNS: list[tuple[str, str, Callable[[re.Match, dt.date, bool], Interval | None]]] = [
    ("as early as weekday", r"\bas\s+(?:early|soon)\s+as\s+(?P<next>next\s+)?(?P<weekday>Monday|Tuesday|Wednesday"
     r"|Thursday|Friday|Saturday|Sunday)\b", _r_as_early_as),
    ("earlier this", r"\b(?P<part>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year|decade)\b",
     _r_this_part),
    ("end of", r"\b(?:(?P<lead>by|before|at|towards?)\s+)?the\s+end\s+of\s+(?P<which>this|next|the)\s+"
     r"(?P<unit>week|month|year|decade)\b", _r_end_of),
    ("quarter", r"\b(?:the\s+)?(?P<q>first|second|third|fourth|final)\s+quarter(?:\s+of\s+(?:(?P<which>this|next"
     r"|last)\s+year|the\s+year|(?P<year>(?:19|20)\d\d)))?\b|\b(?P<qn>Q[1-4])(?:\s+(?P<year2>(?:19|20)\d\d))?\b",
     _r_quarter),
    ("season", rf"\b(?:{_BY})?(?:(?P<which>this|next|last|the\s+coming)\s+|the\s+)?(?:(?P<edge>early|late)\s+)?"
     rf"{_SEASON}(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d))?\b", _r_season),
    ("weekend", r"\b(?:(?P<which>last|this|next|the|this\s+past)\s+)weekend(?!'|’|s)\b", _r_weekend),
    ("early next year", r"\b(?P<edge>early|late|mid-?)\s*(?P<rel>next|this|last)\s+year\b", _r_early_year),
    ("decade", r"\b(?:(?P<edge>early|mid|late)[-\s]?)?(?P<decade>(?:19|20)\d0)['’]?s\b", _r_decade),
    ("next month", r"\b(?:(?P<edge>early|late|mid-?)\s*)?(?:the\s+)?(?P<rel>next|coming|last|past|previous|this"
     r"|current)\s+(?P<unit>week|month|quarter|decade)\b", _r_relative_unit),
    # not after a count of occurrences ("twice in five years", "for the third time in a decade"): a stretch
    ("in two weeks", rf"\b(?<!\btimes\s)(?<!\btime\s)(?<!\btwice\s)(?<!\bonce\s)"
     rf"(?:(?P<lead>in|within|after)\s+(?:(?:about|around|roughly|some|another|the\s+next)\s+)?"
     rf"(?P<n>(?P<fuzzy>a\s+few|several)|{_NUMBER_WORD})\s+{_UNIT}(?!\s+(?:ago|of|old))"
     rf"|(?P<n2>{_NUMBER_WORD})\s+(?P<unit2>day|week|fortnight|month|year|decade)s?\s+(?P<tail>ago|from\s+now"
     rf"|later))\b", _r_count_any),
    ("within days", r"\b(?:within|in\s+the\s+(?:coming|next)(?:\s+few)?|over\s+the\s+(?:coming|next)(?:\s+few)?)\s+"
     r"(?P<units>hours|days|weeks|months|years)\b", _r_vague_ahead),
    ("in recent weeks", r"\b(?:in\s+recent|over\s+the\s+(?:past|last)(?:\s+few)?|in\s+the\s+(?:past|last)"
     r"(?:\s+few)?)\s+(?P<units>days|weeks|months|years)\b", _r_vague_past),
    ("soon", r"\b(?:soon|shortly|imminently|in\s+the\s+near\s+future|any\s+day\s+now)\b", _r_soon),
]
_TIME_RES = [(name, re.compile(p, re.IGNORECASE), f) for name, p, f in TIME_PATTERNS]


_RESOLVERS = {name: f for name, _, f in TIME_PATTERNS}


def times_and_dates(text: str, dates: list[DateMention]) -> tuple[list[TimeMention], list[DateMention]]:
    """The relative times of a sentence, and its dates less those a time reads more fully: a time
    overlapping a date wins unless the date names a month ("later this year" over "this year", "Q3
    2024" over "2024"; "March 2024" stays a date)."""
    months = [(d.start, d.end) for d in dates if d.month is not None]
    times = extract_times(text, masked=months)
    kept = [d for d in dates if d.month is not None or not any(t.start < d.end and d.start < t.end for t in times)]
    return times, kept


def extract_times(text: str, masked: list[tuple[int, int]] = ()) -> list[TimeMention]:
    """Relative and vague time mentions in `text`, in order, without overlaps; `masked` spans are
    left alone."""
    taken = list(masked)
    found = []
    past = bool(past_marker(text) or _PAST_RE.search(text)) and not talks_of_future(text)
    for name, regex, _ in _TIME_RES:
        for m in regex.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if name == "season" and not (m.group("lead") or m.group("which") or m.group("year") or m.group("edge")):
                continue  # a bare "summer" may be a name or an adjective ("summer fair")
            taken.append((m.start(), m.end()))
            found.append(TimeMention(m.group().strip(), m.start(), m.end(), name, (m,), past=past))
    return sorted(found, key=lambda t: t.start)


def interval(mention: TimeMention, published: dt.date | None) -> Interval | None:
    """The first and last day a mention can mean, given the publication date; None without one
    (except for explicit years, which need none)."""
    m = mention.args[0]
    if published is None:
        if mention.how == "quarter" and (m.group("year") or m.group("year2")):
            published = dt.date(int(m.group("year") or m.group("year2")), 1, 1)
        elif mention.how == "season" and m.group("year"):
            published = dt.date(int(m.group("year")), 1, 1)
        elif mention.how == "decade":
            published = dt.date(int(m.group("decade")), 1, 1)  # an explicit decade needs no day
        else:
            return None
    if mention.how == "quarter" and m.group("year2"):
        m = _Named(m, {"year": m.group("year2"), "which": None})
    return _RESOLVERS[mention.how](m, published, mention.past)


# Leading words that make a date an edge of a span, not the time of the event.
_EDGE_LEADS = frozenset({"since", "until", "till", "from", "through", "between", "and", "after", "before"})


# How far "not until June" reaches: from June on, with no end a sentence gives.
_OPEN_END_DAYS = 5 * 365
_NOT_UNTIL_LEADS = ("until", "till", "before")
_LEAD_AT_START_RE = re.compile(rf"({'|'.join(_NOT_UNTIL_LEADS)})\b", re.IGNORECASE)
_LEAD_BEFORE_RE = re.compile(rf"\b({'|'.join(_NOT_UNTIL_LEADS)})\s+(?:the\s+)?$", re.IGNORECASE)


def not_until(text: str, mentions: list, negations) -> list:
    """`mentions` (times or dates) with `not_before` set where a "not" earlier in the sentence governs an
    "until" or "before" that leads them: "the runway is not expected to reopen until June", "talks are
    not expected to resume before April", "the report would not be ready before the summer"."""
    plain = [n for n in negations if not n.verbal]
    out = []
    for m in mentions:
        lead = getattr(m, "lead", None) or _time_lead(text, m)
        # the same clause: no comma, colon or "but" between ("the plant, which has not been inspected
        # since May, will reopen before June" does not negate the "before")
        negated = any(n.end <= m.start and not re.search(r"[,;:]|\bbut\b", text[n.end:m.start]) for n in plain)
        out.append(replace(m, not_before=True) if negated and (lead or "").lower() in _NOT_UNTIL_LEADS else m)
    return out


def _time_lead(text: str, m) -> str | None:
    """The "until" / "before" that a time mention starts with or follows."""
    found = _LEAD_AT_START_RE.match(m.text) or _LEAD_BEFORE_RE.search(text[:m.start])
    return found.group(1) if found else None


def _from_on(iv: Interval | None) -> Interval | None:
    """An interval's start, and on: the reading of "not until" a time."""
    return None if iv is None else (iv[0], _add_days(iv[0], _OPEN_END_DAYS))


def date_interval(mention: DateMention, published: dt.date | None) -> Interval | None:
    """A date from dates.py ("in May", "next year", "March 2024") as the days it covers, when it fixes
    a year directly or through the publication date; "by May" runs from publication to the end of May."""
    if mention.not_before and mention.dates_event and not mention.is_time:
        return _from_on(date_interval(replace(mention, lead=None, not_before=False), published))
    if not mention.dates_event or mention.is_time or (mention.lead or "") in _EDGE_LEADS:
        return None
    readings = resolve(mention, published)
    if len(readings) != 1 or readings[0].year is None:
        return None
    r = readings[0]
    try:
        if r.month is None:
            lo, hi = dt.date(r.year, 1, 1), dt.date(r.year, 12, 31)
        elif r.day is None:
            lo, hi = _month_bounds(r.year, r.month)
        else:
            lo = hi = dt.date(r.year, r.month, r.day)
    except ValueError:
        return None
    if (mention.lead or "") == "by" and published is not None:
        lo = min(lo, published)
    return lo, hi


def _without_lead(t: TimeMention, published: dt.date | None) -> Interval | None:
    """A time read without its "until" / "before" ("before the summer" as "the summer")."""
    if published is None:
        return None
    return _RESOLVERS[t.how](_Named(t.args[0], {"lead": None}), published, t.past)


def describe(text: str, iv: Interval) -> str:
    """"next month (2024-04-01 to 2024-04-30)"."""
    lo, hi = iv
    if (hi - lo).days == _OPEN_END_DAYS:  # "not until June": from June on
        return f"{text} ({lo.isoformat()} or later)"
    return f"{text} ({lo.isoformat()})" if lo == hi else f"{text} ({lo.isoformat()} to {hi.isoformat()})"


# ---------------------------------------------------------------------------------------------
# The time rule


@dataclass(frozen=True)
class TimeSettings:
    """Weight and gates of the time rule."""

    weight: float = 0.7  # as for the date rule (same kind)
    # The rest of the sentences (times and numbers left out) must overlap this much, and by words other
    # than the names, for two times to be of one event; or the sentences must be close (PairContext.close).
    min_overlap: float = 0.5
    min_similarity: float = 0.5  # below it, two times belong to two events (as for dates)
    # Two intervals this many days apart or more cannot be one time; 1 is "do not overlap" ("before the
    # end of the year" against "early next year"). Slack belongs in the intervals, not here.
    min_gap_days: int = 1
    named_min_jaccard: float = 0.5  # as for the date rule (DateSettings.named_min_jaccard)


_TIME_WORDS = frozenset("""
soon shortly imminently near future week weeks month months year years day days decade quarter spring summer
autumn fall winter early earlier late later next last coming past recent end within ago
""".split())


def find_time_mismatches(ctx: PairContext, settings: TimeSettings) -> list[Mismatch]:
    """Relative or vague times of one event that cannot overlap ("next month" vs "by the autumn"
    of the year before); a date of the other sentence counts as a time."""
    a, b = ctx.a, ctx.b
    if ctx.steps or not (a.times or b.times or any(d.not_before for d in a.dates + b.dates)) or ctx.found.get("dates"):
        return []
    if ctx.similarity is not None and ctx.similarity < settings.min_similarity:
        return []
    leave_out = a.number_stems | b.number_stems | frozenset(stem(w) for w in _TIME_WORDS)
    share, shared = rest_overlap(a, b, leave_out)
    share_words, _ = rest_overlap(a, b, leave_out | name_stems(a) | name_stems(b))
    # the same verb with a shared participant gets the times (phases.py), whatever else each sentence adds;
    # so does one occurrence told twice (both "the first increase"), as for the date rule
    related = ctx.close or bool(ctx.one_occurrence) or one_dated_event(a.dated_events, b.dated_events) or (
        share >= settings.min_overlap and shared >= ctx.shared.min_shared_words and share_words >= settings.min_overlap)
    if not related:
        return []
    a_day, a_from, a_firm = _base(ctx.a_published, ctx.a_base)
    b_day, b_from, b_firm = _base(ctx.b_published, ctx.b_base)
    spans_a = _spans(a, a_day)
    spans_b = _spans(b, b_day)
    conflict = occasion = None
    for text_a, iv_a, rel_a, base_a, occ_a, _ in spans_a:
        for text_b, iv_b, rel_b, base_b, occ_b, _ in spans_b:
            gap = max((iv_b[0] - iv_a[1]).days, (iv_a[0] - iv_b[1]).days)
            if gap < settings.min_gap_days:
                ctx.notes.append(f"times agree: {describe(text_a, iv_a)} ~ {describe(text_b, iv_b)}")
                return []  # a time that fits one of the other's (two dates alike too): not disputed
            if not (rel_a or rel_b):
                continue  # two plain dates that differ: the date rule's
            if occ_a or occ_b:
                # "during the 2018 drought" names an earlier occasion: not the time of what the other tells
                occasion = occasion or ((occ_a, text_b) if occ_a else (occ_b, text_a))
                continue
            if conflict is None:
                sides = ((text_a, base_a, a_from, a_firm), (text_b, base_b, b_from, b_firm))
                read = "; ".join(f"{t} read from {where}" for t, uses, where, _ in sides if uses)
                firm = all(firm for _, uses, _, firm in sides if uses)
                conflict = (text_a, iv_a, text_b, iv_b, read, firm)
    if conflict is None and a_day is None and b_day is None:
        undated = _undated_conflict(a, b, settings.min_gap_days, _written_on(ctx.a_base, ctx.b_base))
        conflict = (*undated, True) if undated else None
    if conflict is None:
        if occasion is not None:
            ctx.two_events = occasion_reason(*occasion)
        return []
    text_a, iv_a, text_b, iv_b, read, firm = conflict
    shown_a, shown_b = describe(text_a, iv_a), describe(text_b, iv_b)
    if marks_two_events(ctx, "times", shown_a, shown_b, settings.named_min_jaccard):
        return []
    if not firm:  # read from a file's modification time, which may be the day it was copied: no proof
        ctx.doubts.append(f"different times only as read from a file's modification time: {shown_a} vs {shown_b} "
                          f"({read})")
        return []
    return [Mismatch("date", shown_a, shown_b, f"Different times for the same event: {shown_a} vs {shown_b}"
                     + (f" ({read})." if read else "."))]


def _base(published: dt.date | None, base: DateBase | None) -> tuple[dt.date | None, str, bool]:
    """The day a side's relative times are read from, the words that say whence, and whether a conflict
    may rest on it: its publication date, else a full date of Article.date_base (dateline, feed record,
    file; a file's modification time is not firm)."""
    if published is not None:
        return published, f"the publication date {published.isoformat()}", True
    day = parse_iso(base.date) if base is not None else None
    if day is None:
        return None, "", True
    return day, f"{day.isoformat()}, {base.source}", base.firm


def resolved_times(facts: SentenceFacts, published: dt.date | None,
                   base: DateBase | None = None) -> list[tuple[int, int, Interval]]:
    """(start, end, days covered) of each date and time of a sentence that resolves to one span, read
    from its publication date or else a firm date base; for reading two writings of one time as one
    (checker/name_forms.py)."""
    day, _, firm = _base(published, base)
    if not firm:
        day = None
    out = []
    for t in facts.times:
        iv = None if t.not_before else interval(t, day)
        if iv is not None:
            out.append((t.start, t.end, iv))
    for d in facts.dates:
        iv = None if d.not_before or d.occasion or d.setting else date_interval(d, day)
        if iv is not None:
            out.append((d.start, d.end, iv))
    return out


def _written_on(a_base: DateBase | None, b_base: DateBase | None) -> tuple[tuple[dt.date, ...], str | None]:
    """The days two undated articles may have been written on: every day of a (leap) year, or only the
    days of the year their datelines give ("--03-03"), with the words that say so."""
    given = [(b.date, b.source) for b in (a_base, b_base) if b is not None and b.date.startswith("--")]
    if not given:
        return _UNDATED_BASES, None
    days = tuple(d for d in _UNDATED_BASES if d.strftime("--%m-%d") in {date for date, _ in given})
    return days or _UNDATED_BASES, "; ".join(f"written on {date[2:]} of some year ({source})" for date, source in given)


# The days two undated articles may both have been written on: every day of a leap year, which covers
# every month, season, quarter and year end. Only which day of the year matters to a relative time.
_UNDATED_BASES = tuple(dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(366))


def _undated_conflict(a: SentenceFacts, b: SentenceFacts, min_gap_days: int,
                      written: tuple[tuple[dt.date, ...], str | None] = (None, None)
                      ) -> tuple[str, Interval, str, Interval, str] | None:
    """Two relative times of sentences whose articles carry no date ("this summer" / "next year"),
    compared with each other on the assumption that both articles were written on the same day (one
    story's coverage): a conflict only when the two cannot overlap whatever day that was, among the days
    `written` allows (every day of the year, or a dateline's day of the year). Returned with their
    intervals for the first such day as an example (the reason says the day is assumed)."""
    days, how = written
    days = days or _UNDATED_BASES
    for text_a, at_a in _relative(a):
        for text_b, at_b in _relative(b):
            example = None
            for base in days:
                iv_a, iv_b = at_a(base), at_b(base)
                if iv_a is None or iv_b is None:
                    break
                if max((iv_b[0] - iv_a[1]).days, (iv_a[0] - iv_b[1]).days) < min_gap_days:
                    break
                example = example or (iv_a, iv_b)
            else:
                if example is not None:
                    if how:
                        return text_a, example[0], text_b, example[1], f"both read as {how}, the year unknown"
                    return (f"{text_a} (written any day)", example[0], f"{text_b} (written the same day)", example[1],
                            "")
    return None


def _relative(facts: SentenceFacts) -> list[tuple[str, Callable[[dt.date], Interval | None]]]:
    """The times of a sentence that need a publication date, each with how to resolve it on a given day:
    relative and vague times, and dates such as "next year" that fix no year of their own."""
    out: list[tuple[str, Callable[[dt.date], Interval | None]]] = [
        (t.text, lambda day, t=t: interval(t, day)) for t in facts.times if interval(t, None) is None]
    out += [(d.text, lambda day, d=d: date_interval(d, day)) for d in facts.dates if date_interval(d, None) is None]
    return out


def _spans(facts: SentenceFacts, published: dt.date | None) -> list[tuple]:
    """Every time of a sentence with its interval, whether it is a relative or vague one, whether
    reading it needed the day `published` (an explicit year does not), the occasion a year names
    ("2018 drought", DateMention.occasion), if it names one, and the (start, end) of its words."""
    out = []
    for t in facts.times:
        # "not before the summer": from the summer on (the resolver reads "before" as up to it)
        iv = _from_on(_without_lead(t, published)) if t.not_before else interval(t, published)
        if iv is not None:
            out.append((t.text, iv, True, interval(t, None) is None, False, (t.start, t.end)))
    for d in facts.dates:
        iv = date_interval(d, published)
        if iv is not None:
            # "not until June" is a span from June on, the time rule's to compare, not the date rule's
            out.append((d.text, iv, d.not_before, date_interval(d, None) is None, occasion_phrase(facts.text, d),
                        (d.start, d.end)))
    return out


def open_dated_acts(ctx: PairContext, settings: TimeSettings | None = None) -> tuple[DatedActQuestion, ...]:
    """The time rule's questions of acts told with other verbs, as dates.open_dated_acts asks them: a
    relative time of one sentence and a time or date of the other that cannot overlap, read from
    publication dates, where nothing in the words shows one event ("Negotiations broke down three days
    ago" / "Talks broke down on August 31"), each the time of an act on a shared participant."""
    settings = settings or ctx.settings["times"]
    if not may_ask_of_dated_acts(ctx) or ctx.a_published is None or ctx.b_published is None:
        return ()
    spans_a, spans_b = _spans(ctx.a, ctx.a_published), _spans(ctx.b, ctx.b_published)
    out = []
    for text_a, iv_a, rel_a, _, occ_a, span_a in spans_a:
        for text_b, iv_b, rel_b, _, occ_b, span_b in spans_b:
            gap = max((iv_b[0] - iv_a[1]).days, (iv_a[0] - iv_b[1]).days)
            if gap < settings.min_gap_days:
                return ()  # a time that fits one of the other's: not disputed
            if not (rel_a or rel_b) or occ_a or occ_b:
                continue  # two plain dates are the date rule's; an occasion is another event's time
            shown_a, shown_b = describe(text_a, iv_a), describe(text_b, iv_b)
            question = dated_act_question(ctx, span_a, span_b, Mismatch(
                "date", shown_a, shown_b, f"Different times for one act: {shown_a} vs {shown_b}"))
            if question is not None:
                out.append(question)
    return tuple(dict.fromkeys(out))


RULE = Rule(name="times", kind="date", settings=TimeSettings, find=find_time_mismatches)
