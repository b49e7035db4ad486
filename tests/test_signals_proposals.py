"""A refused proposal against the proposal made (checker/signals/polarity.py: refused_proposals,
answers_a_proposal): a later step of one exchange, which explains an NLI contradiction away."""
from __future__ import annotations


def test_a_proposal_is_refused_by_the_object_of_a_verb_of_refusal_and_made_by_its_own_verb_or_a_verb_of_putting(parsed):
    assert parsed.facts("The trust has offered a pay rise of 4 per cent.").made_proposals == {"offer"}
    assert parsed.facts("The trust put its offer to union negotiators on 24 February.").made_proposals == {"offer"}
    assert parsed.facts("The ministry took up an offer from the air force.").made_proposals == frozenset()
    assert parsed.facts("The trust did not make an offer.").made_proposals == frozenset()
    assert parsed.facts("The union rejected a 4% pay offer from the trust.").refused_proposals == {"offer"}
    assert parsed.facts("The offer was rejected by the union on Friday.").refused_proposals == {"offer"}
    assert parsed.facts("Ministers turned down the council's request for more funding.").refused_proposals == {"request"}
    assert parsed.facts("The union rejected the strike ballot result.").refused_proposals == frozenset()


def test_a_refusal_of_the_proposal_the_other_tells_made_is_explained_not_a_claim_against_it(parsed):
    made = "Eastmoor Valley Hospitals Trust has offered a pay rise of 4 per cent on top of the national settlement."
    s = parsed.compare_texts("The union rejected a 4% pay offer from Eastmoor Valley Hospitals Trust.", made,
                             similarity=0.7)
    assert s.explained and "offer" in s.explained and s.mismatches == ()
    # an answer against an answer is a real dispute ("took up" the offer is an answer, not its making);
    # so is a negated proposal
    assert parsed.compare_texts("The union rejected a 4% pay offer.", "The union accepted a 4% pay offer.",
                                similarity=0.9).explained is None
    assert parsed.compare_texts("The ministry turned down an offer from the air force to fly the aircraft.",
                                "The ministry took up an offer from the air force to fly the aircraft.",
                                similarity=0.8).explained is None
    assert parsed.compare_texts("The union rejected the offer.", "The trust did not make an offer.",
                                similarity=0.7).explained is None
    # ...and a figure that differs is still a mismatch beside the explanation
    s = parsed.compare_texts("The union rejected a 4% pay offer from the trust.", "The trust offered a 5% pay rise.",
                             similarity=0.7)
    assert s.explained and [m.kind for m in s.mismatches] == ["number"]


def test_without_a_parse_no_proposal_is_read(extractor):
    assert extractor.facts("The union rejected a 4% pay offer from the trust.").refused_proposals == frozenset()


def test_the_proposal_and_its_answer_each_have_their_own_date(parsed):
    s = parsed.compare_texts("The offer was rejected by the union on Friday.", "The trust tabled its offer on Thursday.",
                             "2026-03-02", "2026-03-02", similarity=0.7)
    assert s.explained and s.mismatches == ()
    s = parsed.compare_texts("The trust tabled its offer on Friday.", "The trust tabled its offer on Thursday.",
                             "2026-03-02", "2026-03-02", similarity=0.9)
    assert [m.kind for m in s.mismatches] == ["date"]
