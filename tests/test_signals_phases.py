"""The moment of an event a date gives (checker/signals/phases.py): its start or its end, read from the
parse with WordNet's words for beginning and ending, and the date rule leaving a start and an end alone."""
from __future__ import annotations

import pytest

from checker.signals.phases import one_dated_event, phase_words


def _phases(parsed, text):
    return [(d.text, d.phase) for d in parsed.facts(text).dates]


def test_the_verb_that_governs_a_date_or_a_start_or_end_noun_beside_it_gives_the_moment(parsed):
    assert _phases(parsed, "Talks began on 3 May in Oslo.") == [("3 May", "start")]
    assert _phases(parsed, "The strike is due to end on Friday.") == [("on Friday", "end")]
    assert _phases(parsed, "Nurses walked out on Monday at the start of a 48-hour strike.") == [("on Monday", "start")]
    # no moment marked: an act that is neither a start nor an end
    assert _phases(parsed, "The first dose was given in January.") == [("in January", None)]


def test_the_start_and_the_end_of_one_event_are_no_date_conflict(parsed):
    start = "Nurses at Carrowby Royal Infirmary walked out on Monday at the start of a 48-hour strike over pay."
    end = "The two-day walkout by nurses at Carrowby Royal Infirmary ended at 7am on Wednesday with no deal in sight."
    assert "date" not in [m.kind for m in parsed.compare_texts(start, end).mismatches]
    # two ends, or an end against a date that marks no moment, are still compared
    assert [m.kind for m in parsed.compare_texts(
        "The strike at Carrowby Royal Infirmary ended on Wednesday.",
        "The strike at Carrowby Royal Infirmary ended on Friday.").mismatches] == ["date"]


def test_the_table_holds_wordnet_s_frequent_senses_only():
    words = phase_words()
    assert words[("begin", "verb")] == "start" and words[("end", "verb")] == "end"
    assert words[("outset", "noun")] == "start" and words[("close", "noun")] == "end"
    # "get" is a member of a "begin" synset only in a rare sense; "stop" of an "end" one likewise
    assert ("get", "verb") not in words and ("stop", "verb") not in words


def test_a_time_given_to_the_same_verb_with_a_shared_participant_is_one_event(parsed):
    a = "Talks with the union will resume on 9 March at the offices of an independent conciliation service."
    b = "Talks are not expected to resume before April, according to people familiar with the negotiations."
    # the subject of "resume" under "expected to" is the governing verb's
    assert parsed.facts(a).dated_events == parsed.facts(b).dated_events == (("resume", frozenset({"talk"})),)
    s = parsed.compare_texts(a, b, "2026-03-04", "2026-03-05", similarity=0.54)
    assert [m.kind for m in s.mismatches] == ["date"]  # the rest of the sentences share little


def test_an_indefinite_participant_or_another_verb_is_no_one_event(parsed):
    fire_may = parsed.facts("A fire broke out in the conveyor hall in May.").dated_events
    fire_aug = parsed.facts("A fire broke out in the storage hall in August.").dated_events
    assert not one_dated_event(fire_may, fire_aug)  # "a fire": maybe two fires
    inspected = parsed.facts("The spillway was inspected on 1 September.").dated_events
    failed = parsed.facts("The spillway failed on 16 September.").dated_events
    assert not one_dated_event(inspected, failed)  # two acts on one thing


def test_when_something_was_said_is_no_dated_event(parsed):
    a = parsed.facts("Exports fell in May, officials said on Tuesday.")
    b = parsed.facts("Imports rose in June, officials said on Tuesday.")
    assert not one_dated_event(a.dated_events, b.dated_events)
    assert "date" not in [m.kind for m in parsed.compare_texts(a.text, b.text, "2026-07-01", "2026-07-01").mismatches]


def _tenses(parsed, text):
    return [(d.text, d.ahead, d.behind) for d in parsed.facts(text).dates]


def test_the_tense_of_the_verb_a_date_hangs_on_picks_the_weekday(parsed):
    # the future however far the verb lies from the date, the past tense and the perfect; a modal is neither
    assert _tenses(parsed, "Parliament is expected to vote on the emergency budget on Wednesday.") == [
        ("on Wednesday", True, False)]
    assert _tenses(parsed, "Tanker deliveries to Skarnes began on Monday.") == [("on Monday", False, True)]
    assert _tenses(parsed, "The plant has been closed since April.")[0][2] is True
    assert _tenses(parsed, "The vote could take place on Friday.") == [("on Friday", False, False)]
    # an earliest time against an expected one two days before it, from the same publication date (a Tuesday)
    s = parsed.compare_texts("Parliament could vote on the emergency budget as early as Friday.",
                             "Parliament is expected to vote on the emergency budget on Wednesday.",
                             "2026-10-06", "2026-10-06", similarity=0.8)
    assert [m.kind for m in s.mismatches] == ["date"] and "2026-10-07" in s.mismatches[0].reason
    # deliveries that began last Monday against deliveries that could begin on Thursday at the earliest
    s = parsed.compare_texts("Emergency tanker deliveries to the village of Skarnes could begin as early as Thursday.",
                             "Tanker deliveries to Skarnes began on Monday.", "2026-03-10", "2026-03-10",
                             similarity=0.8)
    assert [m.kind for m in s.mismatches] == ["date"]


def test_the_present_in_a_clause_of_time_takes_the_tense_of_the_verb_it_hangs_on(parsed):
    # English tells the future with the present after "before", "until", "once": next July, not last
    assert _tenses(parsed, "The first increase will not reach payslips before the new financial year begins in July.") == [
        ("in July", True, False)]
    assert _tenses(parsed, "Schools will stay shut until the water supply is restored on Monday.") == [
        ("on Monday", True, False)]
    # a clause of time under a past verb, and a present with no clause of time, are left as they were
    assert _tenses(parsed, "The museum reopened after the renovation ended in June.") == [("in June", False, True)]
    assert _tenses(parsed, "The new financial year begins in July.") == [("in July", False, False)]
    s = parsed.compare_texts("Teachers will receive the first increase in their pay next month.",
                             "The first increase will not reach payslips before the new financial year begins in July.",
                             "2027-02-09", "2027-02-13", similarity=0.8)
    assert [m.kind for m in s.mismatches] == ["date"] and "2027-07-01" in s.mismatches[0].reason


def test_a_weekday_of_the_past_or_future_one_day_off_the_publication_date_keeps_both_readings(parsed):
    # a feed's date may be a day off (a time zone, a late edition): "began on Friday" dated Thursday
    s = parsed.compare_texts("The strike began on Friday.", "The strike began on Friday.",
                             "2026-10-08", "2026-10-09", similarity=0.9)
    assert s.mismatches == ()
    # two days off, the past tense reads last week's Friday
    s = parsed.compare_texts("The strike began on Friday.", "The walkout by drivers began on Friday.",
                             "2026-10-07", "2026-10-09", similarity=0.9)
    assert [m.kind for m in s.mismatches] == ["date"]


def test_a_name_only_one_sentence_gives_marks_no_other_event_when_both_dates_hang_on_one_act(parsed):
    # "closed" / "closed" with the shared participant "the bridge": the town named in the rest of one
    # sentence belongs to what else it says
    a = "The bridge was closed on Sunday evening after engineers found a crack in one of its piers."
    b = "The bridge was closed on Monday, hours after residents of Kelmscott reported hearing a loud bang."
    assert one_dated_event(parsed.facts(a).dated_events, parsed.facts(b).dated_events)
    s = parsed.compare_texts(a, b, "2026-04-14", "2026-04-14", similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["date"] and s.comparable


def test_a_date_on_a_verb_of_saying_without_an_object_is_when_it_was_said(parsed):
    def events(text):
        return [(d.text, d.dates_event) for d in parsed.facts(text).dates]
    assert events("The first payment will be made in April, the board confirmed on Thursday.") == [
        ("in April", True), ("on Thursday", False)]
    assert events("The company confirmed on Monday that the plant would close in June.") == [
        ("on Monday", False), ("in June", True)]
    assert events("The ministry announced the closure on Thursday.") == [("on Thursday", True)]  # its own act


def _date_kinds(parsed, a, b, similarity=0.6):
    """The kinds of mismatch of two sentences of articles a day apart."""
    return [m.kind for m in parsed.compare_texts(a, b, "2026-05-12", "2026-05-13", similarity=similarity).mismatches]


def test_a_participant_is_known_by_a_name_in_its_phrase(parsed):
    a = parsed.facts("The national avalanche service, known as Senaval, raised its danger rating to 4 on Friday.")
    b = parsed.facts("Senaval raised the hazard level to 4 on July 10.")
    assert one_dated_event(a.dated_events, b.dated_events)  # "the ... service, known as Senaval" / "Senaval"
    other = parsed.facts("Nordvarsel raised the hazard level to 4 on July 10.")
    assert not one_dated_event(a.dated_events, other.dated_events)


@pytest.mark.parametrize("sentence, holding", [
    ("Puerto Aldunate's airport remained closed on Saturday.", True),
    ("The road was still shut on Friday.", True),
    ("The road was closed on Friday.", False),  # the day of the act
    ("The road remained closed until Monday.", False),  # the state's end
    ("The ferry service remained switched off on Sunday.", True),  # "remained" parsed as an auxiliary
])
def test_a_day_a_state_still_held_dates_no_event(parsed, sentence, holding):
    (d,) = parsed.facts(sentence).dates
    assert d.holding is holding and d.dates_event is not holding


def test_a_state_still_held_is_not_dated_against_the_act_that_began_it(parsed):
    s = parsed.compare_texts("Puerto Aldunate's airport remained closed on Saturday.",
                             "El Mirador airport, which serves Puerto Aldunate, was shut on Monday morning.",
                             "2026-03-14", "2026-03-10", similarity=0.6)
    assert not [m for m in s.mismatches if m.kind == "date"]


def test_a_date_of_a_repeat_is_not_dated_against_the_occurrence_before_it(parsed):
    (d,) = parsed.facts("The trustees meet again on Thursday to decide which grants to cut.").dates
    assert d.again
    assert "date" not in _date_kinds(parsed, "The trustees held an emergency meeting on Monday to discuss the deficit.",
                                     "The trustees meet again on Thursday to decide which grants to cut.")
    # one meeting given two days is still a conflict
    assert _date_kinds(parsed, "The trustees held an emergency meeting on Monday to discuss the deficit.",
                       "The trustees held an emergency meeting on Saturday to discuss the deficit.", 0.9) == ["date"]
