"""Whether two sentences tell one occurrence of an event or two, read from how each presents it.

A sentence can present what it tells as a further occurrence of a kind: "another burst water main
flooded Harbour Street", "a second fire near Merrin destroyed a sawmill", "a further 200 residents
were moved". Set against a sentence that tells an occurrence of the same kind without that mark,
its different date or figure belongs to a different occurrence, not to one disputed fact, and a
reader does not call the pair a conflict. English marks this with closed-class words, not with
topic words: the determiner "another" and an indefinite article before an ordinal from "second"
on or before "further" / "additional". Ordinals are read by text2num, as the number rule reads them.
A definite ordinal ("the second fire") marks nothing on its own ("the second day of the talks" is a
part of one event) but matches a further occurrence the other sentence marks.

What recurs is the noun phrase the marker opens. spaCy's tagger gives it when a pipeline is
installed (the adjectives, nouns and numbers after the marker); without one, the words up to the
first function word stand in for it. Either way the pair counts as two occurrences only when the
other sentence tells one of the same kind (uses the phrase's noun, its last word), and never for a
phrase followed by a verb of saying: "another official said ..." marks a second speaker.

Adverbs of repetition ("again", "once more") are left alone: they often modify the saying ("the
ministry again said the plant would open in March") rather than what is told.

The converse, one occurrence told twice: an event presented as the first or the last of its kind
("its most recent inspection took place on March 3" / "the bridge was last inspected on March 13",
"the first dose was given in March" / "the first dose ... in January") is one event in both
sentences, however little else they share; `find_unique_occurrences` reads the marker from spaCy's
parse (an adjective on the noun that names the event, or an adverb on its verb) and `same_unique_event`
matches two of the same kind on the same event word (stems, so the noun meets its verb: inspection /
inspected). The date rule then compares their dates without its topic-overlap gate; the first against
the last of one event word (`first_and_last`) are two events. Time expressions
("last year": spaCy's DATE entities), a first or last few ("the first two aircraft"), "a recent"
without "most", and a claim after a copula ("Paris-Nice was the first race to test ...": first against
last there is a dispute about Paris-Nice, not two events) mark no single occurrence.

Not for: deciding a verdict (a pair found here is only marked not comparable, or dated as one event).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ..text import STOPWORDS, Token, content_stems, stem, tokenize
from .facts import Recurrence, SentenceFacts, UniqueOccurrence
from .numbers import ordinal_value
from .roles import SAYING
from .rule import PairContext


@dataclass(frozen=True)
class EventSettings:
    """Whether a further occurrence of an event ("another ...", "a second ...") sets a pair aside
    as two events."""

    recurrence: bool = True


_ARTICLE = r"\b(?P<article>an?|the)\s+"
_MARKER_RE = re.compile(
    rf"(?<!\bone\s)\banother\b|{_ARTICLE}(?P<word>\d+(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)\b", re.IGNORECASE)
_ADDITIVE = frozenset({"further", "additional"})
# How many content words after a marker may name what recurs ("another burst water main").
WINDOW_WORDS = 3
_NOUN_PHRASE_TAGS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
_FRACTION_RE = re.compile(r"\s+of\b", re.IGNORECASE)


def _is_marker_word(word: str) -> int | None:
    """For the word after an indefinite article: 0 for "further"/"additional", N for an ordinal N >= 2
    ("second", "10th", "twenty-first"), None otherwise ("a first", "a new", "a fire")."""
    low = word.lower()
    if low in _ADDITIVE:
        return 0
    n = ordinal_value(low)
    return int(n) if n is not None and n >= 2 else None


def find_recurrences(text: str, doc: Any = None, window_words: int = WINDOW_WORDS) -> list[Recurrence]:
    """Every further occurrence the sentence marks ("another burst water main", "a second fire"), with
    the content stems of what recurs; `doc`, the sentence's spaCy Doc when a pipeline is in use, gives
    the noun each marker belongs to."""
    out = []
    for m in _MARKER_RE.finditer(text):
        nth = None
        if m.group("word") is not None:
            value = _is_marker_word(m.group("word"))
            if value is None or (m.group("article").lower() == "the" and not value):
                continue  # "the further", "the additional": not a count
            nth = value or None
        if _FRACTION_RE.match(text, m.end()):
            continue  # "a third of the budget": a share, not an occurrence
        if doc is not None and doc.has_annotation("TAG"):
            words, saying = _phrase_from_tags(doc, m.end(), window_words)
        else:
            words = _phrase_after(text[m.end():], window_words)
            saying = any(t.lower in SAYING for t in words)
            words = [replace(t, start=t.start + m.end(), end=t.end + m.end()) for t in words]
        if saying or not words:
            continue  # "another official said": a second speaker; "for a second": no noun
        if doc is not None and _other_participant(doc, words[-1].start):
            continue  # "transferred to another insurer": another party to the act, not the act again
        end = words[-1].end
        nouns = content_stems(words)
        head = content_stems(words[-1:])  # the last word of the phrase is its noun: what recurs
        definite = m.group("article") is not None and m.group("article").lower() == "the"
        out.append(Recurrence(text=" ".join(text[m.start():end].split()), nouns=nouns, nth=nth,
                              start=m.start(), end=end, definite=definite, head=next(iter(head), None)))
    return out


# Prepositions whose object is a party to an act: a further one there is another party ("moved to another
# hospital", "bought from a second supplier"), not another occurrence of the act ("in another attack");
# not "by", whose object in a passive may be the recurring event itself ("flattened by a second fragment").
_PARTY_PREPOSITIONS = frozenset({"to", "from", "with", "for", "into", "onto"})


def _other_participant(doc: Any, start: int) -> bool:
    """The marked noun (starting at character `start`) is the object of a preposition of a party."""
    noun = next((t for t in doc if t.idx == start), None)
    return (noun is not None and noun.dep_ == "pobj" and noun.head.lower_ in _PARTY_PREPOSITIONS
            and noun.head.head.pos_ in ("VERB", "AUX"))


def _phrase_after(rest: str, window_words: int) -> list[Token]:
    """Without a parse: the words after a marker up to the first function word or punctuation
    ("a second fire near Merrin" -> "fire"), at most `window_words` of them."""
    words = []
    for tok in tokenize(rest):
        if not tok.text[:1].isalnum() or tok.lower in STOPWORDS or len(words) == window_words:
            break
        words.append(tok)
    return words


def _phrase_from_tags(doc: Any, marker_end: int, window_words: int) -> tuple[list[Token], bool]:
    """With spaCy's tagger: the noun phrase after a marker (adjectives, nouns and numbers, at most
    `window_words` content words: "another burst water main" -> burst water main) and whether a verb
    of saying follows it ("another official said")."""
    after = [t for t in doc if t.idx >= marker_end]
    words, i = [], 0
    while i < len(after) and after[i].pos_ in _NOUN_PHRASE_TAGS and len(words) < window_words:
        if after[i].pos_ != "NUM":
            words.append(Token(after[i].text, after[i].idx, after[i].idx + len(after[i].text)))
        i += 1
    while i < len(after) and after[i].pos_ in ("ADV", "AUX", "PART"):
        i += 1  # "another official also said", "another report has said"
    saying = i < len(after) and (after[i].lower_ in SAYING or after[i].lemma_.lower() in SAYING)
    return words, saying


def further_occurrence(ctx: PairContext, settings: EventSettings) -> str | None:
    """Why the pair tells two occurrences, when one sentence marks its event as a further occurrence of
    a kind the other tells without that mark; None otherwise."""
    if not settings.recurrence:
        return None
    for marked, other in ((ctx.a, ctx.b), (ctx.b, ctx.a)):
        for rec in marked.recurrences:
            if rec.definite or rec.head is None or rec.head not in other.content:
                # "the second day of the talks" may name a part of one event; a noun the other sentence
                # does not tell is not its event (nor is a speaker: "another official said")
                continue
            if any(o.nouns & rec.nouns and (o.nth is None or rec.nth is None or o.nth == rec.nth)
                   for o in other.recurrences):
                continue  # both tell a further occurrence of it ("another fire" / "the second fire")
            if _denies_any_further(other, rec):
                continue  # "a second aircraft was damaged" / "no other aircraft had been damaged": one question
            return (f"{rec.text!r} presents a further occurrence of what the other sentence tells: "
                    "two different events")
    return None


# "no other aircraft", "not any further damage", "no second fire": a further occurrence said not to be.
_NO_FURTHER_RE = re.compile(r"\b(?:no|not\s+any|nor\s+any|without\s+any)\s+(?:other|further|second|additional|more)\s+"
                            r"(?P<noun>[A-Za-z][A-Za-z-]*)", re.IGNORECASE)


# "any other patient" under a negation or a denial ("denied that any other patient had been affected"):
# "any" there is what English uses for none.
_ANY_FURTHER_RE = re.compile(r"\bany\s+(?:other|further|second|additional|more)\s+(?P<noun>[A-Za-z][A-Za-z-]*)",
                             re.IGNORECASE)


def _denies_any_further(other: SentenceFacts, rec: Recurrence) -> bool:
    """Whether `other` says there was no further occurrence of what `rec` marks: then both sentences are
    about that further occurrence, one saying it happened, the other that it did not."""
    found = list(_NO_FURTHER_RE.finditer(other.text))
    if other.negations or other.denials:
        found += _ANY_FURTHER_RE.finditer(other.text)
    return any(stem(m.group("noun").lower()) in rec.nouns for m in found)


# Adjectives and adverbs that present an occurrence as the first or the last of its kind.
_UNIQUE = {"first": "first", "maiden": "first", "inaugural": "first", "earliest": "first",
           "last": "last", "latest": "last", "final": "last", "recent": "last"}


def find_unique_occurrences(doc: Any) -> list[UniqueOccurrence]:
    """The first or last occurrences a parsed sentence tells ("its most recent inspection", "was last
    inspected", "the first dose"); [] without a dependency parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return []
    out = []
    for t in doc:
        which = _UNIQUE.get(t.lower_)
        if which is None or t.dep_ not in ("amod", "advmod") or (t.i and doc[t.i - 1].lower_ == "at"):
            continue  # "at last" / "at first": when, not which occurrence
        head = t.head
        if t.lower_ == "recent" and not any(c.lower_ == "most" for c in t.children):
            continue  # "a recent inspection": one of several
        if t.dep_ == "amod":
            if head.pos_ != "NOUN" or head.ent_type_ in ("DATE", "TIME"):
                continue  # "last year", "the final week": a time, not an event
            if any(c.dep_ == "nummod" for c in head.children):
                continue  # "the first two aircraft": a first few, not one occurrence
            if head.dep_ == "attr":
                continue  # "Paris-Nice was the first race to ...": a claim about its subject, not an event told
        elif head.pos_ != "VERB":
            continue
        lo, hi = sorted((t.i, head.i))
        if t.lower_ == "recent":
            lo = min(lo, *(c.i for c in t.children if c.lower_ == "most"))
        out.append(UniqueOccurrence(text=doc[lo:hi + 1].text, which=which, event=stem(head.lemma_ or head.text)))
    return out


def first_and_last(a: SentenceFacts, b: SentenceFacts) -> str | None:
    """Why the pair tells two occurrences, when one sentence tells the first and the other the last of
    the same event word ("the ferry's first crossing" / "its final crossing"); None otherwise."""
    for ua in a.unique:
        for ub in b.unique:
            if ua.which != ub.which and ua.event == ub.event:
                return f"{ua.text!r} and {ub.text!r}: the {ua.which} and the {ub.which} occurrence, two different events"
    return None


def same_unique_event(a: SentenceFacts, b: SentenceFacts) -> str | None:
    """Why the two sentences tell one occurrence, when both present it as the first (or both as the
    last) of the same event word; None otherwise."""
    for ua in a.unique:
        for ub in b.unique:
            if ua.which == ub.which and ua.event == ub.event:
                return f"both tell the {ua.which} occurrence: {ua.text!r} / {ub.text!r}"
    return None

