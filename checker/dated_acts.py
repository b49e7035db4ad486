"""Whether two dates that disagree are dates of one act told in other words, asked of the NLI model.

The parse finds each date's act (signals/phases.py: the verb that governs the date, its subject, object
and agent) and the date rule compares the dates of one act where the words show it is one: the same
verb, or verbs WordNet puts in one kind, with a shared participant (signals/dates.py). Told with other
verbs ("Fishermen spotted the oil" on Thursday / "The oil was first seen by fishermen on May 14",
"Meridane filed its claim in March" / "The claim was lodged with the court in May") whether the acts are
one is a question of meaning, which the NLI model answers: each act alone, as a sentence of its own,
must entail the other, both ways, at least `JudgeSettings.same_act_min_entailment` (the bar for acts
told with different agents, checker/act_identity.py). Where it does, the pair gets the date mismatch, and
its reason gives the model's reading; a pair the date rule had set aside as two events only for a name
one sentence gives ("the spillway of the Auenbach dam") is reopened.

The model that answers is the strong judge, where it judges (`--judge cascade` or `strong`); the fast
model is not asked, for it reads opposite acts as one (both ways: "The museum reopened." / "The museum
closed." 0.91, "The evacuation order was issued." / "... was lifted." 0.81, where the strong judge gives
0.02 and 0.06). Not for: acts on different participants ("the order was issued" / "the evacuation
began"), or acts one sentence introduces as new ("a fire broke out"): no question is asked.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from .act_identity import Scores, first_answered
from .types import DatedActQuestion, Mismatch, Signals


def settle_dated_acts(signals: Sequence[Signals], model: Scores, min_entailment: float | None) -> list[Signals]:
    """`signals` with each pair's dated-act questions (Signals.dated_act_questions) answered by `model`:
    where the two acts entail each other both ways at least `min_entailment`, the pair gets the date
    mismatch (and is comparable again where the date rule alone had set it aside). None: nothing asked,
    `signals` as given."""
    if min_entailment is None:
        return list(signals)
    answers = first_answered(signals, lambda s: s.dated_act_questions, lambda q: (q.a_act, q.b_act), model,
                             min_entailment, "NLI (dated acts)")
    return [s if answered is None else _one_act(s, *answered) for s, answered in zip(signals, answers)]


def _one_act(s: Signals, q: DatedActQuestion, p: float) -> Signals:
    """The pair with its question's date mismatch, the model's reading in the reason, reopened if it was
    set aside for want of one act."""
    m = q.mismatch
    why = f"{m.reason}; the model reads {q.a_act!r} and {q.b_act!r} as one act (entailment {p:.2f} both ways)."
    reopened = {"comparable": True, "not_comparable_reason": None} if q.reopens else {}
    return replace(s, mismatches=(*s.mismatches, Mismatch(m.kind, m.a_value, m.b_value, why)), **reopened)
