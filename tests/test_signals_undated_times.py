"""Relative times of articles without a date are compared with each other, as if both were written
on the same (unknown) day: a conflict only when they cannot overlap whatever day that was."""
import pytest


def _reasons(extractor, a, b, a_date=None, b_date=None):
    return [m.reason for m in extractor.compare_texts(a, b, a_date, b_date, similarity=0.9).mismatches]


def test_two_relative_times_that_never_overlap_conflict_without_a_date(extractor):
    reasons = _reasons(extractor, "The museum reopened last week, the council said.",
                       "The museum will reopen next year, the council said.")
    assert len(reasons) == 1 and "last week (written any day)" in reasons[0] and "next year" in reasons[0]


@pytest.mark.parametrize("a, b", [
    # in December "next month" is next year, and a future "this summer" is next summer
    ("The museum will reopen next month, the council said.", "The museum will reopen this year, the council said."),
    ("The museum will reopen this summer, the council said.", "The museum will reopen next year, the council said."),
    ("The museum will reopen within days, the council said.", "The museum will reopen next year, the council said."),
])
def test_relative_times_that_some_day_overlap_are_no_conflict_without_a_date(extractor, a, b):
    assert _reasons(extractor, a, b) == []


def test_a_date_decides_when_there_is_one(extractor):
    reasons = _reasons(extractor, "The museum will reopen this summer, the council said.",
                       "The museum will reopen next year, the council said.", "2024-03-01", "2024-03-02")
    assert len(reasons) == 1 and "written any day" not in reasons[0]
