"""Tests for checker.segment: sentence boundaries in news text, offsets, and page furniture."""
from __future__ import annotations

import pytest

from checker.config import Config
from checker.segment import is_furniture, segment, segment_all
from checker.types import Article

CONFIG = Config()


def article(text: str, title: str | None = None, article_id: str = "a1") -> Article:
    return Article(id=article_id, title=title if title is not None else text.split("\n", 1)[0], text=text)


def texts(text: str, title: str | None = None, config: Config = CONFIG) -> list[str]:
    return [s.text for s in segment(article(text, title), config)]


# ---------------------------------------------------------------- boundaries in news text


def test_us_abbreviation_ends_a_sentence_only_before_a_new_one():
    body = ("Ministers agreed to send interceptors to the U.S. The first batch leaves in May.\n"
            "U.S. officials welcomed the decision by the cabinet.")
    assert texts(body, title="") == [
        "Ministers agreed to send interceptors to the U.S.",
        "The first batch leaves in May.",
        "U.S. officials welcomed the decision by the cabinet.",
    ]


def test_month_abbreviation_does_not_split_a_date():
    body = "The talks were held in Oslo on Dec. 19 and lasted two days. Both sides signed the text."
    assert texts(body, title="") == [
        "The talks were held in Oslo on Dec. 19 and lasted two days.",
        "Both sides signed the text.",
    ]


def test_quotation_ending_in_full_stop_inside_quotes_closes_the_sentence():
    body = 'The minister called it a "hard but necessary step." Deliveries to other buyers will slow down.'
    assert texts(body, title="") == [
        'The minister called it a "hard but necessary step."',
        "Deliveries to other buyers will slow down.",
    ]


def test_curly_quotation_with_attribution_stays_one_sentence():
    body = "“We will not wait any longer,” the mayor said on Friday. The council voted the same evening."
    assert texts(body, title="") == [
        "“We will not wait any longer,” the mayor said on Friday.",
        "The council voted the same evening.",
    ]


def test_slash_separated_weapon_names_are_not_split():
    body = "Air defences downed 40 Kh-101/Kh-55 cruise missiles overnight. Two drones got through."
    assert texts(body, title="")[0] == "Air defences downed 40 Kh-101/Kh-55 cruise missiles overnight."


def test_headline_without_full_stop_is_its_own_sentence():
    body = "Council approves harbour budget after long debate\nThe council approved the budget on Monday night."
    assert texts(body) == [
        "Council approves harbour budget after long debate",
        "The council approved the budget on Monday night.",
    ]


def test_hard_wrapped_paragraph_is_joined_into_whole_sentences():
    body = ("The council approved the harbour budget on Monday night after a\n"
            "debate that lasted more than four hours, the city clerk said. The\n"
            "vote was eleven to four, with two members absent from the chamber.\n")
    sentences = texts(body, title="")
    assert len(sentences) == 2
    assert sentences[0].startswith("The council approved") and sentences[0].endswith("the city clerk said.")
    assert sentences[1].startswith("The\nvote was eleven to four")


def test_dateline_before_the_first_sentence_is_trimmed():
    body = "OSLO—Norway will buy four new frigates, the defence ministry said on Tuesday."
    assert texts(body, title="") == ["Norway will buy four new frigates, the defence ministry said on Tuesday."]
    body = "KYIV, Ukraine (AP) — Air raid sirens sounded across the capital early on Sunday."
    assert texts(body, title="") == ["Air raid sirens sounded across the capital early on Sunday."]


# ---------------------------------------------------------------- offsets and indexes


def test_offsets_round_trip_into_the_article_text():
    body = ("Harbour bridge reopens\n\nBy Jane Doe\n\n  The bridge reopened on Tuesday, officials said.  "
            "Repairs took 11 weeks and cost 3.2 million euros.\n\nThe mayor called it “a relief.” Traffic was light all day.\n"
            "Engineers will inspect the\ncables again in June, the office said.")
    doc = article(body)
    sentences = segment(doc, CONFIG)
    assert len(sentences) == 6
    for sentence in sentences:
        assert doc.text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert sentence.article_id == "a1"


def test_indexes_count_only_kept_sentences():
    body = "Harbour bridge reopens today\nAdvertisement\nThe bridge reopened on Tuesday.\nShare this\nIt cost 3.2 million euros."
    sentences = segment(article(body), CONFIG)
    assert [s.index for s in sentences] == [0, 1, 2]
    assert sentences[1].text == "The bridge reopened on Tuesday."


def test_segment_all_keeps_article_order():
    first = article("The bridge reopened on Tuesday after repairs.", title="", article_id="x")
    second = article("The council approved the budget on Monday.", title="", article_id="y")
    assert [s.key for s in segment_all([first, second], CONFIG)] == [("x", 0), ("y", 0)]


def test_empty_article_gives_no_sentences():
    assert segment(article("", title="Nothing"), CONFIG) == []


# ---------------------------------------------------------------- furniture


FURNITURE_LINES = [
    "By Jane Doe",
    "by metro desk",
    "By Jane Doe and John Roe, Reuters",
    "Jane Doe, Reporter",
    "Jane Doe, Senior Political Correspondent",
    "Jane Doe on March 5, 2024",
    "Jane Doe | Mar. 5, 2024",
    "March 5, 2024",
    "08:30 05 Mar 2024",
    "Posted at 8:30 AM, Mar 5, 2024",
    "Updated: Tuesday, March 5, 2024 10:12 a.m. ET",
    "© 2024 The Coastal Ledger",
    "Copyright ©2024 Example Media Group, Inc. All Rights Reserved. 0a1b2c3d4e5f",
    "Read the original article on The Coastal Ledger",
    "Read more: Council approves new harbour budget after long debate",
    "Leave a Comment",
    "12 Comments",
    "Share this",
    "Share on Facebook",
    "Facebook Twitter Email Print",
    "Spotted a typo? Select the text and let our editors know.",
    "Found an error? Tell us about it.",
    "If you notice a spelling error, select the text and press Ctrl+Enter.",
    "Spelling error report",
    "The following text will be sent to our editors:",
    "Photo: Jane Doe / Coastal Ledger",
    "Image credit: city transport office",
    "(AP Photo/Jane Doe)",
    "Workers on the bridge deck on Monday. Jane Doe/Getty Images",
    "Advertisement",
    "Story continues below advertisement",
    "Sign up for our morning newsletter",
    "Follow us on Twitter",
    "Local News",
    "The harbour bridge",
    "In brief:",
]


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_furniture_line_is_dropped(line):
    body = f"Harbour bridge reopens after repairs\n{line}\nThe bridge reopened to traffic on Tuesday, officials said."
    assert texts(body) == [
        "Harbour bridge reopens after repairs",
        "The bridge reopened to traffic on Tuesday, officials said.",
    ]


@pytest.mark.parametrize("line", [
    "By contrast, the old bridge carried half as many cars.",
    "By Tuesday evening the first buses were crossing again.",
    "Subscribers to the city's traffic alerts rose by a fifth.",
    "Photos released by the council showed the new cables.",
    "The March 5 reopening came two days ahead of schedule.",
    "Share prices of the construction firm rose 4% on Tuesday.",
    "Readers wrote in to thank the engineers for their work.",
])
def test_real_sentence_that_resembles_furniture_is_kept(line):
    body = f"Harbour bridge reopens after repairs\n{line}"
    assert texts(body)[-1] == line


def test_related_stories_after_their_heading_are_dropped():
    body = ("Harbour bridge reopens after repairs\nThe bridge reopened on Tuesday, officials said.\n"
            "More stories:\nCouncil approves a new budget for the harbour district\n"
            "Local bakery wins a regional award for its rye loaf")
    assert texts(body) == ["Harbour bridge reopens after repairs", "The bridge reopened on Tuesday, officials said."]


def test_short_title_is_kept_though_short_labels_elsewhere_are_not():
    body = "Bridge reopens early\nLocal News\nThe bridge reopened on Tuesday, officials said."
    assert texts(body, title="Bridge reopens early") == [
        "Bridge reopens early", "The bridge reopened on Tuesday, officials said."]
    assert is_furniture("Bridge reopens early", is_title=True) is False
    assert is_furniture("Bridge reopens early") is True


def test_sentences_shorter_than_min_sentence_chars_are_dropped():
    body = "The bridge reopened on Tuesday, officials said. It did. Traffic was light all day."
    assert texts(body, title="") == ["The bridge reopened on Tuesday, officials said.", "Traffic was light all day."]
    assert texts(body, title="", config=Config(min_sentence_chars=30)) == [
        "The bridge reopened on Tuesday, officials said."]


def test_sentence_longer_than_max_sentence_chars_is_split_at_clause_boundaries():
    clause = "the council approved another round of repairs for the harbour bridge"
    body = "On Monday " + ", and ".join([clause] * 12) + "."
    config = Config(max_sentence_chars=200)
    doc = article(body, title="")
    sentences = segment(doc, config)
    assert len(sentences) > 1
    assert all(len(s.text) <= 200 for s in sentences)
    assert all(doc.text[s.start:s.end] == s.text for s in sentences)
    assert all(s.text.endswith((",", ".")) for s in sentences)  # cut after a comma, not mid-word


def test_a_very_long_line_is_cut_for_pysbd_after_a_sentence_end_not_inside_a_sentence():
    from checker.segment import _chunks

    sentence = "The committee met again on Friday to discuss the budget. "
    pieces = list(_chunks(sentence * 20, 300))
    assert all(piece.endswith("budget. ") for piece in pieces[:-1])
    assert "".join(pieces) == sentence * 20


def test_sentences_of_a_line_longer_than_pysbd_is_given_are_all_found():
    from checker import segment as segment_module

    sentence = "The committee met again on Friday to discuss the budget."
    text = " ".join([sentence] * (2 * segment_module.PYSBD_MAX_CHARS // len(sentence) + 5))
    sentences = segment_module.segment(Article("a", "t", text), Config())
    assert [s.text for s in sentences] == [sentence] * len(sentences)
    assert len(sentences) == text.count(sentence)
