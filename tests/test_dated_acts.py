"""Dates of acts told with other verbs (checker/dated_acts.py): each date's act as a sentence of its own
(signals/phases.py), which pairs are asked about (signals/dates.py), and what the answer does."""
from __future__ import annotations

import numpy as np

from checker.dated_acts import settle_dated_acts
from checker.types import DatedActQuestion, Mismatch, Signals
from test_act_identity import _Model

SPOTTED = "Fishermen spotted the oil before dawn on Thursday and alerted the harbour master."
SEEN = "The oil was first seen by fishermen on May 14, according to the energy ministry's preliminary report."


def test_a_dated_act_keeps_its_verb_and_participants_and_leaves_out_dates_places_and_clauses(parsed):
    (spotted,) = parsed.facts(SPOTTED).dated_acts
    assert (spotted.verb, spotted.participants, spotted.skeleton) == ("spot", {"fisherman", "oil"}, "Fishermen spotted the oil.")
    (seen,) = parsed.facts(SEEN).dated_acts
    assert seen.skeleton == "The oil was seen by fishermen."
    (gave_way,) = parsed.facts("Homes were flooded when the spillway of the Auenbach dam gave way on 14 September.").dated_acts
    assert (gave_way.verb, gave_way.skeleton) == ("give_way", "The spillway gave way.")


def test_dates_that_disagree_on_a_shared_participant_ask_whether_the_acts_are_one(parsed):
    s = parsed.compare_texts(SPOTTED, SEEN, "2025-05-15", "2025-05-20", similarity=0.55)
    assert s.mismatches == () and s.comparable
    (q,) = s.dated_act_questions
    assert (q.a_act, q.b_act, q.reopens) == ("Fishermen spotted the oil.", "The oil was seen by fishermen.", False)
    assert q.mismatch.kind == "date" and "May 15, 2025" in q.mismatch.reason
    # set aside as two events only because one sentence names the dam: asked, and a yes reopens the pair
    s = parsed.compare_texts("The spillway failed on 16 September, flooding large parts of the town.",
                             "Homes were flooded when the spillway of the Auenbach dam gave way on 14 September.",
                             "2025-09-20", "2025-09-21", similarity=0.55)
    assert not s.comparable and [q.reopens for q in s.dated_act_questions] == [True]


def test_not_asked_where_dates_agree_or_an_act_is_told_as_new(parsed):
    c = parsed.compare_texts
    assert c(SPOTTED, "The oil was first seen by fishermen on May 15.", "2025-05-15", "2025-05-20",
             similarity=0.55).dated_act_questions == ()
    assert c(SPOTTED, "The evacuation began on May 14.", "2025-05-15", "2025-05-20",
             similarity=0.55).dated_act_questions == ()  # no act in common
    assert c("A fire broke out in the conveyor hall in May.", "A fire gutted the hall in August.",
             similarity=0.55).dated_act_questions == ()  # "a fire": maybe two fires


def _signals(q: DatedActQuestion, comparable: bool = True) -> Signals:
    return Signals(comparable=comparable, not_comparable_reason=None if comparable else "different dates ...",
                   dated_act_questions=(q,))


Q = DatedActQuestion("Fishermen spotted the oil.", "The oil was seen by fishermen.",
                     Mismatch("date", "Thursday", "May 14", "Different dates for one act: Thursday vs May 14"))


def test_acts_read_as_one_both_ways_give_the_date_mismatch_and_reopen_a_pair_set_aside_for_want_of_one():
    both = _Model({(Q.a_act, Q.b_act): 0.9, (Q.b_act, Q.a_act): 0.8})
    (settled,) = settle_dated_acts([_signals(Q)], both, 0.75)
    assert [m.kind for m in settled.mismatches] == ["date"]
    assert "the model reads 'Fishermen spotted the oil.' and 'The oil was seen by fishermen.' as one act" in \
        settled.mismatches[0].reason and "(entailment 0.80 both ways)" in settled.mismatches[0].reason
    reopened = DatedActQuestion(Q.a_act, Q.b_act, Q.mismatch, reopens=True)
    (again,) = settle_dated_acts([_signals(reopened, comparable=False)], both, 0.75)
    assert again.comparable and again.not_comparable_reason is None and again.mismatches


def test_one_way_or_nothing_asked_leaves_the_pair_as_it_was():
    one_way = _Model({(Q.a_act, Q.b_act): 0.9})
    assert settle_dated_acts([_signals(Q)], one_way, 0.75) == [_signals(Q)]
    off = _Model({})
    assert settle_dated_acts([_signals(Q)], off, None) == [_signals(Q)] and off.calls == []
    assert settle_dated_acts([Signals()], off, 0.75) == [Signals()] and off.calls == []


class _Embedder:
    """Every sentence of a at 0.55 cosine to every sentence of b: paired, below the NLI-only gate."""

    def encode(self, texts):
        a, b = np.array([1.0, 0.0]), np.array([0.55, np.sqrt(1 - 0.55 ** 2)])
        return np.array([a if "spotted" in t else b for t in texts])


class _Judge(_Model):
    """Acts alone (short sentences) read as one; whole sentences as neutral."""

    default_threshold = 0.6

    def predict(self, premises, hypotheses, calibrated=True, desc="NLI"):
        self.calls.append(desc)
        return np.array([[0.9, 0.05, 0.05] if len(p) < 40 else [0.1, 0.8, 0.1] for p in premises])


def test_the_pipeline_asks_the_strong_judge_only(parsed, tmp_path):
    from checker.api import Models, score
    from checker.cascade import CascadeSettings
    from checker.config import Config
    from checker.ingest import load_articles

    (tmp_path / "a.txt").write_text(f"---\ntitle: Spill\ndate: 2025-05-15\n---\n{SPOTTED}\n")
    (tmp_path / "b.txt").write_text(f"---\ntitle: Spill report\ndate: 2025-05-20\n---\n{SEEN}\n")
    articles = load_articles([tmp_path], warn=lambda _m: None)
    fast, strong = _Judge({}), _Judge({})
    models = Models(embedder=_Embedder(), nli=fast, signals=parsed, strong=strong)
    cascade = score(articles, Config(device="cpu", progress=False, cascade=CascadeSettings(judge="cascade")), models)
    (sig,) = cascade.signals
    assert [m.kind for m in sig.mismatches] == ["date"] and "as one act" in sig.mismatches[0].reason
    assert "NLI (dated acts)" in strong.calls and "NLI (dated acts)" not in fast.calls
    assert ("dated acts", 1) in [(t.name, t.items) for t in cascade.timings]
    fast_only = score(articles, Config(device="cpu", progress=False, cascade=CascadeSettings(judge="fast")),
                      Models(embedder=_Embedder(), nli=_Judge({}), signals=parsed))
    assert fast_only.signals[0].mismatches == ()


def test_a_relative_time_against_a_date_asks_too_and_the_other_anchor_may_be_the_one_missing(parsed):
    # verbs of one kind, participants in other words ("negotiations" / "talks"): asked
    s = parsed.compare_texts("Negotiations between the two sides broke down three days ago.",
                             "Talks broke down on August 25, the eve of the strike.", "2025-09-02", "2025-09-05",
                             similarity=0.57)
    (q,) = s.dated_act_questions
    assert (q.a_act, q.b_act) == ("Negotiations broke down.", "Talks broke down.")
    assert q.mismatch.reason.startswith("Different times for one act: three days ago (2025-08-29 to 2025-08-31)")
    # "three days ago" read from 2 September reaches 31 August: no dispute, nothing asked
    assert parsed.compare_texts("Negotiations between the two sides broke down three days ago.",
                                "Talks broke down on August 31, the eve of the strike.", "2025-09-02", "2025-09-05",
                                similarity=0.57).dated_act_questions == ()
