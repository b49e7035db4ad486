"""One occurrence or two (checker/signals/events.py): a further occurrence marked by "another",
"a second", "a further" is not the same event as one told without the mark; and a total of parties
joined by "and" against one of them (names.total_against_part)."""
from __future__ import annotations

import pytest

from checker.signals import SignalExtractor
from checker.signals.events import find_recurrences
from checker.signals.names import load_spacy
from conftest import kinds


def test_another_occurrence_of_what_the_other_sentence_tells_is_a_different_event(extractor):
    s = extractor.compare_texts("A burst water main flooded Harbour Street in March.",
                                "In October, another burst water main flooded Harbour Street.", "2025-11-20", "2025-11-20")
    assert kinds(s) == [] and not s.comparable
    assert "'another burst water main' presents a further occurrence" in s.not_comparable_reason


def test_an_ordinal_after_the_indefinite_article_marks_a_further_occurrence(extractor):
    s = extractor.compare_texts("A fire near Merrin in July destroyed a campsite.",
                                "In August, a second fire near Merrin destroyed a sawmill.", "2025-11-20", "2025-11-20")
    assert not s.comparable and "'a second fire'" in s.not_comparable_reason


def test_a_different_count_of_a_further_batch_is_not_a_disputed_figure(extractor):
    s = extractor.compare_texts("The ministry ordered six water-bombing aircraft.",
                                "The ministry ordered an additional four aircraft.")
    assert kinds(s) == [] and not s.comparable


def test_the_same_further_occurrence_told_twice_is_still_compared(extractor):
    # "another fire" and "the second fire" are one occurrence: their dates disagree
    s = extractor.compare_texts("Another fire near Merrin destroyed a sawmill in August.",
                                "The second fire near Merrin destroyed a sawmill in September.", "2025-11-20", "2025-11-20")
    assert kinds(s) == ["date"]


def test_a_further_occurrence_against_a_denial_of_any_further_one_is_one_question(extractor):
    s = extractor.compare_texts("A second aircraft parked nearby was also damaged by flying debris, the operator said.",
                                "The operator later corrected its statement, saying that no other aircraft had been damaged.")
    assert s.comparable
    # "any other" under a denial or a negation is none
    s = extractor.compare_texts("A second aircraft parked nearby was also damaged by flying debris, the operator said.",
                                "The operator denied that any other aircraft had been damaged.")
    assert s.comparable
    # against a sentence that tells only the first, it is still another event
    s = extractor.compare_texts("A second aircraft parked nearby was also damaged by flying debris.",
                                "An aircraft parked nearby was damaged by flying debris.")
    assert not s.comparable


def test_another_speaker_is_not_another_event(extractor):
    s = extractor.compare_texts("The terminal fire started in July, another official said.",
                                "The terminal fire started in August.", "2025-11-20", "2025-11-20")
    assert kinds(s) == ["date"]
    assert find_recurrences("Another report said the terminal fire started in July.") == []


def test_shares_and_parts_of_one_event_are_not_further_occurrences():
    assert find_recurrences("A third of the budget went to repairs.") == []
    assert find_recurrences("They blamed one another for the delay.") == []
    assert find_recurrences("He bought a second-hand car.") == []
    # a definite ordinal is recorded (it can match "another ...") but marks nothing on its own
    (rec,) = find_recurrences("On the second day of the summit, the leaders met.")
    assert rec.definite


def test_a_further_occurrence_of_something_else_leaves_the_pair_alone(extractor):
    s = extractor.compare_texts("The terminal fire started in July.",
                                "The terminal fire started in August, and another inquiry was opened.",
                                "2025-11-20", "2025-11-20")
    assert kinds(s) == ["date"]


def test_the_recurrence_reading_can_be_switched_off():
    ext = SignalExtractor(use_spacy=False, settings={"events": {"recurrence": False}})
    s = ext.compare_texts("A fire near Merrin in July destroyed a campsite.",
                          "In August, a second fire near Merrin destroyed a sawmill.", "2025-11-20", "2025-11-20")
    assert kinds(s) == ["date"]


def test_the_tagger_gives_the_noun_phrase_and_the_speaker():
    loaded = load_spacy()
    if loaded is None:
        pytest.skip("no spaCy pipeline installed (the [ner] extra)")
    nlp, _ = loaded
    text = "In October, another burst water main flooded Harbour Street."
    (rec,) = find_recurrences(text, nlp(text))
    assert rec.text == "another burst water main" and "main" in rec.nouns
    text = "Another official also said the fire started in July."
    assert find_recurrences(text, nlp(text)) == []


# --- a total of the parties joined by "and" ------------------------------------------------------

def test_a_total_of_two_joined_parties_against_one_of_them_is_two_figures(extractor):
    s = extractor.compare_texts("The government and the regional council have pledged a total of 600 million crowns.",
                                "The regional council pledged 150 million crowns.")
    assert kinds(s) == [] and not s.comparable
    assert "of government and regional council against the figure of one of them" in s.not_comparable_reason
    s = extractor.compare_texts("Germany and France pledged a total of 40 tanks.", "France promised 10 tanks.")
    assert kinds(s) == [] and not s.comparable


def test_a_total_of_one_event_with_and_in_it_still_counts_against_its_figure(extractor):
    s = extractor.compare_texts("A total of 41 people were injured in the collapse and the fire.",
                                "The collapse injured 14 people.")
    assert kinds(s) == ["number"]


# --- people the other sentence leaves unsaid ------------------------------------------------------

def test_people_taking_part_that_the_other_sentence_leaves_unsaid_do_not_make_another_event(extractor):
    s = extractor.compare_texts("Prime Minister Lund and President Berg will meet at the summit in Oslo on 9 June.",
                                "The summit opens in Oslo on 3 June.")
    assert kinds(s) == ["date"]


# (a place only one sentence names still makes another event: test_signals_recall.py)


def test_different_people_in_each_sentence_still_make_another_event(extractor):
    s = extractor.compare_texts("Mayor Ostrander opened the new bridge on 3 June.",
                                "Governor Halvorsen opened the new bridge on 9 June.")
    assert kinds(s) == [] and not s.comparable


# --- one occurrence told twice: the first or the last of its kind (needs spaCy's parse) ----------

def test_the_last_occurrence_as_a_noun_and_as_a_verb_is_one_event_whose_dates_differ(parsed):
    s = parsed.compare_texts("The tunnel's most recent safety check took place on May 4.",
                             "Engineers last checked the tunnel on May 14, according to the operator.",
                             "2025-06-02", "2025-06-02", similarity=0.55)
    assert kinds(s) == ["date"] and s.comparable
    assert "both tell the last occurrence: 'most recent safety check' / 'last checked'" in s.notes


def test_a_name_only_one_sentence_gives_does_not_split_the_one_first_occurrence(parsed):
    # both tell the first round of talks: a place only one of them names is a detail of that one round
    s = parsed.compare_texts("The first round of talks, held on February 5 at the zonal offices in Bishan Gora, "
                             "ended without agreement.",
                             "The first round of talks, on February 4 in the zonal administration building, broke up "
                             "after three hours.", "2025-02-10", "2025-02-12", similarity=0.7)
    assert kinds(s) == ["date"] and s.comparable


def test_a_relative_day_beside_the_first_occurrence_may_tell_another_act(parsed):
    # "on Tuesday" tells when the news came, not when the first shop opened: a name only one gives still counts
    s = parsed.compare_texts("Wroblewski opened the first Zorza shop in Kaliszewo 30 years ago.",
                             "In the town where Wroblewski opened his first shop, the news was met on Tuesday with "
                             "a mix of pride and unease.", "2024-10-07", "2024-10-09", similarity=0.7)
    assert kinds(s) == []


def test_what_marks_no_single_occurrence(parsed):
    f = parsed.facts
    assert f("Prices rose last year and at last fell back.").unique == ()  # a time; "at last"
    assert f("The first three ferries will arrive in June.").unique == ()  # a first few
    assert f("A recent survey found cracks in the tunnel.").unique == ()  # one of several
    (first,) = f("The new ferry first sailed in June.").unique
    assert (first.which, first.event, first.text) == ("first", "sail", "first sailed")


def test_a_first_and_a_last_occurrence_are_not_one_event(parsed):
    s = parsed.compare_texts("The ferry's first crossing took place on May 4.",
                             "The ferry made its final crossing on May 14.", "2025-06-02", "2025-06-02",
                             similarity=0.55)
    assert kinds(s) == [] and not s.comparable and "two different events" in s.not_comparable_reason


def test_first_against_last_said_of_one_subject_is_a_claim_not_two_events(parsed):
    assert parsed.facts("The Velden marathon was the first race to use the new timing chips.").unique == ()


def test_a_further_party_to_an_act_is_no_further_occurrence_of_it(parsed):
    # "transferred to another insurer": another party, the liquidation told once
    s = parsed.compare_texts("The order does not cover Quindara Vida, the group's life insurer, the regulator said.",
                             "The liquidation also covers Quindara Vida, whose policies will be transferred to another insurer.")
    assert s.comparable
    # an event that recurs stays another event, whatever preposition it follows
    assert not parsed.compare_texts("Two people were killed in another attack on the town in May.",
                                    "Two people were killed in an attack on the town in June.").comparable
