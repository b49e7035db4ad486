"""Whether two acts told with different agents are one act, asked of the NLI model.

The parse (signals/agents.py) finds two sentences that name who acts on a thing, with agents that
differ; whether the acts are the same its words settle only when the verb and the thing's head noun are
the same ("operated by A" / "operated by B") or the verbs are of one group (makers and suppliers).
Told in other words ("the plant will be operated by A" / "the plant will be run by B", "the aircraft
are manufactured by A" / "the planes are made by B") it is a question of meaning, which the NLI model
answers: each act with one made-up name as its agent ("The plant will be operated by Halvard." /
"The plant will be run by Halvard.") must entail the other, both ways, at least
`JudgeSettings.same_act_min_entailment`. Acts so read count as one kind of act (Signals.same_kind_of_act),
so the pair is judged as such a pair is (aggregate.judge, cascade.needs_strong).

Not for: deciding a conflict. It only says the two sentences are about one act's agent; the NLI model's
reading of the whole pair still decides.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Protocol, Sequence, TypeVar

import numpy as np

from .types import Signals

Q = TypeVar("Q")


class Scores(Protocol):
    def predict(self, premises: Sequence[str], hypotheses: Sequence[str], calibrated: bool = True,
                desc: str = "NLI") -> np.ndarray: ...


def entailed_both_ways(model: Scores, questions: Sequence[tuple[str, str]], desc: str,
                       either: bool = False) -> dict[tuple[str, str], float]:
    """For each (x, y), the lower of the model's entailment probabilities x -> y and y -> x (with `either`,
    the higher): whether the two tell one thing, read both ways in one batch (here and in
    checker/dated_acts.py, name_swaps.py, value_swaps.py)."""
    probs = model.predict([a for a, _ in questions] + [b for _, b in questions],
                          [b for _, b in questions] + [a for a, _ in questions], desc=desc)
    n = len(questions)
    pick = max if either else min
    return {q: float(pick(probs[i][0], probs[n + i][0])) for i, q in enumerate(questions)}


def first_answered(signals: Sequence[Signals], asked: Callable[[Signals], Sequence[Q]],
                   texts: Callable[[Q], tuple[str, str]], model: Scores, min_entailment: float,
                   desc: str, either: bool = False) -> list[tuple[Q, float] | None]:
    """For each pair's signals, the first of its questions (`asked`) whose two texts (`texts`) the model
    reads as entailing each other both ways at least `min_entailment` (with `either`, one way at least),
    with that entailment; None where none is. Every question of every pair is read in one batch
    (checker/dated_acts.py, name_swaps.py, value_swaps.py)."""
    questions = list(dict.fromkeys(texts(q) for s in signals for q in asked(s)))
    both = entailed_both_ways(model, questions, desc, either) if questions else {}
    return [next(((q, both[texts(q)]) for q in asked(s) if both[texts(q)] >= min_entailment), None)
            for s in signals]


def settle_acts(signals: Sequence[Signals], model: Scores, min_entailment: float | None) -> list[Signals]:
    """`signals` with each pair's open act questions (Signals.act_questions) answered by `model`: where
    the two skeletons of a question entail each other both ways at least `min_entailment`, the pair
    counts as one kind of act, and its reason says so. None: nothing asked, `signals` as given."""
    if min_entailment is None:
        return list(signals)
    questions = list(dict.fromkeys((a, b) for s in signals if not s.same_kind_of_act for a, b, _ in s.act_questions))
    if not questions:
        return list(signals)
    both = entailed_both_ways(model, questions, "NLI (acts)")
    out = []
    for s in signals:
        one = next(((reason, both[(a, b)]) for a, b, reason in s.act_questions
                    if not s.same_kind_of_act and both[(a, b)] >= min_entailment), None)
        if one is None:
            out.append(s)
            continue
        reason, p = one
        out.append(replace(s, same_kind_of_act=True,
                           same_act=f"{reason}; the model reads them as one act (entailment {p:.2f} both ways)"))
    return out
