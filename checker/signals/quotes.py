"""Who said the words a sentence quotes, read from spaCy's parse, and the same words quoted from two
different speakers: '"We will rebuild the bridge before winter," said Mayor Ilse Varga.' /
'"We will rebuild the bridge before winter," opposition leader Tomas Brandt told reporters.'

Words in quotation marks were said once, by one speaker: two reports that give the same quotation to
different people or bodies cannot both be right (a misattributed quote). Reported speech without
quotation marks is left alone: several sources may say the same thing ("40 people died, police
said" / "40 people died, the ministry said" corroborate each other).

Extraction (`find_quotes`): a quotation is the text between double quotation marks, straight or curly,
or curly single ones, of at least `MIN_QUOTE_WORDS` words (shorter ones are phrases a writer borrows,
"relatively soon", which several people use). Its speaker is the subject of the verb of saying that
governs the quotation ("said Mayor Ilse Varga", "Zelensky said", "told reporters", "the panel
concluded", "wrote in an editorial": QUOTING), or the object of
"according to"; a title's apposition names its speaker ("the conservancy's chairman, Elias Tjivikua,
told reporters"). A pronoun ("she said") is no named speaker, and neither is a subject that is no name
(spaCy's PERSON, ORG, GPE or NORP). A place or a people's word that neither the gazetteer nor the country
table knows, or a name typed as a thing that says nothing (a work of art, a product), is a person's name
the small model mistyped, and so is a name it left untyped; a building stays no speaker ("the White House said" is a body's voice). Without
a parse there are no quotations.

A speaker told by a title alone ('"...," the museum's director told reporters') is kept with the post
the title names (posts.speaker_role: the title's words and its body); a named speaker's post is the one
its sentence gives it (posts.py: "regional culture minister Sofie Wuyts said").

The rule (`RULE`, kind "entity"): the same words (most of their content words shared) given to two
named speakers of the same type that are not one name (names.same_name: "Varga" / "Ilse Varga"; nor
two people of one family name, "Dave Richardson" / "David Richardson") and that neither sentence names
beside its own ('..., the mayor said, echoing Tomas Brandt'); or, where a speaker is told by a title,
two posts that two people hold (posts.other_speakers: titles of different kinds in two bodies).
A person against an organisation is left alone: a company's words are often its chief's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ..text import content_stems, tokenize
from ..types import Mismatch
from .facts import EntityMention, Post, Quote, SentenceFacts
from .names import country_table_entry, named_in, same_name
from .places import is_place_adjective, readings
from .posts import other_speakers, speaker_role
from .roles import SAYING
from .rule import PairContext, Rule

MIN_QUOTE_WORDS = 6
# Double quotation marks, straight or curly, or curly single ones (British style), whose closing mark is
# followed by no letter (not the apostrophe of "doesn’t").
_QUOTE_RE = re.compile(r"[\"“”]([^\"“”]+)[\"“”]|‘(.+?)’(?!\w)")
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# spaCy's types of things that say nothing: a name of one that says something is a person's the small
# model mistyped.
_MUTE_LABELS = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})
# Verbs that tell who said quoted words, beyond those of plain saying: written words ("the judges wrote")
# and words said in a way ("she insisted", "the panel concluded").
QUOTING = SAYING | frozenset("write conclude insist argue warn explain note declare remark comment reply "
                             "respond".split())


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in `text`, its marks included (the pattern `find_quotes` reads)."""
    return [m.span() for m in _QUOTE_RE.finditer(text)]


def find_quotes(doc: Any, entities: tuple[EntityMention, ...] | list[EntityMention]) -> list[Quote]:
    """The quotations of a parsed sentence with their named speakers; [] without a parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return []
    text = doc.text
    out = []
    for m in _QUOTE_RE.finditer(text):
        group = 1 if m.group(1) is not None else 2
        quoted = m.group(group)
        words = [t for t in tokenize(quoted) if t.text[:1].isalnum()]
        if len(words) < MIN_QUOTE_WORDS:
            continue
        subject = _speaker(doc, m.start(group), m.end(group))
        if subject is None:
            continue
        speaker = _named(subject, entities) or _named_in_apposition(subject, entities)
        role = speaker_role(subject) if speaker is None and subject.pos_ == "NOUN" else None
        if speaker is not None or role is not None:
            out.append(Quote(text=quoted.strip().rstrip(",.;:"), content=content_stems(tokenize(quoted)),
                             speaker=speaker, role=role))
    return out


def _speaker(doc: Any, start: int, end: int) -> Any:
    """The token that tells who said the quotation at [start, end): the subject of the verb of saying
    outside it that governs it, the subject of a clause that introduces it with a colon, or the object of
    "according to"."""
    inside = [t for t in doc if start <= t.idx < end]
    roots = [t for t in inside if not (start <= t.head.idx < end)]
    for root in roots:
        verb = root.head
        if verb is not root and verb.lemma_.lower() in QUOTING:
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return subject
    colon = next((t for t in doc if t.text == ":" and t.idx < start and not doc.text[t.idx + 1:start].strip(" \"“‘'")),
                 None)
    if colon is not None:
        # 'Mbengue described the night to the Observer: "We were ..."': a clause before a colon introduces
        # the quotation after it, whatever its verb, and its subject said it
        verb = colon.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if verb.pos_ in ("VERB", "AUX") and subject is not None:
            return subject
    for tok in doc:
        if tok.lower_ == "according" and not (start <= tok.idx < end):
            obj = next((g for c in tok.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _named(token: Any, entities) -> EntityMention | None:
    """The name whose span holds the token, if it is a name of a speaker's type. A speaker spaCy types
    as a place or a people that neither the gazetteer nor the country table knows, or as a thing that
    says nothing (a work of art, a product), is read as a person: the small model takes unfamiliar
    surnames for such ('"...," Onyango told reporters', "Varghese said"), and places that speak for a
    government are known ones ("Nairobi said", "Kenya said")."""
    if token.pos_ == "PRON":
        return None
    found = next((e for e in entities if e.start <= token.idx < e.end), None)
    if found is not None and found.label is None:
        # a name the name finder left untyped that speaks ('"...," Kolev told reporters'): a person's, as
        # the small model leaves unfamiliar surnames; an organisation's it mostly types
        return replace(found, label="PERSON") if token.pos_ == "PROPN" else None
    if found is not None and found.label in _MUTE_LABELS:
        return replace(found, label="PERSON")  # "Tuhafeni Amutenya ... told reporters" typed a work of art
    if (found is not None and found.label in ("GPE", "NORP") and not readings(found.text)
            and country_table_entry(found.text) is None and not is_place_adjective(found.text)):
        # "Onyango told reporters" typed a place, "Varghese said" a people: names of neither are people's
        return replace(found, label="PERSON")
    return found if found is not None and found.label in _SPEAKER_LABELS else None


def _named_in_apposition(subject: Any, entities) -> EntityMention | None:
    """The name a title's apposition gives its speaker: "the conservancy's chairman, Elias Tjivikua, told
    reporters" is Elias Tjivikua's quotation."""
    if subject.pos_ != "NOUN":
        return None
    return next((found for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                 for found in [_named(c, entities)] if found is not None), None)


@dataclass(frozen=True)
class QuoteSettings:
    """Weight and gate of the quotation rule."""

    weight: float = 0.6  # noisy-OR weight, as for a different name (same kind, "entity")
    # Share of the smaller quotation's content words that the other must hold to be the same words.
    min_shared: float = 0.75


def find_quote_mismatches(ctx: PairContext, settings: QuoteSettings) -> list[Mismatch]:
    """The same quotation given to two different named speakers."""
    a, b = ctx.a, ctx.b
    for qa in a.quotes:
        for qb in b.quotes:
            if not _same_words(qa, qb, settings.min_shared):
                continue
            sa, sb = qa.speaker, qb.speaker
            if sa is None or sb is None:
                ra, rb = _role(qa, a), _role(qb, b)
                if ra is not None and rb is not None and other_speakers(ra, rb):
                    return [Mismatch("entity", _who(qa, ra), _who(qb, rb),
                                     f"The same words quoted from two speakers: {_short(qa.text)!r} said by "
                                     f"{_who(qa, ra)} vs by {_who(qb, rb)}.")]
                continue
            if sa.label != sb.label and {sa.label, sb.label} != {"GPE", "NORP"}:
                continue  # a person against a body: a company's words are often its chief's
            if same_name(sa, sb) or _one_surname(sa, sb) or named_in(sa, b) or named_in(sb, a):
                continue
            return [Mismatch("entity", sa.text, sb.text,
                             f"The same words quoted from two speakers: {_short(qa.text)!r} said by {sa.text} "
                             f"vs by {sb.text}.")]
    return []


def _one_surname(x: EntityMention, y: EntityMention) -> bool:
    """Two people of one family name given the same words are one person written two ways ("Dave
    Richardson" / "David Richardson", "Moqtada al-Sadr" / "Sadr"), not two speakers."""
    if x.label != "PERSON" or y.label != "PERSON":
        return False
    last = [re.split(r"[\s-]+", e.text.strip().lower())[-1] for e in (x, y)]
    return last[0] == last[1] and len(last[0]) >= 3


def _role(quote: Quote, facts: SentenceFacts) -> Post | None:
    """The post of a quotation's speaker: the title it is told by, or the post its sentence names the
    named speaker as holding ("regional culture minister Sofie Wuyts said")."""
    if quote.role is not None or quote.speaker is None:
        return quote.role
    words = {w.lower() for w in quote.speaker.text.split()}
    return next((p for p in facts.posts if p.holder_words & words), None)


def _who(quote: Quote, role: Post) -> str:
    return quote.speaker.text if quote.speaker is not None else role.title_text


def _same_words(qa: Quote, qb: Quote, min_shared: float) -> bool:
    """Most of the smaller quotation's content words are in the other; where it has fewer than three
    (spoken words are mostly function words: "We are not striking against patients, we are striking for
    them"), nearly all the words of both (`SAME_WORDING`: function words are shared by any two sayings,
    "We are not leaving until they are here" / "We are leaving because they are not here" are two), when
    each has at least MIN_QUOTE_WORDS."""
    smaller = min(len(qa.content), len(qb.content))
    if smaller >= 3:
        return len(qa.content & qb.content) / smaller >= min_shared
    wa, wb = _words(qa.text), _words(qb.text)
    return min(len(wa), len(wb)) >= MIN_QUOTE_WORDS and len(wa & wb) / len(wa | wb) >= SAME_WORDING


# Share of the words of two quotations of few content words that both must hold (Jaccard) to be one saying.
SAME_WORDING = 0.9


def _words(text: str) -> frozenset[str]:
    return frozenset(t.lower for t in tokenize(text) if t.text[:1].isalpha())


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


RULE = Rule(name="quotes", kind="entity", settings=QuoteSettings, find=find_quote_mismatches)
