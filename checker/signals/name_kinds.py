"""What a story calls its names by: the common nouns a reader takes as the same thing when a later
sentence says "the authority", "the well" or "the parish" instead of the name.

Writers name a thing once ("the Finnish Financial Investigation Authority (FFIA)", "the parish of
Clarendon", "Geovolcan, the plant's operator") and then use the noun with "the". A reader
takes "the authority's board approved the penalty on 28 May" and "the FFIA board signed off on the
penalty on 3 June" for one board and one decision, not two events, because the story has one authority.
So each sentence is read for the nouns its names are given (`find_kinds`, from spaCy's dependency parse),
and over the story (`story_kinds`, names.named_in reads the result) a noun is kept for a name only where no other name of the story is
given it: with two hospitals in a story, "the hospital" is neither.

What the parse shows, not word lists: the name's own head noun ("Lake Sampiro Development Authority":
"authority"), an apposition ("Geovolcan, the plant's operator") and "the K of N" ("the parish of
Clarendon"). An acronym shares the nouns of the name it stands for (name_variants.acronym).

Not for: pronouns; a name set before a noun ("the CH-7 well", "a Transvalor van", "the FFIA board"),
which may name the thing or own it; nouns the story never ties to a name by one of those constructions.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from . import places
from .facts import EntityMention, SentenceFacts
from .name_variants import acronym
from .names import DEFINITE, POSSESSIVE, is_person, same_name

# spaCy labels of names whose last word may say what they are ("Lake Sampiro Development Authority"),
# unlike a person's ("Mamani Quispe") or an untyped name's.
_KIND_WORD_LABELS = frozenset({"ORG", "FAC", "GPE", "LOC", "PRODUCT", "EVENT"})
# Kinds of settlement, beside the kinds of division (places.is_division_word), that "the K of N" names
# N by ("the town of Huarancay"); other nouns there are parts or people of N ("the main square of X",
# "the mayor of X").
_SETTLEMENTS = frozenset({"town", "city", "village", "hamlet", "island", "commune", "township"})


def find_kinds(doc: Any, entities: Iterable[EntityMention]) -> tuple[tuple[str, str], ...]:
    """(name as written, a noun it is called by, lower case) for every name of a parsed sentence;
    () without a dependency parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return ()
    out: list[tuple[str, str]] = []
    by_start = {t.idx: t for t in doc}
    for e in entities:
        first = by_start.get(e.start)
        if first is None:
            continue
        span = [t for t in doc[first.i:] if t.idx < e.end]
        head = next((t for t in span if not span[0].i <= t.head.i <= span[-1].i or t.head is t), span[-1])
        if e.label in _KIND_WORD_LABELS and head is not span[0] and head.is_alpha and head.text[:1].isupper():
            out.append((e.text, head.lower_))  # the name's own noun: "Financial Investigation Authority"
        out += [(e.text, k) for k in _described(head)]
    return tuple(dict.fromkeys(out))


def _described(head: Any) -> list[str]:
    """The nouns the parse ties to a name by apposition or by "the K of N"."""
    out = [c.lemma_.lower() for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    parent = head.head
    if head.dep_ == "appos" and parent.pos_ == "NOUN":
        out.append(parent.lemma_.lower())  # "the plant's operator, Geovolcan"
    if head.dep_ == "pobj" and parent.lower_ == "of" and parent.head.pos_ == "NOUN" and _definite(parent.head):
        kind = parent.head.lemma_.lower()
        if places.is_division_word(kind) or kind in _SETTLEMENTS:
            out.append(kind)  # "the parish of Clarendon"
    return [k for k in out if k.isalpha()]


def _definite(noun: Any) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)


# "X (Y)", "X, known as Y", "X, also referred to as Y": the words between two names that make the
# second another name for the first.
_ALIAS_BETWEEN = re.compile(r"^\s*(?:\(|,?\s*(?:(?:also|locally|commonly|widely|better|formerly)\s+)?"
                            r"(?:known|called|named|referred to)\s+as\s+)\s*$", re.IGNORECASE)


_INNER_ALIAS = re.compile(r"^(.+?)\s*\(\s*([^()]+?)\s*\)?$")


def find_aliases(text: str, entities: Iterable[EntityMention]) -> tuple[tuple[str, str], ...]:
    """(name, another name for it) as a sentence gives them: "the National Council for Higher Education
    Quality (Conacal)", "the Corporacion Universitaria del Sur Andino, known as Unisurandina"."""
    names = sorted(entities, key=lambda e: e.start)
    out = []
    for e in names:  # the name finder may take "Quality (Conacal" for one name
        inner = _INNER_ALIAS.match(e.text)
        if inner:
            out.append((e.text, inner.group(2)))
    for first, second in zip(names, names[1:]):
        between = text[first.end:second.start]
        closed = second.end < len(text) and text[second.end] == ")"
        if _ALIAS_BETWEEN.match(between) and (closed or "(" not in between):
            out.append((first.text, second.text))
    return tuple(out)


def story_aliases(facts: Iterable[SentenceFacts]) -> dict[str, frozenset[str]]:
    """name as written -> the other names the story gives the same thing (names.same_name reads them
    with the words of each)."""
    groups = _groups(list(facts), by_variants=False)
    return {t: g - {t} for t, g in groups.items() if len(g) > 1}


def _groups(facts: list[SentenceFacts], by_variants: bool = True) -> dict[str, frozenset[str]]:
    """name as written -> every name of the story that is one thing with it: aliases the story gives,
    and with `by_variants` acronyms and a person's other writings (names.same_name)."""
    mentions: dict[str, EntityMention] = {}
    for f in facts:
        for e in f.entities:
            mentions.setdefault(e.text, e)
    texts = list(mentions)
    root = {t: t for t in texts}

    def find(t: str) -> str:
        while root[t] != t:
            t = root[t]
        return t

    def join(t: str, u: str) -> None:
        root.setdefault(t, t)
        root.setdefault(u, u)
        root[find(u)] = find(t)
    for f in facts:
        for t, u in f.aliases:
            join(t, u)
    if by_variants:
        for i, t in enumerate(texts):
            for u in texts[i + 1:]:
                # a person's shorter name is the person; a place's name inside an organisation's
                # ("Huaritambo" / "Teleferico Huaritambo") is another thing
                people = is_person(mentions[t]) and is_person(mentions[u])
                if acronym(t, u) or acronym(u, t) or (people and same_name(mentions[t], mentions[u])):
                    join(t, u)
    members: dict[str, set[str]] = {}
    texts = list(root)
    for t in texts:
        members.setdefault(find(t), set()).add(t)
    return {t: frozenset(members[find(t)]) for t in texts}


def story_kinds(facts: Iterable[SentenceFacts]) -> dict[str, frozenset[str]]:
    """name as written -> the nouns the story calls it by and calls no other name of the story by; an
    acronym, another name the story gives it or a person's shorter name (names.same_name) is one name
    with it."""
    facts = list(facts)
    given: dict[str, set[str]] = {}
    for f in facts:
        for name, noun in f.kinds:
            given.setdefault(name, set()).add(noun)
    groups = _groups(facts)
    texts = list(groups)

    def find(t: str) -> str:
        return min(groups[t])
    nouns: dict[str, set[str]] = {}
    for t in texts:
        nouns.setdefault(find(t), set()).update(given.get(t, ()))
    for f in facts:
        # a sentence that names the thing and says "the K" besides, K the name's own last word, means
        # another thing by "the K" ("Lauvai Cable confirmed that the cable had been cut"); a noun the story
        # gives the name ("the caterer, Tamu Feasts") may stand beside it for it
        said = {POSSESSIVE.sub("", t.lower) for i, t in enumerate(f.tokens)
                if i > 0 and f.tokens[i - 1].lower in DEFINITE}
        for e in f.entities:
            if e.text in groups:
                group = nouns.get(find(e.text), set())
                group.difference_update(said & {t.split()[-1].lower() for t in groups[e.text]})
    holders: dict[str, set[str]] = {}
    for r, ns in nouns.items():
        for n in ns:
            holders.setdefault(n, set()).add(r)
    out = {}
    for t in texts:
        own = frozenset(n for n in nouns[find(t)] if len(holders[n]) == 1)
        if own:
            out[t] = own
    return out
