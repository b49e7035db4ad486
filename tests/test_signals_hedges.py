"""Claims left open against claims stated as fact (checker/signals/hedges.py), read from spaCy's parse."""
from __future__ import annotations

import pytest

from checker.signals import resolve_settings


def kinds(s):
    return [m.kind for m in s.mismatches]


@pytest.mark.parametrize("asked, certain", [
    ("Investigators are examining whether the pilot ignored a warning from the tower.",
     "The pilot ignored a warning from the tower, investigators said."),
    ("It was not yet clear what had set off the avalanche.", "The avalanche was set off when a cornice broke away."),
    # the grounds given after it in an absolute "with" are not the claim
    ("It was unclear whether the ferry service had fully resumed on Monday, with some passengers still reporting "
     "cancelled crossings.", "The ferry service resumed on Monday morning, the operator said."),
    ("Officials said it was unclear whether the dam had been inspected this year.",
     "The dam had been inspected this year, officials said."),
    # a decision still to make, against one told as to come or as made
    ("Siame said the ministry was still weighing whether to cancel the contract.",
     "Siame told parliament that the contract would be cancelled."),
    ("Whether the board opens a formal misconduct case is still undecided, the spokesman said.",
     "The board will open a formal misconduct case, the spokesman said."),
    ("The ministry is still weighing whether to cancel the contract.", "The ministry cancelled the contract."),
    # a decision told as made the other way, by a verb of its kind
    ("Prosecutors are still weighing whether to challenge Quaye's acquittal, a spokesman said.",
     "The lead prosecutor said the state would not contest Quaye's acquittal."),
    # a hedge beside a clause that says the matter is not settled is asked, not only hedged
    ("Engineers said a cracked weld might have caused the leak, but it was too early to be sure.",
     "Engineers said a cracked weld caused the leak."),
    ("The spokesman said the virus may have come from a farm upstream, but its source had not been established.",
     "The spokesman said the virus came from a farm upstream."),
    ("The director said the bones might go on display in Arusha, but that no decision had been taken.",
     "The director said the bones would go on display in Arusha."),
    # a question under "too ... to say", one the parse hangs as an adverbial, and a cause not known
    ("Lahtela said it was too early to say what had caused the collapse.",
     "The collapse was caused by a structural failure in the tower, Lahtela said."),
    ("It is still not known when the plant will reopen, a company spokesman said.",
     "The plant will reopen in the first week of May, the company said."),
    ("The cause of the fire has not yet been established, the fire service said.",
     "The fire was caused by a faulty heater, the fire service said."),
    ("The cause of the fire is unclear.", "The cause of the fire was a faulty heater."),
])
def test_a_claim_asked_as_an_open_question_against_the_claim_stated_is_a_certainty_conflict(parsed, asked, certain):
    for a, b in ((asked, certain), (certain, asked)):
        s = parsed.compare_texts(a, b, similarity=0.8)
        assert kinds(s) == ["certainty"], (a, b)
        assert "open question" in s.mismatches[0].reason


@pytest.mark.parametrize("hedged, certain", [
    ("The fire may have been started deliberately, police said.", "The fire was started deliberately, police said."),
    ("The plant will probably close next year.", "The plant will close next year."),
    ("Police believe the driver fled the scene.", "The driver fled the scene."),
    ("The minister appears to have misled parliament.", "The minister misled parliament."),
    ("The plant is likely to close in March.", "The plant will close in March."),
])
def test_a_hedged_claim_against_the_claim_stated_is_worth_a_look_not_a_conflict(parsed, hedged, certain):
    for a, b in ((hedged, certain), (certain, hedged)):
        s = parsed.compare_texts(a, b, similarity=0.8)
        assert kinds(s) == [], (a, b)
        assert any("hedges what the other states as fact" in d for d in s.doubts), (a, b)
    strict = parsed.compare_texts(hedged, certain, similarity=0.8, settings=resolve_settings(
        {"hedges": {"hedge_is_conflict": True}}))
    assert kinds(strict) == ["certainty"]


@pytest.mark.parametrize("a, b", [
    ("The fire may have been started deliberately, police said.",
     "Police said the fire may have been started deliberately."),  # both leave it open
    ("The mayor may resign.", "The mayor resigned on Friday."),  # a forecast, then what happened
    ("The plant is likely to close in March.", "The plant closed in March."),
    ("Rescuers could see the wreck from the shore.", "Rescuers saw the wreck from the shore."),  # past ability
    ("The fire may not have been started deliberately.", "The fire was started deliberately."),  # a negative claim
    ("Police said the driver had fled the scene.", "The driver fled the scene, police said."),
    ("Investigators are examining whether the pilot ignored a warning.",
     "An investigation into whether the pilot ignored a warning was opened."),  # both ask it
    ("Investigators are examining whether the pilot ignored a warning from the tower.",
     "Did the pilot ignore a warning from the tower?"),  # a question states nothing
    ("If the plant closes next year, 300 jobs will go.", "The plant will close next year."),  # supposed
    ("If the plant closes next year, 300 jobs will go.", "The plant may close next year."),
])
def test_nothing_where_both_hedge_the_times_differ_or_nothing_is_left_open(parsed, a, b):
    s = parsed.compare_texts(a, b, similarity=0.8)
    assert "certainty" not in kinds(s) and not any("hedges" in d for d in s.doubts), (a, b)


def test_the_open_claim_keeps_its_cue_and_clause(parsed):
    (h,) = parsed.facts("Officials said it was unclear whether the dam had been inspected this year.").hedges
    assert (h.cue, h.claim, h.open_question) == ("unclear", "the dam had been inspected this year", True)
    (h,) = parsed.facts("The dam may have been inspected this year.").hedges
    assert (h.cue, h.open_question) == ("may", False)


def test_without_a_parse_nothing_is_left_open(extractor):
    assert extractor.facts("The fire may have been started deliberately.").hedges == ()


def test_a_claim_left_open_that_the_other_may_state_in_other_words_is_asked_of_the_model(parsed):
    # the other sentence holds too few of the claim's words for the rule to settle it: a question for the
    # judge's NLI model (checker/denied_claims.py), as for a denied claim
    asked = "Officials said it was not clear whether the guide had a permit for the route."
    told = "The guide held a valid licence for the climb, the ministry said."
    s = parsed.compare_texts(asked, told, similarity=0.7)
    assert not [m for m in s.mismatches if m.kind == "certainty"]
    (q,) = [q for q in s.denial_questions if q.how != "denied"]
    assert (q.how, q.denier, q.other) == ("open_question", "a", told)
    assert "permit" in q.statement
    hedged = parsed.compare_texts("The fire may have been started by a discarded cigarette.",
                                  "Arsonists set the blaze, police said.", similarity=0.7)
    assert [q.how for q in hedged.denial_questions] == ["hedged"]


def test_what_will_happen_still_open_after_the_other_told_it_settled_is_asked_of_the_model(parsed):
    settled = "Perera said the insurer had agreed to cover the exporters' losses."
    still_open = "Whether the insurer will pay for the exporters' losses remains unresolved, Perera said."
    later = parsed.compare_texts(settled, still_open, "2025-05-01", "2025-05-08", similarity=0.7)
    (q,) = [q for q in later.denial_questions if q.how != "denied"]
    assert (q.how, q.denier, q.statement) == ("open_question", "b", "The insurer will pay for the exporters' losses.")
    # against a wish, nothing is settled
    wish = parsed.compare_texts("The insurer wants to cover the exporters' losses.", still_open, "2025-05-01",
                                "2025-05-08", similarity=0.7)
    assert not [q for q in wish.denial_questions if q.how != "denied"]
    # asked first and settled since: a matter resolved, no question
    earlier = parsed.compare_texts(settled, still_open, "2025-05-08", "2025-05-01", similarity=0.7)
    assert not [q for q in earlier.denial_questions if q.how != "denied"]


def test_no_question_where_the_other_hedges_too_or_asks(parsed):
    a = "It was not clear whether the guide had a permit for the route."
    for b in ("The guide may have held a valid licence for the climb.", "Did the guide hold a valid licence?"):
        assert not [q for q in parsed.compare_texts(a, b, similarity=0.7).denial_questions if q.how != "denied"]


@pytest.mark.parametrize("sentence, statement", [
    ("The fire may have been started by a discarded cigarette.", "The fire had been started by a discarded cigarette."),
    ("The dam probably failed because of heavy rain.", "The dam failed because of heavy rain."),
    ("Police believe the driver fell asleep at the wheel.", "The driver fell asleep at the wheel."),
    ("It is unknown how many people were inside the building.", None),  # a wh-clause is no statement
    ("The strike appears to have cost the hospital millions.", None),  # no subject of its own
    ("Officials said the plant could be closed by Friday.", None),  # the modal stays without inflecting the verb
])
def test_what_the_model_is_asked_is_a_plain_statement(parsed, sentence, statement):
    from checker.signals.hedges import _as_statement
    (h,) = parsed.facts(sentence).hedges
    assert _as_statement(h) == statement


def test_a_cause_not_known_asks_what_caused_the_thing(parsed):
    (h,) = parsed.facts("The cause of the landslide has not yet been established.").hedges
    assert (h.cue, h.claim, h.open_question, h.statement) == ("cause established", "what caused the landslide",
                                                              True, None)
    (h,) = parsed.facts("Lahtela said it was too early to say what had caused the collapse.").hedges
    assert h.cue == "too early to say"
    # a cause known, or a cause of nothing named, asks nothing
    assert parsed.facts("The cause of the fire has been established.").hedges == ()
    assert parsed.facts("The cause has not been established.").hedges == ()
