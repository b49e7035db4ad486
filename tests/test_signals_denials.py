"""A claim reported as denied, false or retracted against a sentence that states it
(checker/signals/denials.py), read from spaCy's parse."""
from __future__ import annotations

import pytest

from conftest import kinds


def claims(parsed, text):
    return [(d.cue, d.claim) for d in parsed.facts(text).denials]


@pytest.mark.parametrize("text, cue, claim", [
    ("The port authority dismissed reports that the Varna terminal had closed.", "dismissed reports",
     "the Varna terminal had closed"),
    ("The club denied that the coach had been sacked.", "denied", "the coach had been sacked"),
    ("Rumours that the mayor had resigned were false, her office said.", "were false", "the mayor had resigned"),
    ("The paper retracted its report that the minister was arrested.", "retracted report", "the minister was arrested"),
    ("Claims that the dam had burst have been debunked.", "Claims debunked", "the dam had burst"),
    ("An earlier version of this story wrongly stated that the airport was shut.", "wrongly stated",
     "the airport was shut"),
    ("Officials said it was not true that the airport was shut.", "not true", "the airport was shut"),
    ("The club withdrew the coach's remark that the deal was final.", "withdrew remark", "the deal was final"),
    # a claim noun's clause without "that", or one the parser takes for a relative clause
    ("Apple denies reports it plans to buy Rivian.", "denies reports", "it plans to buy Rivian"),
    ("The airline said there was no truth to claims that bags would be banned.", "no truth", "bags would be banned"),
    ("There is no truth in reports that the mayor has resigned.", "no truth", "the mayor has resigned"),
    # a claim named by a noun phrase
    ("State media dismissed reports of the leader's execution as fabricated.", "dismissed reports", "the leader's execution"),
    ("The newspaper retracted its report of the president's resignation.", "retracted report", "the president's resignation"),
    ("Rumours of a merger are false, the bank said.", "are false", "a merger"),
    ("Police say the story about the escaped bear was made up.", "made up", "the escaped bear"),
    # the event named by nouns in front of the claim noun; verbs that deny with their particle
    ("The minister called the bribery allegations baseless.", "called allegations baseless", "bribery"),
    ("The club dismissed takeover rumours.", "dismissed rumours", "takeover"),
    ("The airline said the strike rumours were fake news.", "were fake news", "strike"),
    ("The singer laughed off reports of her engagement.", "laughed off reports", "her engagement"),
    ("The company shot down reports that it would close the plant.", "shot down reports", "it would close the plant"),
    ("\"We are staying,\" the club said, dismissing reports of a move.", "dismissing reports", "a move"),
    # the object moved after the "as" phrase, which the small parser reads as the object of "as"
    ("Nakhleh dismissed as \"false\" reports that the same batch had been sold in the Gulf.", "dismissed reports",
     "the same batch had been sold in the Gulf"),
    ("Ferrando dismissed as \"nonsense\" claims that the plant would close.", "dismissed claims",
     "the plant would close"),
])
def test_the_parse_gives_the_denied_claim(parsed, text, cue, claim):
    assert claims(parsed, text) == [(cue, claim)]


@pytest.mark.parametrize("text, claim, said", [
    ("The port authority denied closing the berth to foreign ships, saying the crane had failed.",
     "closing the berth to foreign ships", "The port authority did close the berth to foreign ships."),
    ("Molvena Dairy denied receiving any complaints about the cheese before the recall.",
     "receiving any complaints about the cheese before the recall",
     "Molvena Dairy did receive complaints about the cheese before the recall."),
])
def test_an_act_denied_by_a_gerund_is_claimed_by_the_one_who_denies_it(parsed, text, claim, said):
    (d,) = parsed.facts(text).denials
    assert (d.cue, d.claim, d.statement) == ("denied", claim, said)


def test_a_gerund_after_a_verb_of_refusing_is_no_denied_act(parsed):
    assert claims(parsed, "The union rejected paying the fine.") == []


def test_a_denied_act_told_by_a_gerund_against_the_act_stated_is_a_conflict(parsed):
    s = parsed.compare_texts("The union said managers had cut off power to the picket camp.",
                             "Managers denied cutting off power to the picket camp.", similarity=0.7)
    assert [m.kind for m in s.mismatches] == ["negation"]


def test_what_the_one_who_denies_says_instead_is_no_part_of_the_claim(parsed):
    (d,) = parsed.facts("The port denied that it had ignored the warning, saying crews had begun checks within days.").denials
    assert d.claim == "it had ignored the warning"
    s = parsed.compare_texts("Witnesses said the guard was hit while running away.",
                             "Police deny that the guard was hit while running away, saying he was facing them.",
                             similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["negation"]


def test_an_act_the_other_sentence_gives_to_another_named_doer_does_not_state_the_claim(parsed):
    denied = "Marek denied setting the fire, telling the court he had only driven the car."
    s = parsed.compare_texts("Witnesses said it was Kowal who set the fire.", denied, similarity=0.6)
    assert "negation" not in [m.kind for m in s.mismatches] and s.denial_questions == ()
    s = parsed.compare_texts("Marek admitted in court that he had set the fire.", denied, similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["negation"]


def test_a_claim_stops_where_a_second_clause_is_joined_to_it(parsed):
    (d,) = parsed.facts("The council denied that it had sold the land, but that it had leased it.").denials
    assert d.claim == "it had sold the land"


@pytest.mark.parametrize("text", [
    "The ministry said the media reports were false.",  # a medium in front of the claim noun: who, not what
    "The company said the press reports were false.",
    "The army shot down a drone over the border.",  # the particle's verb without a claim
    "The union rejected the talks.",  # "talks" are negotiations; only "talk" is a rumour
    "\"I'm alive and well,\" the singer said.",
])
def test_no_claim_where_nothing_names_what_is_denied(parsed, text):
    assert claims(parsed, text) == []


def test_a_relative_clause_on_a_claim_noun_is_no_claim(parsed):
    assert claims(parsed, "He dismissed the report that he wrote last year.") == []
    assert claims(parsed, "The minister rejected the claims which the union made on Monday.") == []


def test_a_claim_named_by_a_noun_is_stated_by_its_verb(parsed):
    (d,) = parsed.facts("The newspaper retracted its report of the president's resignation.").denials
    assert d.statement == "There was the president's resignation."
    s = parsed.compare_texts("The newspaper retracted its report of the president's resignation.",
                             "The president has resigned, the newspaper reported.")
    assert kinds(s) == ["negation"]


def test_a_denial_that_is_itself_negated_denies_nothing(parsed):
    assert claims(parsed, "The club did not deny that the coach had been sacked.") == []
    assert claims(parsed, "The club would neither confirm nor deny that the coach had been sacked.") == []
    assert claims(parsed, "Police said the video of the attack was fabricated.") == []  # a thing, not a claim


def test_a_denied_claim_against_its_statement_is_a_negation_conflict(parsed):
    s = parsed.compare_texts("The port authority dismissed reports that the Varna terminal had closed.",
                                "The Varna terminal has closed.")
    assert kinds(s) == ["negation"] and s.mismatches[0].reason.startswith("One account reports the claim as denied")
    s = parsed.compare_texts("The Varna terminal has closed.",
                                "Rumours that the Varna terminal had closed were false, the port said.")
    assert kinds(s) == ["negation"]


def test_no_conflict_where_both_deny_or_the_other_tells_another_time(parsed):
    deny = "The club rejected claims that the coach had been sacked."
    assert kinds(parsed.compare_texts(deny, "The coach has not been sacked, the club said.")) == []
    assert kinds(parsed.compare_texts(deny, "The league denied that the coach had been sacked.")) == []
    assert kinds(parsed.compare_texts("The port authority dismissed reports that the Varna terminal had closed.",
                                         "Workers fear the Varna terminal will close next year.")) == []


def test_a_denied_negative_claim_is_stated_by_a_sentence_that_negates_it_too(parsed):
    deny = "District administrator Petra Lang rejected claims that residents had not been warned in time."
    (d,) = parsed.facts(deny).denials
    assert d.negative and not parsed.facts("The ministry denied that the plant had closed.").denials[0].negative
    s = parsed.compare_texts(deny, "Many residents say they were given no warning before the water reached their homes.")
    assert kinds(s) == ["negation"]
    # the plain statement agrees with the denial of its negation
    assert kinds(parsed.compare_texts(deny, "Residents were warned in time, the district said.")) == []
    assert parsed.facts("Officials denied that nobody had been hurt.").denials[0].negative


def test_a_denied_claim_with_be_is_stated_by_its_predicate(parsed):
    withdrawn = ("On Tuesday the trust withdrew Dr Simon Okafor's remark that the offer was final, saying in a "
                 "statement that it remained open to further talks.")
    (d,) = parsed.facts(withdrawn).denials
    assert "final" in d.verbs
    assert kinds(parsed.compare_texts(withdrawn, "Okafor has described the offer as final.")) == ["negation"]
    assert kinds(parsed.compare_texts(withdrawn, "The trust said the offer was not final.")) == []


def test_a_denial_and_the_statement_of_its_claim_are_paired_however_differently_worded(parsed):
    import numpy as np

    from checker.pairing import denial_pairs
    from checker.types import Sentence

    texts = [("a", "The trust denied reports that any wards had closed, saying all 14 of its wards had stayed open."),
             ("b", "Two surgical wards were closed during the walkout and their patients moved elsewhere."),
             ("b", "Nurses picketed the main entrance all day.")]
    sentences = [Sentence(article_id=art, index=i, text=t, start=0, end=len(t)) for i, (art, t) in enumerate(texts)]
    emb = np.full((3, 4), 0.5)  # every pair 1.0 alike: only the reading decides
    (pair,) = denial_pairs(sentences, emb, [], 2, 0.3, parsed.facts)
    assert pair.channel == "denial" and {pair.a.index, pair.b.index} == {0, 1}
    assert denial_pairs(sentences, emb, [], 0, 0.3, parsed.facts) == []
    assert denial_pairs(sentences, emb * 0.5, [], 2, 0.3, parsed.facts) == []  # less alike than the floor


def test_a_sentence_as_alike_as_pairing_needs_to_the_denied_claim_is_paired_for_the_model(parsed):
    import numpy as np

    from checker.pairing import denial_pairs
    from checker.types import Sentence

    texts = [("a", "The museum denied reports that a guard had been overpowered."),
             ("b", "A night guard was tied up and locked in a storeroom during the raid."),
             ("b", "The paintings were insured for 2 million euros.")]
    sentences = [Sentence(article_id=art, index=i, text=t, start=0, end=len(t)) for i, (art, t) in enumerate(texts)]
    emb = np.full((3, 4), 0.5)  # the sentences 1.0 alike: the claim's likeness decides
    claim = {0: np.array([[0.8, 0.6, 0.0, 0.0]])}  # "A guard had been overpowered.", 0.7 alike to both
    assert denial_pairs(sentences, emb, [], 2, 0.3, parsed.facts) == []  # the words do not say it
    pairs = denial_pairs(sentences, emb, [], 2, 0.3, parsed.facts, claim, 0.45)
    assert {frozenset({p.a.index, p.b.index}) for p in pairs} == {frozenset({0, 1}), frozenset({0, 2})}
    assert denial_pairs(sentences, emb, [], 2, 0.3, parsed.facts, claim, 0.75) == []  # less alike than asked


def test_a_subject_that_says_nobody_did_it_negates_the_predicate(parsed):
    # "no passengers were hurt" negates "hurt", not "passengers" (the word window's reading)
    for text, target in [("Nobody on board was hurt.", "hurt"), ("No passengers were hurt.", "hurt"),
                         ("None of the passengers was injured.", "injur"), ("No one was available for comment.", "avail")]:
        assert [n.target for n in parsed.facts(text).negations] == [target]
    s = parsed.compare_texts("Three passengers were hurt in the fire.", "Nobody on board was hurt in the fire.",
                             similarity=0.7)
    assert [m.kind for m in s.mismatches] == ["negation"]


def test_a_claim_withdrawn_is_stated_by_a_verb_of_the_same_kind(parsed):
    # "sacked" / "dismissed": WordNet's verbs of one kind of act (signals/verbs.py), not the same word
    s = parsed.compare_texts("The federation said 300 miners had been sacked after the stoppage.",
                             "The federation withdrew its claim that 300 miners had been dismissed after the stoppage.",
                             similarity=0.8)
    assert [m.kind for m in s.mismatches] == ["negation"]
    # a verb of another kind of act is not the claim
    s = parsed.compare_texts("The federation said 300 miners had been promoted after the stoppage.",
                             "The federation withdrew its claim that 300 miners had been dismissed after the stoppage.",
                             similarity=0.8)
    assert "negation" not in [m.kind for m in s.mismatches]


def test_a_verb_negated_of_a_subject_that_the_other_tells_of_it_is_a_negation(parsed):
    # little else shared: the parse says both tell "flow" of the river's water
    a = "Floodwater was pouring over the levee by Tuesday evening, the county's emergency office said in an update."
    b = "Engineers at the regional water authority said floodwater was not yet pouring over the levee and that it was holding."
    s = parsed.compare_texts(a, b, "2026-05-12", "2026-05-12", similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["negation"] and "floodwater" in s.mismatches[0].reason
    # another object of the same verb: both can hold
    s = parsed.compare_texts("The agreement covers some 40,000 dock workers in the three ports.",
                             "The agreement does not cover crane operators, whose pay is set separately.", similarity=0.6)
    assert "negation" not in [m.kind for m in s.mismatches]
    # what will not happen against what happened: two times
    s = parsed.compare_texts("The ferry will not sail on Friday because of the storm warning, the operator said.",
                             "The ferry sailed from the harbour on schedule despite a rough forecast, passengers said.",
                             "2026-05-12", "2026-05-12", similarity=0.6)
    assert "negation" not in [m.kind for m in s.mismatches]


def test_a_passive_negated_of_a_thing_against_the_act_done_to_it(parsed):
    # "the valve had not been closed" / "engineers closed the valve": the passive's subject is the object
    s = parsed.compare_texts("The operator said it closed the valve within an hour of the alarm.",
                             "The valve had not been closed by Thursday night, according to the regulator.",
                             "2025-05-15", "2025-05-16", similarity=0.6)
    assert [m.kind for m in s.mismatches] == ["negation"] and "valve" in s.mismatches[0].reason
    s = parsed.compare_texts("The operator said it closed the gate within an hour of the alarm.",
                             "The valve had not been closed by Thursday night, according to the regulator.",
                             "2025-05-15", "2025-05-16", similarity=0.6)
    assert "negation" not in [m.kind for m in s.mismatches]  # another thing closed


def test_a_verb_negated_of_one_object_and_told_of_another_is_no_flip(parsed):
    # from the parse: "named" has the driver as its object in one sentence and the victim in the other
    s = parsed.compare_texts("Police have not named the driver.", "Police named the victim as a woman from Tarvik.",
                             "2026-03-10", "2026-03-10", similarity=0.5)
    assert "negation" not in [m.kind for m in s.mismatches]
    s = parsed.compare_texts("Police have not named the driver.", "Police named the driver on Tuesday.",
                             "2026-03-10", "2026-03-10", similarity=0.5)
    assert [m.kind for m in s.mismatches] == ["negation"]


@pytest.mark.parametrize("text, statement", [
    # the one who denies is who the pronoun subject is; "any" and "ever" are what a denial licenses
    ("The interior ministry denied on Friday that it had received any warning from the institute.",
     "The interior ministry had received a warning from the institute."),
    ("The board denied that it had ever threatened teachers' pensions.", "The board had threatened teachers' pensions."),
    ("Huemul denied that anyone at the resort had told its guides.", "Someone at the resort had told its guides."),
    ("The trust denied reports that any wards had closed.", "Wards had closed."),
    # a pronoun with nobody named to read it as is left as written
    ("He denied that they had been paid.", "They had been paid."),
    ("Rumours that the mayor had resigned were false, her office said.", "The mayor had resigned."),
])
def test_the_denied_claim_as_a_sentence_of_its_own(parsed, text, statement):
    (denial,) = parsed.facts(text).denials
    assert denial.statement == statement


@pytest.mark.parametrize("text, core", [
    # places and times of the act go; a cause ("of heat stress"), a party ("to Norvista"), a source ("from
    # its offices") and a phrase on a participant ("containers at Kibwatu") tell what the act is and stay
    ("Norvista denied that any computers had been taken from its offices before the shutdown.",
     "Computers had been taken from its offices."),
    ("Police denied reports that villagers looted containers at Kibwatu on Monday night, saying goods were "
     "collected.", "Villagers looted containers at Kibwatu."),
    ("The regulator denied that it had issued any warning to Norvista before this month.",
     "The regulator had issued a warning to Norvista."),
    ("The committee withdrew its statement that the horse died of heat stress.", "The horse died of heat stress."),
    ("The ministry denied that it had not been warned about the dam in 2019.",
     "The ministry had not been warned about the dam."),
])
def test_the_core_of_a_denied_claim_leaves_out_where_and_when(parsed, text, core):
    (denial,) = parsed.facts(text).denials
    assert denial.core == core


@pytest.mark.parametrize("text, cue, claim", [
    # nouns of saying a source withdraws; a "that" the parse takes for an object; a clause hung on the verb
    ("The council has withdrawn an announcement that the airport would open three days a week.",
     "withdrawn announcement", "the airport would open three days a week"),
    ("SEOC has since withdrawn its statement that Bint Sahra died of heat stress, saying the post-mortem was "
     "not finished.", "withdrawn statement", "Bint Sahra died of heat stress"),
    ("Police yesterday withdrew their statement that they were treating the fire as suspicious, saying it was an "
     "accident.", "withdrew statement", "they were treating the fire as suspicious"),
    # the denier's own naming of the claim after it is no part of it
    ("A spokesman dismissed reports that the horse had been given painkillers, calling them \"lies\".",
     "dismissed reports", "the horse had been given painkillers"),
])
def test_a_withdrawn_announcement_and_a_claim_the_parse_hangs_elsewhere(parsed, text, cue, claim):
    assert claims(parsed, text) == [(cue, claim)]


def test_a_retracted_statement_against_the_statement_is_a_negation_conflict(parsed):
    s = parsed.compare_texts("The federation said Qamar Sidr had been disqualified after failing a vet check.",
                             "The federation has retracted its announcement that Qamar Sidr had been disqualified.",
                             "2026-01-19", "2026-01-25", similarity=0.7)
    assert kinds(s) == ["negation"]


def test_a_core_that_says_too_little_is_not_asked(parsed):
    s = parsed.compare_texts("Last year a cargo ship's anchor damaged a power cable.",
                             "The owners have denied that the vessel ever anchored near the cable.", similarity=0.6)
    assert [q.statement for q in s.denial_questions] == ["The vessel anchored near the cable."]  # not "The vessel anchored."


def test_another_one_or_another_count_does_not_state_the_claim(parsed):
    # the claim's particular subject introduced as new in the other sentence: another horse
    new = parsed.compare_texts("In December a horse tested positive for a painkiller at a ride in Dhofar.",
                               "The owner dismissed reports that the horse had been given painkillers.", similarity=0.6)
    assert not new.denial_questions and kinds(new) == []
    # the claim's count told otherwise: no statement of it
    count = parsed.compare_texts("One patient died in an ambulance on her way to Kaolack.",
                                 "The directorate withdrew its statement that two patients had died during the outage.",
                                 similarity=0.6)
    assert not count.denial_questions and "negation" not in kinds(count)
    # ...but a sentence that also holds the claimed count may state it
    held = parsed.compare_texts("The train hauled six tank cars, two of which ruptured.",
                                "Officials withdrew their statement that two tank cars had ruptured.", similarity=0.6)
    assert "negation" in kinds(held)


def test_any_of_a_denied_act_is_some_of_it(parsed):
    (d,) = parsed.facts("The committee has denied shortening any of the mandatory hold periods.").denials
    assert d.statement == "The committee did shorten some of the mandatory hold periods."


def test_a_claim_told_in_other_words_is_a_question_for_the_model(parsed):
    s = parsed.compare_texts("The airline denied that the crew had reported any technical problem before landing.",
                             "The crew radioed a warning about the landing gear moments before touchdown.")
    assert kinds(s) == []  # the words do not settle it
    told, core = s.denial_questions  # the claim as told, then without its setting in time and place
    assert (told.statement, told.denier, told.cue) == ("The crew had reported a technical problem before landing.",
                                                       "a", "denied")
    assert core.statement == "The crew had reported a technical problem."
    assert told.other.startswith("The crew radioed")


def test_no_question_where_the_words_settle_it_or_both_deny(parsed):
    stated = parsed.compare_texts("The club denied that the coach had been sacked.", "The coach has been sacked.")
    assert kinds(stated) == ["negation"] and stated.denial_questions == ()
    both = parsed.compare_texts("The club denied that the coach had been sacked.",
                                "The owners rejected reports that the manager had been dismissed.")
    assert both.denial_questions == ()


def test_a_verb_negated_of_a_subject_that_the_other_tells_by_a_pronoun_of_the_same_object(parsed):
    s = parsed.compare_texts("It widened its opening hours through the holiday and hired 40 seasonal staff.",
                             "The museum did not widen its opening hours, and many visitors were turned away.",
                             "2026-05-12", "2026-05-12", similarity=0.55)
    assert [m.kind for m in s.mismatches] == ["negation"]
    s = parsed.compare_texts("It widened its car park through the holiday and hired 40 seasonal staff.",
                             "The museum did not widen its opening hours, and many visitors were turned away.",
                             "2026-05-12", "2026-05-12", similarity=0.55)
    assert "negation" not in [m.kind for m in s.mismatches]  # another object
