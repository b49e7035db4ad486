"""A person's age as news writes it, and two sentences that give one person two ages: "Joaquin Peralta,
29, one of the two guides" / "The funeral of Joaquin Peralta, 31, ...".

Extraction (`find_ages`): an age is a number of at most three digits set after a person's name between
commas ("Peralta, 29,", "Peralta, aged 29,"), or "a 29-year-old" in apposition after the name
("Joaquin Peralta, a 29-year-old guide"), or "29-year-old" in the words just before it ("the
29-year-old guide Joaquin Peralta"). The person is a name the sentence's name finder types as a person,
or as an organisation (spaCy's small model types many unfamiliar people so; an age says it is a
person), never as a place.
An age is a fact about the person, not a count: its span is kept out of the number rule's quantities
(extract.py), where "29 vs 31" would be two figures for two parties named nearby.

The rule (`RULE`, kind "number"): one person (names.same_name) with two ages. Articles of one story are
days apart, so a year of difference is already a disagreement.

Not for: ages of things ("the 30-year-old bridge"), ages in words, or a person whose name differs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import Mismatch
from .facts import Age, EntityMention
from .names import same_name
from .rule import PairContext, Rule

# spaCy's small model types many unfamiliar names of people as organisations ("Marta Ilves"); a name with
# an age set after it is a person's. Places are left out: "Kenya, 12, and Uganda, 9" counts medals.
_PERSON_LABELS = frozenset({"PERSON", "ORG", None})
_AFTER_RE = re.compile(r"^,\s*(?:aged\s+)?(?P<age>\d{1,3})\s*(?:,|\)|\.|$|\s+(?:and|who|was|is|has|had|said)\b)")
_AFTER_YEAR_OLD_RE = re.compile(r"^,\s*an?\s+(?P<age>\d{1,3})-year-old\b")
_BEFORE_YEAR_OLD_RE = re.compile(r"\b(?P<age>\d{1,3})-year-old\s+(?:[a-z][\w-]*\s+){0,3}$")


def find_ages(text: str, entities: tuple[EntityMention, ...] | list[EntityMention]) -> list[Age]:
    """The ages a sentence gives to the people it names."""
    out = []
    for e in entities:
        if e.label not in _PERSON_LABELS:
            continue
        after = text[e.end:]
        m = _AFTER_RE.match(after) or _AFTER_YEAR_OLD_RE.match(after)
        if m:
            out.append(Age(person=e, age=int(m.group("age")), start=e.end + m.start("age"), end=e.end + m.end("age")))
            continue
        m = _BEFORE_YEAR_OLD_RE.search(text[:e.start])
        if m:
            out.append(Age(person=e, age=int(m.group("age")), start=m.start("age"), end=m.end("age")))
    return [a for a in out if 0 < a.age < 120]


@dataclass(frozen=True)
class AgeSettings:
    """Weight of the age rule."""

    weight: float = 0.75  # noisy-OR weight, as for a number that differs (numbers.py)


def find_age_mismatches(ctx: PairContext, settings: AgeSettings) -> list[Mismatch]:
    """One person given two ages."""
    for x in ctx.a.ages:
        for y in ctx.b.ages:
            if x.age != y.age and (same_name(x.person, y.person) or same_name(y.person, x.person)):
                a_value, b_value = f"{x.person.text}, {x.age}", f"{y.person.text}, {y.age}"
                return [Mismatch("number", a_value, b_value, f"Different ages for one person: {a_value} vs {b_value}.")]
    return []


RULE = Rule(name="ages", kind="number", settings=AgeSettings, find=find_age_mismatches)
