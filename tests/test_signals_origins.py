"""Where a named party is based, listed or flagged, told by a place joined to a participle in front of its
name (checker/signals/origins.py), read from spaCy's parse."""
from __future__ import annotations

import pytest

from conftest import kinds


def test_the_parse_gives_the_place_and_how_it_belongs(parsed):
    (o,) = parsed.facts("Dublin-based Halvard Aircraft Leasing took possession of the aircraft.").origins
    assert (o.place, o.how, o.noun) == ("Dublin", "base", "leasing")
    (o,) = parsed.facts("The Dar es Salaam-based Bahari Salvage has asked fishermen to help.").origins
    assert o.place == "Dar es Salaam"


@pytest.mark.parametrize("a, b", [
    ("Dublin-based Halvard Aircraft Leasing took possession of the two aircraft on Sunday night.",
     "Amsterdam-based Halvard has since placed both repossessed aircraft with a charter operator."),
    ("The ban threatens the project of Toronto-listed Andes Aurea Resources.",
     "Vancouver-listed Andes Aurea acquired the concessions from a local prospector."),
    # the participle on a common noun set beside the name, in front of it or in apposition
    ("The aircraft belong to Dublin-based lessor Halvard Aircraft Leasing, which bought them in 2019.",
     "Halvard Aircraft Leasing, the Amsterdam-based lessor that owns both aircraft, said it would appeal."),
])
def test_one_party_given_two_places_by_one_participle_is_an_entity_conflict(parsed, a, b):
    assert kinds(parsed.compare_texts(a, b, similarity=0.55)) == ["entity"]


@pytest.mark.parametrize("a, b", [
    # a country against its people's adjective; two participles; two parties
    ("The Liberian-flagged Salma Horizon was sailing to Dar es Salaam.",
     "The Liberia-flagged Salma Horizon was on its way to Dar es Salaam."),
    ("Dublin-based Halvard Aircraft Leasing took possession of the aircraft.",
     "Irish-owned Halvard took possession of the aircraft."),
    ("Dublin-based Halvard Aircraft Leasing took possession of the aircraft.",
     "Amsterdam-based Norlease took possession of the aircraft."),
    ("The aircraft belong to Dublin-based lessor Halvard Aircraft Leasing.",
     "Norlease, the Amsterdam-based lessor that owns the engines, said it would appeal."),
])
def test_one_place_two_participles_or_two_parties_are_no_origin_conflict(parsed, a, b):
    assert not any("Different places for one party" in m.reason
                   for m in parsed.compare_texts(a, b, similarity=0.55).mismatches)
