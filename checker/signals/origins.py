"""Where a named party is based, listed, flagged or made, told by a place joined to a participle in front
of its name or of a noun set beside it, and two sentences that give one party two such places:
"Dublin-based Halvard Aircraft Leasing" / "Amsterdam-based Halvard" / "Halvard, the Amsterdam-based
lessor"; "the Toronto-listed Andes Aurea" / "Vancouver-listed Andes Aurea"; "the Liberian-flagged Salma
Horizon" / "the Panama-flagged Salma Horizon".

Extraction (`find_origins`, from spaCy's parse): a past participle that modifies a noun and stands right
after a hyphen, with a proper name or a nationality in front of the hyphen ("Dublin-based",
"German-built"). Its noun is the party: the name that holds it ("Halvard Aircraft Leasing") or that it
is set beside ("property investor Veldhoek", "Veldhoek, the Utrecht-based investor"), or the noun itself
where no name does. The form is English's, not a list: any participle so joined says how
the place belongs to the party, and the rule compares two places only for one participle.

The rule (`RULE`, kind "entity"): one party (a name the two share, aliases included, or a name and a
noun the story calls it by and no other name: name_kinds.py) given different places for one participle,
neither place one of the other's forms (a country and its people's adjective: "Liberian" / "Liberia",
names.alias_key) nor inside the other as the story tells (a town in its region).

Not for: a place told otherwise ("Halvard, which is based in Dublin", "a Dar es Salaam firm"), or two
parties (a name only one sentence gives).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..types import Mismatch
from .facts import EntityMention, Origin, SentenceFacts
from .names import alias_key, same_name
from .rule import PairContext, Rule


def find_origins(doc: Any) -> list[Origin]:
    """The place-participle modifiers of a parsed sentence ("Dublin-based Halvard"); [] without a parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return []
    out = []
    for tok in doc:
        if tok.tag_ != "VBN" or tok.i < 2 or doc[tok.i - 1].text != "-" or tok.head.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.head.i < tok.i:
            continue  # the participle modifies a noun in front of it: not a modifier of the party
        first = tok.i - 2
        if not (doc[first].pos_ == "PROPN" or doc[first].ent_type_ in ("GPE", "NORP", "LOC")):
            continue
        while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].whitespace_:
            first -= 1  # "Dar es Salaam-based": the place's other words
        place = doc[first:tok.i - 1].text
        name = _name_beside(tok.head)
        out.append(Origin(place=place, how=tok.lemma_.lower() or tok.lower_, noun=tok.head.lemma_.lower(),
                          start=doc[first].idx, end=tok.head.idx + len(tok.head.text),
                          text=doc[first:tok.head.i + 1].text, noun_start=tok.head.idx,
                          name_start=None if name is None else name.idx))
    return out


def _name_beside(noun: Any) -> Any:
    """The proper name a common noun is set beside, by the parse: the name it stands in front of ("property
    investor Veldhoek Vastgoed") or is in apposition with ("Veldhoek Vastgoed, the Utrecht-based investor";
    "the Utrecht-based investor, Veldhoek"); None if none."""
    if noun.pos_ != "NOUN":
        return None
    if noun.dep_ in ("compound", "appos") and noun.head.pos_ == "PROPN":
        return noun.head
    return next((c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def _party(origin: Origin, facts: SentenceFacts) -> EntityMention | None:
    """The name that holds the modified noun, or that the noun is set beside, if any."""
    at = [origin.noun_start] + ([] if origin.name_start is None else [origin.name_start])
    return next((e for e in facts.entities if any(e.start <= i < e.end for i in at) and e.text != origin.place), None)


def _one_party(px: EntityMention | None, x: Origin, py: EntityMention | None, y: Origin) -> bool:
    """One name on both sides, or a name on one and on the other a noun the story calls that name by and
    no other ("the Panama-flagged feeder ship" where the story calls the Salma Horizon "the ship":
    name_kinds.py)."""
    if px is not None and py is not None:
        return same_name(px, py)
    if px is not None:
        return y.noun in px.called
    if py is not None:
        return x.noun in py.called
    return False


def _one_place(x: str, y: str) -> bool:
    """Two places told the same, or a country against its people's adjective ("Liberian" / "Liberia")."""
    if x.lower() == y.lower():
        return True
    kx, ky = alias_key(x), alias_key(y)
    return kx is not None and kx == ky


def _inside(x: str, y: str, party: EntityMention) -> bool:
    """One place inside the other as the story tells it (StoryPlaces: "Kaolack, in Senegal")."""
    return x.lower() in party.within or y.lower() in party.within


@dataclass(frozen=True)
class OriginSettings:
    """Weight of the origin rule."""

    weight: float = 0.6  # noisy-OR weight, as for a different name


def find_origin_mismatches(ctx: PairContext, settings: OriginSettings) -> list[Mismatch]:
    """One party given two places by one participle ("Dublin-based" / "Amsterdam-based" Halvard)."""
    for x in ctx.a.origins:
        px = _party(x, ctx.a)
        for y in ctx.b.origins:
            py = _party(y, ctx.b)
            if x.how != y.how or not _one_party(px, x, py, y):
                continue
            named = px or py
            if _one_place(x.place, y.place) or _inside(x.place, y.place, named):
                continue
            return [Mismatch("entity", x.text, y.text,
                             f"Different places for one party: {x.text!r} vs {y.text!r} ({x.how}).")]
    return []


RULE = Rule(name="origins", kind="entity", settings=OriginSettings, find=find_origin_mismatches)
