"""Two sentences that tell one thing but for the party each names (checker/name_swaps.py): which pairs are
asked about (signals/names.name_swap) and what the strong judge's answer does."""
from __future__ import annotations

from checker.name_swaps import settle_name_swaps
from checker.types import Mismatch, SwapQuestion, Signals
from test_act_identity import _Model

HIRED = "The council has hired Halvenor Security, a Ghent-based firm, to investigate the breach."
BROUGHT = "The investigation of the breach was handed to Brightvale Forensics, a firm based in Leuven."


def test_one_name_each_of_one_type_asks_whether_the_pair_tells_one_thing_with_one_name(parsed):
    s = parsed.compare_texts(HIRED, BROUGHT, similarity=0.55)
    assert s.mismatches == () and s.comparable
    (q,) = s.name_swap_questions
    assert q.a_text == HIRED
    assert q.b_swapped == "The investigation of the breach was handed to Halvenor Security, a firm based in Ghent."
    assert (q.mismatch.kind, q.mismatch.a_value, q.mismatch.b_value) == ("entity", "Halvenor Security", "Brightvale Forensics")


def test_not_asked_where_a_sentence_names_both_or_names_are_of_other_types_or_a_mismatch_is_found(parsed):
    c = parsed.compare_texts
    # the other sentence names the first party too: no name of its own
    assert c(HIRED, "Halvenor Security and Brightvale Forensics are investigating the breach.",
             similarity=0.55).name_swap_questions == ()
    # a person against an organisation
    assert c("The breach was found by Marta Kovacs, a council technician.",
             "The breach was found by Brightvale Forensics.", similarity=0.55).name_swap_questions == ()
    # a figure already differs: the mismatch decides, nothing is asked
    assert c("Halvenor Security sent 12 investigators.", "Brightvale Forensics sent 20 investigators.",
             similarity=0.8).name_swap_questions == ()


Q = SwapQuestion(HIRED, "The investigation of the breach was handed to Brightvale Forensics, a firm based in Leuven.",
                 "The investigation of the breach was handed to Halvenor Security, a firm based in Leuven.",
                 Mismatch("entity", "Halvenor Security", "Brightvale Forensics", "Different names for one party"))


def test_one_account_both_ways_gives_the_entity_mismatch_and_one_way_does_not():
    both = _Model({(Q.a_text, Q.b_swapped): 0.9, (Q.b_swapped, Q.a_text): 0.8})
    (settled,) = settle_name_swaps([Signals(name_swap_questions=(Q,))], both, 0.75)
    assert [m.kind for m in settled.mismatches] == ["entity"]
    assert "entailment 0.80 both ways" in settled.mismatches[0].reason
    one_way = _Model({(Q.a_text, Q.b_swapped): 0.9})
    (settled,) = settle_name_swaps([Signals(name_swap_questions=(Q,))], one_way, 0.75)
    assert settled.mismatches == ()
    # None: nothing asked
    model = _Model({})
    assert settle_name_swaps([Signals(name_swap_questions=(Q,))], model, None)[0].mismatches == ()
    assert model.calls == []
