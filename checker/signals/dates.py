"""Dates and times in a news sentence, and whether two of them disagree.

A mention keeps only what the text says (year, month, day, weekday, clock time, or a day relative
to publication such as "yesterday", "this morning" or "the day before yesterday"); `resolve` fills in what the article's publication date
implies ("on Friday" in an article of Tuesday 2023-12-19 is Friday the 15th or the 22nd). Two
mentions disagree when every reading of one clashes with every reading of the other on a field
both know; a mention that shares no known field with the other ("in March" vs "on Friday" without
an article date) is no evidence either way.

The date rule (`RULE`, at the end) reports dates of the same event that disagree, when the rest of
the two sentences says they are about one event.

Libraries: none; detection is by the regular expressions here. Measured by eval/extraction_compare.py
on the 302 sentences of the tuning set and the demo (eval/results/extraction/compare.md), together
with times.py:
- dateparser 1.5.0 (search_dates, installed with trafilatura) finds 77 of the 86 mentions the two
  modules find, resolves 2 of them to other days ("in October" in a past-tense sentence to the coming
  October, day 11 invented), and finds 36 more that are not dates ("35 minutes", "the ten-year",
  "3-1 in the", "now", "a second"); it reads the modal "may" as the month and invents a day for
  "March 2024".
- recognizers-text 1.0.2a2 (recognize_datetime) finds 84 of the 86 and agrees on the days of 40
  that both resolve (1 differs), but finds 46 more that are not dates of an event (durations,
  "a second", "night", "fall" as a verb, 45 of them unresolved), reads "twenty-five" as 20:05, and
  does not import with a current `emoji` (needs emoji<1; no release since 2019).
Neither is as good here, so neither is a dependency.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ..text import content_stems
from ..types import DatedActQuestion, Mismatch
from .facts import DateMention, SentenceFacts
from .names import different_parties, rest_jaccard, unmatched_name
from .phases import one_dated_event
from .things import one_thing
from .verbs import one_kind
from .rule import PairContext, Rule, name_stems, rest_overlap


MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Capitalised month names only, so "may", "march" and "august" as ordinary words stay out.
_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# A month shortened without its full stop, as wire datelines write it ("Oct 16 (Reuters)"): only with a
# day after it, since alone it may be a word or a name ("Mar del Plata").
_MONTH_SHORT = r"(?P<month>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Words that introduce a bare month or year as a time ("in March", "since 2014", "mid-July").
_LEAD = (r"(?P<lead>(?i:in|on|since|until|till|by|from|through|during|before|after|early|late|mid-?|last|next"
         r"|this|of|between|and))")
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "the first quarter of", "the end of": a part of the year that follows a leading word.
_PART_OF = r"the\s+(?:end|start|beginning|middle|first|second|third|fourth|last)\s+(?:half\s+|quarter\s+)?of\s+"
# A year not followed by a plural noun, which would make it a count ("2000 troops").
_NOT_A_COUNT = r"(?![,.]\d)(?!\s+(?!was\b|has\b|is\b|this\b|its\b)[a-z]{2,}s\b)"

# Each rule: (name, pattern). Tried in this order; a later rule never claims text an earlier one took.
DATE_RULES: list[tuple[str, str]] = [
    # 2023-12-19
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month_num>[01]\d)-(?P<day>[0-3]\d)\b"),
    # December 19, 2023 / Dec. 19 2023
    ("month_day_year", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    # 19 December 2023 / 19th of December, 2023
    ("day_month_year", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    # December 19 / Dec. 19th (not "December 2023", which the next rule but one takes)
    ("month_day", rf"\b{_MONTH}\s+{_DAY}\b(?!\d|,?\s+(?:19|20)\d\d)"),
    # Oct 16 (Reuters), Oct 16 2024: a wire dateline's month without its full stop
    ("month_day_year", rf"\b{_MONTH_SHORT}\s+{_DAY},?\s+{_YEAR}\b"),
    ("month_day", rf"\b{_MONTH_SHORT}\s+{_DAY}\b(?!\d|,?\s+(?:19|20)\d\d)"),
    # 19 December
    ("day_month", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}"),
    # March 2024 / in March of 2024
    ("month_year", rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b"),
    # in March / since mid-July / early May: a month alone needs a leading word
    ("month", rf"\b{_LEAD}\s*{_MONTH}(?!\w)"),
    # on Friday / last Tuesday / Monday night
    ("weekday", rf"\b(?:(?P<rel>(?i:last|next|this|on|early|late))\s+)?{_WEEKDAY}\b"),
    # yesterday / today / this morning / the day before yesterday / last night
    ("relative_day", r"\b(?P<relday>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today"
                     r"|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening)))\b"),
    # last year / this month
    ("relative_period", r"\b(?P<relper>(?i:last|this|next))\s+(?P<period>year|month)\b"),
    # in 2024 / since 2014 / 2023's: a year alone (not "2000 troops", which is a count)
    ("year", rf"(?:\b{_LEAD}\s+(?:{_PART_OF})?)?(?<![\d,.$])\b{_YEAR}\b{_NOT_A_COUNT}"),
]
_DATE_RES = [(name, re.compile(pattern)) for name, pattern in DATE_RULES]
_TIME_RE = re.compile(r"\b(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s*"
                      r"(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b)"
                      r"|\b(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)\b|\b(?P<named>noon|midnight)\b")
# Leading words that make a date the edge of a period rather than the time of the event.
_SPAN_LEADS = frozenset({"since", "until", "till", "by", "before", "after", "from", "through", "between", "and"})
# A date right after a verb of saying dates the statement: "the Post reported Tuesday".
_REPORTING_RE = re.compile(r"\b(?:said|says|told(?:\s+\w+){0,2}|reported|announced|added|wrote|stated)\s+(?:on\s+)?$",
                           re.IGNORECASE)
# A date right after these words is the baseline of a comparison ("up 12 percent on the same period
# last year", "than in 2022"), not when the event happened.
_BASELINE_RE = re.compile(r"(?:same\s+(?:period|quarter|month|week|time|day)(?:\s+of)?|compared\s+(?:with|to)"
                          r"|than|versus|vs\.?)\s+(?:in\s+)?(?:the\s+)?$", re.IGNORECASE)
# A date governed by a verb of the future a few words before it ("will open in November", "is due to
# arrive in June"): a month without a year is then the next such month, not the nearest one.
_AHEAD_RE = re.compile(r"\b(?:will|shall|won't|won’t|'ll|’ll|(?:due|expected|set|scheduled|slated|planned|plans?"
                       r"|aims?|intends?|hopes?)\s+to)\s+(?:[\w-]+\s+){0,4}(?:in|on|by|from|until)?\s*$", re.IGNORECASE)
_RELATIVE_DAYS = {"the day before yesterday": -2, "yesterday": -1, "last night": -1, "today": 0, "tonight": 0,
                  "this morning": 0, "this afternoon": 0, "this evening": 0, "tomorrow": 1, "the day after tomorrow": 2}


@dataclass(frozen=True)
class Reading:
    """One concrete reading of a mention; None where unknown."""

    year: int | None
    month: int | None
    day: int | None
    weekday: int | None


def extract_dates(text: str) -> list[DateMention]:
    """Date and time mentions in `text`, in order, without overlaps."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    for name, regex in _DATE_RES:
        for m in regex.finditer(text):
            if not free(m.start(), m.end()):
                continue
            mention = _mention(name, m)
            if mention is not None:
                taken.append((m.start(), m.end()))
                found.append(mention)
    for m in _TIME_RE.finditer(text):
        if free(m.start(), m.end()):
            taken.append((m.start(), m.end()))
            found.append(DateMention(text=m.group(), start=m.start(), end=m.end(), minutes=_minutes(m)))
    return sorted((replace(d, reporting=bool(_REPORTING_RE.search(text[:d.start])),
                           baseline=bool(_BASELINE_RE.search(text[max(0, d.start - 40):d.start])),
                           ahead=bool(_AHEAD_RE.search(text[max(0, d.start - 60):d.start])),
                           occasion=_names_occasion(text, d), setting=_sets_the_scene(text, d)) for d in found),
                  key=lambda d: d.start)


# A year between a determiner and a word ("the 2018 drought", "its 2015 order", "the 2024 Olympics",
# "a 2024 agreement").
_OCCASION_BEFORE_RE = re.compile(r"\b(?:the|its|their|his|her|our|this|that|a|an)\s+$", re.IGNORECASE)
_OCCASION_AFTER_RE = re.compile(r"\s+[A-Za-z]")


def _names_occasion(text: str, d: DateMention) -> bool:
    """A bare year that names an occasion rather than dating the sentence's event: "During the 2018
    drought" tells of that drought, whatever happens now."""
    return (d.year_only and d.lead is None and bool(_OCCASION_BEFORE_RE.search(text[max(0, d.start - 8):d.start]))
            and bool(_OCCASION_AFTER_RE.match(text, d.end)))


def _sets_the_scene(text: str, d: DateMention) -> bool:
    """A past year that opens the sentence ("In 2021, ...", "Last year ..."): news tells background so;
    the date of the news itself is not fronted as a bare year."""
    opening = not text[:d.start].strip(" \"'“‘")
    past_year = (d.year_only and d.lead in (None, "in")) or (d.year_offset is not None and d.year_offset < 0
                                                               and d.month is None and d.day is None)
    return opening and past_year


def _mention(name: str, m: re.Match) -> DateMention | None:
    g = m.groupdict()
    base = dict(text=m.group().strip(), start=m.start(), end=m.end())
    if name == "weekday":
        return DateMention(**base, weekday=WEEKDAYS[g["weekday"].lower()], weekday_rel=(g["rel"] or "").lower() or None)
    if name == "relative_day":
        return DateMention(**base, day_offset=_RELATIVE_DAYS[" ".join(g["relday"].lower().split())])
    if name == "relative_period":
        offset = {"last": -1, "this": 0, "next": 1}[g["relper"].lower()]
        if g["period"] == "year":
            return DateMention(**base, year_offset=offset)
        return DateMention(**base, month_offset=offset)
    month = None
    if g.get("month_num"):
        month = int(g["month_num"])
    elif g.get("month"):
        month = MONTHS[g["month"].lower().rstrip(".")]
    day = int(g["day"]) if g.get("day") else None
    if day is not None and not 1 <= day <= 31:
        return None
    year = int(g["year"]) if g.get("year") else None
    return DateMention(**base, year=year, month=month, day=day, lead=(g.get("lead") or "").lower() or None)


def _minutes(m: re.Match) -> int:
    if m.group("named"):
        return 12 * 60 if m.group("named").lower() == "noon" else 0
    if m.group("hour24"):
        return int(m.group("hour24")) * 60 + int(m.group("minute24"))
    hour = int(m.group("hour")) % 12
    if m.group("ampm").lower().startswith("p"):
        hour += 12
    return hour * 60 + int(m.group("minute") or 0)


def resolve(mention: DateMention, published: dt.date | None) -> list[Reading]:
    """The concrete readings of a mention given the article's publication date (if known).
    Returns [] when the mention means nothing without a publication date ("yesterday")."""
    if mention.weekday is not None:
        if published is None:
            return [Reading(None, None, None, mention.weekday)]
        back = (published.weekday() - mention.weekday) % 7  # 0..6 days back to that weekday
        previous = published - dt.timedelta(days=back or (7 if mention.weekday_rel == "last" else 0))
        following = published + dt.timedelta(days=(mention.weekday - published.weekday()) % 7 or 7)
        # News uses "on Friday" for the nearest Friday either side; "last"/"next" pick one side, and so does
        # the tense of the verb ("will reopen on Friday": the coming one; "began on Monday": the last one),
        # though not against a weekday one day off the publication date, which a feed's dates may be
        # (a time zone, a late edition): "began on Friday" dated Thursday is more likely that Friday.
        near = [d for d in (previous, following) if abs((d - published).days) == 1]
        either = ([following] + near if mention.ahead else [previous] + near if mention.behind
                  else [previous, following])
        days = {"last": [previous], "next": [following]}.get(mention.weekday_rel or "", list(dict.fromkeys(either)))
        return [_reading(d) for d in days]
    if mention.day_offset is not None:
        return [_reading(published + dt.timedelta(days=mention.day_offset))] if published else []
    if mention.year_offset is not None:
        return [Reading(published.year + mention.year_offset, None, None, None)] if published else []
    if mention.month_offset is not None:
        if not published:
            return []
        index = published.year * 12 + published.month - 1 + mention.month_offset
        return [Reading(index // 12, index % 12 + 1, None, None)]
    year = mention.year
    if year is None and mention.month and published:
        if mention.ahead:
            # "will open in November": the next November on or after publication
            year = published.year if mention.month >= published.month else published.year + 1
        elif not mention.behind and (mention.month - published.month) % 12 <= 2:
            # A month (and day) without a year, up to two months ahead: the coming one ("on January 1"
            # in a December article is next year's)
            year = published.year + (mention.month < published.month)
        else:
            # otherwise the latest one on or before publication
            year = published.year - (mention.month > published.month)
    weekday = None
    if year and mention.month and mention.day:
        try:
            weekday = dt.date(year, mention.month, mention.day).weekday()
        except ValueError:
            weekday = None
    return [Reading(year, mention.month, mention.day, weekday)]


def _reading(d: dt.date) -> Reading:
    return Reading(d.year, d.month, d.day, d.weekday())


def compare_readings(a: list[Reading], b: list[Reading]) -> str:
    """'agree' when some reading of a fits some reading of b on every field both know (and they
    share at least one), 'conflict' when every pair clashes somewhere, else 'unknown'."""
    any_shared = False
    for ra in a:
        for rb in b:
            shared = clash = False
            for field in ("year", "month", "day", "weekday"):
                va, vb = getattr(ra, field), getattr(rb, field)
                if va is None or vb is None:
                    continue
                shared = True
                if va != vb:
                    clash = True
            if shared and not clash:
                return "agree"
            any_shared = any_shared or shared
    return "conflict" if any_shared else "unknown"


def _point_lead(m: DateMention) -> str:
    """The word that introduces a mention, for comparing a year alone with it: a month or day written
    without one ("signed in October 2022": the lead is not part of the mention) is a point, as "in" makes it."""
    if m.lead is None and not m.year_only and m.month is not None:
        return "in"
    return m.lead or ""


def compare_mentions(a: DateMention, b: DateMention, a_published: dt.date | None, b_published: dt.date | None) -> str:
    """'agree', 'conflict' or 'unknown' for two mentions, with the weak cases made 'unknown':
    a year alone only counts against a mention introduced by the same word ("in 2023" vs
    "in 2024"), and clock times only against clock times (within half an hour agree)."""
    if a.is_time or b.is_time:
        if not (a.is_time and b.is_time):
            return "unknown"
        return "agree" if abs(a.minutes - b.minutes) <= 30 else "conflict"
    if (a.year_only or b.year_only) and _point_lead(a) != _point_lead(b):
        return "unknown"
    if a.lead != b.lead and ({a.lead, b.lead} & _SPAN_LEADS):
        return "unknown"  # "since March" vs "in July": a start and a point, not two dates for one thing
    if (a.year is None and b.year is None and a.month is not None and (a.month, a.day) == (b.month, b.day)
            and a.weekday is None and b.weekday is None):
        return "agree"  # "on January 1" twice: the same written date, whichever year each would be read in
    return compare_readings(resolve(a, a_published), resolve(b, b_published))


def month_range(mention: DateMention, published: dt.date | None) -> tuple[int, int] | None:
    """The months (counted from year 0) a mention can fall in when it fixes a year, directly or
    through the publication date: one month for "March 2024", twelve for "in 2024". For judging
    how far apart two periods are; None when the year is unknown or the reading is ambiguous."""
    readings = resolve(mention, published)
    if len(readings) != 1 or readings[0].year is None:
        return None
    r = readings[0]
    if r.month is None:
        return r.year * 12, r.year * 12 + 11
    return r.year * 12 + r.month - 1, r.year * 12 + r.month - 1


def months_apart(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Months between two month ranges; 0 when they overlap."""
    return max(0, b[0] - a[1], a[0] - b[1])


def describe(mention: DateMention, published: dt.date | None) -> str:
    """The mention as written, plus the date it resolves to when that adds something."""
    readings = resolve(mention, published)
    if mention.weekday is not None or mention.day_offset is not None:
        if len(readings) == 1 and readings[0].day:
            r = readings[0]
            return f"{mention.text} ({MONTH_NAMES[r.month]} {r.day}, {r.year})"
    return mention.text


def parse_iso(date: str | None) -> dt.date | None:
    """An Article.date (YYYY-MM-DD, possibly with a time after it) as a date, or None."""
    if not date:
        return None
    try:
        day = dt.date.fromisoformat(date[:10])
        return day if dt.MINYEAR < day.year < dt.MAXYEAR else None  # room for "last Friday" arithmetic
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# The date rule


@dataclass(frozen=True)
class DateSettings:
    """Weight and gates of the date rule."""

    weight: float = 0.7  # noisy-OR weight of one date mismatch (aggregate.judge), set on eval/gold
    # Dates in looser paraphrases still count; below this overlap of the rest, they date different events.
    min_overlap: float = 0.3
    # Below this similarity two different dates belong to two different events (planted date conflicts
    # in the gold set sit at 0.51 and above; "the April 10 meeting" vs "in June, commitments..." at 0.47).
    min_similarity: float = 0.5
    # ...unless the parse hangs both dates on one act with a shared participant (phases.one_dated_event: "The
    # institute's board approved the measure on Wednesday" / "The institute's board approved the closure on
    # Tuesday", 0.47): then this much is enough. Chosen on the tuning sets (docs/reading.md).
    one_act_min_similarity: float = 0.4
    # Where one sentence names a party or place the other does not, the rest (names and dates left out)
    # must be this alike by Jaccard similarity: "a fire broke out in the terminal's conveyor hall in May"
    # and "... in the Halden mill's storage hall in August" share the topic words (0.43) but not the place.
    named_min_jaccard: float = 0.5


def find_date_mismatches(ctx: PairContext, settings: DateSettings) -> list[Mismatch]:
    """Dates of one event that disagree, in sentences related enough to be about one event."""
    if ctx.steps:
        return []  # the proposal and its answer: two acts, each with its own date
    occasions: list[tuple[DateMention, DateMention]] = []
    # One occurrence told twice (both "the last inspection"), or one thing's making told twice, is related
    # whatever else the sentences say.
    made = one_made_thing(ctx.a, ctx.b)
    out = date_mismatches(ctx, settings, ctx.notes, related_anyway=ctx.close or bool(ctx.one_occurrence) or made,
                          occasions=occasions)
    if out and ctx.one_occurrence:
        ctx.notes.append(ctx.one_occurrence)
    loose = ctx.similarity is not None and ctx.similarity < settings.min_similarity
    if loose and not (out and ctx.similarity >= settings.one_act_min_similarity
                      and (made or one_dated_event(ctx.a.dated_events, ctx.b.dated_events))):
        return []
    if loose:
        # one act told in looser words: a date mismatch only, never two events by the names around it (a
        # pair this loose was no date's question before, and the NLI reading may still decide it)
        told = ctx.two_events
        if marks_two_events(ctx, "dates", out[0].a_value, out[0].b_value, settings.named_min_jaccard):
            ctx.two_events = told
            return []
        return out
    if not out and occasions:
        da, db = occasions[0]
        named = occasion_phrase(ctx.a.text, da) or occasion_phrase(ctx.b.text, db)
        ctx.two_events = occasion_reason(named, db.text if da.occasion else da.text)
        return []
    if out and marks_two_events(ctx, "dates", out[0].a_value, out[0].b_value, settings.named_min_jaccard):
        return []
    return out


def earlier_occasion(facts: SentenceFacts, other: SentenceFacts, other_published: dt.date | None) -> str | None:
    """A month or year, as written, that dates what `facts` tells at least two months before the other
    article was published, in a year the other sentence gives no date in ("A one-day strike at the infirmary
    in October 2025 drew about 600 nurses" against "1,180 nurses took part in the walkout" in February
    2026): an earlier occasion, whose figures are not the story's; else None."""
    if other_published is None:
        return None
    now = other_published.year * 12 + other_published.month
    for d in facts.dates:
        if d.year is None or d.reporting or d.baseline:
            continue
        if now - (d.year * 12 + (d.month or 12)) >= 2 and not any(o.year == d.year for o in other.dates):
            return d.text
    return None


def occasion_reason(named: str, other: str) -> str:
    """Why a year naming an occasion, or a past year setting the scene, and another time make two events (the date and time rules')."""
    return f"one sentence tells of an earlier occasion ({named!r}), the other of another time ({other}): two different events"


def occasion_phrase(text: str, d: DateMention) -> str | None:
    """For a year naming an occasion, the year and the word after it as written ("2018 drought"); for a
    past year that sets the sentence's scene, the year as written ("In 2021")."""
    if d.setting:
        return d.text
    if not d.occasion:
        return None
    rest = text[d.end:].split()
    return f"{d.text} {rest[0].strip(',.;:')}" if rest else d.text


def marks_two_events(ctx: PairContext, what: str, a_value: str, b_value: str, min_jaccard: float) -> bool:
    """Whether a differing date or time (`what`: "dates", "times") belongs to two different events
    rather than to one event told two ways; if so, says why in `ctx.two_events`. Two events: the
    sentences name different parties ("a storm hit Skarvik in March" / "a storm hit Vedby in
    October"), or one names a party the other does not and little else is shared beyond the topic,
    unless the two dates hang on one act (phases.one_dated_event) or both tell the one first or last
    occurrence of the event."""
    if what == "dates" and one_made_thing(ctx.a, ctx.b, a_value, b_value):
        return False  # a thing is made or founded once, whoever else the sentences name
    parties = different_parties(ctx)
    if parties:
        ctx.two_events = (f"different {what} ({a_value} vs {b_value}) and different names "
                          f"({parties[0]} vs {parties[1]}): two different events")
        return True
    # A name only one sentence gives marks another event unless the parse shows both dates hang on one
    # act with a shared participant (then the name belongs to the rest of the sentence), or both tell the
    # one first or last occurrence of the event ("the first round of talks", events.same_unique_event).
    if ctx.one_occurrence and what == "dates":
        return False  # (a relative day often tells when the news came, "was met on Tuesday", not the act)
    if not one_dated_event(ctx.a.dated_events, ctx.b.dated_events) and not one_event_despite_names(ctx, min_jaccard):
        ctx.two_events = (f"different {what} ({a_value} vs {b_value}), a name only one of them gives "
                          f"({unmatched_name(ctx)}) and little in common beyond the topic: two different events")
        return True
    return False


def one_made_thing(a: SentenceFacts, b: SentenceFacts, a_value: str | None = None, b_value: str | None = None) -> bool:
    """Whether two dates are each when one thing was made, built or founded (starts.py's "made" starts: "Norvik
    Air, a company founded in 1986" / "Norvik Air was founded in 1991 by Ek's father"; "the brigade, which was
    founded in 1997" / "The brigade was set up in 1999"): the same head noun, a name in common where both name
    it. A thing is made once, so its two dates are one event's whatever else the sentences name. Without the
    dates, whether any two such dates of one thing are told."""
    for x in a.starts:
        for y in b.starts:
            if not (x.how == y.how == "made" and x.making and y.making and x.anchor is not None
                    and y.anchor is not None):
                continue  # (an act told as the first time is no making: "first alerted the regulator in August")
            told = a_value is None or _overlaps(x.anchor.text, a_value) and _overlaps(y.anchor.text, b_value or "")
            if told and one_thing(x.thing, y.thing):
                return True
    return False


def _overlaps(x: str, y: str) -> bool:
    return x in y or y in x


def one_event_despite_names(ctx: PairContext, min_jaccard: float) -> bool:
    """False when one sentence names a party or place the other does not mention and the rest of the
    two sentences (names, dates and numbers left out) is less alike than `min_jaccard`: then a
    different date or time marks a different event that shares the topic words. A name in a part the
    other sentence leaves unsaid (slots.py: no rival there) is a detail of one event, not another event,
    when the two dates hang on acts of one kind (verbs.one_kind: "broke out" / "started"); told with
    other acts ("built in 2012" / "came off the runway on 9 May") they stay two."""
    if unmatched_name(ctx) is None:
        return True
    a, b = ctx.a, ctx.b
    if rest_jaccard(a, b, a.number_stems | b.number_stems | name_stems(a) | name_stems(b)) >= min_jaccard:
        return True
    return unmatched_name(ctx, rivalled_only=True) is None and acts_of_one_kind(a.dated_events, b.dated_events)


def acts_of_one_kind(a: tuple[tuple[str, frozenset[str]], ...], b: tuple[tuple[str, frozenset[str]], ...]) -> bool:
    """Whether every dated act of each sentence is of one kind with one of the other's (the same verb, or
    verbs.one_kind), whoever takes part; False where either gives no act."""
    if not a or not b:
        return False
    return (all(any(one_kind(va, vb) for vb, _ in b) for va, _ in a)
            and all(any(one_kind(va, vb) for va, _ in a) for vb, _ in b))


DatePairs = list[tuple[DateMention, DateMention]]


def disputed_dates(ctx: PairContext) -> tuple[DatePairs, DatePairs]:
    """The pairs of event dates (one from each sentence) that disagree, leaving out a date that agrees with
    some date of the other sentence, and the pairs that agree; for the date rule and its questions of
    dated acts (`open_dated_acts`)."""
    a, b = ctx.a, ctx.b
    agreed_a, agreed_b, conflicts, agreements = set(), set(), [], []
    for i, da in enumerate(a.dates):
        for j, db in enumerate(b.dates):
            if not (da.dates_event and db.dates_event):
                continue  # "officials said Tuesday", "on the same period last year": not when it happened
            if da.not_before or db.not_before:
                continue  # "not until June": from June on, which the time rule compares
            if da.again != db.again:
                continue  # "the board meets again on Friday" / "held a meeting on Saturday": two meetings
            if {da.phase, db.phase} == {"start", "end"}:
                continue  # "walked out on Monday at the start of" / "ended on Wednesday": two moments (phases.py)
            status = compare_mentions(da, db, ctx.a_published, ctx.b_published)
            if status == "agree":
                agreed_a.add(i)
                agreed_b.add(j)
                agreements.append((da, db))
            elif status == "conflict":
                conflicts.append((i, j))
    # a date that agrees with some date of the other sentence is not disputed
    disputed = [(a.dates[i], b.dates[j]) for i, j in conflicts if i not in agreed_a and j not in agreed_b]
    return disputed, agreements


def date_mismatches(ctx: PairContext, settings: DateSettings, notes: list[str],
                    require_related: bool = True, related_anyway: bool = False,
                    occasions: list | None = None) -> list[Mismatch]:
    """Dates that disagree. With `require_related`, only when the rest of the sentences overlap:
    otherwise the two dates probably belong to two different events. A disagreement where one date
    names an occasion ("the 2018 drought") and the other does not is no disagreement: it goes to
    `occasions` instead."""
    a, b, a_published, b_published = ctx.a, ctx.b, ctx.a_published, ctx.b_published
    share, shared = rest_overlap(a, b, a.number_stems | b.number_stems)
    # Names alone do not make one event: "Norrvik Ferries launched its app in April" and "Norrvik
    # Ferries signed a wage deal in July" share the company and nothing else.
    share_words, _ = rest_overlap(a, b, a.number_stems | b.number_stems | name_stems(a) | name_stems(b))
    related = not require_related or related_anyway or one_dated_event(a.dated_events, b.dated_events) or (
        share >= settings.min_overlap and shared >= ctx.shared.min_shared_words and share_words >= settings.min_overlap)
    disputed, agreements = disputed_dates(ctx)
    out = []
    for da, db in disputed if related else ():
        if (da.occasion or da.setting) != (db.occasion or db.setting):
            if occasions is not None:
                occasions.append((da, db))
            continue
        shown_a, shown_b = describe(da, a_published), describe(db, b_published)
        what = "times" if da.is_time else "dates for the same event"
        out.append(Mismatch("date", shown_a, shown_b, f"Different {what}: {shown_a} vs {shown_b}."))
        break  # one date disagreement per pair is enough to show
    if agreements:
        notes.append("same date: " + ", ".join(
            f"{describe(da, a_published)} ~ {describe(db, b_published)}" for da, db in agreements[:2]))
    return out


def period_gap(a: SentenceFacts, b: SentenceFacts, a_published: dt.date | None,
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


def open_dated_acts(ctx: PairContext) -> tuple[DatedActQuestion, ...]:
    """Dates that disagree where the rule found no mismatch because nothing in the words shows them to be
    dates of one event, each the date of an act on a participant both sentences share, with verbs of other
    kinds ("Fishermen spotted the oil" on Thursday / "The oil was seen by fishermen" on May 14, "Meridane
    filed its claim" / "The claim was lodged"): for the NLI model to say whether the two acts are one
    (checker/dated_acts.py). Not where the sentences name different parties, another rule set them aside
    as two events or the date rule found a mismatch."""
    if not may_ask_of_dated_acts(ctx):
        return ()
    out = []
    for da, db in disputed_dates(ctx)[0]:
        if (da.occasion or da.setting) != (db.occasion or db.setting):
            continue  # an occasion's date is another event's
        shown_a, shown_b = describe(da, ctx.a_published), describe(db, ctx.b_published)
        question = dated_act_question(ctx, (da.start, da.end), (db.start, db.end), Mismatch(
            "date", shown_a, shown_b, f"Different dates for one act: {shown_a} vs {shown_b}"))
        if question is not None:
            out.append(question)
    return tuple(dict.fromkeys(out))


def may_ask_of_dated_acts(ctx: PairContext) -> bool:
    """Whether the date and time rules may ask of a pair's dated acts: no date or time mismatch found, no
    proposal and its answer, no different parties, and no two events found but by a date or time."""
    if ctx.found.get("dates") or ctx.found.get("times") or ctx.steps or different_parties(ctx):
        return False
    return not ctx.two_events or ctx.two_events.startswith(("different dates", "different times"))


def dated_act_question(ctx: PairContext, span_a: tuple[int, int], span_b: tuple[int, int],
                       mismatch: Mismatch) -> DatedActQuestion | None:
    """The question for two dates or times that disagree (their character spans): None unless each is the
    date of an act and the acts hold one of the two anchors of one dated event (phases.one_dated_event)
    but not both: a shared participant with verbs of other kinds ("spotted the oil" / "the oil was
    seen"), or verbs of one kind with participants in other words ("negotiations broke down" / "talks
    broke down"). Both anchors make one dated event already; with neither there is no act in common to
    ask about (asking of the two sentences without their dates found nothing on the tuning sets: whole
    sentences differ in more than their dates). Nor is anything asked of an act on a participant
    introduced as new ("a fire broke out"), which may be another one."""
    x = next((d for d in ctx.a.dated_acts if (d.start, d.end) == span_a), None)
    y = next((d for d in ctx.b.dated_acts if (d.start, d.end) == span_b), None)
    if x is None or y is None or x.new_participant or y.new_participant or not (x.participants and y.participants):
        return None
    if bool(x.participants & y.participants) == one_kind(x.verb, y.verb):
        return None
    return DatedActQuestion(x.skeleton, y.skeleton, mismatch)


def same_day_told_two_ways(a: SentenceFacts, b: SentenceFacts, a_published: dt.date | None,
                            b_published: dt.date | None) -> str | None:
    """Why a contradiction the NLI model alone reads between two sentences is none, else None: they say
    the same and name one day in other words, read against each article's date ("the festival said on
    Monday", in an article of Tuesday / "the festival said yesterday"). Each sentence's days (every
    reading of its dates) share one, neither negates what the other does not, and the content words of
    one outside its dates are all among the other's, which may add a detail ("Kerr told reporters
    yesterday" / "Hospital chief executive Martin Kerr told reporters on Wednesday")."""
    if not a.dates or not b.dates or len(a.negations) != len(b.negations):
        return None
    days_a, days_b = _days(a, a_published), _days(b, b_published)
    if not days_a or not days_b or not days_a & days_b:
        return None
    rest_a, rest_b = _outside_dates(a), _outside_dates(b)
    if not rest_a or not rest_b or not (rest_a <= rest_b or rest_b <= rest_a):
        return None
    day = min(days_a & days_b)
    told = " / ".join(d.text for d in (a.dates[0], b.dates[0]))
    return f"the same day told two ways ({told}: {day:%d %B %Y}), and otherwise the same statement"


def _days(facts: SentenceFacts, published: dt.date | None) -> set[dt.date]:
    """Every day the sentence's dates may mean; empty where one of them is not a day."""
    out: set[dt.date] = set()
    for d in facts.dates:
        readings = resolve(d, published)
        if not readings or any(None in (r.year, r.month, r.day) for r in readings):
            return set()
        for r in readings:
            try:
                out.add(dt.date(r.year, r.month, r.day))
            except ValueError:
                return set()
    return out


def _outside_dates(facts: SentenceFacts) -> frozenset[str]:
    return content_stems([t for t in facts.tokens
                          if not any(d.start <= t.start < d.end for d in facts.dates)])


RULE = Rule(name="dates", kind="date", settings=DateSettings, find=find_date_mismatches)
