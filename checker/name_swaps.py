"""Whether two sentences tell one thing but for the party each names, asked of the NLI model.

Two accounts of one story often disagree on who: which contractor was hired, which foundation paid for
the study, which firm represents the students ("the department has contracted Kalahari AgriAviation, a
Francistown-based firm, to spray the swarms from the air" / "the aerial work has been contracted to
Okavango Air Sprayers, a Francistown-based operator"). The words around the two names differ, so no
rule of the parse sets one name against the other, and a name only one sentence gives is read as
another party to another event (signals/names.py). Whether the two tell one thing is a question of
meaning, which the NLI model answers: sentence b retold with a's name in place of its own
(names.name_swap: one name each that the other does not mention, of one type) must entail sentence a and
be entailed by it, at least `JudgeSettings.name_swap_min_entailment`. Where it does, the names are the
one difference, and the pair gets an entity mismatch whose reason gives the model's reading.

The model that answers is the strong judge, where it judges (`--judge cascade` or `strong`); the fast
model is not asked (it reads sentences alike in their words as entailing each other, as for dated acts,
checker/dated_acts.py). Not for: pairs with a mismatch already, pairs set aside as two events, or
sentences with more than one name the other lacks.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from .act_identity import Scores, first_answered
from .types import Mismatch, SwapQuestion, Signals


def settle_name_swaps(signals: Sequence[Signals], model: Scores, min_entailment: float | None) -> list[Signals]:
    """`signals` with each pair's name-swap questions (Signals.name_swap_questions) answered by `model`:
    where sentence a and sentence b told with a's name entail each other both ways at least
    `min_entailment`, the pair gets the entity mismatch. None: nothing asked, `signals` as given."""
    if min_entailment is None:
        return list(signals)
    answers = first_answered(signals, lambda s: s.name_swap_questions, lambda q: (q.a_text, q.b_swapped), model,
                             min_entailment, "NLI (name swaps)")
    return [s if answered is None else _one_account(s, *answered) for s, answered in zip(signals, answers)]


def _one_account(s: Signals, q: SwapQuestion, p: float) -> Signals:
    """The pair with its question's entity mismatch, the model's reading in the reason."""
    m = q.mismatch
    why = (f"{m.reason}; told with one name, the two read as one account (the model: {q.b_swapped!r}, "
           f"entailment {p:.2f} both ways).")
    return replace(s, mismatches=(*s.mismatches, Mismatch(m.kind, m.a_value, m.b_value, why)))
