"""Two sentences that tell one thing but for the figure or date each gives (checker/value_swaps.py): which
pairs are asked about (signals/value_swap.py) and what the strong judge's answer does."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from checker.aggregate import JudgeSettings
from checker.signals import SignalExtractor
from checker.signals.value_swap import told_with, value_swap, values
from checker.types import Mismatch, Signals, SwapQuestion
from checker.value_swaps import settle_value_swaps

EX = SignalExtractor(use_spacy=False)

VOTED = "All nine of the alliance's deputies voted against the motion, siding with the government."
SIDED = "The seven deputies of the Green Alliance, the mayor's former partner, backed the government in the vote."


def test_one_figure_each_of_one_noun_is_asked_with_b_told_with_as_figure():
    s = EX.compare_texts(VOTED, SIDED, similarity=0.5)
    assert s.mismatches == () and s.comparable
    (q,) = s.value_swap_questions
    assert (q.a_text, q.b_text) == (VOTED, SIDED)
    assert q.b_swapped == SIDED.replace("seven", "nine")
    assert (q.mismatch.kind, q.mismatch.a_value, q.mismatch.b_value) == ("number", "nine", "seven")


def test_dates_ordinals_and_a_figure_opening_its_sentence():
    q, = EX.compare_texts("The pipeline deal was signed on March 4 in the capital.",
                          "Officials put their names to the pipeline agreement on March 9.", similarity=0.5).value_swap_questions
    assert q.b_swapped == "Officials put their names to the pipeline agreement on March 4." and q.mismatch.kind == "date"
    q, = EX.compare_texts("It was the third time the ferry had lost power at sea.",
                          "It is the second time the vessel has drifted without power.", similarity=0.5).value_swap_questions
    assert q.b_swapped == "It is the third time the vessel has drifted without power." and q.mismatch.kind == "number"
    a, b = EX.facts("Twelve miners were rescued."), EX.facts("Rescuers brought 9 miners to the surface.")
    x, y = value_swap(b, a)
    assert told_with(a.text, y, x) == "9 miners were rescued."
    x, y = value_swap(a, b)
    assert told_with(b.text, y, x) == "Rescuers brought twelve miners to the surface."


def test_not_asked_where_the_values_agree_are_many_or_of_other_kinds_or_a_rule_decides():
    def asked(a, b, similarity=0.5):
        return EX.compare_texts(a, b, similarity=similarity).value_swap_questions
    # one figure each, but the same figure in other words: nothing to ask
    assert asked("About 1,200 nurses joined the strike.", "Some twelve hundred nurses walked out.") == ()
    # two figures of one kind on one side that the other lacks
    assert asked("Nine deputies backed the motion and four deputies abstained.", "Seven deputies supported the measure.") == ()
    # a figure of one thing against a figure of another
    assert asked("Nine deputies backed the motion.", "Seven senators supported the measure.") == ()
    # a dateline's day is when the story was filed, not a date of what it tells
    assert [v.text for v in values(EX.facts("HALDEN, May 5 (Nordwire) - The plant reopened on May 2."))] == ["May 2"]
    # a part of a group against the group's size
    assert asked("Police have confirmed that four paintings were taken.",
                 "Two of the stolen paintings had been lent to another gallery.") == ()
    # a figure of an earlier occasion, dated months before the other article: not the story's figure
    assert EX.compare_texts("A one-day strike at the port in October 2025 drew about 600 dockers.",
                            "According to union figures, 1,180 dockers took part in the walkout.", "2026-02-03",
                            "2026-02-03", similarity=0.5).value_swap_questions == ()
    assert len(EX.compare_texts("A one-day strike at the port on Monday drew about 600 dockers.",
                                "According to union figures, 1,180 dockers took part in the walkout.", "2026-02-03",
                                "2026-02-03", similarity=0.5).value_swap_questions) == 1
    # alike enough for the number rule: the mismatch decides, nothing is asked
    s = EX.compare_texts("Nine deputies backed the motion.", "Seven deputies backed the motion.", similarity=0.9)
    assert [m.kind for m in s.mismatches] == ["number"] and s.value_swap_questions == ()


class _Model:
    """(entailment, neutral, contradiction) by (premise, hypothesis); anything else is neutral."""

    def __init__(self, rows: dict):
        self.rows, self.calls = rows, []

    def predict(self, premises, hypotheses, calibrated=True, desc="NLI"):
        self.calls.append(list(zip(premises, hypotheses)))
        return np.array([self.rows.get((p, h), (0.1, 0.8, 0.1)) for p, h in zip(premises, hypotheses)])


Q = SwapQuestion(VOTED, SIDED, SIDED.replace("seven", "nine"), Mismatch("number", "nine", "seven", "Different figures"))
SETTINGS = JudgeSettings()


def _settled(rows: dict, settings: JudgeSettings = SETTINGS) -> Signals:
    (s,) = settle_value_swaps([Signals(value_swap_questions=(Q,))], _Model(rows), settings)
    return s


def test_one_account_told_with_one_value_gives_the_mismatch():
    # told with one value, one follows from the other (one way is enough)
    s = _settled({(Q.b_swapped, Q.a_text): (0.8, 0.15, 0.05)})
    assert [m.kind for m in s.mismatches] == ["number"] and "one follows from the other (entailment 0.80)" in s.mismatches[0].reason
    # a contradiction as written that goes when told with one value
    s = _settled({(Q.a_text, Q.b_text): (0.1, 0.3, 0.6), (Q.b_text, Q.a_text): (0.1, 0.4, 0.55),
                  (Q.a_text, Q.b_swapped): (0.2, 0.7, 0.1)})
    assert "rests on the value (at least 0.55 both ways as written, at most 0.10 told with one value)" in s.mismatches[0].reason
    # ...read one way only as written: not enough
    assert _settled({(Q.a_text, Q.b_text): (0.1, 0.3, 0.6), (Q.a_text, Q.b_swapped): (0.2, 0.7, 0.1)}).mismatches == ()


def test_no_mismatch_where_the_contradiction_stays_or_was_never_read_or_nothing_is_asked():
    # still a contradiction told with one value: something else keeps them apart
    assert _settled({(Q.a_text, Q.b_text): (0.1, 0.3, 0.6), (Q.b_text, Q.a_text): (0.1, 0.3, 0.6),
                     (Q.a_text, Q.b_swapped): (0.1, 0.5, 0.4)}).mismatches == ()
    # neutral as written and told with one value: two figures of two things, as far as the model reads
    assert _settled({}).mismatches == ()
    # None: nothing asked
    model = _Model({})
    assert settle_value_swaps([Signals(value_swap_questions=(Q,))], model,
                              replace(SETTINGS, value_swap_min_entailment=None))[0].mismatches == ()
    assert model.calls == []

