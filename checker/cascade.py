"""Which NLI judge decides each pair: the fast model alone, the strong one alone, or a cascade.

In the cascade the fast model scores every candidate pair in both directions; the strong judge
(bundled:strong, base-size) re-scores only the pairs that could matter, and its scores decide them:
- a model-free mismatch (number, date, name, role, polarity, status...) was found,
- the fast model's calibrated contradiction reaches `contradiction_bar` in either direction,
- or the sentences are alike enough to be review candidates (`review_min_similarity`).
Every other pair keeps the fast scores: the fast model already calls them neither contradictory
nor close, so the strong judge's threshold decides nothing for them either way.
The bars were chosen by measuring the cascade's recall of the strong judge's own conflicts on every
pair of the tuning sets (docs/strong-judge.md).
Not for: thresholds or rules (aggregate.py and signals/ decide on whatever scores come out of here).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from .ranges import need, need_fraction, need_similarity
from .types import NLIScores, PairScores, Signals

JUDGES = ("fast", "cascade", "strong")


@dataclass(frozen=True)
class CascadeSettings:
    """Which judge decides, and which pairs the cascade sends on to the strong judge."""

    judge: str = "fast"  # fast | cascade | strong
    strong_model: str = "bundled:strong"
    contradiction_bar: float = 0.2  # fast calibrated contradiction, either direction, that sends a pair on
    review_min_similarity: float = 0.7  # this similar or more: a review candidate, sent on whatever its scores

    def validate(self) -> None:
        need(self.judge in JUDGES, self, "judge", "must be one of " + ", ".join(JUDGES))
        need(isinstance(self.strong_model, str) and bool(self.strong_model), self, "strong_model", "must name a model")
        need_fraction(self, "contradiction_bar")
        need_similarity(self, "review_min_similarity")


def needs_strong(scores: PairScores, signals: Signals, settings: CascadeSettings) -> bool:
    """A pair the strong judge must see in the cascade."""
    if settings.judge == "strong":
        return True
    if settings.judge == "fast":
        return False
    return (bool(signals.mismatches) or not signals.comparable
            or max(scores.forward.contradiction, scores.backward.contradiction) >= settings.contradiction_bar
            or scores.pair.similarity >= settings.review_min_similarity)


def rescore(pair_scores: Sequence[PairScores], chosen: Sequence[int], probs, combine) -> list[PairScores]:
    """`pair_scores` with the pairs at `chosen` given the strong judge's probabilities: `probs` holds the
    forward rows of the chosen pairs, then their backward rows; `combine` joins the two directions as
    for the fast model. The new scores say which judge made them."""
    out = list(pair_scores)
    n = len(chosen)
    for j, i in enumerate(chosen):
        fwd, bwd = NLIScores(*map(float, probs[j])), NLIScores(*map(float, probs[n + j]))
        out[i] = replace(out[i], forward=fwd, backward=bwd, combined=combine(fwd, bwd), judge="strong")
    return out
