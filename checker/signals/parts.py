"""Different names in one part of one act, read from the parse: "the ferry was built by Harlow Yards" /
"Dunmore Yards built the ferry", "Coastguard pilots flew the injured sailor to Tarnby Hospital" / "the
injured sailor was taken by helicopter to Vellmore General", "the museum's director, Ana Silva" / "museum
director Joao Reis".

The name rule (names.py) sets two names against each other when the same word stands next to each
("made by Raytheon" / "made by Lockheed"); a reader sees the same part in other words too, in another
voice, in a noun instead of a verb, or in an apposition. This rule reads each name's part from frames.py:
two acts of one kind (verbs.one_kind, a noun's act told as its verb), one participant the same
(roles.same_participant: by name, else by head noun) and, in another part, a name each sentence has
and the other does not mention anywhere, of types that can fill one part. Like the name rule, it needs
the same statement around the names (the rest of the words overlap) and stands aside for two events.

Not for: parts the parse does not attach to the act; acts of verbs WordNet does not join ("awarded the
contract to A" / "B won the contract"); two participants of one part both true ("built by A and B"
names both, so nothing differs); names of the same part in two acts of one kind that may both have
happened ("lent money to A" / "lent money to B" with nothing else said): the overlap gate weighs those.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..text import stem
from ..types import Mismatch
from .facts import EntityMention, Frame, Participant, SentenceFacts
from .names import compatible_types, is_headline, named_in, same_name
from .roles import RECIPROCAL, names_in, same_participant
from .rule import PairContext, Rule, name_stems, rest_overlap
from .verbs import one_kind

# Rules whose finding is the plainer reading of the same difference: a different name next to the same
# word, a maker or supplier, a speaker, or the same names in swapped parts.
_PLAINER = ("names", "posts", "quotes", "attribution", "roles")


@dataclass(frozen=True)
class PartSettings:
    """Weight and gate of the rule of names in one part."""

    weight: float = 0.6  # noisy-OR weight, as for a different name (names.NameSettings)
    min_overlap: float = 0.5  # the same statement around the names, as names.NameSettings.min_overlap


def find_part_mismatches(ctx: PairContext, settings: PartSettings) -> list[Mismatch]:
    """A name in one part of an act that the other sentence gives another name in the same part of an
    act of one kind, with another participant the same; at most one."""
    a, b = ctx.a, ctx.b
    if ctx.two_events or any(ctx.found.get(name) for name in _PLAINER) or is_headline(a) or is_headline(b):
        return []
    for x, y, ea, eb, role in part_contrasts(a, b):
        leave_out = frozenset(stem(w) for w in ea.words | eb.words) | name_stems(a) | name_stems(b)
        share, common = rest_overlap(a, b, leave_out)
        if not ctx.close and (share < settings.min_overlap or common < ctx.shared.min_shared_words):
            continue
        part = _PART_NAMES.get(role, f"'{role}'")
        return [Mismatch("entity", ea.text, eb.text,
                         f"Different names as the {part} in one act: {ea.text!r} ({x.wording!r}) vs "
                         f"{eb.text!r} ({y.wording!r}).")]
    return []


def part_contrasts(a: SentenceFacts, b: SentenceFacts
                   ) -> Iterator[tuple[Frame, Frame, EntityMention, EntityMention, str]]:
    """(a's act, b's act, a's name, b's name, the part) for each two acts of one kind, one in each
    sentence, that share a participant and name in another part someone or something the other sentence
    does not mention (no gate of overlap: the act channel of pairing.py opens pairs with it)."""
    for x in a.frames:
        for y in b.frames:
            if x.verb in RECIPROCAL or y.verb in RECIPROCAL or not one_kind(x.verb, y.verb):
                continue
            found = _different_in_one_part(x, a, y, b)
            if found is not None:
                yield (x, y) + found


_PART_NAMES = {"agent": "doer", "patient": "one acted on", "recipient": "recipient", "holder": "holder",
               "possessor": "owner"}


def _anchors(shared: str, differing: str) -> bool:
    """Whether a participant the two acts share in part `shared` makes them one act with another
    participant in part `differing`: the doer or the thing done to, never a cause or a setting ("died
    of pneumonia"); for two doers, only the thing done to ("sent a team to Turkey" by two countries may
    both be true; "built the ferry" by two yards may not)."""
    if shared == differing or shared not in ("agent", "patient"):
        return False
    return shared == "patient" or differing != "agent"


def _different_in_one_part(x: Frame, a: SentenceFacts, y: Frame, b: SentenceFacts
                           ) -> tuple[EntityMention, EntityMention, str] | None:
    """(a's name, b's name, the part) where x and y share a participant in one part and name, in
    another part, someone or something the other sentence does not mention at all."""
    xs = {p.role: (p, names_in(p, a)) for p in x.participants}
    ys = {p.role: (p, names_in(p, b)) for p in y.participants}
    roles = xs.keys() & ys.keys()
    for role in roles - {"holder"}:  # who holds a post: posts.py, which knows posts that many hold
        p_names, q_names = xs[role][1], ys[role][1]
        own_a = [e for e in p_names if not named_in(e, b) and fills(e, xs[role][0], a)]
        own_b = [e for e in q_names if not named_in(e, a) and fills(e, ys[role][0], b)]
        if not own_a or not own_b or any(same_name(m, n) for m in p_names for n in q_names):
            continue
        pair = next(((m, n) for m in own_a for n in own_b if compatible_types(m.label, n.label)), None)
        if pair is None:
            continue
        if any(_anchors(other, role) and xs[other][0].definite and ys[other][0].definite
               and same_participant(*xs[other], *ys[other]) for other in roles):
            return pair[0], pair[1], role
    return None


# Prepositions that, inside a participant's phrase, add where it is or whom it is with: what follows them
# says more of the participant and is not it ("a court in Namibia's Kunene region", "the contract with
# Redmarch Risk"). "from" and "of" are left out: "investigators from the Marlow Safety Board" are the
# board's, as a reader takes it.
_NESTING = frozenset("in at on near inside outside within around across along beside with".split())


def fills(entity: EntityMention, p: Participant, facts: SentenceFacts) -> bool:
    """Whether a name inside a participant's phrase is the participant as a reader takes it (the head, an
    apposition, a compound, "investigators from the Marlow Safety Board"), not a place or a partner a
    preposition adds to it ("a court in Namibia's Kunene region", "the contract with Redmarch Risk"), nor
    a country or place whose the participant is ("Indonesia's state air navigation provider": the
    provider, which a place's possessive only locates)."""
    if entity.after == "'s" and entity.label in ("GPE", "LOC"):
        return False
    return not any(t.text.lower() in _NESTING for t in facts.tokens if p.start <= t.start and t.end <= entity.start)


RULE = Rule(name="parts", kind="entity", settings=PartSettings, find=find_part_mismatches)
