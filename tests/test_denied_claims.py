"""A claim one sentence denies, stated by the other in other words: the NLI model answers the question the
parse leaves open (checker/denied_claims.py)."""
from __future__ import annotations

import numpy as np

from checker.denied_claims import settle_denials
from checker.types import DenialQuestion, Mismatch, Signals


class _Model:
    """Entailment as given per (premise, hypothesis); records what it was asked."""

    def __init__(self, entailment: float):
        self.entailment, self.asked = entailment, []

    def predict(self, premises, hypotheses, calibrated=True, desc="NLI"):
        self.asked += list(zip(premises, hypotheses))
        return np.array([[self.entailment, 1 - self.entailment, 0.0] for _ in premises])


QUESTION = DenialQuestion(statement="The lead guide was arrested.", other="That guide was detained hours after the slide.",
                          denier="b", cue="denied", claim="the lead guide was arrested")


def test_a_claim_the_model_reads_as_stated_is_a_denial_mismatch():
    model = _Model(0.8)
    number = Mismatch("number", "3", "5", "3 vs 5")
    (s,) = settle_denials([Signals(mismatches=(number,), denial_questions=(QUESTION,))], model, 0.5)
    assert model.asked == [("That guide was detained hours after the slide.", "The lead guide was arrested.")]
    assert [m.kind for m in s.mismatches] == ["number", "negation"]
    m = s.mismatches[1]
    # the denier is b: a's side holds the claim, b's the words that deny it
    assert (m.a_value, m.b_value) == ("the lead guide was arrested", "denied")
    assert "entailment 0.80" in m.reason and m.reason.startswith("One account reports the claim as denied")


def test_below_the_bar_or_off_nothing_changes():
    signals = [Signals(denial_questions=(QUESTION,)), Signals()]
    assert settle_denials(signals, _Model(0.3), 0.5) == signals
    model = _Model(0.9)
    assert settle_denials(signals, model, None) == signals and model.asked == []


def test_each_question_is_asked_once():
    model = _Model(0.1)
    settle_denials([Signals(denial_questions=(QUESTION,)), Signals(denial_questions=(QUESTION,))], model, 0.5)
    assert len(model.asked) == 1


# A claim one sentence leaves open (hedges.py) is asked the same way: an open question told as fact in
# other words is a conflict of certainty; a claim only hedged is worth a look, never a conflict.
OPEN = DenialQuestion(statement="The guide had a permit.", other="The guide held a valid licence, the ministry said.",
                      denier="a", cue="it was not clear whether", claim="the guide had a permit", how="open_question")


def test_an_open_question_the_other_states_in_other_words_is_a_certainty_conflict():
    (s,) = settle_denials([Signals(denial_questions=(OPEN,))], _Model(0.8), 0.5)
    assert [m.kind for m in s.mismatches] == ["certainty"]
    m = s.mismatches[0]
    assert (m.a_value, m.b_value) == ("it was not clear whether", "the guide had a permit")
    assert "open question" in m.reason and "entailment 0.80" in m.reason and s.doubts == ()


def test_a_hedged_claim_the_other_states_in_other_words_is_only_worth_a_look():
    hedged = DenialQuestion(statement="The fire was started deliberately.", other="Arsonists set the blaze, police said.",
                            denier="b", cue="may have", claim="the fire was started deliberately", how="hedged")
    (s,) = settle_denials([Signals(denial_questions=(hedged,))], _Model(0.8), 0.5)
    assert s.mismatches == () and len(s.doubts) == 1
    assert s.doubts[0].startswith("one account hedges what the other states as fact") and "entailment 0.80" in s.doubts[0]
    assert settle_denials([Signals(denial_questions=(hedged,))], _Model(0.3), 0.5)[0].doubts == ()


def test_the_core_of_a_claim_is_asked_of_a_strong_judge_only():
    core = DenialQuestion(statement="The guide was arrested.", other=QUESTION.other, denier="b", cue="denied",
                          claim=QUESTION.claim, core=True)
    signals = [Signals(denial_questions=(QUESTION, core))]
    strong = _Model(0.8)
    settle_denials(signals, strong, 0.5)
    assert [h for _, h in strong.asked] == ["The lead guide was arrested.", "The guide was arrested."]
    fast = _Model(0.8)
    (s,) = settle_denials(signals, fast, 0.5, strong_questions=False)
    assert [h for _, h in fast.asked] == ["The lead guide was arrested."]
    assert [m.kind for m in s.mismatches] == ["negation"]
    # a claim a sentence denies in its own voice likewise
    own = DenialQuestion(statement="Someone was hurt in the landslide.", other="A watchman was injured by rocks.",
                         denier="a", cue="No one", claim="No one was hurt in the landslide", own=True)
    fast = _Model(0.8)
    assert settle_denials([Signals(denial_questions=(own,))], fast, 0.5, strong_questions=False)[0].mismatches == ()
    assert fast.asked == []
