"""Whether two sentences are about the same event at all, decided after the mismatch rules.

Three conservative rules say "not comparable" (a wrong "not comparable" hides a real conflict):
- a plan or expectation ("is expected to arrive") against a later article's report of what happened;
- explicit dates in clearly different periods, with different wording for what happened;
- different quantities and different dates or names, with little else in common: two events.
Progress found by the polarity and status rules (not yet / under way earlier, done later) is not a
conflict either; `checker/signals/__init__.py` applies that first.

Extraction: `plan_marker`, `past_marker` and `talks_of_future` read a sentence's plan, past-event
and future wording.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


from ..types import SIDE_A, SIDE_B, Reason
from .dates import date_mismatches, one_made_thing, period_gap
from .facts import SentenceFacts
from .rule import PairContext, name_stems, rest_overlap



@dataclass(frozen=True)
class ComparabilitySettings:
    """Gates of the not-comparable rules."""

    plan_min_overlap: float = 0.25  # a plan and a later report must share some of what they are about
    # Dates at least this many months apart and overlap below the maximum mean different actions in
    # different periods; different quantities plus different dates or names with overlap below the
    # second maximum mean two different events (two shipments, two attacks).
    different_period_months: int = 2
    different_period_max_overlap: float = 0.5
    different_event_max_overlap: float = 0.35


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
# ...and "is to" / "are to" before a verb ("Wroblewski is to stay on as chairman"), a plan told as settled.
FUTURE_WORDS = (r"\b(?:will|shall|won't|won’t|would|expected|plans?|planned|intends?|soon|upcoming|next)\b"
                r"|\b(?:is|are)\s+(?:now\s+|also\s+)?to\s+(?!be\s+(?:seen|found|blamed)\b)[a-z]+")
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
# How the two-events reason names the other differing detail, by the kind of its mismatch.
_PLURALS = {"date": "dates", "entity": "names", "role": "names"}


def plan_marker(text: str) -> str | None:
    """The plan or expectation wording of a sentence as written ("is expected to"), if any."""
    return _first_marker(_PLAN_RES, text)


def past_marker(text: str) -> str | None:
    """The wording that reports an event as done ("has been delivered"), if any."""
    return _first_marker(_PAST_RES, text)


def talks_of_future(text: str) -> bool:
    return bool(_FUTURE_RE.search(text))


def _first_marker(rules: list[tuple[str, re.Pattern]], text: str) -> str | None:
    for _, regex in rules:
        m = regex.search(text)
        if m:
            return m.group()
    return None


def _set_in_another_year(facts: SentenceFacts, other: SentenceFacts, other_published: dt.date | None) -> str | None:
    """The year, as written, that sets `facts`' scene ("In 2019 ..."; DateMention.setting), when it is
    before the other article's year and the other sentence names no date in it; else None."""
    for d in facts.dates:
        if not d.setting or d.year is None or other_published is None or d.year >= other_published.year:
            continue
        if not any(o.year == d.year for o in other.dates):
            return d.text
    return None


def not_comparable_reason(ctx: PairContext) -> Reason | str | None:
    """Why the two sentences describe different events, or None when nothing clearly says so.
    Reads what the number, date, name and role rules found (`ctx.found`, `ctx.differences`)."""
    a, b, a_published, b_published = ctx.a, ctx.b, ctx.a_published, ctx.b_published
    settings: ComparabilitySettings = ctx.settings["comparability"]
    leave_out = a.number_stems | b.number_stems
    share, shared = rest_overlap(a, b, leave_out)
    # A plan or expectation against a later article's report of what happened.
    for plan, report, plan_date, report_date, plan_side, report_side in (
        (a, b, a_published, b_published, SIDE_A, SIDE_B), (b, a, b_published, a_published, SIDE_B, SIDE_A),
    ):
        if (plan.plan and not plan.past and report.past and not report.future
                and plan_date and report_date and report_date > plan_date
                and share >= settings.plan_min_overlap and shared >= ctx.shared.min_shared_words):
            return Reason.of(plan_side, f" describes a plan or expectation ({plan.plan!r}, published {plan_date}), ",
                             report_side, " reports what had happened by a later date "
                             f"({report.past!r}, published {report_date})")
    # Explicit dates in clearly different periods, and different wording for what happened.
    # (years that open two stretches an occurrence is counted in are not two periods: occurrences.py; nor are
    # two years one thing was made or founded in, which the date rule found apart: dates.one_made_thing)
    one_period = ctx.found.get("occurrences") or ctx.found.get("dates") and one_made_thing(a, b)
    period = None if one_period else period_gap(a, b, a_published, b_published)
    if period is not None:
        gap, year_only, shown_a, shown_b = period
        limit = settings.different_event_max_overlap if year_only else settings.different_period_max_overlap
        if gap >= settings.different_period_months and share < limit:
            return f"different periods ({shown_a} vs {shown_b}) and different actions described"
    # Different figures where one sentence is set in a past year the other does not speak of ("In 2019 a
    # tanker ran aground ..., spilling about 300 barrels" / "Roughly 240,000 litres of crude had spilled"):
    # the background event's figures, not the story's.
    if ctx.differences:
        background = _set_in_another_year(a, b, b_published) or _set_in_another_year(b, a, a_published)
        if background:
            return (f"different figures ({ctx.differences[0].a_value} vs {ctx.differences[0].b_value}) and one "
                    f"sentence set in an earlier year ({background!r}) the other does not speak of: two events")
    # Different quantities and different dates or names, with little else in common: two events.
    numbers, dates, names = ctx.differences, ctx.mismatches("dates"), ctx.mismatches("names", "roles")
    if numbers and not dates:
        # Unrelated wording hides date disagreements from the mismatches; here they count.
        dates = date_mismatches(ctx, ctx.settings["dates"], [], require_related=False)
    if numbers and (dates or names):
        share_without_names, _ = rest_overlap(a, b, leave_out | name_stems(a) | name_stems(b))
        if share_without_names < settings.different_event_max_overlap:
            other = dates[0] if dates else names[0]
            first = numbers[0]
            return (f"different quantities ({first.a_value} vs {first.b_value}) and different "
                    f"{_PLURALS[other.kind]} ({other.a_value} vs {other.b_value}) with little else in common: "
                    "probably two different events")
    return None

