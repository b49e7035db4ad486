"""Words in quotation marks given to two different speakers (checker/signals/quotes.py): the speaker
read from the parse, and what is left alone (pronouns, short borrowed phrases, reported speech, a
person against a body, a sentence that names both)."""
from __future__ import annotations

QUOTE = '"We will rebuild the bridge before winter,"'


def _speakers(parsed, text):
    return [(q.speaker.text, q.speaker.label) for q in parsed.facts(text).quotes]


def _reasons(parsed, a, b):
    """What the quotation rule says of the pair (the name rule may say more: names.py)."""
    return [m.reason for m in parsed.compare_texts(a, b, similarity=0.9).mismatches if "quoted" in m.reason]


def test_the_speaker_is_the_subject_of_the_verb_of_saying_or_of_according_to(parsed):
    assert _speakers(parsed, f"{QUOTE} said Mayor Ilse Varga.") == [("Ilse Varga", "PERSON")]
    assert _speakers(parsed, 'Mayor Ilse Varga said: "We will rebuild the bridge before winter."') == [
        ("Ilse Varga", "PERSON")]
    assert _speakers(parsed, 'According to Anna Berg, "the fire started in the kitchen of the hotel".') == [
        ("Anna Berg", "PERSON")]
    assert _speakers(parsed, "‘We will rebuild the bridge before winter, whatever it doesn’t cost,’ said Mayor Ilse Varga.") == [
        ("Ilse Varga", "PERSON")]  # curly single marks, an apostrophe inside
    # a clause that introduces the quotation with a colon, whatever its verb
    assert _speakers(parsed, 'Mayor Ilse Varga addressed the council on Monday: "We will rebuild the bridge before '
                             'winter."') == [("Ilse Varga", "PERSON")]
    assert _speakers(parsed, f"{QUOTE} she said.") == []  # a pronoun names no one
    assert _speakers(parsed, 'Mayor Ilse Varga said the bridge would be ready "relatively soon".') == []  # too short


def test_one_quotation_given_to_two_people_is_a_mismatch(parsed):
    reasons = _reasons(parsed, f"{QUOTE} said Mayor Ilse Varga.",
                       f"{QUOTE} opposition leader Tomas Brandt told reporters.")
    assert len(reasons) == 1 and "Ilse Varga" in reasons[0] and "Tomas Brandt" in reasons[0]
    # the same person written two ways, or another quotation, is none
    assert _reasons(parsed, f"{QUOTE} said Mayor Ilse Varga.", f"{QUOTE} said Ilse Varga on Tuesday.") == []
    assert _reasons(parsed, f"{QUOTE} said Mayor Ilse Varga.",
                    '"Nobody could have predicted a flood of this size," opposition leader Tomas Brandt said.') == []


def test_reported_speech_a_body_against_a_person_or_a_sentence_naming_both_is_left_alone(parsed):
    # several sources may say the same thing without quoting one another (the name rule compares the
    # sayers of near-identical sentences: "different names in the same role")
    assert _reasons(parsed, "The bridge will be rebuilt before winter, Mayor Ilse Varga said.",
                    "The bridge will be rebuilt before winter, opposition leader Tomas Brandt said.") == []
    # a company's words are often its chief's
    assert _reasons(parsed, '"The company acted within the law at every stage," Halvik Group said.',
                    '"The company acted within the law at every stage," said chief executive Ruth Amsel.') == []
    # one speaker repeating the other's words says so
    assert _reasons(parsed, f"{QUOTE} said Mayor Ilse Varga.",
                    f"{QUOTE} Tomas Brandt said, repeating a promise by Ilse Varga.") == []


def test_without_a_parse_there_are_no_quotations(extractor):
    assert extractor.facts(f"{QUOTE} said Mayor Ilse Varga.").quotes == ()


def test_a_speaker_typed_as_an_unknown_place_is_read_as_a_person(parsed):
    # spaCy's small model types unfamiliar surnames as places; the gazetteer and country table know places
    a = '"We have waited far too long for this agreement," Wanjiru told reporters after the signing.'
    b = '"We have waited far too long for this agreement," Labour Secretary Peter Otieno said at a briefing.'
    speaker = parsed.facts(a).quotes[0].speaker
    assert speaker.text == "Wanjiru" and speaker.label == "PERSON"
    assert _reasons(parsed, a, b) != []
    # a known place speaking for its government keeps its type: a person against a body is left alone
    assert parsed.facts(f"{QUOTE} Kenya said.").quotes[0].speaker.label == "GPE"


def test_a_quotation_of_few_content_words_is_compared_by_all_its_words(parsed):
    # spoken words are mostly function words: the same saying given to two people is still one saying
    s = parsed.compare_texts('"We are not leaving and we will not be moved," said Dr Anna Berg, the union\'s chair.',
                             '"We are not leaving and we will not be moved," Tomas Lind told a crowd outside.',
                             "2026-03-02", "2026-03-03", similarity=0.95)
    assert "quoted from two speakers" in " ".join(m.reason for m in s.mismatches)
    # ...but two sayings that share only their function words are two
    s = parsed.compare_texts('"We are not leaving until they are here," said Dr Anna Berg.',
                             '"We are leaving because they are not here," Tomas Lind said.',
                             "2026-03-02", "2026-03-03", similarity=0.8)
    assert "quoted from two speakers" not in " ".join(m.reason for m in s.mismatches)


def test_a_speaker_told_by_a_title_alone_is_compared_by_the_post(parsed):
    quote = '"This is a theft from every one of us in the region,"'
    q = parsed.facts(f"{quote} the museum's director told reporters.").quotes[0]
    assert q.speaker is None and q.role.head == "director" and q.role.body == "museum"
    # a title in one body against a title of another kind in another: two people
    reasons = _reasons(parsed, f"{quote} the museum's director told reporters.",
                       f"{quote} regional culture minister Sofie Wuyts said.")
    assert len(reasons) == 1 and "the museum's director" in reasons[0] and "Sofie Wuyts" in reasons[0]
    assert len(_reasons(parsed, f"{quote} a spokesman for the ministry said.",
                        f"{quote} a company spokeswoman said.")) == 1
    # one title in two bodies a story may tell as one, a body unsaid, or a holder in turn: no verdict
    assert _reasons(parsed, f"{quote} the hospital's director said.", f"{quote} the clinic's director said.") == []
    assert _reasons(parsed, f"{quote} the minister said.", f"{quote} a spokesman for the regional council said.") == []
    assert _reasons(parsed, f"{quote} the company's chief executive said.",
                    f"{quote} the group's chief executive, Tom Hale, said.") == []
    assert parsed.facts(f"{quote} the museum's former director said.").quotes == ()


def test_two_speakers_of_one_family_name_are_one_person_written_two_ways(parsed):
    quote = '"We have not decided whether to use an outside auditor this year,"'
    assert _reasons(parsed, f"{quote} said David Richardson.", f"{quote} said Dave Richardson.") == []
    assert len(_reasons(parsed, f"{quote} said David Richardson.", f"{quote} said Anna Kowalski.")) == 1


def test_a_titles_apposition_names_the_speaker_and_a_mistyped_name_still_speaks(parsed):
    # the chairman's apposition gives his name; spaCy's small model types the other speaker a work of art
    s = parsed.compare_texts(
        '"This sentence sends a message to every syndicate," the conservancy\'s chairman, Elias Tjivikua, '
        'told reporters outside the court.',
        '"This sentence sends a message to every syndicate," Tuhafeni Amutenya, a spokesperson for the '
        'directorate, told reporters outside the court.', similarity=0.95)
    assert [(m.a_value, m.b_value) for m in s.mismatches] == [("Elias Tjivikua", "Tuhafeni Amutenya")]
    one = parsed.compare_texts('"We will rebuild the bridge before winter," the mayor, Ilse Varga, said.',
                               '"We will rebuild the bridge before winter," Mayor Ilse Varga told reporters.',
                               similarity=0.95)
    assert one.mismatches == ()


def test_a_peoples_word_nobody_knows_as_a_speaker_is_a_persons_name(parsed):
    s = parsed.compare_texts('"Kochi will not buy another diesel bus," Varghese said at the ceremony.',
                             '"Kochi will not buy another diesel bus," Mayor Anitha Joseph told the gathering.',
                             similarity=0.95)
    assert [(m.a_value, m.b_value) for m in s.mismatches] == [("Varghese", "Anitha Joseph")]


def test_an_untyped_name_that_speaks_or_words_written_and_concluded_have_a_speaker(parsed):
    # the name finder leaves some surnames untyped; a proper noun that tells reporters is a person
    a = '"This pipe should have been replaced ten years ago," Kolev told reporters.'
    b = '"This pipe should have been replaced ten years ago," said Borislav Tenev, head of the state energy inspectorate.'
    assert _speakers(parsed, a) == [("Kolev", "PERSON")]
    assert _reasons(parsed, a, b) != []
    # words written or concluded are quoted from their writer too
    assert _speakers(parsed, '"The urgency clause is not a key to be used whenever the state is in a hurry," '
                             'Justice Anil Deshkulkarni wrote.') == [("Anil Deshkulkarni", "PERSON")]


def test_a_given_name_typed_a_people_is_the_front_of_the_speakers_name(parsed):
    # the small model types "Marat" a people's word and leaves "Ismanov" out: the whole name speaks
    a = '"We have been asking for money to reinforce this slope for three years," district head Marat Ismanov said.'
    b = '"We have been asking for money to reinforce this slope for three years," said Ruslan Kadyrov, its director.'
    assert _speakers(parsed, a) == [("Marat Ismanov", "PERSON")]
    assert _reasons(parsed, a, b) != []
    # a known people's word or place before a name stays what it is
    assert ("Ukrainian", "NORP") in [(e.text, e.label) for e in parsed.facts(
        "Ukrainian President Volodymyr Zelensky said the talks had failed.").entities]
