"""Events counted in a stretch of time (checker/signals/occurrences.py), read from the parse, and two
counts over nested stretches that cannot both hold."""
from __future__ import annotations

import pytest


def _counts(parsed, text):
    return [(o.noun, o.nth, o.since, o.years) for o in parsed.facts(text).occurrences]


def _months(parsed, text):
    return [(o.noun, o.nth, o.since, o.since_month) for o in parsed.facts(text).occurrences]


def test_an_ordinal_with_a_stretch_of_time_counts_the_event(parsed):
    assert _counts(parsed, "It was the first national teachers' strike since 2009.") == [("strike", 1, 2009, None)]
    assert _counts(parsed, "This is the third eruption this century.") == [("eruption", 3, None, -100.0)]
    assert _counts(parsed, "It was the second theft from the museum in seven years.") == [("theft", 2, None, 7)]
    # a history is the thing's whole life, however long it is said to be
    assert _counts(parsed, "It was the first theft in its 140-year history.") == [("theft", 1, None, float("inf"))]
    assert _counts(parsed, "The second ferry arrived on Monday.") == []  # one of a series: no stretch, no count


def test_the_longer_stretch_cannot_count_fewer_than_the_shorter_inside_it(parsed):
    s = parsed.compare_texts("It was the first national teachers' strike since 2009.",
                             "The walkout was the union's third nationwide strike since 2017.",
                             "2027-02-09", "2027-02-13", similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["number"] and s.comparable  # the years are no two periods
    s = parsed.compare_texts("It was the second theft from the museum in seven years.",
                             "The director said it was the first theft in the museum's 140-year history.",
                             "2026-10-12", "2026-10-16", similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["number"]


def test_counts_that_can_both_hold_or_of_two_kinds_of_event_are_left_alone(parsed):
    # the first since 2017 can be the third since 2009; a strike is no eruption
    assert parsed.compare_texts("It was the first strike since 2017.", "It was the third strike since 2009.",
                                "2026-10-12", "2026-10-16", similarity=0.6).mismatches == ()
    assert parsed.compare_texts("It was the first strike since 2009.", "It was the third protest since 2017.",
                                "2026-10-12", "2026-10-16", similarity=0.6).mismatches == ()


def test_a_stretch_from_a_month_or_told_with_the_verb_and_an_ordinal_after_a_copula_count_too(parsed):
    assert _months(parsed, "It is the fourth outage at the plant since March.") == [("outage", 4, None, 3)]
    assert _months(parsed, "It is the fourth outage at the plant since March 2024.") == [("outage", 4, 2024, 3)]
    assert _counts(parsed, "The closure is the second by the operator since 2021.") == [("closure", 2, 2021, None)]
    assert _counts(parsed, "It was the first recall by the company in nearly a decade.") == [("recall", 1, None, 10)]


def test_since_a_month_is_the_article_s_year_and_meets_this_year(parsed):
    s = parsed.compare_texts("This is the second outage at the plant this year, the regulator said.",
                             "It is the fourth outage at the plant since February, according to the operator.",
                             "2026-06-10", "2026-06-11", similarity=0.7)
    assert [m.kind for m in s.mismatches] == ["number"]
    # a month after the article's own: last year's, a longer stretch, which may count more
    assert parsed.compare_texts("This is the second outage at the plant this year.",
                                "It is the fourth outage at the plant since September.",
                                "2026-06-10", "2026-06-11", similarity=0.7).mismatches == ()


def test_a_gerund_the_parse_tags_as_a_verb_and_stretches_of_months_count_too(parsed):
    assert _counts(parsed, "It was the third fatal police shooting in Marrowby this year.") == [
        ("shooting", 3, None, -1.0)]
    (count,) = parsed.facts("The raid was the second on a Velmar depot in four months.").occurrences
    assert (count.noun, count.nth, round(count.years, 3)) == ("raid", 2, round(4 / 12, 3))


def test_two_counts_over_one_stretch_told_at_a_month_s_grain_cannot_both_hold(parsed):
    s = parsed.compare_texts("Monday's raid was the second on a Velmar depot in four months.",
                             "The raid was the third on a Velmar depot since November.",
                             "2026-03-09", "2026-03-12", similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["number"]
    # a month more apart, the longer stretch may hold one more
    assert parsed.compare_texts("Monday's raid was the second on a Velmar depot in four months.",
                                "The raid was the third on a Velmar depot since September.",
                                "2026-03-09", "2026-03-12", similarity=0.6).mismatches == ()


def test_a_closed_compound_counts_a_sort_of_its_head(parsed):
    from checker.signals.occurrences import kind_of

    assert kind_of("landslide", "slide") and kind_of("wildfire", "fire") and not kind_of("slide", "landslide")
    # over one stretch a kind counts at least as many as its sort: the slide cannot be the second if it is
    # the third landslide
    s = parsed.compare_texts("It is the third landslide at the site since 2017, the ministry said.",
                             "The slide was the second at the dump since 2017, the emergency ministry said.",
                             "2026-04-20", "2026-04-24", similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["number"] and "at least as many" in s.mismatches[0].reason
    # the third fire may be the second wildfire
    assert parsed.compare_texts("It was the second wildfire in the park since 2019.",
                                "It was the third fire in the park since 2019.",
                                "2026-04-20", "2026-04-24", similarity=0.6).mismatches == ()


def test_counts_over_a_whole_history_told_with_or_without_its_length_or_by_a_possessive(parsed):
    assert _counts(parsed, "It was the second walkout in the union's history.") == [("walkout", 2, None, float("inf"))]
    assert _counts(parsed, "It was the cooperative's third strike.") == [("strike", 3, None, float("inf"))]
    # an ordinal that names which of a holder's events a sentence speaks of counts nothing
    assert _counts(parsed, "Okafor scored the club's second goal after the break.") == []
    for a, b in [("The stoppage is the first strike in the port's 60-year history, the union said.",
                  "It was the second strike in the history of the port, after a pay dispute."),
                 ("It is the first strike in the history of the dairy cooperative.",
                  "The stoppage was the cooperative's second strike."),
                 ("It was the first recall in the cooperative's history.",
                  "The recall is the third by the cooperative since 2019.")]:
        assert _kinds(parsed, a, b) == ["number"], (a, b)
    # the first in a history can be the first since a year inside it
    assert _kinds(parsed, "It was the first recall in the cooperative's history.",
                  "It was the first recall by the cooperative since 2019.") == []


def test_a_count_of_times_meets_a_count_of_the_event_the_time_is_of(parsed):
    # "time" and "incident" name an occurrence of what the words beside them tell...
    times = "It was the second time this year that a power cut had halted the mine's hoists."
    power_cut = "The outage was the third power cut at the mine in 2026, the operator said."
    assert _kinds(parsed, times, power_cut) == ["number"]
    assert _kinds(parsed, "It was the third time in five years that floodwater had closed the tunnel.",
                  "It was the second incident in five years in which floodwater closed the tunnel.") == ["number"]
    # ...and of another event they are no count of it
    assert _kinds(parsed, times, "The blast was the third accident at the mine in 2026.") == []


def _kinds(parsed, a, b):
    """The kinds of mismatch of two sentences of articles four days apart, alike enough to be compared."""
    return [m.kind for m in parsed.compare_texts(a, b, "2026-03-02", "2026-03-06", similarity=0.6).mismatches]


def test_a_stretch_told_on_what_the_counted_noun_is_of(parsed):
    s = parsed.compare_texts("It was the fifth round of talks between the two unions this year.",
                             "It was only the third round of wage talks between the unions this year.",
                             "2026-05-04", "2026-05-06", similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["number"]


@pytest.mark.parametrize("sentence, count", [
    # a clause with "since" opens the stretch at the year it gives...
    ("It was the third fire at the refinery since it opened in 1987.", ("fire", 3, 1987, None)),
    ("Tuesday's poll was the district's second by-election since the assembly was elected in 2022.",
     ("election", 2, 2022, None)),  # a hyphened noun, which the parser splits
    # ...else at the making of what its verb opens or makes: the thing's whole history
    ("The outage was the fourth breakdown since the turbine was installed.", ("breakdown", 4, None, float("inf"))),
    ("This is the fifth time the pipeline has leaked since it was laid.", ("time", 5, None, float("inf"))),
    # an edition is numbered from a recurring event's first, and counts that event
    ("Saturday's regatta was the club's 21st edition.", ("club", 21, None, float("inf"))),
    ("The ninth edition of the marathon drew a record field.", ("marathon", 9, None, float("inf"))),
])
def test_a_stretch_told_by_a_clause_or_an_edition_counts_the_event(parsed, sentence, count):
    assert _counts(parsed, sentence) == [count]


def test_a_clause_that_opens_no_thing_s_history_gives_no_stretch(parsed):
    # when the strike began is not said: no count can be set against another stretch
    assert _counts(parsed, "It was the third walkout since the strike began.") == []


def test_counts_since_one_clause_or_of_one_recurring_event_that_differ_conflict(parsed):
    assert _kinds(parsed, "Tuesday's poll was the district's second by-election since the assembly was elected in 2022.",
                  "The poll was Orvale's third by-election since the present assembly took office in 2022.") == ["number"]
    assert _kinds(parsed, "The regatta, the 21st edition of the Linsey Cup, was sailed on Saturday.",
                  "This year's race was the 18th Linsey Cup since the club launched the event.") == ["number"]
