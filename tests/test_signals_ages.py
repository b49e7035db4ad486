"""A person's age (checker/signals/ages.py) and the readings of dev3's false alarms that sit beside it in
the number rule: offsets in time, amounts per something, figures of a background year."""
from __future__ import annotations

from checker.signals.numbers import DURATION, extract_quantities


def _ages(parsed, text):
    return [(a.person.text, a.age) for a in parsed.facts(text).ages]


def test_an_age_after_or_before_a_person_s_name_is_read_and_kept_out_of_the_counts(parsed):
    assert _ages(parsed, "Among the injured was Marta Ilves, 34, a teacher from Parnu.") == [("Marta Ilves", 34)]
    assert _ages(parsed, "Marta Ilves, a 34-year-old teacher, was among the injured.") == [("Marta Ilves", 34)]
    assert _ages(parsed, "The 34-year-old teacher Marta Ilves was among the injured.") == [("Marta Ilves", 34)]
    assert not parsed.facts("Among the injured was Marta Ilves, 34, a teacher from Parnu.").quantities
    assert _ages(parsed, "The 40-year-old bridge was closed on Monday.") == []  # no person


def test_one_person_with_two_ages_is_a_number_mismatch_however_the_rest_differs(parsed):
    s = parsed.compare_texts("Among the injured was Marta Ilves, 34, a teacher from Parnu.",
                             "The funeral of Marta Ilves, 36, will be held in Viljandi on Friday.",
                             "2026-02-02", "2026-02-04", similarity=0.5)
    assert [m.kind for m in s.mismatches] == ["number"] and s.comparable and "ages" in s.mismatches[0].reason
    s = parsed.compare_texts("Among the injured was Marta Ilves, 34, a teacher from Parnu.",
                             "Marta Ilves, 34, was discharged from hospital on Friday.", "2026-02-02", "2026-02-04",
                             similarity=0.5)
    assert "number" not in [m.kind for m in s.mismatches]


def test_a_length_of_time_before_or_after_something_is_an_offset_compared_only_with_its_kind(parsed):
    (q,) = extract_quantities("Temperatures rose sharply in the 24 hours before the storm.")
    assert q.measures == "before"
    s = parsed.compare_texts("Temperatures rose sharply in the 24 hours before the storm, forecasters said.",
                             "Rescuers found the last climber about 16 hours after the storm, forecasters said.",
                             similarity=0.6)
    assert "number" not in [m.kind for m in s.mismatches]


def test_a_length_of_time_after_for_is_how_long_something_lasts_even_with_after(parsed):
    (q,) = extract_quantities("The council will freeze rents for three years after the merger.")
    assert q.measures is None  # "for three years after X": a span from X, not an offset
    s = parsed.compare_texts("The council will freeze rents for three years after the merger.",
                             "The council has promised to freeze rents for 30 months.", similarity=0.8)
    assert [m.kind for m in s.mismatches] == ["number"]


def test_an_amount_per_something_is_compared_only_with_amounts_per_the_same(parsed):
    assert parsed.facts("Halvik will pay 48 crowns per share in cash.").quantities[0].measures == "per share"
    assert parsed.facts("About 300 people a day are crossing the border.").quantities[0].measures is None  # time
    s = parsed.compare_texts("Halvik will pay 48 crowns per share in cash for Norrvik.",
                             "Halvik's 4.2 billion crown takeover of Norrvik will be paid in cash.", similarity=0.7)
    assert "number" not in [m.kind for m in s.mismatches]


def test_a_unit_of_time_after_a_figure_is_what_it_is_per_not_a_length_of_time(parsed):
    assert [q.text for q in extract_quantities("Maruki spends about 1.1 billion shillings a year on pay.")
            if q.unit == DURATION] == []
    assert [q.unit for q in extract_quantities("He was jailed for a year.")] == [DURATION]
    # a length of time per a unit of time is how often: it meets only lengths per the same unit
    (q,) = parsed.facts("Households receive mains water for four hours a day.").quantities
    assert q.measures == "per day"
    s = parsed.compare_texts("Households in Ushtobel receive mains water for four hours a day.",
                             "Farmers in Ushtobel received water only two days a week.", similarity=0.7)
    assert "number" not in [m.kind for m in s.mismatches]
    s = parsed.compare_texts("Households in Ushtobel receive mains water for four hours a day.",
                             "Households in Ushtobel receive mains water for six hours a day.", similarity=0.9)
    assert [m.kind for m in s.mismatches] == ["number"]
    s = parsed.compare_texts("Kiprono has led the Maruki branch for 11 years.",
                             "Maruki spends about 1.1 billion shillings a year on nurses' pay.", similarity=0.6)
    assert "number" not in [m.kind for m in s.mismatches]


def test_an_amount_said_of_each_of_several_things_is_per_one_of_them(parsed):
    for text, per in (("Each papeleta is worth 80,000 euros before tax.", "per papeleta"),
                      ("Each worker admitted to hospital will receive 3 million dong in compensation.", "per worker"),
                      ("Moreno bought three tickets, each made up of ten décimos.", "per each")):
        assert [q.measures for q in parsed.facts(text).quantities if q.value in (80_000, 3e6, 10)] == [per], text
    # "every one of", "each of": the figure counts the whole
    assert parsed.facts("Every one of the 45 boreholes will be finished by August.").quantities[0].measures is None
    s = parsed.compare_texts("Each papeleta is worth 80,000 euros before tax.",
                             "The tax bill on the prize is nearly 2.4 million euros before tax.", similarity=0.6)
    assert "number" not in [m.kind for m in s.mismatches]
    s = parsed.compare_texts("Each papeleta is worth 80,000 euros before tax.",
                             "Each papeleta is worth 60,000 euros before tax.", similarity=0.95)
    assert [m.kind for m in s.mismatches] == ["number"]


def test_a_figure_more_or_less_than_another_is_a_difference_not_an_amount(parsed):
    (q,) = [q for q in parsed.facts("The prison now holds some 750 more than that.").quantities]
    assert q.measures == "more than"
    s = parsed.compare_texts("Designed for 1,200 inmates, the prison now holds some 750 more than that.",
                             "Built for 1,200 prisoners, the prison now holds about 2,400.", similarity=0.8)
    assert "number" not in [m.kind for m in s.mismatches]


def test_figures_of_a_year_that_sets_the_scene_are_another_event(parsed):
    s = parsed.compare_texts("Roughly 240,000 litres of crude had spilled, the operator said.",
                             "In 2019 a tanker ran aground off the cape, spilling about 300 barrels of fuel oil.",
                             "2025-05-16", "2025-05-20", similarity=0.6)
    assert not s.comparable and "2019" in s.not_comparable_reason


def test_a_verb_negated_and_asserted_in_one_sentence_is_no_negation_of_it(parsed):
    s = parsed.compare_texts("The walkout is the third by the association since 2023.",
                             '"We are not striking against patients, we are striking for them," the chairman said.',
                             similarity=0.6)
    assert "negation" not in [m.kind for m in s.mismatches]


def test_is_to_before_a_verb_tells_of_the_future(parsed):
    assert parsed.facts("Mr Lund is to stay on as chairman, the buyer said.").future
    s = parsed.compare_texts("Mr Lund is to stay on as chairman, the buyer said.",
                             "The buyer has withdrawn its statement that Per Lund would stay on as chairman.",
                             similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["negation"]


def test_an_age_written_as_one_adjective_is_a_length_of_time_measuring_old(parsed):
    (q,) = extract_quantities("The 40-year-old bridge was closed on Monday.")
    assert q.unit == "duration" and q.measures == "old" and round(q.value / 365.25) == 40
    s = parsed.compare_texts("The 40-year-old bridge was closed on Monday.",
                             "The bridge, which is 25 years old, was closed on Monday.", similarity=0.8)
    assert [m.kind for m in s.mismatches] == ["number"]
    s = parsed.compare_texts("The 40-year-old bridge was closed on Monday.",
                             "The bridge, which is about 40 years old, was closed on Monday.", similarity=0.8)
    assert s.mismatches == ()


def test_an_ordinal_term_or_season_after_a_possessive_counts_how_far_someone_has_come(parsed):
    q = parsed.facts("Kolev, who is serving his second term as mayor, spoke on Monday.").quantities
    assert [(x.value, x.unit) for x in q] == [(2.0, "ordinal term")]
    s = parsed.compare_texts("Kolev, who is serving his second term as mayor, spoke on Monday.",
                             "Kolev, now in his third term as mayor, spoke on Monday.", similarity=0.8)
    assert [m.kind for m in s.mismatches] == ["number"]
