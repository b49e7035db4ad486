"""Event status in a news sentence: does it say an event has happened ("the US received the
missiles", "the ferry was handed over") or that it is still going on or not done yet ("work is
underway to transfer...", "has yet to open", "the payment remains outstanding")?

Two reports of one event can disagree only in this: an earlier article says the missiles were
received, a later one that the transfer is still under way. The same two statements in the other
order are progress, not a conflict. The status rule (`RULE`, at the end) decides that: same event,
and which article is later.

Not for: plans and expectations ("will deliver", "is expected to open"): comparability.py treats those
separately, because a plan says nothing about whether the event has happened yet. Nor tense
inside reported speech spread over clauses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import SIDE_A, SIDE_B, Mismatch, Reason
from .facts import SentenceFacts, StatusMention
from .rule import PairContext, Rule, name_stems, rest_overlap


# Event families: words of one family describe the same kind of event, so "received" in one
# sentence and "the transfer is under way" in another can be about one event. Each family lists
# the past forms that report it done, and the other words that name it (base, -ing, nouns).
_FAMILIES: dict[str, tuple[str, str]] = {
    "transfer": (
        "transferred delivered received shipped sent dispatched handed supplied provided arrived imported exported",
        "transfer transfers transferring deliver delivers delivering delivery deliveries receive receives receiving "
        "ship ships shipping shipment shipments send sends sending dispatch dispatches dispatching hand hands "
        "handing handover handovers hand-over supply supplies supplying provide provides providing provision "
        "arrive arrives arriving arrival import imports importing export exports exporting",
    ),
    "open": ("opened inaugurated reopened",
             "open opens opening reopen reopens reopening inaugurate inaugurates inauguration"),
    "sign": ("signed ratified", "sign signs signing ratify ratifies ratifying ratification"),
    "pay": ("paid settled refunded",
            "pay pays paying payment payments settle settles settlement refund refunds instalment instalments "
            "installment installments invoice invoices"),
    "build": ("built constructed repaired installed",
              "build builds building construct constructs constructing construction repair repairs repairing "
              "install installs installing installation"),
    "train": ("trained", "train trains training"),
}
_DONE: dict[str, str] = {w: fam for fam, (done, _) in _FAMILIES.items() for w in done.split()}
_ANY: dict[str, str] = {**{w: fam for fam, (_, other) in _FAMILIES.items() for w in other.split()}, **_DONE}
# Verbs that report some other event done: "the handover was completed", "crews have completed
# their training", "the payment was made". The event is the nearest event word; "made" and
# "carried" count only in the passive ("was made"), since "made a decision" reports no event.
_COMPLETION = frozenset({"completed", "finished", "concluded", "made", "carried"})
_PASSIVE_ONLY = frozenset({"made", "carried"})

# Words shortly before a past form that make it not a report of a done event. Plans and
# conditions govern a whole clause ("will be delayed, but still received"); infinitives, negation
# and "being" only the next few words ("to be delivered", "has not yet been paid", "is being built"),
# so that "Thanks to this, the US received..." still reads as done.
_PLAN_BEFORE = frozenset("""
will would shall could can may might must should expected plans planned scheduled if unless until
cannot won't wont won’t can’t
""".split())
_PLAN_LOOKBACK = 6
_NEAR_BEFORE = frozenset("to not never yet being".split())
_NEAR_LOOKBACK = 3
# "once the ferry has been delivered" is a condition about the future; "once it was delivered" is not.
_TIME_CONJUNCTIONS = frozenset("once when after before".split())
# A bare past participle of a transitive verb right before a preposition usually describes a noun
# ("missiles sent to Ukraine", "weapons provided by allies") rather than reporting an act.
_TRANSITIVE_DONE = frozenset("transferred delivered shipped sent dispatched supplied provided imported exported".split())
_PREPOSITIONS = frozenset("to by from for under as".split())
_DETERMINERS = frozenset("the a an its their his her our these those newly recently".split())
_AUXILIARIES = frozenset("has have had was were been is are already".split())

# Still going on: "underway", "in progress", "is being delivered", "is on its way". A fixed family
# when the words name the event themselves; else the verb's ("being delivered") or the nearest
# event word's ("work is underway to install").
_ONGOING: list[tuple[re.Pattern, str | None]] = [
    (re.compile(r"\b(?:under\s?way|in\s+progress|ongoing|in\s+the\s+process\s+of)\b", re.IGNORECASE), None),
    (re.compile(r"\b(?:is|are|was|were)\s+(?:still\s+)?being\s+(?P<verb>[a-z-]+)\b", re.IGNORECASE), None),
    (re.compile(r"\b(?:is|are|was|were)\s+(?:still\s+)?on\s+(?:its|their|the)\s+way\b", re.IGNORECASE), "transfer"),
]
# Not done yet: "has yet to open", "has not yet been paid", "still awaiting delivery",
# "remains outstanding", "is still pending".
_PENDING: list[tuple[re.Pattern, str | None]] = [
    (re.compile(r"\b(?:has|have|had|is|are|was|were)\s+yet\s+to\b", re.IGNORECASE), None),
    (re.compile(r"\b(?:has|have|had|is|are|was|were|did|does|do)(?:\s+not|n['’]t)\s+(?:yet\s+)?(?:been\s+)?"
                r"(?P<verb>[a-z-]+)", re.IGNORECASE), None),
    (re.compile(r"\bnot\s+yet\b", re.IGNORECASE), None),
    (re.compile(r"\bstill\s+(?:awaiting|waiting|pending|outstanding|due|unpaid|unsigned|incomplete|unfinished"
                r"|to\s+be|has\s+to|have\s+to|needs?\s+to)\b", re.IGNORECASE), None),
    (re.compile(r"\b(?:remains?|remained)\s+(?:\w+ly\s+)?(?:pending|outstanding|unpaid|unsigned|incomplete"
                r"|unfinished|closed|on\s+hold|in\s+doubt)\b", re.IGNORECASE), None),
    (re.compile(r"\b(?:awaiting|awaits|awaited)\b", re.IGNORECASE), None),
]
# How far from a status marker its event word may be, within one clause (no , ; : between).
_EVENT_BEFORE = 15  # words: "the handover of the ferry Elske from the yard to the operator is still underway"
_EVENT_AFTER = 4  # words: "underway to transfer", "has yet to open"
_ATTRIBUTIVE_AFTER = 2  # words: "ongoing deliveries", "ongoing arms deliveries"
_BE = frozenset("is are was were be been remains remain remained still".split())
_CLAUSE_BREAK = re.compile(r"[,;:()]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_Words = list[tuple[str, int, int]]


def find_status(text: str) -> list[StatusMention]:
    """Status mentions of one sentence: events it reports done, and events it says are still going
    on or not done yet. A sentence can have both ("the first ferry has arrived and the second is still
on its way"); the status rule then leaves that event's status alone."""
    words: _Words = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]
    out: list[StatusMention] = []

    def add(family: str, status: str, start: int, end: int) -> None:
        out.append(StatusMention(family, status, text[start:end], start, end))

    def taken(offset: int) -> bool:
        return any(m.start <= offset < m.end for m in out)

    # Not done yet, and still going on. A marker with no event word near it ("the ongoing crisis")
    # says nothing about an event's status.
    for status, patterns in (("pending", _PENDING), ("ongoing", _ONGOING)):
        for regex, fixed in patterns:
            for m in regex.finditer(text):
                if taken(m.start()):
                    continue
                if fixed:
                    add(fixed, status, m.start(), m.end())
                elif "verb" in regex.groupindex:
                    verb = m.group("verb").lower()
                    if verb in _ANY:
                        add(_ANY[verb], status, m.start(), m.end())
                else:
                    near = _event_near(text, words, m.start(), m.end(),
                                       after_only=_attributive(words, m))
                    if near is not None:
                        # the marker takes in an event word right after it ("underway to transfer")
                        family, _, w_end = near
                        add(family, status, m.start(), max(m.end(), w_end))
    # Done: a past form with nothing before it that makes it a plan, a condition or a negation.
    for i, (w, start, end) in enumerate(words):
        if taken(start) or _blocked(words, i):
            continue
        passive = i > 0 and words[i - 1][0] in ("was", "were", "been")
        if w in _COMPLETION:
            near = None if (w in _PASSIVE_ONLY and not passive) else _event_near(text, words, start, end)
            if near is not None:
                add(near[0], "done", _aux_start(words, i), end)
            continue
        fam = _DONE.get(w)
        if not fam:
            continue
        following = words[i + 1][0] if i + 1 < len(words) else ""
        if w in _TRANSITIVE_DONE and following in _PREPOSITIONS and not (i > 0 and words[i - 1][0] in _AUXILIARIES):
            continue  # "missiles sent to help Ukraine": a participle describing a noun, not a report
        if i > 0 and words[i - 1][0] in _DETERMINERS:
            continue  # "the exported missiles": an adjective
        if w == "handed":
            if following != "over":
                continue  # "handed down a ruling" is not a handover
            end = words[i + 1][2]
        add(fam, "done", _aux_start(words, i), end)
    return sorted(out, key=lambda s: s.start)


def _blocked(words: _Words, i: int) -> bool:
    """Whether the words before words[i] make it a plan, a condition, an infinitive, a negation or
    something still going on rather than a report of a done event."""
    # The plan window crosses clause breaks on purpose: "will be delayed, but still received".
    before = [w for w, _, _ in words[max(0, i - _PLAN_LOOKBACK):i]]
    if any(w in _PLAN_BEFORE for w in before):
        return True
    if any(w in _TIME_CONJUNCTIONS for w in before) and any(w in ("has", "have") for w in before[-3:]):
        return True
    return any(w in _NEAR_BEFORE or w.endswith(("n't", "n’t")) for w in before[-_NEAR_LOOKBACK:])


def _aux_start(words: _Words, i: int) -> int:
    """Start offset of the auxiliaries before words[i] ("has been delivered"), for the marker."""
    j = i
    while j > 0 and words[j - 1][0] in _AUXILIARIES:
        j -= 1
    return words[j][1]


def _attributive(words: _Words, m: re.Match) -> bool:
    """ "the ongoing crisis": an "ongoing" that describes the next noun, not a verb's subject."""
    if m.group().lower() != "ongoing":
        return False
    before = [w for w, _, e in words if e <= m.start()]
    return not (before and before[-1] in _BE)


def _event_near(text: str, words: _Words, start: int, end: int,
                after_only: bool = False) -> tuple[str, int, int] | None:
    """The event word closest to a status marker at text[start:end], in the same clause: up to
    _EVENT_BEFORE words before it or _EVENT_AFTER after it (only the next _ATTRIBUTIVE_AFTER words
    with `after_only`), as (family, start, end)."""
    before = [] if after_only else [(w, s, e) for w, s, e in words if e <= start][-_EVENT_BEFORE:]
    after = [(w, s, e) for w, s, e in words if s >= end][:_ATTRIBUTIVE_AFTER if after_only else _EVENT_AFTER]
    candidates = [(start - e, w, s, e) for w, s, e in before
                  if w in _ANY and not _CLAUSE_BREAK.search(text, e, start)]
    candidates += [(s - end, w, s, e) for w, s, e in after
                   if w in _ANY and not _CLAUSE_BREAK.search(text, end, s)]
    if not candidates:
        return None
    _, w, s, e = min(candidates)
    return _ANY[w], s, e


# ---------------------------------------------------------------------------------------------
# The status rule


@dataclass(frozen=True)
class StatusSettings:
    """Weight and gates of the status rule."""

    weight: float = 0.6  # noisy-OR weight of a status clash (aggregate.judge): as definite as a negation flip
    # "Done" against "still under way" is about one event only when the sentences name the same parties
    # and things: this many shared names (who, what, to whom: "US", "Patriot", "Ukraine"), or one shared
    # name and `min_overlap` of the rest in common. Two names are not enough: in coverage of one story the
    # main two ("US", "Ukraine") recur in sentences about different transfers.
    min_shared_names: int = 3
    min_overlap: float = 0.3


def find_status_mismatches(ctx: PairContext, settings: StatusSettings) -> list[Mismatch]:
    """A status clash, unless polarity already found a flip or progress (the plainer reading)."""
    if ctx.found.get("polarity") or ctx.progress:
        return []
    mismatches, progress = _status_clash(ctx, settings)
    ctx.progress = progress
    return mismatches


def _status_clash(ctx: PairContext, settings: StatusSettings) -> tuple[list[Mismatch], Reason | None]:
    """One sentence reports an event done, the other says the same event is still under way or not
    done yet. With publication dates: done in the earlier article and not done in the later one is
    a conflict; the other order is progress, returned as a not-comparable reason. Without them (or
    on the same day) it is a conflict whose reason says the order is unknown."""
    a, b = ctx.a, ctx.b
    if not (a.status and b.status):
        return [], None
    for done_side, open_side, done_name, open_name in ((a, b, SIDE_A, SIDE_B), (b, a, SIDE_B, SIDE_A)):
        for done in done_side.status:
            if not done.done:
                continue
            still = next((m for m in open_side.status if not m.done and m.family == done.family
                          and not any(o.done and o.family == done.family for o in open_side.status)), None)
            if still is None or not (ctx.close or _same_event(a, b, settings)):
                continue
            done_date, open_date = ((ctx.a_published, ctx.b_published) if done_name == SIDE_A
                                    else (ctx.b_published, ctx.a_published))
            state = "still under way" if still.status == "ongoing" else "not done yet"
            if done_date and open_date and done_date > open_date:
                return [], Reason.of(open_name, f" says the {done.family} was {state} ({still.marker!r}, published "
                                     f"{open_date}), ", done_name, " reports it done by a later date "
                                     f"({done.marker!r}, published {done_date}): progress, not a conflict")
            first: tuple = ("Status: ", done_name)
            if done_date and open_date and done_date < open_date:
                first += (f" (published {done_date})",)
                second: tuple = (open_name, f", published later ({open_date}), says")
            elif done_date and open_date:
                second = (open_name, ", published the same day, says")
            else:
                second = (open_name, " says")
            reason = Reason.of(*first, f" reports the {done.family} done ({done.marker!r}); ", *second,
                               f" it is {state} ({still.marker!r})",
                               "" if done_date and open_date else "; which report is later is unknown", ".")
            a_value, b_value = (done.marker, still.marker) if done_name == SIDE_A else (still.marker, done.marker)
            return [Mismatch("status", a_value, b_value, reason)], None
    return [], None


def _same_event(a: SentenceFacts, b: SentenceFacts, settings: StatusSettings) -> bool:
    names = name_stems(a) & name_stems(b)
    if len(names) >= settings.min_shared_names:
        return True
    share, _ = rest_overlap(a, b, frozenset())
    return bool(names) and share >= settings.min_overlap


RULE = Rule(name="status", kind="status", settings=StatusSettings, find=find_status_mismatches)
