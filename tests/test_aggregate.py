import pytest

from checker.aggregate import JudgeSettings, combine_directions, group_findings, judge, statement_support
from checker.context import leans_on_previous, premise_text
from checker.types import CandidatePair, Mismatch, NLIScores, PairScores, Sentence, Signals


def S(art, i, text="x"):
    return Sentence(article_id=art, index=i, text=text, start=0, end=len(text))


def scores(a, b, fwd=(0.1, 0.8, 0.1), bwd=None):
    f = NLIScores(*fwd)
    g = NLIScores(*(bwd or fwd))
    return PairScores(pair=CandidatePair(a, b, 0.9), forward=f, backward=g, combined=combine_directions(f, g))


NUM = Mismatch(kind="number", a_value="300 troops", b_value="2,000 troops", reason="300 troops vs 2,000 troops")


def test_nli_contradiction_above_threshold_is_a_conflict_of_kind_nli():
    v = judge(scores(S("A", 0), S("B", 0), fwd=(0.05, 0.15, 0.8)), Signals(), JudgeSettings(threshold=0.5))
    assert v.label == "contradiction" and v.kind == "nli" and v.strength >= 0.8


def test_number_mismatch_raises_a_weak_nli_score_to_a_number_conflict():
    v = judge(scores(S("A", 0), S("B", 0), fwd=(0.6, 0.3, 0.1)), Signals(mismatches=(NUM,)), JudgeSettings(threshold=0.5))
    assert v.label == "contradiction" and v.kind == "number"
    assert v.why[0] == NUM.reason


def test_a_mismatch_with_its_own_weight_counts_that_much_and_no_more():
    weak = Mismatch(kind="number", a_value="640 lorries", b_value="410 lorries", reason="640 vs 410", weight=0.3)
    leaning = scores(S("A", 0), S("B", 0), fwd=(0.3, 0.3, 0.4))
    v = judge(leaning, Signals(mismatches=(weak,)), JudgeSettings(threshold=0.5))
    assert v.label == "contradiction" and v.kind == "number" and v.strength == pytest.approx(1 - 0.6 * 0.7)
    # the NLI model reading no contradiction leaves it short of a conflict
    v = judge(scores(S("A", 0), S("B", 0), fwd=(0.2, 0.7, 0.1)), Signals(mismatches=(weak,)),
              JudgeSettings(threshold=0.5))
    assert v.label == "neutral"


def test_not_comparable_pair_is_never_a_conflict_and_says_why():
    sig = Signals(mismatches=(NUM,), comparable=False, not_comparable_reason="different shipments")
    v = judge(scores(S("A", 0), S("B", 0), fwd=(0.0, 0.0, 1.0)), sig, JudgeSettings(threshold=0.5))
    assert v.label == "not_comparable" and "different shipments" in v.why[0]


def test_entailment_without_mismatch_is_an_agreement():
    v = judge(scores(S("A", 0), S("B", 0), fwd=(0.9, 0.05, 0.05)), Signals(), JudgeSettings(threshold=0.5))
    assert v.label == "entailment"


def test_entailment_with_a_number_mismatch_is_not_an_agreement():
    v = judge(scores(S("A", 0), S("B", 0), fwd=(0.9, 0.05, 0.05)), Signals(mismatches=(NUM,)),
              JudgeSettings(threshold=0.99))
    assert v.label != "entailment"


def test_a_difference_that_proves_nothing_keeps_an_entailing_pair_from_being_an_agreement():
    # "Petrvo" / "Petrov": the model, reading one name (checker/name_forms.py), sees an agreement;
    # whether they are one person is not proven, so the pair is worth a look, not a corroboration
    doubt = Signals(doubts=("near-identical names: 'Mikhail Petrov' vs 'Mikhail Petrvo'",))
    v = judge(scores(S("A", 0), S("B", 0), fwd=(0.9, 0.05, 0.05)), doubt, JudgeSettings(threshold=0.5))
    assert v.label == "neutral"


def test_the_same_claim_repeated_is_one_finding_with_several_pieces_of_evidence():
    st = JudgeSettings(threshold=0.5)
    a0, b0, b5 = S("A", 0), S("B", 0), S("B", 5)
    v1 = judge(scores(a0, b0, fwd=(0.05, 0.05, 0.9)), Signals(), st)
    v2 = judge(scores(a0, b5, fwd=(0.1, 0.2, 0.7)), Signals(), st)
    v3 = judge(scores(S("A", 3), S("C", 1), fwd=(0.1, 0.1, 0.8)), Signals(), st)
    findings = group_findings([v1, v2, v3], "contradiction")
    assert len(findings) == 2
    assert findings[0].evidence == (v1, v2) and findings[0].strength == v1.strength


def test_findings_are_ranked_strongest_first():
    st = JudgeSettings(threshold=0.5)
    weak = judge(scores(S("A", 0), S("B", 0), fwd=(0.1, 0.3, 0.6)), Signals(), st)
    strong = judge(scores(S("A", 1), S("B", 1), fwd=(0.0, 0.05, 0.95)), Signals(), st)
    assert [f.top for f in group_findings([weak, strong], "contradiction")] == [strong, weak]


def test_support_follows_the_direction_of_entailment():
    a, b = S("A", 0), S("B", 0)
    # b entails a (backward) but a does not entail b (forward): b's article supports a only
    v = judge(scores(a, b, fwd=(0.2, 0.7, 0.1), bwd=(0.95, 0.04, 0.01)), Signals(), JudgeSettings(threshold=0.5))
    sup = {s.sentence.key: s for s in statement_support([a, b], [v], ["A", "B", "C"], 0.6)}
    assert sup[a.key].supported_by == ("B",) and sup[a.key].status == "supported"
    assert sup[b.key].supported_by == () and sup[b.key].silent == ("A", "C")


def test_disputed_statement_lists_the_disputing_article():
    a, b = S("A", 0), S("B", 0)
    v = judge(scores(a, b, fwd=(0.0, 0.1, 0.9)), Signals(), JudgeSettings(threshold=0.5))
    sup = {s.sentence.key: s for s in statement_support([a, b], [v], ["A", "B"], 0.6)}
    assert sup[a.key].status == "disputed" and sup[a.key].disputed_by == ("B",)


def test_pronoun_opening_leans_on_the_previous_sentence():
    assert leans_on_previous("He said the talks had failed.")
    assert leans_on_previous("The transfer will take months.")
    assert not leans_on_previous("Japan will send 40 missiles.")


def test_premise_text_prepends_the_previous_sentence_only_when_needed():
    s0, s1, s2 = S("A", 0, "Japan will send missiles."), S("A", 1, "They are made under licence."), S("A", 2, "Kyiv asked.")
    by_key = {s.key: s for s in (s0, s1, s2)}
    assert premise_text(s1, by_key) == "Japan will send missiles. They are made under licence."
    assert premise_text(s2, by_key) == "Kyiv asked."


def test_an_nli_only_conflict_must_hold_in_both_directions():
    one_way = scores(S("A", 0), S("B", 0), fwd=(0.05, 0.05, 0.9), bwd=(0.3, 0.6, 0.1))
    assert judge(one_way, Signals(), JudgeSettings(threshold=0.5, nli_only_direction="min")).label != "contradiction"
    # (mean 0.5, exactly at the bar: the review tier's margin is off here, this is about the direction)
    assert judge(one_way, Signals(), JudgeSettings(threshold=0.5, nli_only_direction="mean",
                                                   nli_only_review_margin=0.0)).label == "contradiction"


def test_loosely_related_sentences_are_not_an_nli_only_conflict():
    a, b = S("A", 0), S("B", 0)
    f = NLIScores(0.0, 0.1, 0.9)
    loose = PairScores(pair=CandidatePair(a, b, 0.35), forward=f, backward=f, combined=f)
    assert judge(loose, Signals(), JudgeSettings(threshold=0.5, nli_only_min_similarity=0.5)).label != "contradiction"
    # a model-free mismatch is evidence enough whatever the similarity
    assert judge(loose, Signals(mismatches=(NUM,)), JudgeSettings(threshold=0.5, nli_only_min_similarity=0.5)).label == "contradiction"


def test_judge_settings_live_in_config_and_the_threshold_falls_back_to_the_model_s():
    import pytest
    from checker.config import Config
    from checker.errors import ConfigError

    config = Config(judge=JudgeSettings(nli_only_threshold=0.7)).validate()
    assert config.judge.resolved(0.4).threshold == 0.4 and config.judge.resolved(0.4).nli_only_threshold == 0.7
    assert JudgeSettings(threshold=0.55).resolved(0.4).threshold == 0.55
    with pytest.raises(ConfigError) as err:
        Config(judge=JudgeSettings(nli_only_direction="median")).validate()
    assert err.value.field == "judge.nli_only_direction"
    with pytest.raises(ConfigError):  # judging needs the threshold resolved first
        judge(scores(S("A", 0), S("B", 0), fwd=(0.05, 0.15, 0.8)), Signals(), JudgeSettings())


def test_a_rule_s_weight_from_config_signals_decides_how_much_its_mismatch_counts():
    from checker.signals import resolve_settings, signal_weights

    weights = signal_weights(resolve_settings({"numbers": {"weight": 0.9}}))
    assert weights["number"] == 0.9 and weights["status"] == 0.6
    pair = scores(S("A", 0), S("B", 0), fwd=(0.6, 0.3, 0.1))
    assert judge(pair, Signals(mismatches=(NUM,)), JudgeSettings(threshold=0.85), weights).label == "contradiction"
    assert judge(pair, Signals(mismatches=(NUM,)), JudgeSettings(threshold=0.85)).label != "contradiction"


def test_a_confident_one_way_contradiction_is_an_nli_conflict_that_says_which_way():
    # "A acquired B" vs "B acquired A": contradiction one way, unrelated the other
    one_way = scores(S("A", 0, "A acquired B."), S("B", 0, "B acquired A."), fwd=(0.03, 0.05, 0.92), bwd=(0.05, 0.9, 0.05))
    v = judge(one_way, Signals(), JudgeSettings(threshold=0.6, nli_only_threshold=0.5))
    assert v.label == "contradiction" and v.kind == "nli" and v.strength == 0.92
    assert v.why[0].render(a="A's", b="B's").startswith("the NLI model reads these as contradicting each other one way: "
                                                          "taking A's as true, it finds B's contradicted (0.92)")


def test_a_one_way_contradiction_whose_other_direction_entails_or_that_is_weak_is_not_a_conflict():
    st = JudgeSettings(threshold=0.6, nli_only_threshold=0.5)
    entailed_back = scores(S("A", 0), S("B", 0), fwd=(0.03, 0.05, 0.92), bwd=(0.4, 0.5, 0.1))
    weak = scores(S("A", 0), S("B", 0), fwd=(0.03, 0.12, 0.85), bwd=(0.05, 0.9, 0.05))
    assert judge(entailed_back, Signals(), st).label != "contradiction"
    assert judge(weak, Signals(), st).label != "contradiction"
    off = JudgeSettings(threshold=0.6, nli_only_threshold=0.5, one_way_threshold=None)
    assert judge(scores(S("A", 0), S("B", 0), fwd=(0.03, 0.05, 0.92), bwd=(0.05, 0.9, 0.05)), Signals(), off).label != "contradiction"


def test_nli_only_strength_takes_the_weaker_the_mean_or_the_stronger_direction():
    from checker.aggregate import nli_only_strength

    s = scores(S("A", 0), S("B", 0), fwd=(0.1, 0.1, 0.8), bwd=(0.1, 0.5, 0.4))
    assert nli_only_strength(s, "min") == 0.4 and nli_only_strength(s, "max") == 0.8
    assert abs(nli_only_strength(s, "mean") - 0.6) < 1e-9


def test_an_nli_only_contradiction_just_over_its_bar_is_worth_a_look_not_a_conflict():
    st = JudgeSettings(threshold=0.6, nli_only_threshold=0.5, nli_only_review_margin=0.03)
    near = judge(scores(S("A", 0), S("B", 0), fwd=(0.13, 0.26, 0.61), bwd=(0.07, 0.25, 0.68)), Signals(), st)
    assert near.label == "neutral" and near.review_reason and "0.61" in near.review_reason
    clear = judge(scores(S("A", 0), S("B", 0), fwd=(0.1, 0.25, 0.65), bwd=(0.07, 0.25, 0.68)), Signals(), st)
    assert clear.label == "contradiction" and clear.kind == "nli" and clear.review_reason is None
    # a model-free mismatch is proof of its own: the margin is for the NLI model alone
    signal = judge(scores(S("A", 0), S("B", 0), fwd=(0.13, 0.26, 0.61)), Signals(mismatches=(NUM,)), st)
    assert signal.label == "contradiction" and signal.kind == "number"
    off = judge(scores(S("A", 0), S("B", 0), fwd=(0.13, 0.26, 0.61)), Signals(),
                JudgeSettings(threshold=0.6, nli_only_threshold=0.5, nli_only_review_margin=0.0))
    assert off.label == "contradiction"


def test_an_nli_contradiction_a_rule_accounts_for_is_no_conflict_but_a_mismatch_still_is():
    # one sentence refuses the offer the other reports made (signals/polarity.answers_a_proposal)
    why = "one sentence tells the offer turned down, the other the offer made: an answer is a later step"
    v = judge(scores(S("A", 0), S("B", 0), fwd=(0.05, 0.15, 0.8)), Signals(explained=why), JudgeSettings(threshold=0.5))
    assert v.label == "neutral" and v.why[0] == why and v.review_reason is None
    v = judge(scores(S("A", 0), S("B", 0), fwd=(0.6, 0.3, 0.1)), Signals(mismatches=(NUM,), explained=why),
              JudgeSettings(threshold=0.5))
    assert v.label == "contradiction" and v.kind == "number"
