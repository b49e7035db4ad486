"""Where a story's own text puts its places: "Dorneasca, a small town in Transylvania", "the
Transylvanian town of Dorneasca", "in Bralowice, in southern Poland", "the village of Vanuamalo on
Fiji's main island", "the Kunene region of Namibia", "Mechelen in Belgium".

A gazetteer (places.py) knows towns of 1,000 people or more by their GeoNames names; news is full of
villages, districts and sites it does not know, and a writer who names one usually says where it is,
once, in one article. Another article of the same story then names the region instead ("in
Transylvania"), which is no different name as a reader sees it. So the sentences of a story are read
once for such statements (`find_locations`, per sentence, from spaCy's dependency parse), their
closure is taken over the whole story (`StoryPlaces`: a place in a place in a place), and every name a
sentence gives is told where the story puts it (`EntityMention.within`), which names.one_place reads
beside the gazetteer.

What the parse shows, not word lists: a proper noun and a place it is put in by an apposition ("X, a
town in Y"), by a noun that names it ("the town of X in Y", "the Y town of X", "the X region of Y", "X
region in Y"), by its own "in" ("X in Y") or by a second "in" right after its own ("in X, in Y"). The
place a phrase puts it in is a proper noun, a possessor ("Fiji's main island": Fiji) or a place's
adjective ("Transylvanian"). "near", "outside" and "off" are not inside, and are left out.

Not for: places no sentence of the story locates (the gazetteer's job), or what a place is near.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Iterable

from . import places
from .facts import EntityMention, SentenceFacts
from .name_kinds import story_aliases, story_kinds
from .names import country_table_entry, is_demonym

# spaCy labels of proper nouns that name no place.
_NOT_CONTAINERS = frozenset({"PERSON", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL",
                             "LANGUAGE"})
# Prepositions that put a thing inside a place ("in Transylvania", "on Fiji's main island").
_INSIDE = frozenset({"in", "on", "within"})
# spaCy labels of names that are not places: a person or an organisation "in Y" is where it is, not a
# part of Y, unless a noun says what it is ("Huarancay, a village in ...").
_NOT_PLACES = frozenset({"PERSON", "ORG", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL",
                         "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})


def norm(text: str) -> str:
    """A place name as the story's table keys it (places.name_key: lower case, no "the", no possessive)."""
    return places.name_key(text)


def find_locations(doc: Any) -> tuple[tuple[str, str], ...]:
    """(place, the place it is in) for every such statement of a parsed sentence, as written; () without
    a dependency parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return ()
    out: list[tuple[str, str]] = []
    for tok in doc:
        if tok.pos_ == "PROPN" and tok.dep_ != "compound":
            out += _of_name(tok)
        elif tok.pos_ == "NOUN":
            out += _of_noun(tok)
    return tuple(dict.fromkeys((x, y) for x, y in out if _may_be_inside(x, y)))


def _may_be_inside(inner: str, outer: str) -> bool:
    """A country is inside nothing a story names, and a place the gazetteer knows is not inside one it
    does not ("the western Manitoba town of Brackenford" is no Manitoba in Brackenford)."""
    x, y = norm(inner), norm(outer)
    if not x or not y or x == y or country_table_entry(inner) is not None:
        return False
    return not (places.readings(inner) and not places.readings(outer) and country_table_entry(outer) is None
                and not places.is_adjective_of_place(outer))


def _name(tok: Any) -> str:
    """A proper noun with the proper nouns compounded onto it ("New Brunswick")."""
    left = tok
    for child in tok.lefts:
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            left = child if child.i < left.i else left
    return tok.doc[left.i:tok.i + 1].text


def _place_word(tok: Any) -> bool:
    """A proper noun that may name a place: not a date, a time, a number or a person."""
    return tok.pos_ == "PROPN" and tok.ent_type_ not in _NOT_CONTAINERS


def _container(pobj: Any) -> str | None:
    """The place the object of "in" / "on" names: itself as a proper noun, else the place's own name
    compounded on it ("the Ancash region"), else its possessor ("Fiji's main island"), else a place's
    adjective on it."""
    if pobj.pos_ == "PROPN":
        return _name(pobj) if _place_word(pobj) else None
    for dep in ("compound", "poss"):
        for child in pobj.children:
            if child.dep_ == dep and _place_word(child):
                return _name(child)
    return _adjective(pobj)


def _adjective(noun: Any) -> str | None:
    """A capitalised adjective or nationality on a noun ("the Transylvanian town"): the place it is of."""
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.text[:1].isupper() and (
                child.ent_type_ in ("NORP", "GPE", "LOC") or _is_place_adjective(child)):
            return child.text
    return None


def _inside_of(tok: Any) -> list[str]:
    """The places a token's own "in" / "on" phrases put it in."""
    out = []
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in _INSIDE:
            out += [c for c in (_container(o) for o in prep.children if o.dep_ == "pobj") if c]
    return out


def _of_name(tok: Any) -> list[tuple[str, str]]:
    """A proper noun put in a place by its own phrases: "Mechelen in Belgium", "Dorneasca, a town in
    Transylvania", "Moncton, New Brunswick", and "in Bralowice, in southern Poland"."""
    name, out = _name(tok), []
    if not _place_word(tok):
        return out
    place_like = tok.ent_type_ not in _NOT_PLACES
    if place_like:
        out += [(name, y) for y in _inside_of(tok)]
    for child in tok.children:
        if child.dep_ != "appos":
            continue
        if child.pos_ == "PROPN" and place_like and child.ent_type_ in ("GPE", "LOC"):
            out.append((name, _name(child)))  # "Moncton, New Brunswick"
        elif child.pos_ == "NOUN":  # "Dorneasca, a small town in Transylvania": the noun says what it is
            out += [(name, y) for y in _inside_of(child)]
    # "in Bralowice, in southern Poland": a second "in" right after the name's own, set off by a comma
    # (the small model calls many a town an organisation; the two "in"s say it is a place)
    prep = tok.head
    if tok.dep_ == "pobj" and prep.lower_ in _INSIDE and prep.dep_ == "prep":
        after = [p for p in prep.head.children if p.dep_ == "prep" and p.lower_ in _INSIDE and p.i > tok.i]
        if after and after[0].i == tok.i + 2 and tok.doc[tok.i + 1].text == ",":
            out += [(name, c) for c in (_container(o) for o in after[0].children if o.dep_ == "pobj") if c]
    return out


def _of_noun(noun: Any) -> list[tuple[str, str]]:
    """A place a noun names, put in a place: "the town of X in Y", "the Y town of X", "the village of X
    on Fiji's main island", "Peru's Ancash region", "X region in Y"; and "the X region of Y" / "the Y town
    of X", where the gazetteer says which of the two is the larger."""
    of = [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
          for o in p.children if o.dep_ == "pobj" and _place_word(o)]
    own = [c for c in noun.children if c.dep_ == "compound" and _place_word(c) and c.i > 0]
    where = _inside_of(noun)
    if own:  # the noun's own name: "Kunene region in northwestern Namibia", "Peru's Ancash region"
        where += [_name(c) for c in noun.children if c.dep_ == "poss" and _place_word(c)]
        out = [(_name(x), y) for x in own for y in where]
        for x in own:  # "the Manitoba town of Brackenford" / "the Kunene region of Namibia"
            for o in of:
                known_x, known_o = bool(places.readings(_name(x))), bool(places.readings(_name(o)))
                if known_x != known_o:
                    out.append((_name(o), _name(x)) if known_x else (_name(x), _name(o)))
        return out
    # "of" names it: "the (Transylvanian) town of Dorneasca (in Transylvania)"
    # (and the name's own "in": "the Andean town of Huarancay, in Peru's Ancash region")
    where += [a for a in [_adjective(noun)] if a]
    return [(_name(x), y) for x in of for y in where + _inside_of(x)]


def _is_place_adjective(tok: Any) -> bool:
    return places.is_adjective_of_place(tok.text) or is_demonym(tok.text)


@dataclass(frozen=True)
class StoryPlaces:
    """The places a story's sentences put its places in, closed over the story: place -> every place
    it is in, keyed by `norm`."""

    within: dict[str, frozenset[str]] = field(default_factory=dict)
    # name as written -> the nouns the story calls it by and no other name (name_kinds.story_kinds)
    called: dict[str, frozenset[str]] = field(default_factory=dict)
    # name as written -> the other names the story gives the same thing (name_kinds.story_aliases)
    aliases: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def read(cls, facts: Iterable[SentenceFacts]) -> "StoryPlaces":
        """The table from every sentence of a story."""
        facts = list(facts)
        direct: dict[str, set[str]] = {}
        for f in facts:
            for inner, outer in f.locations:
                direct.setdefault(norm(inner), set()).add(norm(outer))
        closed: dict[str, frozenset[str]] = {}
        for start in direct:
            seen: set[str] = set()
            todo = list(direct[start])
            while todo:
                place = todo.pop()
                if place in seen or place == start:
                    continue
                seen.add(place)
                todo += direct.get(place, ())
            closed[start] = frozenset(seen)
        return cls(closed, story_kinds(facts), story_aliases(facts))

    def locate(self, facts: SentenceFacts) -> SentenceFacts:
        """The sentence with each of its names told where the story puts it (EntityMention.within),
        what the story calls it by (EntityMention.called) and its other names (EntityMention.aliases)."""
        if not self.within and not self.called and not self.aliases:
            return facts
        changed = False
        entities = []
        for e in facts.entities:
            within = self.within.get(norm(e.text)) or self.within.get(e.key)
            if within and within != e.within:
                e = dataclasses.replace(e, within=within)
                changed = True
            called = self.called.get(e.text)
            if called and called != e.called:
                e = dataclasses.replace(e, called=called)
                changed = True
            aliases = self.aliases.get(e.text)
            if aliases and aliases != e.aliases:
                e = dataclasses.replace(e, aliases=aliases)
                changed = True
            entities.append(e)
        return dataclasses.replace(facts, entities=tuple(entities)) if changed else facts

