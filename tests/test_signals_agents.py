"""Who acts on which thing (checker/signals/agents.py), read from spaCy's parse: the acts a sentence
tells, two sentences that give one thing different agents, what that does to the maker rule, to the
NLI-only gate (aggregate.judge) and to pairing (pairing.act_pairs)."""
from __future__ import annotations

import numpy as np
import pytest

from checker.aggregate import JudgeSettings, judge
from checker.pairing import act_pairs
from checker.signals import SignalExtractor
from checker.signals.agents import SKELETON_AGENT, agent_contrast, find_acts
from checker.types import CandidatePair, NLIScores, PairScores, Sentence, Signals


def acts(parsed, text):
    return parsed.facts(text).acts


def test_a_passive_gives_the_agent_after_by_and_the_thing_before_the_verb(parsed):
    (act,) = acts(parsed, "The new footbridge was designed by Okafor Partners, a firm from Lagos.")
    assert (act.verb, act.agent, act.thing, act.definite) == ("design", "Okafor Partners", "footbridge", True)
    assert act.thing_text == "The new footbridge"  # the apposition describes the agent, it is not its name


def test_a_time_after_a_passives_by_is_no_agent(parsed):
    # "by December" says when, not who: no maker to set against "manufactured by GreenRoute Mobility"
    assert acts(parsed, "The remaining 240 buses will be delivered by December, the corporation said.") == ()
    frames = parsed.facts("The remaining 240 buses will be delivered by December.").frames
    assert not any(p.role == "agent" for f in frames for p in f.participants)


def test_an_active_verb_gives_its_subject_and_object(parsed):
    (act,) = acts(parsed, "Hallberg Rail is laying the track between the two stations.")
    assert (act.verb, act.agent, act.thing) == ("lay", "Hallberg Rail", "track")


def test_a_participle_acts_on_the_noun_it_modifies_and_which_points_back(parsed):
    ordered = acts(parsed, "The trams ordered by the city council will arrive in May.")
    assert [(a.verb, a.agent, a.thing) for a in ordered] == [("order", "the city council", "tram")]
    which = acts(parsed, "Ferrow Works, which builds the carriages, said the order was on time.")
    assert [(a.verb, a.agent, a.thing) for a in which] == [("build", "Ferrow Works", "carriage")]


def test_a_name_right_after_its_noun_is_part_of_the_agent(parsed):
    (act,) = acts(parsed, "The carriages are assembled by the rail maker Ferrow Works.")
    assert act.agent == "the rail maker Ferrow Works" and act.agent_words == {"ferrow", "works"}


def test_an_agent_a_reader_cannot_tell_apart_is_not_specific_and_a_pronoun_is_no_agent(parsed):
    (vague,) = acts(parsed, "They said the bridge was designed by an engineer.")  # indefinite
    assert (vague.agent_head, vague.thing, vague.specific) == ("engineer", "bridge", False)
    assert acts(parsed, "It built the bridge in two years.") == ()  # a pronoun
    assert acts(parsed, "The bridge was opened in June.") == ()  # no agent at all
    f = parsed.facts
    assert agent_contrast(f("The bridge was designed by an engineer."), f("The bridge was designed by Okafor Partners.")) is None


def test_without_a_parse_there_are_no_acts():
    assert find_acts(None) == []
    plain = SignalExtractor(use_spacy=False)
    assert plain.facts("The new footbridge was designed by Okafor Partners.").acts == ()


def test_two_agents_of_the_same_thing_contrast(parsed):
    a = parsed.facts("The depot will be managed by the city's transport office.")
    b = parsed.facts("The depot will be run by Kessler Transit under a five-year deal.")
    x, y = agent_contrast(a, b)
    assert (x.verb, y.verb, x.thing, y.thing) == ("manage", "run", "depot", "depot")


def test_no_contrast_for_one_agent_under_two_names_or_two_things(parsed):
    f = parsed.facts
    same = agent_contrast(f("The depot will be run by Kessler Transit."), f("Kessler will run the depot from May."))
    both_named = agent_contrast(f("The depot is owned by the city and run by Kessler Transit."),
                                f("The depot will be run by the city."))
    other_thing = agent_contrast(f("The depot will be run by Kessler Transit."),
                                 f("The museum will be run by the city's culture office."))
    kinds = agent_contrast(f("Kessler Transit will supply trams."), f("Ferrow Works will supply trams."))
    assert same is None and both_named is None and other_thing is None
    assert kinds is None  # trams in general, not one thing: both firms may supply some


def test_different_makers_of_one_thing_differ_whatever_else_the_sentences_say(parsed):
    s = parsed.compare_texts("The turbines for the dam are being built by Ostrava Heavy, which won the tender in 2023.",
                                "Lindholm Energy is manufacturing the turbines at its plant near the border.")
    assert [m.kind for m in s.mismatches] == ["entity"]
    assert "Different makers or suppliers" in s.mismatches[0].reason


def test_different_agents_of_different_acts_are_no_mismatch_but_a_same_act_reading(parsed):
    s = parsed.compare_texts("The depot will be managed by the city's transport office.",
                                "The depot will be run by Kessler Transit under a five-year deal.")
    assert s.mismatches == () and s.comparable and not s.same_kind_of_act
    same = parsed.compare_texts("The depot will be run by the city's transport office.",
                                "Kessler Transit will run the depot under a five-year deal.")
    assert same.same_kind_of_act
    assert s.same_act.startswith("both name who acts on 'The depot'") or s.same_act.startswith("both name who acts on 'the depot'")
    plain = SignalExtractor(use_spacy=False).compare_texts("The depot will be managed by the city's transport office.",
                                                           "The depot will be run by Kessler Transit.")
    assert plain.same_act is None


def _scores(similarity: float, contradiction: float) -> PairScores:
    a = Sentence(article_id="a", index=0, text="x", start=0, end=1)
    b = Sentence(article_id="b", index=0, text="y", start=0, end=1)
    s = NLIScores(entailment=0.05, neutral=0.95 - contradiction, contradiction=contradiction)
    return PairScores(pair=CandidatePair(a=a, b=b, similarity=similarity), forward=s, backward=s, combined=s)


def test_a_same_act_reading_lets_an_nli_only_conflict_through_at_lower_similarity():
    settings = JudgeSettings(threshold=0.6, same_act_weight=0.0)  # the reading as a gate only
    scores = _scores(similarity=0.5, contradiction=0.8)
    assert judge(scores, Signals(), settings).label == "neutral"  # below the 0.65 gate
    one = Signals(same_act="both name who acts on 'the depot'", same_kind_of_act=True)
    v = judge(scores, one, settings)
    assert v.label == "contradiction" and v.kind == "nli"
    assert any("both name who acts on 'the depot'" in str(w) for w in v.why)
    low = judge(_scores(similarity=0.4, contradiction=0.8), one, settings)
    assert low.label == "neutral"  # below same_act_min_similarity too
    # different acts ("proposed" / "opposed" the fee) by different agents are often both true: no lower gate
    assert judge(scores, Signals(same_act="both name who acts on 'the fee'"), settings).label == "neutral"


def test_two_agents_of_one_act_weigh_as_a_mismatch_beside_a_model_that_leans_to_contradiction():
    settings = JudgeSettings(threshold=0.6)  # same_act_weight 0.2: the NLI contradiction must reach 0.5
    one = Signals(same_act="both name who acts on 'the depot'", same_kind_of_act=True)
    v = judge(_scores(similarity=0.5, contradiction=0.55), one, settings)
    assert v.label == "contradiction" and v.kind == "entity" and v.strength == pytest.approx(1 - 0.45 * 0.8)
    assert "both name who acts on 'the depot'" in str(v.why[0])
    assert judge(_scores(similarity=0.5, contradiction=0.45), one, settings).label == "neutral"
    # the NLI model alone at 0.55 is no conflict; nor is the reading below its similarity gate
    assert judge(_scores(similarity=0.7, contradiction=0.55), Signals(), settings).label == "neutral"
    assert judge(_scores(similarity=0.4, contradiction=0.55), one, settings).label == "neutral"


def _sentences(texts: dict[str, list[str]]) -> list[Sentence]:
    out = []
    for article, lines in texts.items():
        for i, t in enumerate(lines):
            out.append(Sentence(article_id=article, index=i, text=t, start=0, end=len(t)))
    return out


def test_act_pairs_pair_different_agents_of_one_kind_of_act_only(parsed):
    sentences = _sentences({
        "a": ["The turbines for the dam are being built by Ostrava Heavy.", "The depot will be managed by the city."],
        "b": ["Lindholm Energy is manufacturing the turbines.", "The depot will be run by Kessler Transit."],
    })
    emb = np.full((4, 4), 0.5)  # every pair 1.0 alike: only the reading decides
    pairs = act_pairs(sentences, emb, [], per_sentence=2, min_similarity=0.3, facts_of=parsed.facts)
    assert [(p.a.text[:12], p.b.text[:12], p.channel) for p in pairs] == [("The turbines", "Lindholm Ene", "act")]
    assert act_pairs(sentences, emb, [], per_sentence=0, min_similarity=0.3, facts_of=parsed.facts) == []
    assert act_pairs(sentences, emb * 0.5, [], per_sentence=2, min_similarity=0.3, facts_of=parsed.facts) == []


def test_the_cascade_sends_a_same_act_pair_on_below_the_nli_only_gate():
    from checker.cascade import CascadeSettings, needs_strong, reach
    within = reach([0.6], nli_only_min_similarity=0.65, review_min_similarity=0.6, weights={},
                   same_act_min_similarity=0.45)
    scores = _scores(similarity=0.5, contradiction=0.4)
    cascade = CascadeSettings(judge="cascade")
    assert not needs_strong(scores, Signals(), cascade, within)
    assert needs_strong(scores, Signals(same_act="both name who acts on 'the depot'", same_kind_of_act=True),
                        cascade, within)
    assert not needs_strong(scores, Signals(same_act="both name who acts on 'the depot'"), cascade, within)


def test_the_doer_and_the_done_to_swapped_is_a_role_conflict_in_either_voice(parsed):
    for a, b in [("Police questioned the driver for two hours.", "The driver questioned police for two hours."),
                 ("The driver was questioned by police for two hours.", "The driver questioned police for two hours."),
                 ("The landlord evicted the tenants in May.", "The tenants evicted the landlord in May.")]:
        s = parsed.compare_texts(a, b, similarity=0.9)
        assert [m.kind for m in s.mismatches] == ["role"], (a, b)
        assert s.mismatches[0].reason.startswith("Who did it to whom is swapped")


def test_an_agent_told_by_whose_people_act_takes_part_in_a_swap(parsed):
    s = parsed.compare_texts("The council has accused the landlord of breaking the tenancy rules.",
                             "Landlord representatives have accused the council of breaking the tenancy rules.",
                             similarity=0.9)
    assert [m.kind for m in s.mismatches] == ["role"]


def test_no_swap_in_one_voice_for_the_other_a_reciprocal_verb_or_new_participants(parsed):
    for a, b in [("The landlord evicted the tenants in May.", "The tenants were evicted by the landlord in May."),
                 ("The minister met the ambassador on Monday.", "The ambassador met the minister on Monday."),
                 ("A boy is chasing a dog.", "The dog is chasing a boy.")]:
        s = parsed.compare_texts(a, b, similarity=0.9)
        assert "role" not in [m.kind for m in s.mismatches], (a, b)


def test_an_infinitive_without_its_own_subject_acts_through_the_object_it_completes(parsed):
    hired = acts(parsed, "Sentosa Migas has hired the contractor OceanClear to lead the clean-up.")
    (lead,) = [a for a in hired if a.verb == "lead"]
    assert lead.agent_words == {"oceanclear"} and lead.thing == "up"
    assert lead.skeleton == f"{SKELETON_AGENT} is to lead the up."
    leading = acts(parsed, "Selat Response, which is leading the clean-up for Sentosa Migas, said oil was recovered.")
    assert agent_contrast(parsed.facts("Sentosa Migas has hired the contractor OceanClear to lead the clean-up."),
                          parsed.facts("Selat Response, which is leading the clean-up, said oil was recovered."))
    assert [a.agent for a in leading if a.verb == "lead"] == ["Selat Response"]
