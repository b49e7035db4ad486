"""When an event is said to happen: explicit decades ("the mid-2030s"), a month governed by a verb of
the future ("will open in November"), a month near the turn of the year, and one written date
read twice, a year naming an occasion ("the 2018 drought"); a refusal whose cue words ("abandoned
plans to") do not count against the overlap; and "the only bidder" as a count of one."""
from __future__ import annotations

import datetime as dt

import pytest

from checker.signals.dates import extract_dates, resolve
from checker.signals.times import interval, times_and_dates
from conftest import kinds


@pytest.mark.parametrize("text,first,last", [
    ("in the mid-2030s", "2033-01-01", "2036-12-31"),
    ("during the 2030s", "2030-01-01", "2039-12-31"),
    ("in the late 1990s", "1996-01-01", "1999-12-31"),
    ("in the early 2020s", "2020-01-01", "2023-12-31"),
])
def test_an_explicit_decade_is_read_without_a_publication_date(text, first, last):
    times, dates = times_and_dates(text, extract_dates(text))
    assert dates == [] and len(times) == 1
    assert interval(times[0], None) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


def test_later_this_decade_against_the_mid_2030s_is_a_date_mismatch(extractor):
    s = extractor.compare_texts("Brennvik Water plans a second desalination plant later this decade.",
                                "Brennvik Water plans a second desalination plant in the mid-2030s.",
                                "2026-03-10", "2026-04-02")
    assert kinds(s) == ["date"] and "mid-2030s (2033-01-01 to 2036-12-31)" in s.mismatches[0].reason


def test_a_month_after_a_verb_of_the_future_is_the_next_such_month():
    published = dt.date(2027, 1, 19)
    (will,) = extract_dates("The new air base at Tarsk will open in November.")
    (due,) = extract_dates("Talks are due to resume in early February in Geneva.")
    (went,) = extract_dates("He went to Paris in November.")
    assert will.ahead and due.ahead and not went.ahead
    assert resolve(will, published)[0].year == 2027
    assert resolve(went, published)[0].year == 2026  # the latest November on or before publication


def test_a_month_soon_after_the_turn_of_the_year_is_the_coming_one():
    (jan,) = extract_dates("The tax comes into force on January 1.")
    assert resolve(jan, dt.date(2025, 12, 10))[0].year == 2026
    assert resolve(jan, dt.date(2025, 9, 19))[0].year == 2025  # too far ahead: the last one


def test_a_deadline_against_a_later_articles_future_month_is_a_date_mismatch(extractor):
    s = extractor.compare_texts("A new air base for the fleet at Tarsk will open by the summer.",
                                "The new air base at Tarsk will open in November.", "2026-10-06", "2027-01-19")
    assert kinds(s) == ["date"] and "in November (2027-11-01 to 2027-11-30)" in s.mismatches[0].reason


def test_one_written_date_read_in_two_tenses_still_agrees(extractor):
    s = extractor.compare_texts("The tax will take effect on January 1.", "The tax comes into force on January 1.",
                                "2025-09-19", "2025-09-19")
    assert kinds(s) == []


def test_the_cue_words_of_a_refusal_do_not_count_against_the_overlap(extractor):
    s = extractor.compare_texts("Brennvik Water will raise water prices this year to pay for the plant.",
                                "The utility has abandoned plans to raise water prices this year.")
    assert kinds(s) == ["negation"] and "abandoned plans to raise" in s.mismatches[0].reason


def test_a_year_naming_an_earlier_occasion_does_not_date_what_the_other_sentence_tells(extractor):
    s = extractor.compare_texts("Rationing of tap water in Brennvik will end next month, the utility said.",
                                "During the 2018 drought, rationing in Brennvik lasted five months.",
                                "2026-03-10", "2026-03-10")
    assert kinds(s) == [] and not s.comparable and "'2018 drought'" in s.not_comparable_reason
    (year,) = extract_dates("During the 2018 drought, rationing lasted five months.")
    (dated,) = extract_dates("Rationing began in 2018.")
    assert year.occasion and not dated.occasion


def test_a_year_after_a_or_an_names_an_occasion_too(extractor):
    (year,) = extract_dates("The union says the trust broke a 2024 agreement on staffing.")
    assert year.occasion


def test_a_past_year_that_opens_the_sentence_sets_a_background_scene(extractor):
    # "In 2021, ...": an earlier occurrence, not the news told: two events, so no mismatch of theirs counts
    s = extractor.compare_texts("Thousands of residents were evacuated from the coastal town of Merrin in August.",
                                "In 2021, about 40 residents of Merrin were evacuated when a fire came close to the town.",
                                "2026-09-10", "2026-09-11")
    assert not s.comparable and "'In 2021'" in s.not_comparable_reason
    (last,) = extract_dates("Last year a cargo plane overran the runway at Puerto Lanza airport.")
    assert last.setting
    # a year after the verb dates the news; a fronted month or weekday is the news's own time; two
    # settings still disagree
    assert not any(d.setting for d in extract_dates("The contract was signed in October 2022."))
    assert not any(d.setting for d in extract_dates("In March 2025 a burst main flooded the street."))
    assert not any(d.setting for d in extract_dates("On Monday the minister resigned."))
    s = extractor.compare_texts("The contract for the three ferries was signed in October 2022.",
                                "The contract for the three ferries was signed in October 2021.")
    assert kinds(s) == ["date"]
    s = extractor.compare_texts("In 2019, the council opened the new bridge.", "In 2021, the council opened the new bridge.")
    assert kinds(s) == ["date"]


def test_a_stretch_of_the_past_is_no_time_of_an_event(extractor):
    # "twice in five years", "was built in two years": over what stretch, or how long; not when
    s = extractor.compare_texts("The town has been flooded twice in five years, officials said.",
                                "In 2021 a flood in the town damaged 400 homes, officials said.", "2026-10-07", "2026-10-07")
    assert "date" not in kinds(s)
    s = extractor.compare_texts("The new bridge was built in two years by Halden Works.",
                                "The new bridge opened in 2019 after work by Halden Works.", "2026-10-07", "2026-10-07")
    assert "date" not in kinds(s)
    # ahead, "in two years" is still a time
    s = extractor.compare_texts("The new bridge will open in two years, the council said.",
                                "The new bridge will open next month, the council said.", "2026-10-07", "2026-10-07")
    assert kinds(s) == ["date"]


def test_dates_that_agree_leave_the_other_times_of_the_sentences_undisputed(extractor):
    # "last Friday" is 27 February: the offer's date agrees; "within hours" is when it was turned down
    s = extractor.compare_texts("The offer was tabled on Friday 27 February, three days before the strike.",
                                "The trust tabled the offer last Friday, and the union turned it down within hours.",
                                "2026-03-03", "2026-03-05")
    assert "date" not in kinds(s)


def test_not_until_a_time_is_from_that_time_on(extractor):
    # "not expected to resume before April": April or later, against 9 March and next week
    s = extractor.compare_texts("Talks will resume on 9 March at the offices of a conciliation service.",
                                "Talks are not expected to resume before April, people close to the talks said.",
                                "2026-03-04", "2026-03-05", similarity=0.8)
    assert kinds(s) == ["date"] and "2026-04-01 or later" in s.mismatches[0].reason
    s = extractor.compare_texts("A preliminary report will be published as early as next week.",
                                "Investigators said a preliminary report would not be ready before the summer.",
                                "2026-05-12", "2026-05-12", similarity=0.8)
    assert kinds(s) == ["date"]
    # ...and agrees with what comes after it; without a "not", "until June" is no time of the event
    s = extractor.compare_texts("The runway will reopen in July, the operator said.",
                                "The runway is not expected to reopen until June, the operator said.",
                                "2026-05-11", "2026-05-12", similarity=0.8)
    assert "date" not in kinds(s)
    s = extractor.compare_texts("The runway will reopen in May, the operator said.",
                                "The runway will stay shut until June, the operator said.", "2026-05-11", "2026-05-12",
                                similarity=0.8)
    assert "date" not in kinds(s)
    # a "not" in another clause does not reach the "before"
    facts = extractor.facts("The plant, which has not been inspected since May, will reopen before June.")
    assert not any(d.not_before for d in facts.dates)


def test_two_years_naming_one_occasion_still_disagree(extractor):
    s = extractor.compare_texts("The 2018 drought lasted five months.", "The 2019 drought lasted five months.")
    assert kinds(s) == ["date"]


def test_the_only_one_of_something_is_a_count_of_one(extractor):
    s = extractor.compare_texts("Tessen Hydro was the only bidder for the contract.",
                                "Tessen Hydro won the contract against two rival bidders.")
    assert kinds(s) == ["number"] and "the only bidder" in s.mismatches[0].reason
    s = extractor.compare_texts("She was the only survivor of the crash.", "She was one of two survivors of the crash.")
    assert kinds(s) == ["number"]
    s = extractor.compare_texts("Tessen Hydro was the only bidder for the contract.",
                                "Tessen Hydro, the only bidder, won the contract.")
    assert kinds(s) == []


def test_a_year_alone_is_compared_with_a_month_written_without_a_leading_word(extractor):
    # "signed in October 2022": the "in" is not part of the mention, and the month is a point as "in" makes it
    s = extractor.compare_texts("The contract for the three ferries was signed in October 2022.",
                                "The contract for the three ferries was signed in 2021.")
    assert kinds(s) == ["date"]
    # a span's start ("since") against a point still says nothing
    assert "date" not in kinds(extractor.compare_texts("The plant has operated since 2022.",
                                                       "The plant opened in October 2021."))


def test_one_occurrence_told_twice_relates_its_times_as_it_relates_its_dates(parsed):
    """Both "the first increase": one event, so a relative time of one and a date of the other that cannot
    overlap dispute it, however little else the sentences share."""
    s = parsed.compare_texts("Teachers will receive the first increase in their pay next month, according to the board.",
                             "The first increase will not reach payslips before the new financial year begins in July.",
                             "2027-02-09", "2027-02-13", similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["date"] and "next month" in s.mismatches[0].reason
