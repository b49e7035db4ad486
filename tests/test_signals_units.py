"""Units of measure read by pint (checker/signals/units.py) and the readings of what a number counts
that the number rule uses (checker/signals/numbers.py): the head of a compound, and a measured word the parse
attached differently."""
from __future__ import annotations

import pytest

from checker.signals.numbers import extract_quantities
from checker.signals.units import read_measure
from conftest import kinds


@pytest.mark.parametrize("words, dimension, factor", [
    (("km",), "length", 1000.0), (("kilometres",), "length", 1000.0), (("miles",), "length", 1609.344),
    (("tonnes",), "mass", 1000.0), (("kg",), "mass", 1.0), (("hectares",), "area", 10_000.0),
    (("square", "kilometres"), "area", 1e6), (("sq", "km"), "area", 1e6), (("cubic", "metres"), "volume", 1.0),
    (("MW",), "power", 1e6), (("kilowatt-hours",), "energy", 3.6e6), (("knots",), "speed", 0.5144444),
])
def test_pint_reads_units_of_measure_in_any_spelling(words, dimension, factor):
    m = read_measure(words)
    assert m is not None and m.dimension == dimension and m.factor == pytest.approx(factor, rel=1e-6)


@pytest.mark.parametrize("word", ["points", "hands", "stones", "bars", "cups", "lines", "degrees", "people", "m",
                                  "mw", "pounds"])
def test_ordinary_words_and_single_letters_are_no_units(word):
    # pint defines "point", "hand", "stone"...; after a number in news they count things. "pounds" are money.
    assert read_measure((word,)) is None


def test_amounts_in_units_become_amounts_of_one_dimension():
    (q,) = extract_quantities("The plume rose eight kilometres above the crater.")
    assert (q.unit, q.value, q.noun) == ("length", 8000.0, None)
    (q,) = extract_quantities("The 40-metre crane toppled over.")
    assert (q.unit, q.value, q.text) == ("length", 40.0, "40-metre")
    (q,) = extract_quantities("The fire burned about 12 square kilometres of scrub.")
    assert q.unit == "area" and q.low < 12e6 < q.high


def test_one_length_in_two_units_disagrees_or_agrees_by_value(parsed):
    s = parsed.compare_texts("The ash column rose eight kilometres into the sky, the observatory said.",
                             "Satellite data showed the ash column reaching 11 km into the sky.", similarity=0.7)
    assert [m.kind for m in s.mismatches] == ["number"] and "lengths" in s.mismatches[0].reason
    s = parsed.compare_texts("The ash column rose 8 kilometres into the sky.",
                             "The ash column rose some 8,000 metres into the sky.", similarity=0.8)
    assert s.mismatches == ()


def test_hectares_and_square_kilometres_are_one_area(parsed):
    s = parsed.compare_texts("The blaze has burned 1,200 hectares of forest near the town.",
                             "The blaze has burned about 12 square kilometres of forest near the town.", similarity=0.8)
    assert s.mismatches == ()
    s = parsed.compare_texts("The blaze has burned 1,200 hectares of forest near the town.",
                             "The blaze has burned about 40 square kilometres of forest near the town.", similarity=0.8)
    assert [m.kind for m in s.mismatches] == ["number"]


def test_a_count_is_of_the_head_noun_of_a_compound(parsed):
    (q, _) = parsed.facts("The nurses won a 9 percent pay rise spread over two years.").quantities
    assert (q.noun, q.unit, q.text) == ("rise", "percent", "9 percent pay rise")
    (q,) = parsed.facts("About 300 police officers were deployed.").quantities
    assert q.noun == "officer"


def test_a_word_measured_in_one_parse_is_measured_in_both_when_both_sentences_have_it(parsed):
    # the parser attaches "minutes" to "inside" in one sentence and to "spent" in the other
    s = parsed.compare_texts("The burglars got in through a window and spent less than five minutes inside, police said.",
                             "Camera footage suggests they spent about 20 minutes inside.", similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["number"]


@pytest.mark.parametrize("text, value, low, high", [
    ("Roughly three dozen boats were damaged.", 36, 30.6, 41.4),         # a dozen as the figure's scale
    ("Nearly one and a half million litres leaked.", 1500.0, 1200.0, 1550.0),   # m3: "and a half"
    ("More than a hundred and twenty passengers were on board.", 120, 120, float("inf")),  # the hedge holds
    ("The strike lasted two and a half weeks.", 17.5, 17.15, 17.85),
])
def test_numbers_in_words_with_a_dozen_a_half_or_an_article(text, value, low, high):
    q = extract_quantities(text)[0]
    assert q.value == pytest.approx(value) and q.low == pytest.approx(low) and q.high == pytest.approx(high)


def test_a_share_of_a_counted_whole_is_a_count_of_it():
    count, total = extract_quantities("Around three-quarters of the 40 workers joined the strike.")
    assert (count.value, count.noun, count.role, count.total) == (30.0, "worker", "count", 40.0)
    assert (total.value, total.role) == (40.0, "total")
    count, _ = extract_quantities("A third of the 300 homes lost power.")
    assert (count.low, count.high) == pytest.approx((90.0, 110.0))  # as rounded as the 300
    # no whole counted: no count of voters, but the proportion it states (numbers.fraction_percents)
    (share,) = extract_quantities("Two-thirds of voters backed the plan.")
    assert (share.unit, share.value, share.total, share.noun) == ("percent", 66.7, None, None)


@pytest.mark.parametrize("text, written, value", [
    ("The doctors are asking for pay to rise by two-fifths.", "two-fifths", 40.0),
    ("The offer is roughly a fifth above the closing price.", "roughly a fifth", 20.0),
    ("Pay rose by a third.", "a third", 33.3),
    ("Half of the staff stayed home.", "Half", 50.0),
])
def test_a_fraction_that_states_a_proportion_is_a_percentage(text, written, value):
    (q,) = extract_quantities(text)
    assert (q.text, q.value, q.unit) == (written, value, "percent")


@pytest.mark.parametrize("text", ["The third ferry left at noon.", "It was the fifth year of drought.",
                                  "Profits fell in three of the last five quarters.",
                                  "A quarter of an hour later the fire spread.", "They waited half an hour."])
def test_an_ordinal_a_fraction_of_a_unit_or_periods_counted_are_no_proportion(text):
    assert [q for q in extract_quantities(text) if q.unit == "percent"] == []


def test_a_proportion_told_as_a_fraction_disputes_a_percentage(parsed):
    s = parsed.compare_texts("His family holds just over two-fifths of Zorza's shares and has agreed to sell.",
                             "The founder's family is selling a 14 percent stake.", similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["number"] and "two-fifths" in s.mismatches[0].reason
    s = parsed.compare_texts("Nearly half of the homes were damaged.", "About 45 percent of homes were damaged.",
                             similarity=0.8)
    assert s.mismatches == ()


def test_a_share_agrees_with_the_count_it_makes(parsed):
    s = parsed.compare_texts("Around three-quarters of the 40 dockers joined the walkout on Monday.",
                             "About 30 dockers joined the walkout on Monday.", "2026-05-12", "2026-05-12", similarity=0.8)
    assert s.mismatches == ()
    s = parsed.compare_texts("Around three-quarters of the 40 dockers joined the walkout on Monday.",
                             "Only 12 dockers joined the walkout on Monday.", "2026-05-12", "2026-05-12", similarity=0.8)
    assert [m.kind for m in s.mismatches] == ["number"]


def test_event_nouns_name_what_happens_or_holds_and_never_a_medium():
    from checker.signals.nouns import event_noun
    assert all(event_noun(w) for w in ("takeover", "death", "bankruptcy", "strike", "Merger"))
    assert not any(event_noun(w) for w in ("media", "press", "newspaper", "tabloid", "photo", "minister"))


def test_counts_of_nouns_of_one_first_sense_in_wordnet_count_one_thing(parsed):
    from checker.signals.nouns import one_noun
    assert one_noun("store", "shop") and one_noun("doctor", "physician") and one_noun("pupil", "student")
    assert not one_noun("worker", "employee") and not one_noun("job", "post")  # "post" is a job in a rarer sense
    s = parsed.compare_texts("Halvik has eleven hundred and fifty stores, most of them in small towns.",
                             "Halvik's 1,510 shops are concentrated in small towns.", similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["number"]


def test_a_percentage_told_as_a_change_is_compared_only_with_changes(parsed):
    """"Up 26 percent" is how much the price moved, not a share of the shares: no dispute with "two-fifths
    of the shares"; two changes are compared ("a premium of about 30 percent" / "roughly a fifth above")."""
    f = parsed.facts
    assert [q.sense for q in f("Zorza shares were up 26 percent at 46.80 zlotys.").quantities
            if q.unit == "percent"] == ["change"]
    assert [q.sense for q in f("The family is selling a 14 percent stake.").quantities] == ["share"]
    assert parsed.compare_texts("Zorza shares were up 26 percent at 46.80 zlotys in afternoon trading.",
                                "His family holds just over two-fifths of Zorza's shares.", similarity=0.6).mismatches == ()
    s = parsed.compare_texts("Almvik will pay 48 zlotys per share in cash, a premium of about 30 percent to Zorza's "
                             "closing price on Friday.",
                             "The 48-zloty offer is roughly a fifth above where Zorza's shares closed before the "
                             "announcement.", similarity=0.64)
    assert [m.kind for m in s.mismatches] == ["number"]
    assert [q.text for q in f("Prices rose by a third last year.").quantities] == ["a third"]
    assert f("He came by a third route.").quantities == ()


def test_a_fraction_told_as_a_change_is_not_set_against_a_bare_percentage(parsed):
    """"Rose by about a third" is a ratio of change: a bare "3% offer" around the same words is no figure
    of the same change (with digits the number rule compares as before: "a 4% pay offer" / "a 5% pay rise")."""
    assert parsed.compare_texts(
        "Nurses at Bramhope General Hospital, about 30 miles away, accepted a 3% offer from their own trust.",
        "Spending on agency nurses at the trust rose by about a third in the last financial year.",
        similarity=0.55).mismatches == ()


def test_a_unit_of_two_words_is_read_whole(extractor):
    # "18 nautical miles" is 33 km, not 29: two accounts of one distance agree
    q = extractor.facts("The ship rolled about 18 nautical miles off the coast.").quantities[0]
    assert (q.unit, round(q.value)) == ("length", 33336)
    assert extractor.facts("It carried 40 metric tons of grain.").quantities[0].value == 40_000
    assert "number" not in kinds(extractor.compare_texts("The ship rolled some 33 kilometres off the coast.",
                                                         "The ship rolled about 18 nautical miles off the coast."))


def test_a_unit_of_time_after_a_figure_and_its_noun_is_the_figure_s_rate():
    # "a year" a few words after the figure is per year, not a length of a year
    assert [q.unit for q in extract_quantities("The mill saws about 40,000 cubic metres of pine logs a year.")] == [
        "volume"]
    assert "duration" in [q.unit for q in extract_quantities("He paid 300 euros to the owners of the land for a year.")]


def test_a_count_of_how_many_fewer_is_no_count_of_how_many(parsed):
    s = parsed.compare_texts("The reform will cut the board from 14 seats to 10.",
                             "Under the reform the board will have four fewer seats, 10 instead of the current 14.",
                             "2026-05-12", "2026-05-12", similarity=0.8)
    assert not s.mismatches  # "four fewer seats" takes four away; it does not say there are four
