"""Claims a sentence denies in its own voice with a negative argument (checker/signals/negative_claims.py),
read from spaCy's parse, and set against an account of one instance as a denied claim is."""
from __future__ import annotations

import pytest

from conftest import kinds


def statements(parsed, text):
    return [(d.cue, d.statement) for d in parsed.facts(text).denials]


@pytest.mark.parametrize("text, cue, statement", [
    ("No one was hurt in the landslide, the ministry said.", "No one", "Someone was hurt in the landslide."),
    ("Nobody was arrested.", "Nobody", "Somebody was arrested."),
    ("Nothing was taken from the offices.", "Nothing", "Something was taken from the offices."),
    ("None of the injured guards was seriously hurt, the department said.", "None",
     "At least one of the injured guards was seriously hurt."),
    ("No illnesses have been linked to the oil, the ministry said.", "No", "Some illnesses have been linked to the oil."),
    ("There were no injuries.", "no", "There were some injuries."),
    ("He said no decision had been made.", "no", "A decision had been made."),
    ("The company did not dismiss any workers during the stoppage, its director said.", "not any",
     "The company did dismiss some workers during the stoppage."),
    ("The firm didn't pay any compensation.", "n't any", "The firm did pay a compensation."),
    # what the sentence attributes its statement to is no part of the claim
    ("No roses have been shipped from the farm since the strike began, according to drivers who carry the boxes.",
     "No", "Some roses have been shipped from the farm since the strike began."),
])
def test_a_negative_argument_denies_the_positive_claim(parsed, text, cue, statement):
    assert statements(parsed, text) == [(cue, statement)]
    (d,) = parsed.facts(text).denials
    assert d.core is None  # what a negative claim denies holds in its setting only


@pytest.mark.parametrize("text", [
    "No one could be reached for comment.",  # a modal: nothing said of the event
    "The plant has not closed.",  # a plain negation is the polarity rule's
    "Was nobody hurt?",
    "If no agreement is reached, the strike will go ahead.",  # a condition (a side clause)
    "Residents who had no warning fled the town.",  # a negative in a side clause
    "Nobody did not vote.",  # a double negative
    'Lim said the athlete "did nothing wrong, but the course did."',  # a quotation: the speaker's judgement
])
def test_no_negated_claim_outside_the_sentences_own_plain_statement(parsed, text):
    assert statements(parsed, text) == []


def test_an_instance_in_other_words_is_a_question_for_the_model(parsed):
    s = parsed.compare_texts("No one was hurt in the landslide, the ministry said.",
                             "A night watchman at the site was injured by falling rocks.")
    assert kinds(s) == []  # the words do not settle it
    (q,) = s.denial_questions
    assert (q.statement, q.denier, q.cue) == ("Someone was hurt in the landslide.", "a", "No one")


def test_an_instance_in_the_claims_words_is_a_negation(parsed):
    s = parsed.compare_texts("Meskerem Roses dismissed 11 workers during the stoppage, the union said.",
                             "The company did not dismiss any workers during the stoppage, its director said.",
                             similarity=0.7)
    assert kinds(s) == ["negation"]


def test_two_accounts_that_both_deny_are_no_conflict(parsed):
    s = parsed.compare_texts("No one was hurt in the landslide, the ministry said.",
                             "Nobody was injured in the landslide, according to the district office.")
    assert kinds(s) == [] and s.denial_questions == ()


def test_the_words_state_a_negated_noun_only_where_they_name_it(parsed):
    # "had no insurance" is about insurance: an account of the festival's cancellation does not state it
    assert kinds(parsed.compare_texts("The festival had no insurance against cancellation, Whitcombe said.",
                                      "Local acts booked for the festival have condemned the decision to cancel.",
                                      similarity=0.7)) == []
    (d,) = parsed.facts("The festival had no insurance against cancellation.").denials
    assert (d.negated, d.verbs, d.own) == ("insur", frozenset({"insur"}), True)
    # "none of those arrested": a pronoun names no noun to look for
    assert parsed.facts("None of those arrested has been charged.").denials[0].negated is None


def test_two_accounts_that_deny_in_other_words_are_no_conflict(parsed):
    s = parsed.compare_texts("None of the drivers had valid waybills for the cargo, according to the customs service.",
                             "Customs officers said that none of the drivers was able to show a valid waybill.",
                             similarity=0.8)
    assert kinds(s) == []
    (d,) = parsed.facts("None of the drivers had valid waybills for the cargo.").denials
    assert d.verbs == frozenset({"waybil"})  # with "have", the noun had
