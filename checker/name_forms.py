"""One name, one writing: a pair's second sentence with the names it shares with the first written as
the first writes them, for the NLI model to read; likewise a figure or a time that is the first's written
otherwise.

A small NLI model reads two writings of one name as two names: "a loan from a British export credit
agency" / "a loan from a U.K. export credit agency" scores contradiction 0.90 both ways with the bundled
model, and entailment 0.91 once both say "British". A reader sees one name, so the model is given one:
where a name of sentence b is, as a reader sees names, the same as one of sentence a but written
differently, b is read with a's writing. The names are compared by the name rule's own readings
(signals/names.py): one country or organisation in two of its forms ("the U.K." / "British", from the
country table), or one person's name written another way ("J. Smith" / "John Smith", "Petrvo" /
"Petrov", signals/name_variants.py).

Left as written: a place inside another ("a Munich hospital" / "a Bavarian hospital": not one name, and
the rules compare them), a capital for its country ("London" / "British"), a name inside a longer
one ("Biden" / "Joe Biden", which the model reads well), and a country's name against its adjective
where the sentence uses it as a noun ("a loan from Britain" / "a British loan": "a loan from British"
is no sentence).

A time is read the same way where both resolve, each from its own article's date, to exactly the same
days written otherwise ("will end next month" in a September article / "will end this month" in an
October one): the strong judge read that faithful pair as contradiction 0.6 and more. Times that only
overlap ("next month" / "within weeks") are left as written.

A figure is read the same way where one sentence hedges it and the other gives a figure the hedge
covers ("about 1,200 nurses" / "1,180 nurses", by the number rule's intervals, signals/numbers.py): b
is read with a's figure. The bundled model scores that pair contradiction 0.55 both ways, as two
different numbers; a reader sees one figure given roughly and exactly. Left as written: two hedged
figures that differ ("about 75,000" / "about 77,000": two estimates), and a plain round figure against a
near one ("50 million" / "48 million"), which a reader may take as exact; those are for the number
rule and the model to compare.

Not for: deciding anything. The report shows the sentences as written; each pair's NLI scores say what
the model read (`PairScores.read_as`).
"""
from __future__ import annotations

from dataclasses import dataclass

from .signals.facts import EntityMention, SentenceFacts
from .signals.names import country_table_entry, name_variant
from .signals.numbers import compare_quantities, hedged
from .text import strip_span

# A name used as a modifier ("a U.K. agency"): the word after it is a noun or an adjective.
_MODIFIED = frozenset({"NOUN", "PROPN", "ADJ"})


@dataclass(frozen=True)
class NameForms:
    """Sentence b as the NLI model reads it, and what was written otherwise: (as b writes it, as a does)."""

    text: str
    changes: tuple[tuple[str, str], ...]


def one_writing(a: SentenceFacts, b: SentenceFacts, figures: bool = True,
                times: tuple[list, list] | None = None) -> NameForms | None:
    """b's text with each name it shares with a, written differently, written as a writes it; with
    `figures`, each figure that one of a's covers with its hedge, or that covers one of a's with its own;
    with `times` (both sentences' `signals.times.resolved_times`), each date or time that covers exactly
    the days one of a's does. None when there is none. b's names are taken in order, each once; a name
    is matched with the first of a's that is one name with it; a name's change stands over an
    overlapping figure's or time's."""
    changes = _name_changes(a, b)
    extra = (_figure_changes(a, b) if figures else []) + (_time_changes(a, b, *times) if times else [])
    for c in extra:
        if not any(c[0] < e and s < c[1] for s, e, _, _ in changes):
            changes.append(c)
    if not changes:
        return None
    changes.sort()
    text = b.text
    for start, end, _, new in reversed(changes):
        text = text[:start] + new + text[end:]
    return NameForms(text=text, changes=tuple((old, new) for _, _, old, new in changes))


def _figure_changes(a: SentenceFacts, b: SentenceFacts) -> list[tuple[int, int, str, str]]:
    """(start, end, as b writes it, as a does) for b's counts that one of a's covers with its hedge, or
    that cover one of a's with theirs."""
    out: list[tuple[int, int, str, str]] = []
    for qa, qb in compare_quantities(list(a.quantities), list(b.quantities)).rounded:
        if qa.role != "count" or qb.role != "count" or hedged(qa) == hedged(qb):
            continue
        start, end = strip_span(b.text, qb.start, qb.end)
        a_start, a_end = strip_span(a.text, qa.start, qa.end)
        new = a.text[a_start:a_end]
        if start == 0:
            new = new[:1].upper() + new[1:]
        elif a_start == 0 and new[:1].isupper() and new.split()[0].isalpha():
            new = new[:1].lower() + new[1:]  # "Nearly 50 people" inside b's sentence
        if any(start < e and s < end for s, e, _, _ in out):
            continue
        out.append((start, end, b.text[start:end], new))
    return out


def _time_changes(a: SentenceFacts, b: SentenceFacts, a_times: list, b_times: list) -> list[tuple[int, int, str, str]]:
    """(start, end, as b writes it, as a does) for b's dates and times that cover exactly the days one
    of a's covers, written otherwise ("this month" in October / "next month" in September): `a_times`,
    `b_times` from signals.times.resolved_times, each read from its own article's date."""
    out: list[tuple[int, int, str, str]] = []
    for b_start, b_end, b_iv in b_times:
        match = next(((s, e) for s, e, iv in a_times if iv == b_iv), None)
        if match is None:
            continue
        old, new = b.text[b_start:b_end], a.text[match[0]:match[1]]
        if old.lower() == new.lower() or any(b_start < e and s < b_end for s, e, _, _ in out):
            continue
        if b_start == 0:
            new = new[:1].upper() + new[1:]
        elif match[0] == 0 and new.split()[0].istitle() and new.split()[0].lower() in _LOWER_TIME_WORDS:
            new = new[:1].lower() + new[1:]
        out.append((b_start, b_end, old, new))
    return out


# Words that open a time and take a capital only at the start of a sentence ("Next month", "Last year").
_LOWER_TIME_WORDS = frozenset("next last this in on by within early late mid the".split())


def _name_changes(a: SentenceFacts, b: SentenceFacts) -> list[tuple[int, int, str, str]]:
    """(start, end, as b writes it, as a does) for b's names that are one of a's written otherwise."""
    changes: list[tuple[int, int, str, str]] = []
    for m in b.entities:
        match = next((n for n in a.entities if _one_name_two_writings(n, m)), None)
        if match is None:
            continue
        start, new = m.start, a.text[match.start:match.end]
        if _nominal(m) and _nominal(match):
            # "the" goes with some writings of a name and not others ("the United Kingdom" / "Britain")
            b_the, a_the = _the_before(b.text, m.start), _the_before(a.text, match.start)
            if b_the is not None and a_the is None:
                start = b_the
                new = new[:1].upper() + new[1:] if start == 0 else new
            elif a_the is not None and b_the is None:
                new = ("The " if m.start == 0 else "the ") + new
        elif not (_modifier(m) and _modifier(match)):
            # no parse to say how each is used, or used differently ("the U.K. government" / "Britain
            # said"): only a writing that takes the same place, "the" and all
            if m.after_pos is not None and match.after_pos is not None:
                continue
            if (_the_before(b.text, m.start) is None) != (_the_before(a.text, match.start) is None):
                continue
        if changes and start < changes[-1][1]:
            continue  # overlapping mentions: the first one stands
        changes.append((start, m.end, b.text[start:m.end], new))
    return changes


def _one_name_two_writings(a: EntityMention, b: EntityMention) -> bool:
    """One name as a reader sees names, written differently, and either writing fits the other's place."""
    if _plain(a.text) == _plain(b.text):
        return False
    ea, eb = country_table_entry(a.text), country_table_entry(b.text)
    if ea is not None or eb is not None:
        if ea is None or eb is None or ea[0] != eb[0] or "capital" in (ea[1], eb[1]):
            return False
        # A country's name and its adjective trade places only where both modify a noun.
        return ea[1] == eb[1] or (_modifier(a) and _modifier(b))
    return name_variant(a, b) is not None


def _modifier(m: EntityMention) -> bool:
    """Used as a modifier, the parse says: "a U.K. agency", "British troops"."""
    return m.after_pos in _MODIFIED


def _nominal(m: EntityMention) -> bool:
    """Used as a noun, the parse says: "Britain will send", "a loan from the U.K."."""
    return m.after_pos is not None and m.after_pos not in _MODIFIED


def _the_before(text: str, start: int) -> int | None:
    """Where a "the" right before `start` begins, else None."""
    head = text[:start]
    if head.rstrip().lower().endswith("the") and (len(head.rstrip()) == 3 or not head.rstrip()[-4].isalnum()):
        return len(head.rstrip()) - 3
    return None


def _plain(surface: str) -> str:
    return " ".join(surface.lower().replace(".", "").split())
