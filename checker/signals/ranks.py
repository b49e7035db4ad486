"""A thing's rank by a superlative, and two sentences that give one thing two ranks: "Nabadip is the
country's fifth-largest mobile operator" / "Nabadip is the country's third-largest mobile operator";
"Talhof, Austria's third-largest dairy cooperative" / "the country's largest dairy cooperative".

Extraction (`find_ranks`) rests on spaCy's parse and tags: a superlative adjective (tag JJS, "largest",
"busiest"), with an ordinal before it as its modifier ("fifth-largest", "second biggest") or none (rank
1, where a definite article or a possessive makes it one thing: "the largest", "Poland's biggest");
the noun it ranks is the one it modifies, or none ("is the third-largest in the region"). Who holds the
rank is the subject the noun is said of ("X is the third-largest lender"), the name it is set in
apposition to ("Zorza, Poland's third-largest chain"; "Poland's third-largest chain, Zorza"), or what
"as" casts it as ("ranks the deal as the second-largest takeover"). Ordinal words are read by text2num
(numbers.ordinal_value), superlatives' kinship by WordNet (adjectives.one_adjective: "largest" /
"biggest").

The rule (`RULE`, kind "number"): one holder (by name where both have one, else by head noun), one
quality, two ranks; of the same kind of thing where both name one. Two ranks within two places that
both sentences name and that differ ("Poland's largest" / "Europe's third-largest") are two rankings.

Not for: plural ranks ("among the three largest", "one of the biggest"), "most" and "least" with an
adjective, or a holder a pronoun stands for.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..types import Mismatch
from .adjectives import one_adjective
from .agents import participant_key, participant_phrase
from .facts import EntityMention, Rank, SentenceFacts
from .names import same_name
from .nouns import one_noun
from .numbers import ordinal_value
from .rule import PairContext, Rule

def find_ranks(doc: Any) -> list[Rank]:
    """The ranks a parsed sentence gives to the things it names; [] without a parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return []
    out = []
    for sup in doc:
        if sup.tag_ != "JJS" or sup.lower_ in ("most", "least"):
            continue
        rank = _rank(sup)
        if rank is None:
            continue
        ranked = sup.head if sup.dep_ == "amod" and sup.head.pos_ in ("NOUN", "PROPN") else sup
        if ranked.tag_ in ("NNS", "NNPS") or _one_of(ranked):
            continue
        if rank == 1 and not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the")
                                 for c in ranked.children):
            continue
        holder = _holder(ranked)
        if holder is None or holder.pos_ not in ("NOUN", "PROPN"):
            continue  # a pronoun: who it is, the parse does not say
        phrase = participant_phrase(holder)  # "Talhof, founded in 1926,": Talhof
        scope = [t for t in ranked.subtree if t.dep_ in ("poss", "pobj") and t.pos_ == "PROPN"]
        lo, hi = min(t.i for t in ranked.subtree), max(t.i for t in ranked.subtree)
        out.append(Rank(
            n=rank, adjective=sup.lemma_.lower(), noun=ranked.lemma_.lower() if ranked.i != sup.i else None,
            holder=participant_key(holder), holder_start=phrase[0].idx,
            holder_end=phrase[-1].idx + len(phrase[-1].text),
            scope=tuple((t.idx, t.idx + len(t.text)) for t in scope), text=doc[lo:hi + 1].text))
    return out


def _rank(sup: Any) -> int | None:
    """The ordinal modifying a superlative ("fifth" in "fifth-largest"), 1 with none, None when a
    modifier other than an ordinal makes it no rank ("third or fourth largest")."""
    for c in sup.children:
        if c.dep_ in ("advmod", "amod", "npadvmod") and c.i < sup.i:
            n = ordinal_value(c.lower_)
            if n is not None:
                return int(n)
        if c.dep_ == "cc":
            return None
    return 1


def _one_of(ranked: Any) -> bool:
    """"one of the largest ...", "among the biggest ...": a group, not a rank."""
    head = ranked.head
    return ranked.dep_ == "pobj" and (head.lower_ == "among" or (head.lower_ == "of" and head.head.lower_ == "one"))


def _holder(ranked: Any) -> Any:
    """What the ranked noun is said of: the subject of "be", the noun it is set in apposition to or
    that is set in apposition to it, or what "as" casts it as (the verb's object, else its subject)."""
    head = ranked.head
    if ranked.dep_ == "attr" and head.lemma_ == "be":
        return next((c for c in head.children if c.dep_ == "nsubj"), None)
    if ranked.dep_ == "appos":
        return head
    appos = next((c for c in ranked.children if c.dep_ == "appos"), None)
    if appos is not None:
        return appos
    if ranked.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ == "VERB":
        verb = head.head
        return next((c for c in verb.children if c.dep_ == "dobj"),
                    next((c for c in verb.children if c.dep_ == "nsubj"), None))
    return None


@dataclass(frozen=True)
class RankSettings:
    """Weight of the rank rule."""

    weight: float = 0.75  # noisy-OR weight, as for a number that differs (numbers.py)


def find_rank_mismatches(ctx: PairContext, settings: RankSettings) -> list[Mismatch]:
    """One holder given two ranks of one quality."""
    if ctx.two_events:
        return []
    for x in ctx.a.ranks:
        for y in ctx.b.ranks:
            if x.n == y.n or not one_adjective(x.adjective, y.adjective):
                continue
            if x.noun and y.noun and not (x.noun == y.noun or one_noun(x.noun, y.noun)):
                continue
            if not _same_holder(x, ctx.a.entities, y, ctx.b.entities) or _other_scopes(x, ctx.a, y, ctx.b):
                continue
            return [Mismatch("number", x.text, y.text, f"Different ranks for one thing: {x.text!r} vs {y.text!r}.")]
    return []


def _names(entities: tuple[EntityMention, ...], lo: int, hi: int) -> list[EntityMention]:
    return [e for e in entities if lo <= e.start and e.end <= hi]


def _same_holder(x: Rank, a_entities: tuple[EntityMention, ...], y: Rank, b_entities: tuple[EntityMention, ...]) -> bool:
    """One holder: names that are one name where both phrases hold a name, else the same head word."""
    nx, ny = _names(a_entities, x.holder_start, x.holder_end), _names(b_entities, y.holder_start, y.holder_end)
    if nx and ny:
        return any(same_name(m, n) for m in nx for n in ny)
    return x.holder == y.holder


def _other_scopes(x: Rank, a: SentenceFacts, y: Rank, b: SentenceFacts) -> bool:
    """Both ranks are within a named place or body, and not the same one."""
    sx = [e for lo, hi in x.scope for e in _names(a.entities, lo, hi)]
    sy = [e for lo, hi in y.scope for e in _names(b.entities, lo, hi)]
    return bool(sx and sy) and not any(same_name(m, n) for m in sx for n in sy)


RULE = Rule(name="ranks", kind="number", settings=RankSettings, find=find_rank_mismatches)
