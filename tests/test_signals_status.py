"""Event status: done vs still under way / not done yet, and the pair rule that uses publication
dates to tell a conflict (done, then later still under way) from progress (the other order)."""
from __future__ import annotations

import pytest

from checker.signals.status import find_status


def statuses(text: str) -> list[tuple[str, str]]:
    return [(m.family, m.status) for m in find_status(text)]


@pytest.mark.parametrize("text, expected", [
    ("Thanks to this, the US received more Patriot systems.", [("transfer", "done")]),
    ("The ferry Elske was handed over to the operator on Monday.", [("transfer", "done")]),
    ("Installation of the shore power link has been completed.", [("build", "done")]),
    ("All crews have completed their training programme.", [("train", "done")]),
    ("The new terminal opened to passengers in May.", [("open", "done")]),
    ("Work is underway to transfer the missiles from Japan.", [("transfer", "ongoing")]),
    ("The handover of the ferry from the yard to the operator is still underway.", [("transfer", "ongoing")]),
    ("Crews are still being trained at the maritime school.", [("train", "ongoing")]),
    ("The second ferry is still on its way to its home port.", [("transfer", "ongoing")]),
    ("The terminal has yet to open.", [("open", "pending")]),
    ("The board has not yet signed the licence.", [("sign", "pending")]),
    ("The second instalment remains outstanding, the operator said.", [("pay", "pending")]),
    ("The operator is still awaiting delivery of the vessel.", [("transfer", "pending")]),
])
def test_done_ongoing_and_pending_events_are_recognised(text, expected):
    assert statuses(text) == expected


@pytest.mark.parametrize("text", [
    "Japan will transfer the missiles next year.",
    "The ferry is expected to be delivered in June.",
    "The other countries' orders will be delayed, but still received.",  # a plan over both clauses
    "Missiles sent to help Ukraine have depleted US stocks.",  # a participle describing a noun
    "The operator will pay once the ferry has been delivered.",  # a future condition
    "The court handed down its ruling on Friday.",  # not a handover
    "The redirecting of the exported missiles is a separate matter.",  # an adjective
    "The decision underscores the dynamics of the ongoing crisis in Ukraine.",  # no event is ongoing
    "The company made a decision to sell.",  # "made" reports an event only in the passive
])
def test_plans_conditions_participles_and_unrelated_markers_are_not_statuses(text):
    assert statuses(text) == []


DONE = "Kessmar Shipyard has handed over the ferry Elske to Norrvik Island Ferries."
STILL = "The handover of the ferry Elske from Kessmar Shipyard to Norrvik Island Ferries is still underway."


def test_done_in_an_earlier_article_and_still_underway_in_a_later_one_is_a_status_conflict(extractor):
    s = extractor.compare_texts(DONE, STILL, "2025-03-04", "2025-05-20")
    assert s.comparable
    assert [m.kind for m in s.mismatches] == ["status"]
    m = s.mismatches[0]
    assert m.a_value == "has handed over" and m.b_value == "underway"
    assert m.reason.startswith("Status:") and "2025-03-04" in m.reason and "later (2025-05-20)" in m.reason


def test_still_underway_earlier_and_done_later_is_progress_not_a_conflict(extractor):
    s = extractor.compare_texts(STILL, DONE, "2025-03-04", "2025-05-20")
    assert not s.comparable and not s.mismatches
    assert "progress, not a conflict" in s.not_comparable_reason


def test_without_publication_dates_the_clash_is_flagged_with_the_order_unknown(extractor):
    s = extractor.compare_texts(DONE, STILL)
    assert [m.kind for m in s.mismatches] == ["status"]
    assert "which report is later is unknown" in s.mismatches[0].reason


def test_done_and_underway_about_different_parties_is_no_status_conflict(extractor):
    # the story's two main names alone do not make one event
    s = extractor.compare_texts(
        "Since American arms makers supplied Ukraine with weapons as part of military aid, artillery shell "
        "and missile reserves in the US began to run out.",
        "Officials said work was underway to transfer existing Patriot ammunition from Japan to the US, "
        "which could free up supplies for Ukraine.")
    assert not s.mismatches


def test_a_negation_flip_is_not_counted_twice_as_a_status_clash(extractor):
    s = extractor.compare_texts("The board has signed the operating licence for the route.",
                                "The board has not signed the operating licence for the route.")
    assert [m.kind for m in s.mismatches] == ["negation"]


def test_not_yet_in_an_earlier_article_then_done_in_a_later_one_is_progress_not_a_negation(extractor):
    early = "The operator is still testing its booking system, so passengers cannot yet book crossings online."
    late = "The operator launched its online booking system for crossings in April."
    s = extractor.compare_texts(early, late, "2025-03-04", "2025-05-20")
    assert not s.comparable and not s.mismatches
    assert "had not happened yet" in s.not_comparable_reason
    # the other order is still a flip: done first, then "not yet"
    s = extractor.compare_texts(late, early, "2025-03-04", "2025-05-20")
    assert [m.kind for m in s.mismatches] == ["negation"]
