"""Who holds a post (signals/posts.py): posts and holders read from the parse, one post with two
holders as an entity mismatch, and the pairing channel that brings such sentences together."""
from __future__ import annotations

import numpy as np

from checker.pairing import post_pairs
from checker.signals.posts import contrasting_posts
from checker.types import Sentence
from conftest import kinds


def test_a_post_and_its_holder_in_apposition_or_before_the_name(parsed):
    (post,) = parsed.facts("Helen Marsh, the union's regional secretary, said nurses had no choice.").posts
    assert (post.holder, post.title, post.body) == ("Helen Marsh", frozenset({"regional", "secretary"}), "union")
    (post,) = parsed.facts("The union's regional secretary, Helen Marsh, accused managers of cutting costs.").posts
    assert post.holder == "Helen Marsh" and post.title == frozenset({"regional", "secretary"})
    (post,) = parsed.facts("Karen Walsh, regional secretary of the NMWU, said the strike had worked.").posts
    assert post.body == "nmwu" and post.body_named


def test_one_of_several_holders_or_a_company_is_no_post(parsed):
    assert parsed.facts("A spokesman for the union, Tom Hale, said talks would resume.").posts == ()
    assert parsed.facts("Tom Hale, a former chief engineer at the plant, said talks would resume.").posts == ()


def test_one_post_two_holders_is_an_entity_mismatch(parsed):
    s = parsed.compare_texts("Helen Marsh, the union's regional secretary, said nurses had no choice.",
                             "Karen Walsh, regional secretary of the NMWU, said the strike had shown how nurses felt.")
    assert kinds(s) == ["entity"] and "Helen Marsh vs Karen Walsh" in s.mismatches[0].reason


def test_one_holder_other_posts_or_other_bodies_are_no_mismatch(parsed):
    f = parsed.facts
    marsh = f("Helen Marsh, the union's regional secretary, said nurses had no choice.")
    assert contrasting_posts(marsh, f("Marsh, the union's regional secretary, said talks had failed.")) == []
    assert contrasting_posts(marsh, f("Karen Walsh, the union's general secretary, said talks had failed.")) == []
    assert contrasting_posts(f("Ana Ruiz, chief engineer at Halden Water, said the dam was safe."),
                             f("Tom Berg, chief engineer at Norvik Power, said the dam was safe.")) == []


def test_the_post_channel_pairs_sentences_similarity_ranks_low(parsed):
    a = Sentence("a", 0, "Helen Marsh, the union's regional secretary, said nurses had no choice.", 0, 70)
    b = Sentence("b", 0, "Karen Walsh, regional secretary of the NMWU, said the strike had shown how nurses felt.", 0, 85)
    c = Sentence("b", 1, "Wards stayed open during the strike.", 86, 120)
    emb = np.array([[1.0, 0.0], [0.35, np.sqrt(1 - 0.35 ** 2)], [0.35, np.sqrt(1 - 0.35 ** 2)]])
    (pair,) = post_pairs([a, b, c], emb, [], 2, 0.3, parsed.facts)
    assert pair.channel == "post" and {pair.a.key, pair.b.key} == {a.key, b.key}
    assert post_pairs([a, b, c], emb, [], 0, 0.3, parsed.facts) == []


def test_a_post_held_as_the_verb_says_and_no_post_held_before(parsed):
    (post,) = parsed.facts("Pawel Dudek, who runs Zorza day to day as chief executive, will stay on.").posts
    assert (post.holder, post.title, post.body) == ("Pawel Dudek", frozenset({"chief", "executive"}), "zorza")
    assert parsed.facts("Tom Berg, who served as chief executive until 2019, said the deal was fair.").posts == ()
    s = parsed.compare_texts("Zorza's chief executive, Marta Kowalczyk-Brandt, will stay in her post, Almvik said.",
                             "Pawel Dudek, who runs Zorza day to day as chief executive, will stay on under Almvik.")
    assert kinds(s) == ["entity"]


def test_one_of_a_kind_described_by_a_superlative_names_one_place_or_body(parsed):
    f = parsed.facts
    tumaini = f("At the country's largest public hospital, Tumaini National Hospital, operations were cancelled.")
    (post,) = tumaini.posts
    assert (post.holder, post.head, post.superlative, post.body) == ("Tumaini National Hospital", "hospital", "large",
                                                                      "country")
    mashariki = f("At Mashariki National Hospital, the country's biggest public referral hospital, lists were cleared.")
    assert [(x.holder, y.holder) for x, y in contrasting_posts(tumaini, mashariki)] == [
        ("Tumaini National Hospital", "Mashariki National Hospital")]
    # one hospital under two descriptions, or two descriptions that are not one
    assert contrasting_posts(tumaini, f("Tumaini Hospital, Kenya's biggest hospital, has postponed 600 operations.")) == []
    assert contrasting_posts(tumaini, f("Mashariki Hospital, the country's largest private hospital, stayed open.")) == []
    assert contrasting_posts(tumaini, f("Mashariki Hospital, the country's oldest public hospital, stayed open.")) == []


def test_a_hyphenated_title_is_one_title_not_its_last_word(parsed):
    # the small model parses "vice", "-" and "president" as three appositions of the name
    (post,) = parsed.facts("Helen Marsh, the union's vice-president, told a gathering of pilots.").posts
    assert post.title == frozenset({"vice", "president"}) and post.title_text == "the union's vice-president"
    s = parsed.compare_texts("Rui Teixeira, the union's president, said members had been patient.",
                             "Helen Marsh, the union's vice-president, said members had been patient.")
    assert "entity" not in kinds(s)


def test_a_title_said_to_be_a_name(parsed):
    (post,) = parsed.facts("The union's general secretary is Helen Marsh.").posts
    assert (post.holder, post.body) == ("Helen Marsh", "union")
    s = parsed.compare_texts(
        "Norvik, founded in 2012, sells boats across the region, and its largest shareholder is the pension fund "
        "Halden Capital.",
        "Norvik's largest shareholder is Oslo-based Fjord Partners.", similarity=0.55)
    assert [m.kind for m in s.mismatches] == ["entity"]
    # a past holder, and a title with no name, say nothing of who holds it now
    assert parsed.facts("The union's general secretary was Helen Marsh.").posts == ()
    assert parsed.facts("The union's general secretary is a nurse.").posts == ()


def test_a_rank_before_a_name_makes_a_person_and_is_no_part_of_the_name(parsed):
    # the tagger may take "Inspector Dara Quill" for a company; the rank says a person
    a = parsed.facts("Inspector Dara Quill, the Northern district police commander, said roadblocks would stay.")
    b = parsed.facts("The district police commander, Inspector Tom Weld, said roadblocks would stay in place.")
    assert [p.holder for p in a.posts] == ["Inspector Dara Quill"]
    # a place qualifier one title leaves unsaid is one post; one rank shared by two people is no one name
    assert [(x.holder, y.holder) for x, y in contrasting_posts(a, b)] == [("Inspector Dara Quill", "Inspector Tom Weld")]
    same = parsed.facts("The district police commander, Inspector Quill, said roadblocks would stay in place.")
    assert contrasting_posts(a, same) == []


def test_two_place_qualifiers_are_two_posts(parsed):
    a = parsed.facts("Inspector Dara Quill, the Northern district police commander, said roadblocks would stay.")
    b = parsed.facts("Inspector Tom Weld, the Southern district police commander, said roadblocks would stay.")
    assert contrasting_posts(a, b) == []
