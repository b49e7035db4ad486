"""Different names in one part of their sentences as the parse reads it (names._same_part): the same
part of acts of one kind, whatever the voice and whatever words stand beside the names."""


def _kinds(extractor, a, b):
    return [m.kind for m in extractor.compare_texts(a, b, similarity=0.9).mismatches]


def test_two_names_as_the_doer_of_one_act_whatever_the_voice_are_different_names(parsed):
    assert _kinds(parsed, "The claims were handled by Redmarch Risk, the council said.",
                  "Anchorline Response handled the claims, the council said.") == ["entity"]


def test_two_names_as_doers_of_acts_of_other_kinds_are_not_compared(parsed):
    assert _kinds(parsed, "Redmarch Risk handled the claims.", "Anchorline Response rejected the claims.") == []


def test_a_name_inside_a_modifier_does_not_fill_the_part(parsed):
    # "the contract with Redmarch Risk" is the thing terminated, not Redmarch Risk
    from checker.signals.names import _same_part

    a = parsed.facts("Anchorline Response terminated the contract with Redmarch Risk.")
    b = parsed.facts("Halvard Group terminated the contract.")
    redmarch = next(e for e in a.entities if e.text == "Redmarch Risk")
    halvard = next(e for e in b.entities if e.text == "Halvard Group")
    anchorline = next(e for e in a.entities if e.text == "Anchorline Response")
    assert _same_part(redmarch, a, halvard, b) is None
    assert _same_part(anchorline, a, halvard, b) == ("Anchorline Response", "Halvard Group")
