"""Whether two sentences tell one thing but for the figure or date each gives, asked of the NLI model.

Outlets that disagree on a figure or a date tell the rest in their own words ("All six of the
movement's councillors voted against the budget, joining the opposition" / "The four councillors of the
Citizens' Movement for Vranjevac (PGV), Vasiljević's party, voted with the opposition"), so the number
and date rules, which compare figures only between sentences that share their words or are alike as near
copies are, see two statements about different things. Whether they are one account is a question of
meaning, which the NLI model answers: sentence b told with a's value (signals/value_swap.py) read
against a, both ways, beside the pair as written. The value is what keeps them apart, and the pair gets
a number or date mismatch whose reason gives the model's reading, where either
- told with one value, one follows from the other, one way at least
  `JudgeSettings.value_swap_min_entailment` (one way is enough, unlike for names, checker/name_swaps.py: an
  account told in other words gives details the other leaves out, so often only one direction follows);
- or the model reads the pair as written as a contradiction both ways at least `value_swap_min_contradiction`
  (the NLI-only rule's "more likely than not, both ways"), that told with one value it no longer reads,
  both ways at most `value_swap_max_contradiction`: the contradiction rested on the value. Told in other words, each sentence holds details the other lacks, so the two
  rarely follow one from the other even with one value; the contradiction's going is the reading.

A figure from another body, time or group fails the question by itself: "The university has about
6,200 students" told with "130" does not follow from "could offer clinical placements to only 130
students", nor the other way.

The model that answers is the strong judge, where it judges (`--judge cascade` or `strong`); the fast model
is not asked (it reads sentences alike in their words as entailing each other, as for dated acts,
checker/dated_acts.py). Not for: pairs with a mismatch already, pairs set aside as two events, sentences
with more than one value of a kind the other lacks.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from .act_identity import Scores
from .aggregate import JudgeSettings
from .types import Mismatch, Signals, SwapQuestion


def settle_value_swaps(signals: Sequence[Signals], model: Scores, settings: JudgeSettings) -> list[Signals]:
    """`signals` with each pair's value-swap questions (Signals.value_swap_questions) answered by `model`
    (see the module's docstring): where the answer is yes, the pair gets the question's mismatch. Every
    question is read in one batch; with `settings.value_swap_min_entailment` None nothing is asked."""
    if settings.value_swap_min_entailment is None:
        return list(signals)
    texts = list(dict.fromkeys((q.a_text, q.b_text, q.b_swapped) for s in signals for q in s.value_swap_questions))
    if not texts:
        return list(signals)
    pairs = [(a, b) for a, b, _ in texts] + [(a, b2) for a, _, b2 in texts]
    probs = model.predict([x for x, _ in pairs] + [y for _, y in pairs], [y for _, y in pairs] + [x for x, _ in pairs],
                          desc="NLI (value swaps)")
    n, m = len(pairs), len(texts)
    read = {}
    for i, t in enumerate(texts):
        written = (probs[i], probs[n + i])
        told = (probs[m + i], probs[n + m + i])
        read[t] = _reading(written, told, settings)
    out = []
    for s in signals:
        answer = next(((q, read[(q.a_text, q.b_text, q.b_swapped)]) for q in s.value_swap_questions
                       if read[(q.a_text, q.b_text, q.b_swapped)]), None)
        out.append(s if answer is None else _one_account(s, *answer))
    return out


def _reading(written, told, settings: JudgeSettings) -> str | None:
    """The model's reading that makes the value the one difference, in words; None where there is none.
    `written`, `told`: the (entailment, neutral, contradiction) rows of both directions."""
    follows = max(float(told[0][0]), float(told[1][0]))
    if follows >= settings.value_swap_min_entailment:
        return f"told with one value, one follows from the other (entailment {follows:.2f})"
    before = min(float(written[0][2]), float(written[1][2]))
    after = max(float(told[0][2]), float(told[1][2]))
    if before >= settings.value_swap_min_contradiction and after <= settings.value_swap_max_contradiction:
        return (f"the model's contradiction rests on the value (at least {before:.2f} both ways as written, at most "
                f"{after:.2f} told with one value)")
    return None


def _one_account(s: Signals, q: SwapQuestion, why: str) -> Signals:
    """The pair with its question's mismatch, the model's reading in the reason."""
    m = q.mismatch
    reason = f"{m.reason}; {why}: {q.b_swapped!r}."
    return replace(s, mismatches=(*s.mismatches, Mismatch(m.kind, m.a_value, m.b_value, reason)))
