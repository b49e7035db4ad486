"""checker/evaluation/misses.py: a missed gold conflict is traced to the stage that lost it."""
from __future__ import annotations

import numpy as np
import pytest

from checker.aggregate import JudgeSettings, judge
from checker.evaluation.gold import (CAUSES, GoldPair, GoldResults, GoldScore, GoldStory, StoryScore, cause_counts,
                                    combine_scores, results_markdown)
from checker.evaluation.misses import PairingSettings, explain_miss, explain_misses
from checker.types import Article, CandidatePair, Mismatch, NLIScores, PairScores, Report, Sentence, Signals

A_TEXTS = ["The plant opened on Monday.", "It cost 40 million euros.", "Mayor Ilse Varn attended.",
           "The utility hired 30 staff.", "Water prices will rise."]
B_TEXTS = ["The plant opened on Friday.", "Its cost was 45 million euros.", "Nobody from the council came.",
           "Thirty people now work there.", "Prices stay the same.", "Rain fell all week."]
SETTINGS = JudgeSettings(threshold=0.6, nli_only_min_similarity=0.65)
PAIRING = PairingSettings(top_k=1, min_similarity=0.45)


def unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


@pytest.fixture
def report() -> Report:
    arts = [Article(id="A", title="a", text="", path="/s/a.txt"), Article(id="B", title="b", text="", path="/s/b.txt")]
    sents = [Sentence("A", i, t, 0, len(t)) for i, t in enumerate(A_TEXTS)]
    sents += [Sentence("B", i, t, 0, len(t)) for i, t in enumerate(B_TEXTS)]
    return Report(articles=arts, sentences=sents, conflicts=[], agreements=[], statements=[], pairs_scored=0)


def verdict(report: Report, a: int, b: int, sim: float, fwd: float, bwd: float, signals: Signals = Signals()):
    """The real judge's verdict on a pair with these contradiction probabilities (rest neutral)."""
    sa, sb = report.sentences[a], report.sentences[len(A_TEXTS) + b]
    f, r = NLIScores(0.02, 0.98 - fwd, fwd), NLIScores(0.02, 0.98 - bwd, bwd)
    mean = NLIScores(0.02, 0.98 - (fwd + bwd) / 2, (fwd + bwd) / 2)
    return judge(PairScores(CandidatePair(sa, sb, sim), f, r, mean), signals, SETTINGS)


def gold(a: int, b: int, a_text: str | None = None) -> GoldPair:
    return GoldPair("a.txt", a_text or A_TEXTS[a], "b.txt", B_TEXTS[b], "conflict", "number")


def test_a_pair_paired_below_the_nli_only_similarity_gate_says_so_with_its_scores(report):
    v = verdict(report, 0, 0, sim=0.51, fwd=0.96, bwd=0.20)
    why = explain_miss(gold(0, 0), report, [v], None, PAIRING, SETTINGS)
    assert why.cause == "below_nli_only_gate" and why.label == "neutral"
    assert why.similarity == pytest.approx(0.51) and why.contradiction == pytest.approx((0.96, 0.20))
    assert "0.65" in why.reason and "0.51" in why.reason and "0.96" in why.reason


def test_a_pair_about_one_act_s_agent_is_held_to_the_same_act_gate_not_the_nli_only_one(report):
    one_act = Signals(same_act="both name who acts on 'the plant'", same_kind_of_act=True)
    v = verdict(report, 0, 0, sim=0.51, fwd=0.35, bwd=0.30, signals=one_act)
    why = explain_miss(gold(0, 0), report, [v], None, PAIRING, SETTINGS)
    assert why.cause == "below_threshold" and why.bar == pytest.approx(0.6)
    assert "different agents of one kind of act" in why.reason
    low = verdict(report, 0, 0, sim=0.40, fwd=0.55, bwd=0.57, signals=one_act)
    why = explain_miss(gold(0, 0), report, [low], None, PAIRING, SETTINGS)
    assert why.cause == "below_nli_only_gate" and "0.45" in why.reason


def test_an_nli_only_pair_alike_enough_but_weak_one_way_is_below_the_threshold(report):
    v = verdict(report, 0, 0, sim=0.80, fwd=0.85, bwd=0.30)
    why = explain_miss(gold(0, 0), report, [v], None, PAIRING, SETTINGS)
    assert why.cause == "below_threshold" and why.strength == pytest.approx(0.30) and why.bar == pytest.approx(0.6)


def test_a_model_free_mismatch_too_weak_to_flag_names_its_kind(report):
    weak = Signals(mismatches=(Mismatch("number", "40", "45", "40 vs 45"),))
    settings = JudgeSettings(threshold=0.95)
    v = judge(verdict(report, 1, 1, sim=0.9, fwd=0.1, bwd=0.1).scores, weak, settings, {"number": 0.5})
    why = explain_miss(gold(1, 1), report, [v], None, PAIRING, settings)
    assert why.cause == "below_threshold" and why.reason.startswith("number mismatch found")
    assert why.strength == pytest.approx(v.strength) and why.bar == pytest.approx(0.95)


def test_a_pair_judged_not_comparable_gives_the_rule_s_reason(report):
    other = Signals(comparable=False, not_comparable_reason="different events: opened vs planned")
    v = verdict(report, 0, 0, sim=0.9, fwd=0.9, bwd=0.9, signals=other)
    why = explain_miss(gold(0, 0), report, [v], None, PAIRING, SETTINGS)
    assert why.cause == "not_comparable" and "opened vs planned" in why.reason


def test_a_pair_read_as_agreeing_is_an_agreement_miss(report):
    sa, sb = report.sentences[3], report.sentences[len(A_TEXTS) + 3]
    ent = NLIScores(0.9, 0.08, 0.02)
    v = judge(PairScores(CandidatePair(sa, sb, 0.8), ent, ent, ent), Signals(), SETTINGS)
    why = explain_miss(gold(3, 3), report, [v], None, PAIRING, SETTINGS)
    assert why.cause == "agreement" and why.strength == pytest.approx(0.9)


def test_never_paired_pairs_say_whether_similarity_or_rank_kept_them_apart(report):
    emb = np.stack([unit(1, 0, 0, 0)] * len(A_TEXTS) + [unit(0, 1, 0, 0)] * len(B_TEXTS))
    emb[1] = unit(1, 0, 0, 0)  # a1: far from every b sentence
    emb[2] = unit(1, 1, 0, 0)  # a2: 0.71 alike to every b sentence ...
    emb[len(A_TEXTS) + 2] = unit(0.2, 1, 0, 1)  # ... b2 less (0.59), so that every other ranks first
    emb[3] = unit(0, 1, 0, 1)  # and b2's most alike sentence in a is a3, not a2
    why_far = explain_miss(gold(1, 1), report, [], emb, PAIRING, SETTINGS)
    assert why_far.cause == "below_similarity_floor" and why_far.similarity == pytest.approx(0.0, abs=1e-6)
    why_rank = explain_miss(gold(2, 2), report, [], emb, PAIRING, SETTINGS)
    assert why_rank.cause == "not_top_k" and why_rank.ranks == (len(B_TEXTS), 2)
    assert why_rank.similarity > PAIRING.min_similarity and "top 1" in why_rank.reason
    # with room for every sentence of the article, the rank no longer explains it
    assert explain_miss(gold(2, 2), report, [], emb, PairingSettings(top_k=10, min_similarity=0.45), SETTINGS).cause == "not_paired"
    # without embeddings a never-paired miss is still named, without numbers
    assert explain_miss(gold(1, 1), report, [], None, PAIRING, SETTINGS).cause == "not_paired"


def test_a_gold_sentence_the_report_lacks_is_a_segmentation_miss(report):
    # a gold sentence longer than any report sentence: the report split it differently
    why = explain_miss(gold(0, 0, a_text="The plant opened on Monday, ahead of schedule, after two years of building."),
                       report, [], None, PAIRING, SETTINGS)
    assert why.cause == "not_segmented" and "sentence a" in why.reason


def test_explained_misses_are_counted_by_cause_in_the_gold_markdown(report, tmp_path):
    story = GoldStory(folder=tmp_path, pairs=[gold(0, 0), gold(4, 4)])
    misses = [{**p.as_dict(), "checker_saw": None} for p in story.pairs]
    story_score = StoryScore(story="s", folder=str(tmp_path), score=GoldScore(), misses=misses)
    v = verdict(report, 0, 0, sim=0.51, fwd=0.96, bwd=0.20)
    emb = np.stack([unit(1, 0)] * len(A_TEXTS) + [unit(0, 1)] * len(B_TEXTS))

    explain_misses(story_score, story, report, [v], emb, PAIRING, SETTINGS)

    assert [m["why_missed"]["cause"] for m in story_score.misses] == ["below_nli_only_gate", "below_similarity_floor"]
    assert cause_counts(story_score.misses) == {"below_similarity_floor": 1, "below_nli_only_gate": 1}
    md = results_markdown(GoldResults.from_dict(combine_scores([story_score]).to_dict()))
    assert "## Why conflicts were missed" in md
    assert f"| {CAUSES['below_nli_only_gate']} | 1 |" in md
    assert "needs similarity 0.65 (this pair 0.51)" in md and "neutral, or never paired" not in md
