"""What a signal rule is, and what every rule sees of a pair.

A rule compares the extracted facts of two sentences and returns the mismatches it finds. As a spaCy
pipeline component declares its name, what it assigns, its default config and its score weight next
to its code, each rule module declares a `RULE`: its name, the kind of mismatch it assigns, and its
settings class (a frozen dataclass with the rule's weight and thresholds as documented defaults),
defined beside the code that reads them. `checker/signals/__init__.py` lists the rules in the order
they decide; `Config.signals` overrides any setting by rule name.

    @dataclass(frozen=True)
    class NumberSettings:
        weight: float = 0.75            # noisy-OR weight of one mismatch in aggregate.judge
        same_figure_min_similarity: float = 0.7

    RULE = Rule(name="numbers", kind="number", settings=NumberSettings, find=find_number_mismatches)

Not for: extraction (each kind's module does that) or verdicts (aggregate.py).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from ..text import overlap, stem
from ..types import DateBase, Kind, Mismatch, Reason
from .facts import SentenceFacts



@dataclass(frozen=True)
class SharedSettings:
    """Gates every rule shares."""

    # Overlap gates: the rules compare the overlap coefficient of the two sentences' content stems
    # (leaving out the words under test) with their own minimum, and need at least this many shared
    # stems. Below them the sentences are about different things, and a "not", a name or a date in
    # one says nothing about the other.
    min_shared_words: int = 2
    # Figures, dates and times of two sentences that each name a party the other does not ("Germany
    # pledged 14 tanks" / "Poland pledged 10") belong to two events, unless the sentences are at least
    # this similar (near-identical: a name changed in an otherwise copied sentence). Not tuned: set well
    # above related_min_similarity, since two events worded alike reach that (see
    # eval/results/recall-signals.md for what the gate does on the gold set and the real corpus).
    different_parties_min_similarity: float = 0.85
    # Embedding similarity at or above which two sentences are taken to be about the same thing even
    # when their words differ ("the tax comes into force" / "will take effect"). Planted paraphrases with
    # a changed fact sit at 0.62-0.79 on the gold set, but on real coverage of one story different
    # statements reach 0.62-0.67 (two Zelenskyy quotes, two Kishida-Biden meetings), hence the higher bar.
    related_min_similarity: float = 0.7


@dataclass
class PairContext:
    """One pair as the rules see it: both sentences' facts, their articles' publication dates, their
    embedding similarity, the settings, and what the rules before have found (rules run in order)."""

    a: SentenceFacts
    b: SentenceFacts
    a_published: dt.date | None
    b_published: dt.date | None
    similarity: float | None
    settings: Mapping[str, Any]  # rule name (and "shared", "comparability") -> its settings
    found: dict[str, list[Mismatch]] = field(default_factory=dict)  # rule name -> its mismatches
    notes: list[str] = field(default_factory=list)  # agreeing facts worth showing
    # Differences that prove nothing either way (a near-identical spelling of a name): the pair is worth
    # a look (review.py), never a conflict on their account.
    doubts: list[str] = field(default_factory=list)
    # Every difference in amounts of the same thing, same fact or not: the comparability rules read it
    # (two different shipments differ in amount too).
    differences: list[Mismatch] = field(default_factory=list)
    # Progress (under way or not yet in an earlier article, done in a later one): not a conflict.
    progress: Reason | None = None
    # Two events rather than one disputed fact, found by the figure, date and time rules: different
    # figures or dates for two different parties, or a total against one party's figure. The name rules
    # stand aside and the pair is not comparable.
    two_events: str | None = None
    # Both sentences present the event as its first or its last occurrence ("its most recent
    # inspection" / "was last inspected", events.same_unique_event): one event, so the date rule
    # compares their dates however little else they share.
    one_occurrence: str | None = None
    # Two steps of one exchange (one sentence refuses a proposal the other tells as made,
    # polarity.answers_a_proposal): the reason. Their dates are of two acts, so the date and time rules
    # stand aside; what was proposed is one thing, so the other rules still compare it.
    steps: str | None = None
    # Where an article has no publication date: the day its relative times are read from, and whence
    # (Article.date_base); only the time rule uses it, and says so in its reason.
    a_base: DateBase | None = None
    b_base: DateBase | None = None

    @property
    def shared(self) -> SharedSettings:
        return self.settings["shared"]

    @property
    def close(self) -> bool:
        """Similar enough to be about the same thing whatever the words."""
        s = self.similarity
        return s is not None and not math.isnan(s) and s >= self.shared.related_min_similarity

    def mismatches(self, *rule_names: str) -> list[Mismatch]:
        """What the named rules (already run) found, in the order named."""
        return [m for name in rule_names for m in self.found.get(name, [])]


@dataclass(frozen=True)
class Rule:
    """A model-free pair rule: its name, the kind it assigns, its settings class and its function."""

    name: str
    kind: Kind
    settings: type  # a frozen dataclass whose fields have defaults; `weight` is the rule's noisy-OR weight
    find: Callable[[PairContext, Any], list[Mismatch]]

    def __call__(self, ctx: PairContext) -> list[Mismatch]:
        return self.find(ctx, ctx.settings[self.name])


def rest_overlap(a: SentenceFacts, b: SentenceFacts, leave_out: frozenset[str]) -> tuple[float, int]:
    """Overlap coefficient and count of the content stems two sentences share, leaving some out."""
    return overlap(a.content - leave_out, b.content - leave_out)


def name_stems(facts: SentenceFacts) -> frozenset[str]:
    """Stems of the words of every name in the sentence."""
    return frozenset(stem(w) for e in facts.entities for w in e.words)
