"""The part a noun plays in its sentence, as spaCy's dependency parse gives it: the relation and the word
it hangs on ("a fire in the Halden mill's storage hall": "Halden mill" is the possessor of "hall";
"police arrested a man in Bralowice": "Bralowice" is the object of "in" on "arrest").

The date and time rules read it to tell whether a name only one sentence gives marks another event or
adds a detail to the same one: "a fire broke out in the terminal's conveyor hall in May" against "... in
the Halden mill's storage hall in August" fill one part (the possessor of "hall") with two things, which
is two fires; "fire broke out in the Halden mill's storage hall on 3 August" against "the blaze in the
storage hall began on 5 August" leaves the possessor unsaid in the second: one fire told with two dates,
when the dates hang on acts of one kind (names.unmatched_name, dates.one_event_despite_names).

Not for: what the noun refers to (coreference), or parts the parse does not attach to a word.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Iterable

from ..text import stem
from .facts import EntityMention

Slot = tuple[str, str]  # (relation: a preposition or a dependency label, the stem of the word it hangs on)

# Dependency labels that name a part a noun plays on the word it hangs on.
_PARTS = frozenset({"poss", "nsubj", "nsubjpass", "dobj", "dative", "attr", "appos", "compound", "amod", "npadvmod"})


def slot_of(token: Any) -> Slot | None:
    """The part the noun phrase of `token` plays: the object of a preposition on a word ("in", "hall"),
    or a dependency on its head ("poss", "hall"); None for the root or a part the parse leaves loose."""
    root = token
    while root.dep_ in ("compound", "flat") and root.head is not root:
        root = root.head  # "Halden" in "the Halden mill's hall": the phrase's head plays the part
    head = root.head
    if root.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head is not head:
        return head.lower_, stem(head.head.lemma_.lower())
    if root.dep_ in _PARTS and head is not root:
        return root.dep_, stem(head.lemma_.lower())
    return None


def filled_slots(doc: Any) -> frozenset[Slot]:
    """Every part some noun, name or pronoun of a parsed sentence plays; empty without a parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return frozenset()
    found = (slot_of(t) for t in doc if t.pos_ in ("NOUN", "PROPN", "PRON"))
    return frozenset(s for s in found if s is not None)


def with_slots(entities: Iterable[EntityMention], doc: Any) -> list[EntityMention]:
    """The names, each with the part it plays (EntityMention.slot), read from the parse of its sentence."""
    entities = list(entities)
    if doc is None or not doc.has_annotation("DEP"):
        return entities
    by_start = {t.idx: t for t in doc}
    out = []
    for e in entities:
        first = by_start.get(e.start)
        if first is None:
            out.append(e)
            continue
        # the name's last word heads it ("Halden mill"), not its first
        last = next((t for t in doc[first.i:] if t.idx + len(t.text) >= e.end), first)
        out.append(dataclasses.replace(e, slot=slot_of(last)))
    return out
