"""The figure or date each of two sentences gives that the other does not: for the question whether the
two tell one thing but for it (checker/value_swaps.py).

The number and date rules compare two figures only between sentences alike enough to be about one thing:
enough shared words, or an embedding similarity near a copy's (rule.SharedSettings). Outlets that disagree
tell the same fact in other words ("All six of the movement's councillors voted against the budget" / "The
four councillors of the Citizens' Movement ... voted with the opposition"; "The coalition agreement ...
was signed on June 14 last year" / "... was signed on July 2 last year, less than two weeks after ..."),
and those gates shut them out. Lowering the gates does not help: a figure from another body, time or
group reads just like a disputed one by its words ("The university has about 6,200 students" / "could
offer clinical placements to only 130 students"; docs/reading.md). Whether the two are one account but
for the value is a question of meaning: sentence b told with a's value, read against a by the NLI model.
This module finds the value and tells b with a's; checker/value_swaps.py asks the question.

The values are the quantities of numbers.py (counts, amounts, lengths of time, ordinals that count) and the
calendar dates of dates.py (a day of a month, or a year alone), never a dateline's date, a date of the
statement or of a baseline, nor a vague amount. A value is one the other sentence does not give when no
value of its kind there allows it (the intervals numbers.py reads overlap; the day or the year is the
same). The question is asked only where each sentence has exactly one such value of one kind, of the same
unit and noun (a noun left unsaid on one side counts as the same).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .facts import SentenceFacts
from .names import dateline_end as dateline_end_of
from .numbers import _SCALE_WORDS, _parse_number, ordinal_value

__all__ = ["Value", "values", "value_swap", "told_with"]


@dataclass(frozen=True)
class Value:
    """A figure or a date as one sentence gives it, with the part of the text that is the value itself."""

    kind: str  # "number" or "date": the kind of the mismatch the pair gets
    key: tuple  # what it is a value of: (unit, what it measures, sense) for a figure, the grain for a date
    noun: str | None  # what a figure counts, None when unsaid (and for dates)
    low: float  # the values it allows (a date: its month * 100 + day, or its year)
    high: float
    start: int  # the value as written: "six" of "All six of the movement's councillors"
    end: int
    text: str


def values(facts: SentenceFacts) -> list[Value]:
    """The figures and calendar dates a sentence gives (see the module's docstring), in text order."""
    out = []
    for q in facts.quantities:
        if q.vague or q.relative or q.role == "total":
            continue
        span = _figure(facts.text, q.start, q.end)
        if span and q.role != "all" and _PART_OF.match(facts.text, span[1]):
            continue  # "Two of the stolen paintings": a part of a group, not its size
        if span:
            out.append(Value("number", (q.unit, q.measures, q.sense), q.noun, q.low, q.high, *span,
                             facts.text[span[0]:span[1]]))
    dateline_end = dateline_end_of(facts.text)
    for d in facts.dates:
        if d.reporting or d.baseline or d.occasion or d.start < dateline_end:
            continue
        if d.month and d.day:
            key, n = "day", d.month * 100 + d.day
        elif d.year and not d.month and (d.lead or "in").lower() == "in":
            key, n = "year", d.year
        else:
            continue
        out.append(Value("date", (key,), None, n, n, d.start, d.end, d.text))
    return sorted(out, key=lambda v: v.start)


def value_swap(a: SentenceFacts, b: SentenceFacts) -> tuple[Value, Value] | None:
    """(a's value, b's value): the one value of a kind each sentence gives that the other does not, or
    None where there is none, or more than one of a kind on either side."""
    va, vb = values(a), values(b)
    only_a = [x for x in va if not any(_allows(x, y) for y in vb)]
    only_b = [y for y in vb if not any(_allows(x, y) for x in va)]
    found = []
    for x in only_a:
        rivals = [y for y in only_b if _one_kind(x, y)]
        if len(rivals) == 1 and sum(_one_kind(x2, rivals[0]) for x2 in only_a) == 1:
            found.append((x, rivals[0]))
    return found[0] if len(found) == 1 else None


def told_with(text: str, own: Value, other: Value) -> str:
    """`text` with its value `own` written as `other` is ("four councillors" told with "six")."""
    new = other.text
    if own.start > 0 and new[:1].isupper() and new.isalpha():
        new = new.lower()  # a number word that opened its sentence
    elif own.start == 0:
        new = new[:1].upper() + new[1:]
    return text[:own.start] + new + text[own.end:]


def _allows(x: Value, y: Value) -> bool:
    return x.kind == y.kind and x.key == y.key and x.low <= y.high and y.low <= x.high


def _one_kind(x: Value, y: Value) -> bool:
    return x.kind == y.kind and x.key == y.key and (x.noun is None or y.noun is None or x.noun == y.noun)


# After a figure, the group it is a part of ("two of the stolen paintings", "three of its 12 stores")
_PART_OF = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|those|these)\b", re.IGNORECASE)
# Words and figures, split at hyphens ("1.2-billion-sol": "1.2", "billion", "sol")
_WORD_RE = re.compile(r"[\w.,]*\w")


def _figure(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The figure inside a quantity as written (its first run of numbers, number words, scale words and
    ordinals), without the hedge and the noun around it."""
    run: list[tuple[int, int]] = []
    for m in _WORD_RE.finditer(text, start, end):
        if _is_figure(m.group()):
            if run and text[run[-1][1]:m.start()].strip(" -"):
                break
            run.append(m.span())
        elif run:
            break
    return (run[0][0], run[-1][1]) if run else None


def _is_figure(word: str) -> bool:
    w = word.lower()
    return (w[0].isdigit() or w in _SCALE_WORDS or ordinal_value(w) is not None
            or (w.isalpha() and _parse_number(w) is not None))
