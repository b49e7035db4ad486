"""When a thing or a running event began (checker/signals/starts.py): ages of things, counts of a running
event, "for" a length of time with the perfect, and dates of making or beginning, compared for one thing."""
from __future__ import annotations

import numpy as np
import pytest

from checker.pairing import tenure_pairs
from checker.signals.starts import ordinal
from checker.types import Sentence


def _starts(parsed, a, b, a_date="2025-09-05", b_date="2025-09-05"):
    s = parsed.compare_texts(a, b, a_date, b_date, similarity=0.8)
    return [m.reason for m in s.mismatches if m.reason.startswith("Different starts")]


def test_ordinals_in_words_and_figures():
    assert [ordinal(w) for w in ("first", "third", "12th", "twenty-first", "22nd", "several")] == [1, 3, 12, 21, 22, None]


def test_what_a_sentence_says_of_when_a_thing_began(parsed):
    how = {s.how: (s.text, sorted(w for w in s.thing if ":" not in w)) for s in parsed.facts(
        "The 27-year-old pipeline, laid in 1998, has leaked for three weeks.").starts}
    assert how["age"] == ("27-year-old", ["pipeline"]) and how["made"] == ("in 1998", ["pipeline"])
    assert how["for"][0] == "for three weeks"
    # a person's age is no thing's (ages.py), and a length of time without the perfect says how long it took
    assert parsed.facts("The 29-year-old guide led the party.").starts == ()
    assert not [s for s in parsed.facts("The bridge was built in two years.").starts if s.how == "for"]
    # a range of ages is no one age, and no number to read ("2-3-year-old" gave "2 3" and stopped the run)
    assert [s for s in parsed.facts("The 2-3-year-old vines were pulled up.").starts if s.how == "age"] == []


@pytest.mark.parametrize("a, b, a_date, b_date", [
    ("The pipeline is more than three decades old.", "The pipeline was laid in 1998, according to company records.",
     "2025-09-05", "2025-09-05"),
    ("Regulators asked why the 27-year-old pipeline had not been replaced.", "The pipeline is more than three decades old.",
     "2025-09-05", "2025-09-05"),
    ("The strike, now in its third day, has left wards to consultants.", "The strike began on Monday.",
     "2025-09-05", "2025-09-02"),
    ("The race, now in its 12th edition, drew 4,000 runners.", "The race was first run in 2017.",
     "2025-11-05", "2025-11-06"),
    ("The museum has been closed for three weeks.", "The museum has been closed since April.",
     "2025-06-20", "2025-06-20"),
    # a count said of a thing by its possessive, and a date said of a noun of beginning
    ("The festival's 12th edition drew 40,000 visitors.", "The festival was first held in 2019.",
     "2025-07-10", "2025-07-10"),
    ("The programme has grown steadily since its launch in 2021.", "The programme, now in its eighth year, has grown.",
     "2025-07-10", "2025-07-10"),
    # the edition running now, after a preposition that places no moment on it
    # a relative time of making in words
    ("The station began broadcasting sixteen years ago.",
     "The station, now in its ninth year, is one of a handful of private broadcasters.", "2025-03-12", "2025-03-12"),
    ("The Sidr Cup, now in its sixth edition, carries a prize fund of 150,000 rials.",
     "The Sidr Cup, which drew riders to its fourth edition this year, is the village's biggest event.",
     "2026-01-19", "2026-01-19"),
    # an anniversary counts whole years from the start
    ("The library, which marks its 75th anniversary this year, lends 40,000 books.",
     "The Harlow Public Library, founded in 1962, holds the town's archive.", "2025-05-02", "2025-05-02"),
])
def test_two_starts_of_one_thing_that_cannot_both_hold(parsed, a, b, a_date, b_date):
    assert len(_starts(parsed, a, b, a_date, b_date)) == 1


def test_a_plural_unit_after_an_ordinal_is_a_stretch_from_the_start_not_a_count(parsed):
    assert _starts(parsed, "Calves can develop problems in their first days of life.",
                   "Calves do not feed for their first four to eight weeks.", "2025-03-13", "2025-03-13") == []


def test_starts_that_agree_or_are_of_other_things_are_left_alone(parsed):
    assert _starts(parsed, "The race, now in its ninth edition, drew 4,000 runners.", "The race was first run in 2017.",
                   "2025-11-05", "2025-11-06") == []
    assert _starts(parsed, "The strike entered its second day on Tuesday.", "The strike began on Monday.",
                   "2025-09-02", "2025-09-02") == []
    assert _starts(parsed, "The bridge is about 35 years old.", "The bridge was opened in 1991.",
                   "2025-09-05", "2025-09-05") == []
    # one thing's age against another thing's making
    assert _starts(parsed, "The pipeline is more than three decades old.", "The terminal was built in 1998.",
                   "2025-09-05", "2025-09-05") == []
    assert _starts(parsed, "The library, which marks its 63rd anniversary this year, lends 40,000 books.",
                   "The Harlow Public Library, founded in 1962, holds the town's archive.",
                   "2025-05-02", "2025-05-02") == []
    assert _starts(parsed, "The insurgency in Afghanistan is now in its ninth year.",
                   "The war in Afghanistan has gone on since 2009.", "2015-05-14", "2015-05-14") == []
    assert _starts(parsed, "The programme, now in its fourth year, has grown.",
                   "The programme has grown steadily since its launch in 2022.", "2025-07-10", "2025-07-10") == []
    # an ordinal that counts an act of the subject, or names a day in the past, says nothing of a start
    assert _starts(parsed, "For the fifth year in a row, the council raised fees.", "The council was founded in 2010.",
                   "2025-07-10", "2025-07-10") == []
    assert _starts(parsed, "On its third day, the strike spread to the ports.", "The strike began on Monday.",
                   "2025-07-20", "2025-07-10") == []
    # two dates of making are the date rule's, not this one's
    assert _starts(parsed, "The pipeline was laid in 1998.", "The pipeline was laid in 1994.",
                   "2025-09-05", "2025-09-05") == []


@pytest.mark.parametrize("a, b", [
    # a state in the passive of the perfect began with the act that left it, told with one verb
    ("The road has been closed for six months.", "The road was closed in January."),
    ("The museum has been closed for three years for repairs.", "The museum closed for repairs in 2024."),
    ("Okafor has been detained for two weeks.", "Okafor was detained on 3 March."),
    # a person's or a group's state, told with one verb on both sides
    ("The company has operated the line for 12 years.", "The company has operated the line since 2020."),
    # a verb of beginning over another begins that act
    ("The company has run the ferry service for two decades.", "The company began running the ferry service in 2019."),
    # an event's age in weeks, and a beginning told in a relative clause
    ("The two-week-old strike has closed every school.", "The strike, which began on Friday, has closed every school."),
    ("The dam, completed in 1968, supplies the city.", "The 30-year-old dam supplies the city."),
    # "since" a relative time, or a date with its own lead
    ("The road has been closed since last month.", "The road has been closed for a week."),
    ("The plant has been shut since early February.", "The plant has been shut for three months."),
    # a possessive "its" stands for the subject of its clause, and a participle said of a noun tells up to now
    ("The festival was cancelled for the first time in its 12-year history.", "The festival, founded in 2016, was cancelled."),
    ("The festival, now in its sixth year, drew 20,000 people.", "The festival, staging its fourth season, drew 20,000 people."),
    ("The bus service, running for three years, carries 9,000 riders a day.", "The bus service, launched in 2019, carries 9,000 riders a day."),
])
def test_states_begun_by_a_dated_act_and_ages_of_events(parsed, a, b):
    assert len(_starts(parsed, a, b, "2025-03-10", "2025-03-10")) == 1


def test_lengths_of_one_person_s_state_told_in_a_clause_beside_the_name_are_compared(parsed):
    # the relative clause hangs on "a mother of three", which is set beside the name
    a = "\"They came at night,\" said Grace Wanjiru, a mother of three who has lived at the estate for 11 years."
    b = "Grace Wanjiru, who has lived at the estate for 14 years, said her children had not been to school."
    assert len(_starts(parsed, a, b, "2024-07-17", "2024-07-18")) == 1
    # a plain figure of years is rounded to a year or a tenth, a hedged one a quarter either way
    assert _starts(parsed, a, b.replace("for 14", "for 12"), "2024-07-17", "2024-07-18") == []
    assert _starts(parsed, a.replace("for 11", "for about 11"), b, "2024-07-17", "2024-07-18") == []


def test_acts_that_begin_no_state_told_are_left_alone(parsed):
    # an act inside an activity told in the active perfect is no start of it
    assert _starts(parsed, "The company has run the line for 12 years.", "The company ran the line in 2019.",
                   "2025-03-10", "2025-03-10") == []
    # one person's two states, told with other verbs
    assert _starts(parsed, "Okafor has been detained for two weeks.", "Okafor has lived in Accra since 2020.",
                   "2025-03-10", "2025-03-10") == []
    assert _starts(parsed, "Okafor has been detained for two weeks.", "Okafor was arrested on 3 March.",
                   "2025-03-10", "2025-03-10") == []
    # the act agrees with the state's length
    assert _starts(parsed, "The road has been closed for two months.", "The road was closed in January.",
                   "2025-03-10", "2025-03-10") == []
    # two dated acts are the date rule's
    assert _starts(parsed, "The road was closed in January.", "The road was closed in March.",
                   "2025-03-10", "2025-03-10") == []


def test_a_start_far_enough_back_to_leave_the_calendar_is_any_time_before(parsed):
    # "for more than 30 years" reaches back a hundredfold, before the calendar's first year: no crash
    starts = _starts(parsed, "The mill has been closed for more than 30 years.", "The mill has been closed for 12 years.",
                     "2025-01-10", "2025-01-10")
    assert len(starts) == 1


@pytest.mark.parametrize("a, b, kind", [
    ("Tomas Reyes, who has led the dockers' union for 12 years, called the offer an insult.",
     "Tomas Reyes, in his fourth year as head of the dockers' union, says members will vote on Friday.", "date"),
    ("Greta Holm, who took over as managing director three years ago, said the plant would stay open.",
     "Greta Holm, now in her seventh year as managing director, has promised no job cuts.", "date"),
    ("Harbourmaster Ivo Marek, now in his second year in the job, ordered the quay closed.",
     "Ivo Marek, who has run the port for nine years, said the quay would reopen on Monday.", "date"),
    ("Sara Lind, who has bred horses near the lake for 25 years, lost three foals.",
     "Sara Lind, in her eighth season breeding horses near the lake, says the flood was the worst she has seen.",
     "date"),
    ("Mayor Pedro Alves, who is in his first term, promised to rebuild the market.",
     "Alves, a second-term mayor, said the market would be rebuilt by spring.", "number"),
    # a post whose title names the one who does the act (WordNet derives "editor" from "edit")
    ("Manuela Lobato, who has edited the paper since 2013, said the newsroom would keep working.",
     "Manuela Lobato, who took over as editor six years ago, said she had not given up hope of a buyer.", "date"),
    # a post taken as the object of a verb of taking, its title unsaid
    ("Captain Ilse Brand, who has led the coastguard station for eight years, said the boat was sound.",
     "Station commander Ilse Brand, who took command three years ago, said the crew had done well.", "date"),
])
def test_a_persons_tenure_told_two_ways_that_cannot_both_hold(parsed, a, b, kind):
    s = parsed.compare_texts(a, b, "2025-09-05", "2025-09-05", similarity=0.6)
    assert [m.kind for m in s.mismatches if "tenure" in m.reason or "terms" in m.reason] == [kind]


@pytest.mark.parametrize("a, b", [
    # one tenure told two ways that agree
    ("Tomas Reyes, who has led the dockers' union for five years, called the offer an insult.",
     "Tomas Reyes, in his sixth year as head of the dockers' union, says members will vote on Friday."),
    ("Mayor Pedro Alves, who is in his second term, promised to rebuild the market.",
     "Alves, a second-term mayor, said the market would be rebuilt by spring."),
    # a person's years in a place and in a post are two tenures
    ("Tomas Reyes, who has lived in the port town for 40 years, called the offer an insult.",
     "Tomas Reyes, in his fourth year as head of the dockers' union, says members will vote on Friday."),
    # two people
    ("Ana Reyes, who has led the dockers' union for 12 years, called the offer an insult.",
     "Luis Moreno, in his fourth year as head of the dockers' union, says members will vote on Friday."),
    # a title with a word before it is another post than the act ("head teacher" / teaching)
    ("Ana Ruiz, who has taught at the school since 2010, said the strike would go on.",
     "Ana Ruiz, who took over as head teacher three years ago, said the strike would go on."),
    # what the count is of is unsaid, and "long-term" counts nothing
    ("Tomas Reyes, now in his fourth year, says members will vote on Friday.",
     "Tomas Reyes, who has led the dockers' union for 12 years, signed a long-term deal."),
])
def test_tenures_that_agree_or_are_of_other_things_are_left_alone(parsed, a, b):
    s = parsed.compare_texts(a, b, "2025-09-05", "2025-09-05", similarity=0.6)
    assert not [m for m in s.mismatches if "tenure" in m.reason or "terms" in m.reason]


def test_the_tenure_channel_pairs_one_persons_tenure_that_similarity_ranks_low(parsed):
    a = Sentence("a", 0, "Tomas Reyes, who has led the dockers' union for 12 years, called the offer an insult.", 0, 80)
    b = Sentence("b", 0, "Reyes, in his fourth year as head of the union, says members will vote on Friday.", 0, 80)
    c = Sentence("b", 1, "Luis Moreno, in his fourth year as head of the port, says the cranes are safe.", 81, 160)
    d = Sentence("b", 2, "Tomas Reyes, who has lived in the town for 40 years, runs a bakery.", 161, 230)
    emb = np.array([[1.0, 0.0]] + [[0.35, np.sqrt(1 - 0.35 ** 2)]] * 3)
    (pair,) = tenure_pairs([a, b, c, d], emb, [], 2, 0.3, parsed.facts)
    assert pair.channel == "tenure" and {pair.a.key, pair.b.key} == {a.key, b.key}
    assert tenure_pairs([a, b, c, d], emb, [], 0, 0.3, parsed.facts) == []


@pytest.mark.parametrize("a, b, b_agreeing", [
    # a post told with "be" and its title, against a verb of holding one
    ("Okonkwo has been headmaster of the school for the past seven years.",
     "Daniel Okonkwo, who has run the school since 2014, said the roof would be mended.",
     "Daniel Okonkwo, who has run the school since 2018, said the roof would be mended."),
    # a post said without its title, "in post", beside the name
    ("Okonkwo, who has run the school for eleven years, said the roof would be mended.",
     "Headmaster Daniel Okonkwo, in post since 2021, said the roof would be mended before term.",
     "Headmaster Daniel Okonkwo, in post since 2014, said the roof would be mended before term."),
])
def test_lengths_and_starts_of_a_post_however_the_post_is_said(parsed, a, b, b_agreeing):
    s = parsed.compare_texts(a, b, "2025-09-05", "2025-09-05", similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["date"]
    assert parsed.compare_texts(a, b_agreeing, "2025-09-05", "2025-09-05", similarity=0.6).mismatches == ()


def test_a_post_held_in_office_and_a_date_in_a_clause_of_be_before_a_saying(parsed):
    # "in office" is a post without a determiner; "since 2018" is the clause's own date, not the day of "said"
    s = parsed.compare_texts('Ilse Varga, who has been mayor since 2018, said the town would appeal "to the end".',
                             "Mayor Ilse Varga, now in her eleventh year in office, has made the appeal her cause.",
                             "2026-03-12", "2026-03-20", similarity=0.5)
    assert [m.kind for m in s.mismatches] == ["date"]
    (d,) = parsed.facts('Ilse Varga, who has been mayor since 2018, said the town would appeal.').dates
    assert d.dates_event


def test_an_activity_taken_up_by_its_noun_begins_the_activity_on_what_it_is_of(parsed):
    a = "Halden Trust, which has run the harbour ferry for the past fifteen years, also runs two museums."
    b = "Halden Trust took over the running of the harbour ferry from the council in 2019."
    s = parsed.compare_texts(a, b, "2026-03-12", "2026-03-20", similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["date"]
    c = "Halden Trust took over the running of the harbour ferry from the council in 2011."
    assert parsed.compare_texts(a, c, "2026-03-12", "2026-03-20", similarity=0.6).mismatches == ()
