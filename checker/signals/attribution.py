"""Who made or supplied a thing, however the sentence words it: "built by Ardent Power", "supplied
by Velo Energy", "Ardent Power manufactures the turbines", "the turbines, produced by ...". Two
sentences about the same thing that name different makers or suppliers disagree, even when their
verbs differ; the name rule (names.py) only sees different names after the same word.

Extraction: `find_attributions` reads (agent, role verb) pairs from passive ("built by X"), active
("X builds the ...") and noun ("X, the maker of ...") wording. Every verb of one group names the
same role: making (made, built, manufactured, produced, assembled, designed, developed) and
supplying (supplied, provided, delivered, sold) are one group, since news uses them for who the
thing came from ("built by X" in one report, "supplied by Y" in another). The attribution rule
(`RULE`, at the end) reports different agents for the same thing; names that are aliases of one
another ("the U.K." / "British") are the same agent (names.same_name).

Not for: the origin place ("made in Japan"), or a chain of maker and seller that one sentence names
in full ("built by X and sold by Y": both names appear in it, so neither is missing from the other).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..text import stem
from ..types import Mismatch
from .agents import act_group, contrasting_acts
from .facts import Attribution, EntityMention, SentenceFacts
from .names import is_headline, named_in, same_name
from .rule import PairContext, Rule, name_stems


# Role verbs by group: past participles (passive and active past), present forms, and role nouns.
# (Verbs read from the parse are matched by lemma against agents.ACT_GROUPS, the same group.)
ROLE_GROUPS: dict[str, tuple[str, str, str]] = {
    "source": (
        "made built manufactured produced assembled constructed fabricated designed developed engineered "
        "supplied provided delivered sold",
        "builds build manufactures manufacture produces produce assembles designs develops "
        "supplies supply provides provide delivers sells",
        "maker makers manufacturer manufacturers producer producers builder builders supplier suppliers "
        "provider providers developer developers designer designers vendor vendors contractor contractors",
    ),
}
_PAST = {w: g for g, (past, _, _) in ROLE_GROUPS.items() for w in past.split()}
_PRESENT = {w: g for g, (_, present, _) in ROLE_GROUPS.items() for w in present.split()}
_NOUNS = {w: g for g, (_, _, nouns) in ROLE_GROUPS.items() for w in nouns.split()}
_ACTIVE_VERBS = "|".join(sorted((set(_PAST) - {"made"}) | set(_PRESENT), key=len, reverse=True))
_NOUN_RE = "|".join(sorted(_NOUNS, key=len, reverse=True))

# "built by X", "were supplied by X", "produced under licence by X"
_PASSIVE_RE = re.compile(rf"\b(?P<verb>{'|'.join(sorted(_PAST, key=len, reverse=True))})\s+"
                         r"(?:(?:\w+\s+){0,3}?)by\s+(?:the\s+)?$", re.IGNORECASE)
# "X builds", "X has supplied", "X, which manufactures"; not "X made" ("made a decision", "made clear").
_ACTIVE_RE = re.compile(rf"^\s*(?:,\s*which\s+|,\s*who\s+)?(?:(?:has|have|had|also|still|now|will|would)\s+)*"
                        rf"(?P<verb>{_ACTIVE_VERBS})\b(?!\s+(?:by|in|to|up|out|clear|sure)\b)", re.IGNORECASE)
# "manufacturer X", "the maker, X", "X, the maker of", "X's supplier"? (no: that names the buyer)
_NOUN_BEFORE_RE = re.compile(rf"\b(?P<noun>{_NOUN_RE})\s*,?\s*$", re.IGNORECASE)
_NOUN_AFTER_RE = re.compile(rf"^\s*,?\s*(?:the|its|a|an)\s+(?:\w+\s+)?(?P<noun>{_NOUN_RE})\s+of\b", re.IGNORECASE)


def find_attributions(text: str, entities: Iterable[EntityMention]) -> list[Attribution]:
    """The makers and suppliers a sentence names, each with its wording."""
    out = []
    for e in entities:
        before, after = text[:e.start], text[e.end:]
        m = _PASSIVE_RE.search(before)
        if m:
            out.append(Attribution(e, _PAST[m.group("verb").lower()], text[m.start():e.end]))
            continue
        m = _ACTIVE_RE.match(after)
        if m and e.after != "'s":
            verb = m.group("verb").lower()
            out.append(Attribution(e, _PAST.get(verb) or _PRESENT[verb], text[e.start:e.end + m.end()]))
            continue
        m = _NOUN_BEFORE_RE.search(before) or _NOUN_AFTER_RE.match(after)
        if m:
            wording = text[m.start():e.end] if m.re is _NOUN_BEFORE_RE else text[e.start:e.end + m.end()]
            out.append(Attribution(e, _NOUNS[m.group("noun").lower()], wording))
    return out


def role_words() -> frozenset[str]:
    """Stems of every role verb and noun, left out when measuring how much else two sentences share."""
    return frozenset(stem(w) for group in ROLE_GROUPS.values() for words in group for w in words.split())


_ROLE_STEMS = role_words()


# ---------------------------------------------------------------------------------------------
# The attribution rule


@dataclass(frozen=True)
class AttributionSettings:
    """Weight and gate of the attribution rule."""

    weight: float = 0.6  # noisy-OR weight, as for a different name (same kind, "entity")
    # The rest of the two sentences (names and role words left out) must be about the same thing.
    min_overlap: float = 0.5


def find_attribution_mismatches(ctx: PairContext, settings: AttributionSettings) -> list[Mismatch]:
    """Different makers or suppliers of the same thing, whatever the verb; stands aside when the name
    rule already found different names, and when either sentence names both agents."""
    if ctx.found.get("names") or ctx.two_events:
        return []
    a, b = ctx.a, ctx.b
    if is_headline(a) or is_headline(b):
        return []
    parsed = _parsed_mismatch(a, b)
    if parsed:
        return parsed
    if not a.attributions or not b.attributions:
        return []
    leave_out = _ROLE_STEMS | name_stems(a) | name_stems(b) | a.number_stems | b.number_stems
    rest_a, rest_b = a.content - leave_out, b.content - leave_out
    shared = len(rest_a & rest_b)
    smaller = min(len(rest_a), len(rest_b))
    share = shared / smaller if smaller else 0.0
    if not ctx.close and (share < settings.min_overlap or shared < ctx.shared.min_shared_words):
        return []
    for ra in a.attributions:
        for rb in b.attributions:
            if ra.group != rb.group or same_name(ra.agent, rb.agent):
                continue
            if named_in(ra.agent, b) or named_in(rb.agent, a):
                continue  # both names in one sentence: maker and seller, say, not a dispute
            return [Mismatch("entity", ra.wording, rb.wording,
                             f"Different makers or suppliers of the same thing: {ra.wording!r} vs {rb.wording!r}.")]
    return []


def _parsed_mismatch(a: SentenceFacts, b: SentenceFacts) -> list[Mismatch]:
    """Makers or suppliers of the same thing as the parse reads them (agents.contrasting_acts: the same
    head noun, agents that differ and that one sentence alone names), whatever else the sentences say:
    "the plant is being built by Tessen Hydro" / "is being supplied by Varrow Engineering"."""
    for x, y in contrasting_acts(a, b):
        if act_group(x.verb) == "source" and act_group(y.verb) == "source":
            return [Mismatch("entity", x.wording, y.wording,
                             f"Different makers or suppliers of the same thing: {x.wording!r} vs {y.wording!r}.")]
    return []


RULE = Rule(name="attribution", kind="entity", settings=AttributionSettings, find=find_attribution_mismatches)
