"""A running total told at two times (checker/signals/tallies.py): a doubt for the review list, not a
number conflict, while figures as of one time, or a tally that shrinks, stay a mismatch."""
from __future__ import annotations

import datetime as dt

from checker.signals.tallies import FINAL, as_of


def test_the_time_a_figure_is_given_as_of(parsed):
    day = dt.date(2025, 2, 13)  # a Thursday
    assert as_of(parsed.facts("By Tuesday morning the blaze had consumed some 2,400 hectares."), day) == dt.date(2025, 2, 11)
    assert as_of(parsed.facts("Seventeen bodies had been pulled out by nightfall on Sunday."), day) == dt.date(2025, 2, 9)
    assert as_of(parsed.facts("The fire eventually burned 6,800 hectares."), day) == FINAL
    # "by" before a doer, not a time
    assert as_of(parsed.facts("The leak was first noticed by fishermen yesterday morning."), day) is None


def test_a_tally_that_grows_between_two_times_is_worth_a_look_not_a_conflict(parsed):
    s = parsed.compare_texts("The fire had burned about 4,200 hectares of scrub by Tuesday morning, the service said.",
                             "The fire eventually burned 6,800 hectares of scrub, the service said.",
                             "2025-02-12", "2025-02-19", similarity=0.8)
    assert "number" not in [m.kind for m in s.mismatches]
    assert any("running total at two times" in d for d in s.doubts)


def test_figures_as_of_one_time_or_a_shrinking_tally_stay_a_mismatch(parsed):
    same_time = parsed.compare_texts("About 1,200 people had moved into shelters by Tuesday afternoon.",
                                     "About 2,100 people had moved into shelters by Tuesday afternoon.",
                                     "2024-10-16", "2024-10-16", similarity=0.95)
    shrinks = parsed.compare_texts("By Monday, 23 people had reported symptoms, the county said.",
                                   "As of Tuesday, 11 people had reported symptoms, the county said.",
                                   "2024-10-16", "2024-10-16", similarity=0.9)
    assert "number" in [m.kind for m in same_time.mismatches]
    assert "number" in [m.kind for m in shrinks.mismatches]
