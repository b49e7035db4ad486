"""Why a planted conflict was missed: at which stage it was lost, with the numbers that lost it.

A gold conflict the report does not flag was lost at one of three stages, and each asks for a different
fix: segmentation (a gold sentence is no sentence of the report), pairing (the two sentences were
never compared: too little alike, or not among each other's most similar) or judging (compared, and
scored below what a conflict needs: below the threshold, below the similarity an NLI-only conflict
needs, judged about different events, or read as agreeing).

    judged = judge_all(scored)
    report = decide(scored, judged=judged)
    story_score = score_report(report, gold_story)
    explain_misses(story_score, gold_story, report, judged.verdicts, scored.embeddings,
                   config.pairing, judged.settings)

Works on plain data (no models are run), so it can be tested with hand-built verdicts.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Sequence

import numpy as np

from ..aggregate import JudgeSettings, nli_only_strength
from ..pairing import PairingSettings
from ..types import Report, Verdict
from .gold import GoldPair, GoldStory, StoryScore, sentence_matches, verdict_matches


@dataclass(frozen=True)
class MissReason:
    """Why one gold conflict was not flagged. `cause` is a key of gold.CAUSES; `reason` says it in words."""

    cause: str
    reason: str
    similarity: float | None = None  # cosine similarity of the two sentences
    ranks: tuple[int, int] | None = None  # rank of b among a's article partners, and of a among b's
    label: str | None = None  # the verdict of the pair, when it was paired
    contradiction: tuple[float, float] | None = None  # calibrated NLI contradiction, a->b and b->a
    strength: float | None = None  # what was compared with the threshold
    bar: float | None = None  # the threshold it had to reach

    def to_dict(self) -> dict:
        d = asdict(self)
        return {k: (round(v, 4) if isinstance(v, float) else list(v) if isinstance(v, tuple) else v)
                for k, v in d.items() if v is not None}


def _matching_rows(report: Report, text: str, gold_file: str) -> list[int]:
    articles = {a.id: a for a in report.articles}
    return [i for i, s in enumerate(report.sentences) if sentence_matches(s, articles.get(s.article_id), text, gold_file)]


def _judging_reason(v: Verdict, settings: JudgeSettings) -> MissReason:
    """Why a paired gold conflict's verdict is not a conflict."""
    fwd, bwd = v.scores.forward.contradiction, v.scores.backward.contradiction
    sim = v.pair.similarity
    common = dict(similarity=sim, label=v.label, contradiction=(fwd, bwd))
    nli = f"NLI contradiction {fwd:.2f} one way, {bwd:.2f} the other"
    if v.label == "not_comparable":
        why = v.signals.not_comparable_reason or "no reason given"
        return MissReason("not_comparable", f"judged not comparable ({why}); {nli}", **common)
    if v.label == "entailment":
        ent = max(v.scores.forward.entailment, v.scores.backward.entailment)
        return MissReason("agreement", f"read as agreeing (entailment {ent:.2f}) and no model-free mismatch; {nli}",
                          strength=ent, bar=settings.agree_threshold, **common)
    if v.signals.mismatches:
        kinds = ", ".join(dict.fromkeys(m.kind for m in v.signals.mismatches))
        return MissReason("below_threshold", f"{kinds} mismatch found, but strength {v.strength:.2f} is below the "
                          f"threshold {settings.threshold:.2f}; {nli}", strength=v.strength, bar=settings.threshold, **common)
    if (v.signals.same_kind_of_act and settings.same_act_weight > 0
            and sim >= settings.same_act_min_similarity):
        return MissReason("below_threshold", f"different agents of one kind of act found, but strength "
                          f"{v.strength:.2f} is below the threshold {settings.threshold:.2f}; {nli}",
                          strength=v.strength, bar=settings.threshold, **common)
    bar = settings.nli_only_bar
    strength = nli_only_strength(v.scores, settings.nli_only_direction)
    # one kind of act with different agents has its own, lower gate (aggregate.judge)
    gate = settings.same_act_min_similarity if v.signals.same_kind_of_act else settings.nli_only_min_similarity
    if sim < gate:
        return MissReason("below_nli_only_gate", f"no model-free mismatch, and an NLI-only conflict needs similarity "
                          f"{gate:.2f} (this pair {sim:.2f}); {nli}",
                          strength=strength, bar=bar, **common)
    return MissReason("below_threshold", f"no model-free mismatch; {nli}: the {settings.nli_only_direction} of the "
                      f"two, {strength:.2f}, is below {bar:.2f}", strength=strength, bar=bar, **common)


def _rank(embeddings: np.ndarray, row: int, col: int, article_rows: Sequence[int]) -> int:
    """1 + how many sentences of `col`'s article are more alike to sentence `row` than `col` is."""
    sims = embeddings[list(article_rows)] @ embeddings[row]
    return 1 + int(np.sum(sims > float(embeddings[col] @ embeddings[row]) + 1e-6))


def explain_miss(gold: GoldPair, report: Report, verdicts: Sequence[Verdict], embeddings: np.ndarray | None,
                 pairing: PairingSettings, settings: JudgeSettings) -> MissReason:
    """Why `gold` (a conflict the report did not flag) was lost.

    `verdicts` are all the pairs the run judged (`checker.api.judge_all`), `embeddings` the sentence
    embeddings pairing compared, one row per `report.sentences` entry (None: pairing misses are
    named without numbers). When several report sentences match one gold sentence, the closest call
    is explained: the paired verdict of highest strength, or the most alike unpaired sentences."""
    rows_a, rows_b = _matching_rows(report, gold.a, gold.a_file), _matching_rows(report, gold.b, gold.b_file)
    if not rows_a or not rows_b:
        side = "a" if not rows_a else "b"
        return MissReason("not_segmented", f"sentence {side} is no sentence of the report (split differently, or "
                          "filtered out), so it was never compared")
    articles = {a.id: a for a in report.articles}
    paired = [v for v in verdicts if v.label != "contradiction" and verdict_matches(v, gold, articles)]
    if paired:
        return _judging_reason(max(paired, key=lambda v: v.strength), settings)
    if embeddings is None or len(embeddings) != len(report.sentences):
        return MissReason("not_paired", "never paired")
    sim, i, j = max((float(embeddings[i] @ embeddings[j]), i, j) for i in rows_a for j in rows_b)
    if sim < pairing.min_similarity:
        return MissReason("below_similarity_floor", f"never paired: similarity {sim:.2f} is below the pairing floor "
                          f"{pairing.min_similarity:.2f}", similarity=sim)
    by_article: dict[str, list[int]] = {}
    for r, s in enumerate(report.sentences):
        by_article.setdefault(s.article_id, []).append(r)
    rank_ab = _rank(embeddings, i, j, by_article[report.sentences[j].article_id])
    rank_ba = _rank(embeddings, j, i, by_article[report.sentences[i].article_id])
    if min(rank_ab, rank_ba) > pairing.top_k:
        return MissReason("not_top_k", f"never paired: similarity {sim:.2f}, but b is only the {_nth(rank_ab)} most "
                          f"alike to a in its article and a the {_nth(rank_ba)} to b; pairing keeps the top "
                          f"{pairing.top_k}", similarity=sim, ranks=(rank_ab, rank_ba))
    return MissReason("not_paired", f"never paired (similarity {sim:.2f}, ranks {rank_ab} and {rank_ba}: a tie, "
                      "or a pair budget)", similarity=sim, ranks=(rank_ab, rank_ba))


def _nth(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def explain_misses(story_score: StoryScore, story: GoldStory, report: Report, verdicts: Sequence[Verdict],
                   embeddings: np.ndarray | None, pairing: PairingSettings, settings: JudgeSettings) -> None:
    """Add `why_missed` (MissReason.to_dict()) to every miss of `story_score`, in place."""
    conflicts = {(g.a_file, g.a, g.b_file, g.b): g for g in story.conflicts}
    for miss in story_score.misses:
        gold = conflicts[(miss["a_file"], miss["a"], miss["b_file"], miss["b"])]
        miss["why_missed"] = explain_miss(gold, report, verdicts, embeddings, pairing, settings).to_dict()
