"""Acts told in other words (checker/act_identity.py): the skeletons the parse gives two acts with
different agents, which pairs are asked about, and what the model's answer does to the pair."""
from __future__ import annotations

import numpy as np
import pytest

from checker.act_identity import settle_acts
from checker.aggregate import JudgeSettings
from checker.errors import ConfigError
from checker.signals.agents import SKELETON_AGENT, open_acts
from checker.types import Signals


def test_a_skeleton_keeps_the_verb_its_auxiliaries_and_the_thing_and_names_the_agent_alike(parsed):
    (passive,) = parsed.facts("Once it opens, the plant will be operated by Brennvik Water's own staff.").acts
    (active,) = parsed.facts("Lindqvist & Rowe prepared the environmental assessment for the plant.").acts
    (which,) = parsed.facts("Ferrow Works, which builds the carriages, said the order was on time.").acts
    assert passive.skeleton == f"The plant will be operated by {SKELETON_AGENT}."
    assert active.skeleton == f"{SKELETON_AGENT} prepared the assessment."
    assert which.skeleton == f"{SKELETON_AGENT} builds the carriages."
    (negated,) = parsed.facts("The aircrews will not be trained by the national air force.").acts
    assert negated.skeleton == f"The aircrews will not be trained by {SKELETON_AGENT}."


def test_asked_another_verb_for_one_thing_or_another_noun_for_one_kind_of_act(parsed):
    f = parsed.facts
    (x, y), = open_acts(f("The plant will be operated by Brennvik Water's own staff."),
                        f("The plant will be run by Aquanor Services under a ten-year contract."))
    assert (x.verb, y.verb) == ("operate", "run")
    (x, y), = open_acts(f("The aircraft are manufactured by Northgate."), f("The planes are made by Strand Aerospace."))
    assert (x.thing, y.thing) == ("aircraft", "plane")


def test_not_asked_what_the_words_settle_or_what_nothing_anchors(parsed):
    f = parsed.facts
    # the same verb on the same thing: one kind of act already (agents.one_kind_contrasts)
    assert open_acts(f("The depot will be run by the city's transport office."), f("The depot will be run by Kessler Transit.")) == []
    # neither the thing nor the kind of act shared: a small model reads such acts as one all too readily
    assert open_acts(f("The decision reflects the partnership of Japan and the U.S."),
                     f("The talks in Tokyo cemented its status.")) == []
    # one agent under two names is no contrast at all
    assert open_acts(f("The plant will be operated by Brennvik Water."), f("Brennvik Water will run the plant.")) == []


class _Model:
    """Entailment probabilities by (premise, hypothesis); anything else is neutral."""

    def __init__(self, entail: dict):
        self.entail, self.calls = entail, []

    def predict(self, premises, hypotheses, calibrated=True, desc="NLI"):
        self.calls.append(list(zip(premises, hypotheses)))
        return np.array([[self.entail.get((p, h), 0.1), 0.8, 0.1] for p, h in zip(premises, hypotheses)])


def _signals(*questions, one_kind=False):
    return Signals(same_act="both name who acts on 'the plant'", same_kind_of_act=one_kind,
                   act_questions=tuple((a, b, "both name who acts on 'the plant'") for a, b in questions))


def test_acts_read_as_one_both_ways_count_as_one_kind_of_act_and_the_reason_says_so():
    q = ("The plant will be operated by Halvard.", "The plant will be run by Halvard.")
    model = _Model({q: 0.9, q[::-1]: 0.8})
    (settled,) = settle_acts([_signals(q)], model, 0.75)
    assert settled.same_kind_of_act
    assert "the model reads them as one act (entailment 0.80 both ways)" in settled.same_act
    (one_way,) = settle_acts([_signals(q)], _Model({q: 0.9}), 0.75)  # entailed one way only
    assert not one_way.same_kind_of_act and one_way.same_act == "both name who acts on 'the plant'"


def test_each_question_is_asked_once_and_nothing_is_asked_when_off_or_already_settled():
    q = ("The plant will be operated by Halvard.", "The plant will be run by Halvard.")
    model = _Model({q: 0.9, q[::-1]: 0.9})
    out = settle_acts([_signals(q), _signals(q), _signals(q, one_kind=True)], model, 0.75)
    assert [s.same_kind_of_act for s in out] == [True, True, True]
    assert len(model.calls) == 1 and len(model.calls[0]) == 2  # one question, both directions
    off = _Model({})
    assert settle_acts([_signals(q)], off, None)[0].same_kind_of_act is False and off.calls == []
    assert settle_acts([Signals()], off, 0.75) == [Signals()] and off.calls == []


def test_the_bar_is_a_probability_or_none():
    assert JudgeSettings(same_act_min_entailment=None).validate()
    with pytest.raises(ConfigError, match="same_act_min_entailment"):
        JudgeSettings(same_act_min_entailment=1.5).validate()


class _Embedder:
    """Every sentence of a at 0.57 cosine to every sentence of b: paired, but below the NLI-only gate."""

    def encode(self, texts):
        a, b = np.array([1.0, 0.0]), np.array([0.57, np.sqrt(1 - 0.57 ** 2)])
        return np.array([a if "Northgate" in t else b for t in texts])


class _Judge(_Model):
    """Acts (short sentences with the made-up agent) read as one; whole sentences as a contradiction."""

    def predict(self, premises, hypotheses, calibrated=True, desc="NLI"):
        self.calls.append(desc)
        return np.array([[0.9, 0.05, 0.05] if SKELETON_AGENT in p else [0.05, 0.15, 0.8] for p in premises])


def test_the_pipeline_asks_before_judging_and_the_answer_opens_the_gate(parsed, tmp_path):
    from checker.api import Models, decide, score
    from checker.config import Config
    from checker.ingest import load_articles

    (tmp_path / "a.txt").write_text("The six aircraft ordered by the ministry are manufactured by Northgate.\n")
    (tmp_path / "b.txt").write_text("The planes are made by the aircraft builder Strand Aerospace.\n")
    articles = load_articles([tmp_path], warn=lambda _m: None)
    judge = _Judge({})
    judge.default_threshold = 0.6
    models = Models(embedder=_Embedder(), nli=judge, signals=parsed)
    scored = score(articles, Config(device="cpu", progress=False), models)
    (sig,) = scored.signals
    assert sig.same_kind_of_act and "the model reads them as one act" in sig.same_act
    assert judge.calls == ["NLI", "NLI (acts)"]
    assert ("acts", 1) in [(t.name, t.items) for t in scored.timings]  # one question asked
    off = score(articles, Config(device="cpu", progress=False, judge=JudgeSettings(same_act_min_entailment=None)), models)
    assert not off.signals[0].same_kind_of_act
