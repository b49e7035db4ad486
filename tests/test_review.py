"""The review list ("worth a look"): same thing, accounts that differ, no proven contradiction."""
from checker.config import Config
from checker.provenance import ProvenanceSettings
from checker.review import ReviewSettings, review_items, shared_words
from checker.types import CandidatePair, Mismatch, NLIScores, PairScores, Sentence, Signals, Verdict


def verdict(a_text, b_text, fwd, bwd, similarity=0.7, label="neutral", a=("A", 0), b=("B", 0), mismatches=()):
    sa = Sentence(a[0], a[1], a_text, 0, len(a_text))
    sb = Sentence(b[0], b[1], b_text, 0, len(b_text))
    f, g = NLIScores(*fwd), NLIScores(*bwd)
    combined = NLIScores(*((x + y) / 2 for x, y in zip(fwd, bwd)))
    return Verdict(PairScores(CandidatePair(sa, sb, similarity), f, g, combined), Signals(tuple(mismatches)),
                   label, 0.5, None, ("NLI",))


SUPPLY = "The missiles will come from Norvia's own stockpile, an official said."
MAKE = "Norvia builds the missiles under a licence from Ardent Arms."


def test_a_pair_about_the_same_thing_with_a_leaning_but_unproven_contradiction_is_listed_with_its_reason():
    v = verdict(SUPPLY, MAKE, (0.05, 0.35, 0.6), (0.04, 0.66, 0.3))
    [item] = review_items([v], ReviewSettings())
    assert item.shared_names == ("Norvia",) and item.shared_words == ("missiles",)
    assert item.contradiction == 0.6 and item.contradiction_direction == "a->b" and item.entailment == 0.05
    assert abs(item.score - 0.7 * 0.95 * 0.6) < 1e-9
    assert item.reason.render(a="A's sentence", b="B's sentence").endswith("(0.60 taking A's sentence as true)")


def test_entailed_unrelated_unnamed_or_already_decided_pairs_are_not_listed():
    st = ReviewSettings()
    off = ProvenanceSettings(review_weight=0.0)  # the NLI-lean rule alone: these pairs also differ on provenance
    entailed = verdict(SUPPLY, MAKE, (0.3, 0.1, 0.6), (0.04, 0.66, 0.3))
    loose = verdict(SUPPLY, MAKE, (0.05, 0.35, 0.6), (0.04, 0.66, 0.3), similarity=0.5)
    no_name = verdict("the missiles will come from stock, officials said.", "missiles are built under licence here.",
                      (0.05, 0.35, 0.6), (0.04, 0.66, 0.3))
    calm = verdict(SUPPLY, MAKE, (0.05, 0.75, 0.2), (0.04, 0.66, 0.3))
    conflict = verdict(SUPPLY, MAKE, (0.05, 0.35, 0.6), (0.04, 0.66, 0.3), label="contradiction")
    assert review_items([entailed, loose, no_name, calm, conflict], st, provenance=off) == []


def test_a_mismatch_that_did_not_make_a_conflict_is_reason_enough():
    m = Mismatch("number", "12 launchers", "14 launchers", "12 vs 14")
    v = verdict("Norvia sent 12 launchers.", "Norvia sent 14 launchers.", (0.1, 0.8, 0.1), (0.1, 0.8, 0.1), mismatches=(m,))
    [item] = review_items([v], ReviewSettings(), {"number": 0.4})
    assert item.mismatch_kinds == ("number",) and "12 launchers vs 14 launchers" in item.reason


def test_each_statement_appears_once_best_pair_first_and_the_list_is_short():
    strong = verdict(SUPPLY, MAKE, (0.05, 0.25, 0.7), (0.04, 0.66, 0.3), b=("B", 0))
    weaker_same_a = verdict(SUPPLY, MAKE, (0.05, 0.35, 0.6), (0.04, 0.66, 0.3), b=("C", 0))
    other = [verdict(SUPPLY, MAKE, (0.05, 0.35, 0.6), (0.04, 0.66, 0.3), a=("A", i), b=("D", i)) for i in range(1, 9)]
    items = review_items([weaker_same_a, strong, *other], ReviewSettings(max_items=5))
    assert items[0].verdict is strong and weaker_same_a not in [i.verdict for i in items]
    assert len(items) == 5
    assert review_items([strong], ReviewSettings(max_items=0)) == []


def test_accounts_that_differ_on_where_the_same_thing_comes_from_are_listed_with_that_reason():
    made = "Kestovia manufactures the shells under a licence from Brannock Arms."
    stock = "The shells will be transferred from Kestovia's own stocks, an official said."
    v = verdict(made, stock, (0.03, 0.92, 0.05), (0.02, 0.95, 0.03), similarity=0.48)
    [item] = review_items([v], ReviewSettings())
    assert item.about == "shells" and [c.facet for c in item.provenance] == ["production", "stock"]
    assert abs(item.score - 0.48 * 0.97 * 0.5) < 1e-9
    assert item.reason.render(a="A's sentence", b="B's sentence").startswith(
        "The accounts differ on where the shells come from: A's sentence says they are manufactured "
        "('manufactures … under a licence', naming Brannock Arms), B's sentence says they are taken from existing "
        "stock ('from Kestovia's own stocks')")
    assert item.verdict.label == "neutral"  # the rule lists; it never turns a pair into a conflict


def test_provenance_items_need_a_neutral_unentailed_similar_enough_pair_and_can_be_turned_off():
    made = "Kestovia manufactures the shells under a licence from Brannock Arms."
    stock = "The shells will be transferred from Kestovia's own stocks."
    calm = (0.03, 0.92, 0.05)
    assert review_items([verdict(made, stock, (0.3, 0.65, 0.05), calm)], ReviewSettings()) == []  # entailed
    assert review_items([verdict(made, stock, calm, calm, similarity=0.2)], ReviewSettings()) == []
    assert review_items([verdict(made, stock, calm, calm, label="entailment")], ReviewSettings()) == []
    assert review_items([verdict(made, stock, calm, calm)], ReviewSettings(),
                        provenance=ProvenanceSettings(review_weight=0.0)) == []
    same = "The shells are manufactured in Kestovia under a licence."
    assert review_items([verdict(made, same, calm, calm)], ReviewSettings()) == []  # same facet, no named clash


def test_a_leaning_contradiction_outranks_a_provenance_difference_and_each_statement_appears_once():
    made = "Kestovia manufactures the shells under a licence from Brannock Arms."
    stock = "The shells will be transferred from Kestovia's own stocks."
    provenance = verdict(made, stock, (0.03, 0.92, 0.05), (0.02, 0.95, 0.03), similarity=0.5, b=("B", 1))
    leaning = verdict(SUPPLY, MAKE, (0.05, 0.35, 0.6), (0.04, 0.66, 0.3), a=("A", 1), b=("C", 0))
    items = review_items([provenance, leaning], ReviewSettings())
    assert [i.verdict for i in items] == [leaning, provenance] and items[1].provenance is not None
    assert items[0].provenance is None


def test_review_and_provenance_settings_live_in_config_and_a_bad_value_names_its_field():
    import pytest
    from checker.errors import ConfigError
    config = Config(review=ReviewSettings(max_items=3, min_similarity=0.5)).validate()
    assert config.review.max_items == 3 and config.review.min_similarity == 0.5
    for bad, field in ((dict(review=ReviewSettings(max_items=-1)), "review.max_items"),
                       (dict(review=ReviewSettings(max_entailment=2.0)), "review.max_entailment"),
                       (dict(provenance=ProvenanceSettings(review_weight=1.5)), "provenance.review_weight"),
                       (dict(provenance=ProvenanceSettings(pairs_per_sentence=-1)), "provenance.pairs_per_sentence"),
                       (dict(provenance=ProvenanceSettings(pairs_per_sentence=1.5)), "provenance.pairs_per_sentence"),
                       (dict(provenance=ProvenanceSettings(min_similarity=2.0)), "provenance.min_similarity")):
        with pytest.raises(ConfigError) as err:
            Config(**bad).validate()
        assert err.value.field == field


def test_shared_words_split_names_from_other_words_and_drop_possessives():
    names, words = shared_words("Japan's missiles arrive.", "The missiles from Japan arrive.")
    assert names == ("Japan",) and set(words) >= {"missiles"}


def test_words_in_most_of_the_story_are_its_topic_and_can_be_left_out_of_the_shared_words():
    from checker.review import topic_stems
    from checker.text import stem

    story = [f"Ukraine asked for missiles in week {i}." for i in range(8)] + ["Norvia sent trucks.", "Aid arrived by rail."]
    topic = topic_stems(story, 0.5)
    assert {stem("Ukraine"), stem("missiles")} <= topic and stem("trucks") not in topic
    assert topic_stems(story, 1.0) == frozenset() and topic_stems(story[:5], 0.5) == frozenset()
    names, words = shared_words("Ukraine got U.S. missiles from Norvia.", "Norvia sent U.S. missiles to Ukraine.", topic)
    assert names == ("U.S.", "Norvia") and words == ()


def test_a_contradiction_just_over_the_bar_and_a_near_identical_name_are_listed_whatever_the_gates():
    from dataclasses import replace as _replace

    near = _replace(verdict("US says it will send more missiles.", "The provision of missiles will help.",
                            (0.13, 0.26, 0.61), (0.07, 0.25, 0.68), similarity=0.65),
                    review_reason="the NLI model alone leans to contradiction (0.61), within 0.03 of the bar")
    typo = verdict("The deal was signed by Mikhail Petrvo.", "The deal was signed by Mikhail Petrov.",
                   (0.4, 0.5, 0.1), (0.4, 0.5, 0.1), a=("A", 1), b=("B", 1))
    typo = _replace(typo, signals=Signals(doubts=("near-identical names: 'Mikhail Petrvo' vs 'Mikhail Petrov'",)))
    # similarity below 0.7 and entailment above 0.1: the NLI-lean rule would list neither
    items = review_items([near, typo], ReviewSettings(), {"entity": 0.6})
    reasons = {it.pair.a.index: it.reason for it in items}
    assert set(reasons) == {0, 1}
    assert "within 0.03 of the bar" in reasons[0] and "Petrvo" in reasons[1]
    plain = verdict("The deal was signed by Mikhail Petrvo.", "The deal was signed by Mikhail Petrov.",
                    (0.4, 0.5, 0.1), (0.4, 0.5, 0.1))
    assert review_items([plain], ReviewSettings(), {"entity": 0.6}) == []


def test_provenance_items_allow_some_entailment_short_of_support():
    made = "Kestovia manufactures the shells under a licence from Brannock Arms."
    stock = "The shells will be transferred from Kestovia's own stocks."
    calm = (0.03, 0.92, 0.05)
    [item] = review_items([verdict(made, stock, (0.14, 0.82, 0.04), calm, similarity=0.48)], ReviewSettings())
    assert item.provenance is not None  # 0.14 either way: above the NLI lean's 0.1, below the provenance gate
    assert review_items([verdict(made, stock, (0.14, 0.82, 0.04), calm, similarity=0.48)], ReviewSettings(),
                        provenance=ProvenanceSettings(review_max_entailment=0.1)) == []


def test_different_agents_of_an_act_on_one_thing_are_worth_a_look_at_the_provenance_gates():
    from dataclasses import replace as _replace

    why = "both name who acts on 'the depot', and not the same agent: 'managed by the city' vs 'run by Kessler'"
    a, b = "The depot will be managed by the city's transport office.", "The depot will be run by Kessler Transit."
    agents = _replace(verdict(a, b, (0.1, 0.6, 0.3), (0.1, 0.7, 0.2), similarity=0.5), signals=Signals(same_act=why))
    [item] = review_items([agents], ReviewSettings())
    assert item.reason.render(a="A", b="B").startswith("Both name who acts on 'the depot'")
    assert abs(item.score - 0.5 * 0.9 * ProvenanceSettings().review_weight) < 1e-9
    supported = _replace(verdict(a, b, (0.5, 0.3, 0.2), (0.1, 0.7, 0.2), similarity=0.5), signals=Signals(same_act=why))
    far = _replace(verdict(a, b, (0.1, 0.6, 0.3), (0.1, 0.7, 0.2), similarity=0.2), signals=Signals(same_act=why))
    assert review_items([supported, far], ReviewSettings()) == []
