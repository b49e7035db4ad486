"""Whether a sentence states, in other words, a claim the other sentence reports as denied, asked of the
NLI model.

The parse finds a denied claim ("the airline denied that the crew had reported any technical problem",
signals/denials.py); whether the other sentence states it, its words settle only when it holds the
claim's verb and most of its words. Told in other words ("the crew radioed a warning about the landing
gear", "that guide was detained hours after the slide" against a denied "the lead guide was arrested")
it is a question of meaning, which the NLI model answers: the other sentence must entail the claim, read
as a sentence of its own (`Denial.statement`: "The crew had reported a technical problem before
landing."), at least `JudgeSettings.denial_min_entailment`. Where it does, the pair gets the denial
rule's mismatch (kind "negation"), and its reason gives the model's reading.

A claim one sentence leaves open (signals/hedges.py) is asked the same way: told in other words by the
other sentence, a claim asked as an open question ("it was not clear whether the guide had a permit" /
"the guide held a valid licence") gets the hedge rule's conflict (kind "certainty"), and one only hedged
("may have", "probably") its doubt, which puts the pair in the list worth a look.

A denied claim is asked as told and then by its core, without where and when it is set ("any computers
had been taken from its offices before the shutdown" -> "Computers had been taken from its offices."):
another account of the act seldom gives the same setting. The model that answers is the judge's: the
strong judge where it decides (cascade or strong), the fast model otherwise; the core is asked of the
strong judge only, for the fast model reads so short a claim as stated by sentences about other things
("Body cameras were issued to the team" as stating "Officers had taken phones."). Not for: whether two
sentences both deny it, or tell it of different times; those are
read from the parse before any question is asked (denials.open_denials).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Protocol, Sequence

import numpy as np

from .signals.denials import denial_mismatch
from .signals.hedges import hedge_doubt, hedge_mismatch
from .types import Signals


class _Scores(Protocol):
    def predict(self, premises: Sequence[str], hypotheses: Sequence[str], calibrated: bool = True,
                desc: str = "NLI") -> np.ndarray: ...


def settle_denials(signals: Sequence[Signals], model: _Scores, min_entailment: float | None,
                   strong_questions: bool = True) -> list[Signals]:
    """`signals` with each pair's open denial questions (Signals.denial_questions) answered by `model`:
    where the other sentence entails the denied claim at least `min_entailment`, the pair gets the denial
    rule's mismatch. None: nothing asked, `signals` as given. `strong_questions`: also ask the questions only a
    strong judge reads well: each claim's core (DenialQuestion.core) and the claims a sentence denies in its own
    voice (DenialQuestion.own)."""
    if min_entailment is None:
        return list(signals)
    if not strong_questions:
        signals = [s if not any(q.core or q.own for q in s.denial_questions) else
                   replace(s, denial_questions=tuple(q for q in s.denial_questions if not (q.core or q.own)))
                   for s in signals]
    questions = list(dict.fromkeys((q.other, q.statement) for s in signals for q in s.denial_questions))
    if not questions:
        return list(signals)
    probs = model.predict([o for o, _ in questions], [st for _, st in questions], desc="NLI (denied claims)")
    entailment = {q: float(probs[i][0]) for i, q in enumerate(questions)}
    out = []
    for s in signals:
        answered = next(((q, entailment[(q.other, q.statement)]) for q in s.denial_questions
                         if entailment[(q.other, q.statement)] >= min_entailment), None)
        if answered is None:
            out.append(s)
            continue
        q, p = answered
        how = f" in other words (the model reads it as stating {q.statement!r}: entailment {p:.2f})"
        if q.how == "hedged":  # both accounts can be true, one more cautious: worth a look
            out.append(replace(s, doubts=(*s.doubts, hedge_doubt(q.cue, q.claim, how))))
        elif q.how == "denied":
            out.append(replace(s, mismatches=(*s.mismatches, denial_mismatch(q.denier == "a", q.cue, q.claim, how))))
        else:
            out.append(replace(s, mismatches=(*s.mismatches, hedge_mismatch(q.denier == "a", q.cue, q.claim,
                                                                            q.how == "open_question", how))))
    return out
