"""Where a thing comes from (checker/provenance.py): facets, what they are said of, and which differ.

Every sentence here is invented for the test."""
import pytest

from checker.provenance import contrast, provenance_claims


def facets(text):
    return [c.facet for c in provenance_claims(text)]


@pytest.mark.parametrize("text, expected", [
    ("Kestovia manufactures the shells under a licence from Brannock Arms.", ["production"]),
    ("The turbines are assembled in Velmar.", ["production"]),
    ("The vaccines were made by Orlo Pharma.", ["production"]),
    ("The generators will come from the army's own reserves.", ["stock"]),
    ("The trucks will be taken out of existing inventories.", ["stock"]),
    ("Doses will be sent from Norvia's stockpile next week.", ["stock"]),
    ("The ministry bought the grain from Tarsen Farms.", ["purchase"]),
    ("The blankets were donated by the Red Pillar charity.", ["donation"]),
    ("The pumps were handed over free of charge.", ["donation"]),
    ("The pumps were delivered at no cost to the town.", ["donation"]),
    ("The Atlas Fund's grant covers the pumps.", ["donation"]),
    ("The town ordered the pumps from Hydrex last year.", ["purchase"]),
    ("The gas will be drawn from the country's strategic storage.", ["stock"]),
    ("The generators were rented from Voltrix.", ["loan"]),
    ("The cranes were leased from Hobart Lifting.", ["loan"]),
    ("The grain shipments were paid for by the Ostrava Fund.", ["funding"]),
])
def test_each_facet_is_found_from_its_cue_words(text, expected):
    assert facets(text) == expected


@pytest.mark.parametrize("text", [
    "The minister made clear that the government would make good on its promises.",
    "The old building collapsed during the storm.",
    "Stocks of fuel are running low, the agency warned.",
    "The ministry needs an export license for the radars.",
    "The ministry chose not to lease the cranes.",  # a denied facet is no claim
    "The council decided against buying the cranes.",
    "Both countries agreed to expand production of the vaccines.",  # capacity, not where a delivery comes from
    "The plant will make more turbines next year.",
])
def test_idioms_capacity_denials_and_stock_as_destination_are_no_claims(text):
    assert facets(text) == []


def test_a_claim_keeps_its_cue_as_written_its_named_source_and_what_it_is_said_of():
    [claim] = provenance_claims("Kestovia manufactures the shells under a licence from Brannock Arms.")
    assert claim.cue == "manufactures … under a licence" and claim.source == "Brannock Arms"
    assert "shell" in claim.objects and not any(w.startswith("kestovia") for w in claim.objects)
    [stock] = provenance_claims("The shells will be transferred from Kestovia's own stocks.")
    assert stock.cue == "from Kestovia's own stocks" and stock.source == "Kestovia"
    assert "Kestovia's own stocks" == "The shells will be transferred from Kestovia's own stocks."[stock.start + 5:stock.end]


def test_made_against_taken_from_stock_differs_about_the_same_thing():
    made = provenance_claims("Kestovia manufactures the shells under a licence from Brannock Arms.")
    stock = provenance_claims("The shells will be transferred from Kestovia's own stocks.")
    a, b = contrast(made, stock)
    assert (a.facet, b.facet) == ("production", "stock")


def test_bought_against_donated_and_different_payers_differ():
    bought = provenance_claims("Lirano bought the vaccines from Orlo Pharma.")
    given = provenance_claims("The vaccines were donated to Lirano by Teska.")
    assert contrast(bought, given) is not None
    paid_a = provenance_claims("The grain was paid for by the Ostrava Fund.")
    paid_b = provenance_claims("The grain was funded by the Danel Foundation.")
    assert [c.source for c in contrast(paid_a, paid_b)] == ["Ostrava Fund", "Danel Foundation"]


def test_compatible_facets_other_things_or_one_sentence_holding_both_facets_do_not_differ():
    made = provenance_claims("Orlo Pharma produces the vaccines in Velmar.")
    assert contrast(made, provenance_claims("Lirano bought the vaccines from Orlo Pharma.")) is None  # the maker sells
    assert contrast(made, provenance_claims("The tents will come from the army's own reserves.")) is None  # other things
    both = provenance_claims("The vaccines, produced in Velmar, will come from Lirano's existing stocks.")
    assert contrast(made, both) is None
    same = provenance_claims("The grain was paid for by the Ostrava Fund.")
    assert contrast(same, provenance_claims("The grain was financed by Ostrava Fund officials.")) is None


def test_what_comes_from_its_owners_own_holdings_is_stock_and_building_it_is_production():
    own = provenance_claims("The first two aircraft will come from the Canadian air force's own fleet.")
    built = provenance_claims("Northgate Aero is building the first two aircraft at its plant in Corran Falls.")
    assert [c.facet for c in own] == ["stock"] and "aircraft" in own[0].objects
    assert [c.facet for c in built] == ["production"] and "aircraft" in built[0].objects
    assert contrast(own, built) is not None
    # "building" as a noun, and "own" that is not a source, are no claims
    assert provenance_claims("The building was evacuated.") == []
    assert provenance_claims("The utility wants its own reservoir.") == []
