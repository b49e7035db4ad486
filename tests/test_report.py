"""Tests of the report stage: report.json content, report.md, report.html and write_report.

`make_sample_report()` builds a small but complete Report by hand (three articles, three
conflicts, three agreements, statements, a not-comparable pair, warnings) with no models, so other
tests can reuse it: `from tests.test_report import make_sample_report` or the `sample_report` fixture.
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker.config import Config
from checker.errors import CheckerError
from checker.report import render_html, render_markdown, report_to_dict, write_report
from checker.types import (
    Article,
    CandidatePair,
    Finding,
    Mismatch,
    NLIScores,
    SIDE_A,
    SIDE_B,
    PairScores,
    Reason,
    Report,
    ReviewItem,
    Sentence,
    Signals,
    StageTiming,
    StatementSupport,
    Verdict,
)

TOP_LEVEL_KEYS = {"schema_version", "created", "summary", "articles", "conflicts", "review", "agreements", "statements",
                  "not_comparable"}
SUMMARY_KEYS = {
    "articles", "sentences", "pairs_scored", "conflicts", "review", "agreements", "not_comparable", "statements",
    "timings", "total_seconds", "models", "device", "config", "warnings",
}
SCRIPT_SENTENCE = 'Hackers left the text "<script>alert(1)</script>" on the ministry website overnight.'

_ARTICLE_SENTENCES = {
    "a1f3c9e2": (
        "Government sends troops to border region",
        "Northern Wire",
        "2024-05-01",
        [
            "The government said on Tuesday it would deploy 300 troops to the northern border region.",
            "The deployment follows weeks of clashes near the town of Velka.",
            "Defence Minister Anna Koval announced the decision in parliament.",
            "Officials said the troops would arrive by Friday.",
            SCRIPT_SENTENCE,
        ],
    ),
    "b7d20a41": (
        "2,000 soldiers head north as border tensions rise",
        "Daily Ledger",
        "2024-05-02",
        [
            "The government will send 2,000 troops to the northern border, according to a ministry statement.",
            "The deployment follows weeks of clashes near Velka.",
            "Prime Minister Jonas Berg announced the decision on Tuesday.",
            "In 2019, a similar deployment of 500 troops ended after two months.",
            "The troops are expected to arrive by Friday.",
            "Ministry figures put the size of the force at 2,000 soldiers.",
        ],
    ),
    "c90e5b13": (
        "Border deployment confirmed",
        "Regional Times",
        None,  # no date: the writers must cope with missing metadata
        [
            "The ministry confirmed that 300 troops were being deployed to the border.",
            "Residents of Velka said clashes had not stopped.",
            "The troops will not arrive before next week.",
        ],
    ),
}


def _nli(entailment: float, neutral: float, contradiction: float) -> NLIScores:
    return NLIScores(entailment=entailment, neutral=neutral, contradiction=contradiction)


def make_sample_report(texts: dict[tuple[str, int], str] | None = None) -> Report:
    """A hand-built Report covering every section the writers show (no models needed).

    `texts` replaces the text of sentences by (article id, index), offsets following.

    Articles A (a1f3c9e2), B (b7d20a41), C (c90e5b13, no date). Conflicts, strongest first:
    number A0/B0 (0.93, two pieces of evidence), negation A3/C2 (0.82), entity A2/B2 (0.71).
    Agreements: A1/B1, A0/C0, A3/B4. Not comparable: A0/B3 (a 2019 deployment).
    Sentence A4 contains a literal <script> tag, to prove the writers escape text.
    Sentence C1 has no StatementSupport, as when aggregate skips a sentence.
    """
    articles: list[Article] = []
    sentences: dict[tuple[str, int], Sentence] = {}
    for article_id, (title, source, date, sentence_texts) in _ARTICLE_SENTENCES.items():
        body, pos = [], 0
        for index, text in enumerate(sentence_texts):
            text = (texts or {}).get((article_id, index), text)
            sentences[(article_id, index)] = Sentence(article_id, index, text, pos, pos + len(text))
            body.append(text)
            pos += len(text) + 1
        articles.append(Article(
            id=article_id, title=title, text=" ".join(body), source=source, date=date,
            path=f"/data/story/{article_id}.html", url=f"https://news.example/{article_id}",
        ))
    A, B, C = (a.id for a in articles)

    def verdict(a, b, similarity, label, strength, kind, why, forward, backward, combined, mismatches=(),
                comparable=True, not_comparable_reason=None, notes=()) -> Verdict:
        pair = CandidatePair(sentences[a], sentences[b], similarity)
        return Verdict(
            scores=PairScores(pair, _nli(*forward), _nli(*backward), _nli(*combined)),
            signals=Signals(tuple(mismatches), comparable, not_comparable_reason, tuple(notes)),
            label=label, strength=strength, kind=kind, why=tuple(why),
        )

    troops = Mismatch("number", "300 troops", "2,000 troops", "300 troops vs 2,000 troops")
    number_top = verdict(
        (A, 0), (B, 0), 0.8312, "contradiction", 0.93127, "number",
        ["The articles give different troop numbers.", "300 troops vs 2,000 troops"],
        (0.02, 0.07, 0.91), (0.03, 0.09, 0.88), (0.025, 0.08, 0.895), [troops],
    )
    number_more = verdict(
        (A, 0), (B, 5), 0.6644, "contradiction", 0.84, "number", ["The articles give different troop numbers."],
        (0.05, 0.15, 0.80), (0.04, 0.2, 0.76), (0.045, 0.175, 0.78),
        [Mismatch("number", "300 troops", "2,000 soldiers", "300 troops vs 2,000 soldiers")],
    )
    negation = verdict(
        (A, 3), (C, 2), 0.7021, "contradiction", 0.8200049, "negation",
        ["One article says the troops arrive by Friday, the other that they will not arrive before next week."],
        (0.01, 0.19, 0.80), (0.02, 0.14, 0.84), (0.015, 0.165, 0.82),
        [Mismatch("negation", "would arrive", "will not arrive", "arrive vs will not arrive"),
         Mismatch("date", "by Friday", "before next week", "by Friday vs before next week")],
    )
    entity = verdict(
        (A, 2), (B, 2), 0.7412, "contradiction", 0.71, "entity",
        ["Different people are named as announcing the decision."],
        (0.1, 0.25, 0.65), (0.08, 0.2, 0.72), (0.09, 0.225, 0.685),
        [Mismatch("entity", "Defence Minister Anna Koval", "Prime Minister Jonas Berg",
                  "Defence Minister Anna Koval vs Prime Minister Jonas Berg")],
    )
    conflicts = [
        Finding("contradiction", "number", 0.93127, (number_top, number_more)),
        Finding("contradiction", "negation", 0.8200049, (negation,)),
        Finding("contradiction", "entity", 0.71, (entity,)),
    ]
    agreements = [
        Finding("entailment", "other", 0.9549, (verdict(
            (A, 1), (B, 1), 0.9311, "entailment", 0.9549, "other", ["Both report clashes near Velka."],
            (0.94, 0.05, 0.01), (0.97, 0.02, 0.01), (0.955, 0.035, 0.01), notes=["same place, reworded"]),)),
        Finding("entailment", "number", 0.91, (verdict(
            (A, 0), (C, 0), 0.8801, "entailment", 0.91, "number", ["Both give 300 troops."],
            (0.9, 0.08, 0.02), (0.92, 0.06, 0.02), (0.91, 0.07, 0.02)),)),
        Finding("entailment", "date", 0.88, (verdict(
            (A, 3), (B, 4), 0.8533, "entailment", 0.88, "date", ["Both say the troops arrive by Friday."],
            (0.86, 0.12, 0.02), (0.9, 0.08, 0.02), (0.88, 0.1, 0.02)),)),
    ]
    not_comparable = [verdict(
        (A, 0), (B, 3), 0.6102, "not_comparable", 0.77, None,
        ["Different years: B describes a 2019 deployment."],
        (0.05, 0.35, 0.60), (0.04, 0.46, 0.50), (0.045, 0.405, 0.55),
        comparable=False, not_comparable_reason="B refers to a 2019 deployment, A to the current one",
    )]

    review = [ReviewItem(
        verdict=verdict((B, 3), (C, 1), 0.6811, "neutral", 0.55, None, ["NLI: contradiction 0.45, entailment 0.05"],
                        (0.04, 0.41, 0.55), (0.06, 0.59, 0.35), (0.05, 0.5, 0.45)),
        score=0.2879, shared_names=("Velka",), shared_words=("troops",), entailment=0.06, contradiction=0.55,
        contradiction_direction="a->b", mismatch_kinds=(),
        reason=Reason.of("Both are about Velka (troops); neither supports the other (entailment at most 0.06); "
                         "the NLI model leans to contradiction without proving it (0.55 taking ", SIDE_A, " as true)"))]

    def support(key, supported=(), disputed=(), silent=()) -> StatementSupport:
        return StatementSupport(sentences[key], tuple(supported), tuple(disputed), tuple(silent))

    statements = [
        support((A, 0), [C], [B]), support((A, 1), [B], [], [C]), support((A, 2), [], [B], [C]),
        support((A, 3), [B], [C]), support((A, 4), [], [], [B, C]),
        support((B, 0), [], [A], [C]), support((B, 1), [A], [], [C]), support((B, 2), [], [A], [C]),
        support((B, 3), [], [], [A, C]), support((B, 4), [A], [], [C]), support((B, 5), [], [A], [C]),
        support((C, 0), [A], [], [B]), support((C, 2), [], [A], [B]),
    ]
    return Report(
        articles=articles,
        sentences=list(sentences.values()),
        conflicts=conflicts,
        agreements=agreements,
        statements=statements,
        pairs_scored=42,
        not_comparable=not_comparable,
        review=review,
        timings=[
            StageTiming("ingest", 0.01234, 3), StageTiming("segment", 0.04511, 14),
            StageTiming("pairing", 1.234567, 42), StageTiming("nli", 3.56789, 42),
            StageTiming("signals", 0.0201, 42), StageTiming("aggregate", 0.0031, 42),
        ],
        models={"embedder": "bundled:all-MiniLM-L6-v2", "nli": "bundled:nli-minilm-l6"},
        device="cpu",
        config=Config().as_dict(),
        warnings=["d.txt: skipped, fewer than 2 usable sentences", "c90e5b13: no publication date found"],
        created="2024-05-03T12:00:00+00:00",
        schema_version="2.0",
    )


@pytest.fixture
def sample_report() -> Report:
    return make_sample_report()


class _ResourceCollector(HTMLParser):
    """Collects (tag, attribute, value) for every attribute that can load something."""

    def __init__(self) -> None:
        super().__init__()
        self.resources: list[tuple[str, str, str]] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "data", "poster") and value is not None:
                self.resources.append((tag, name, value))


# --- report.json ------------------------------------------------------------------------------


def test_json_round_trips_with_schema_version_and_documented_keys(sample_report):
    doc = report_to_dict(sample_report)
    assert json.loads(json.dumps(doc)) == doc
    assert set(doc) == TOP_LEVEL_KEYS
    assert doc["schema_version"] == "2.0"
    assert set(doc["summary"]) == SUMMARY_KEYS
    assert doc["summary"]["conflicts"] == 3 and doc["summary"]["not_comparable"] == 1
    # C1 has no StatementSupport: it still counts, as unconfirmed
    assert doc["summary"]["statements"] == {"supported": 4, "disputed": 7, "unconfirmed": 3}
    assert [a["statements"]["unconfirmed"] for a in doc["articles"]] == [1, 1, 1]
    assert [a["sentence_count"] for a in doc["articles"]] == [5, 6, 3]


def _keys(value, skip=("config", "models")) -> set[str]:
    """Every dict key in a JSON document, not descending into free-form objects."""
    if isinstance(value, dict):
        return set(value) | {k for key, v in value.items() if key not in skip for k in _keys(v, skip)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v, skip)}
    return set()


def test_every_key_of_report_json_is_documented(sample_report):
    schema = (Path(__file__).resolve().parents[1] / "docs" / "report-schema.md").read_text(encoding="utf-8")
    for key in TOP_LEVEL_KEYS | SUMMARY_KEYS:
        assert f"| `{key}` |" in schema, key
    for key in _keys(report_to_dict(sample_report)):
        assert f"`{key}`" in schema or f'"{key}"' in schema, key


def test_json_is_deterministic_and_floats_are_rounded(sample_report):
    first = json.dumps(report_to_dict(sample_report))
    assert first == json.dumps(report_to_dict(make_sample_report()))
    doc = report_to_dict(sample_report)
    assert doc["conflicts"][0]["strength"] == 0.9313
    assert doc["conflicts"][1]["strength"] == 0.82
    assert doc["summary"]["timings"][2] == {"stage": "pairing", "seconds": 1.2346, "items": 42}
    floats = re.findall(r"\d+\.(\d+)", first)
    assert all(len(digits) <= 4 for digits in floats)


def test_evidence_carries_sentences_with_context_scores_and_signals(sample_report):
    ev = report_to_dict(sample_report)["conflicts"][0]["evidence"][0]
    assert ev["a"]["text"].startswith("The government said on Tuesday")
    assert ev["a"]["context_before"] is None  # first sentence of its article
    assert ev["a"]["context_after"] == "The deployment follows weeks of clashes near the town of Velka."
    assert set(ev["a"]) == {"article_id", "index", "text", "start", "end", "context_before", "context_after"}
    assert ev["nli"]["forward"] == {"entailment": 0.02, "neutral": 0.07, "contradiction": 0.91}
    assert set(ev["nli"]) == {"forward", "backward", "combined", "judge", "read_as"} and ev["nli"]["judge"] == "fast"
    assert ev["nli"]["read_as"] == []  # read as written
    assert ev["signals"]["mismatches"] == [
        {"kind": "number", "a_value": "300 troops", "b_value": "2,000 troops", "reason": "300 troops vs 2,000 troops",
         "reason_parts": ["300 troops vs 2,000 troops"], "weight": None}
    ]
    assert ev["signals"]["comparable"] is True
    assert ev["why"][0] == "The articles give different troop numbers."


def test_not_comparable_pairs_keep_their_reason(sample_report):
    (nc,) = report_to_dict(sample_report)["not_comparable"]
    assert nc["reason"] == "B refers to a 2019 deployment, A to the current one"
    assert nc["signals"]["comparable"] is False


def test_strongest_conflict_comes_first_even_if_given_out_of_order(sample_report):
    shuffled = replace(sample_report, conflicts=list(reversed(sample_report.conflicts)))
    strengths = [f["strength"] for f in report_to_dict(shuffled)["conflicts"]]
    assert strengths == sorted(strengths, reverse=True) == [0.9313, 0.82, 0.71]
    md = render_markdown(shuffled)
    assert md.index("300 troops") < md.index("Anna Koval")
    html = render_html(shuffled)
    assert html.index('id="conflict-1"') < html.index("2,000 troops") < html.index("Jonas Berg")


def test_config_values_that_are_not_json_types_are_made_plain(sample_report):
    import numpy as np

    odd = replace(sample_report, config={
        "path": Path("/tmp/x"), "pair": (1, 2), "ratio": 1 / 3, "bad": float("nan"),
        "np_int": np.int64(7), "np_float": np.float32(0.25),
    })
    config = report_to_dict(odd)["summary"]["config"]
    assert config == {"path": "/tmp/x", "pair": [1, 2], "ratio": 0.3333, "bad": None, "np_int": 7, "np_float": 0.25}
    json.dumps(config, allow_nan=False)


# --- report.md --------------------------------------------------------------------------------


def test_markdown_shows_both_conflict_sentences_kind_and_why(sample_report):
    md = render_markdown(sample_report)
    for finding in sample_report.conflicts:
        assert finding.top.pair.a.text in md
        assert finding.top.pair.b.text in md
    assert "### 1. [number] Government sends troops to border region vs 2,000 soldiers head north as border tensions rise — strength 0.93" in md
    assert "[entity]" in md and "[negation]" in md
    assert "**Why:** The articles give different troop numbers; 300 troops vs 2,000 troops." in md
    assert "B refers to a 2019 deployment, A to the current one" in md
    assert "d.txt: skipped, fewer than 2 usable sentences" in md
    assert "| nli | 3.568 | 42 |" in md


def test_markdown_escapes_html_and_table_breaking_text(sample_report):
    articles = [replace(sample_report.articles[0], title="Troops | <b>border</b>")] + sample_report.articles[1:]
    md = render_markdown(replace(sample_report, articles=articles))
    assert "Troops \\| \\<b\\>border\\</b\\>" in md
    assert "<b>" not in md


# --- report.html ------------------------------------------------------------------------------


def test_html_is_self_contained(sample_report):
    html = render_html(sample_report)
    parser = _ResourceCollector()
    parser.feed(html)
    assert not {"link", "script", "img", "iframe", "object", "embed"} & parser.tags
    for tag, name, value in parser.resources:
        assert value.startswith("#"), (tag, name, value)  # only in-page anchors
    assert "http://" not in html.split("</style>")[0] and "https://" not in html.split("</style>")[0]
    assert "@import" not in html and "url(" not in html


def test_html_escapes_text(sample_report):
    html = render_html(sample_report)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html


def test_html_shows_conflict_cards_agreements_statements_and_not_comparable(sample_report):
    html = render_html(sample_report)
    # the mismatching values are highlighted inside the (escaped) sentences
    assert "<mark>300 troops</mark>" in html and "<mark>2,000 troops</mark>" in html
    assert "kind-number" in html and "kind-negation" in html and "kind-entity" in html
    assert 'style="width: 93.1%"' in html  # strength bar of the top conflict
    assert '<p class="ctx">… Defence Minister Anna Koval announced the decision in parliament.</p>' in html  # context before
    assert html.count('class="card agreement compact"') == 3
    assert html.count('<li class="st disputed">') == 7
    assert html.count('<li class="st supported">') == 4
    assert html.count('<li class="st unconfirmed">') == 3  # C1 has no statement and counts as unconfirmed
    assert '<details class="nc">' in html and "B refers to a 2019 deployment" in html
    assert "no publication date found" in html


def test_html_handles_a_report_with_nothing_found(sample_report):
    empty = replace(sample_report, conflicts=[], agreements=[], statements=[], not_comparable=[], warnings=[], timings=[])
    html = render_html(empty)
    assert "No conflicts found among 42 scored pairs." in html
    assert "No statement was corroborated" in html
    md = render_markdown(empty)
    assert "No conflicts found among 42 scored pairs." in md


# --- write_report -----------------------------------------------------------------------------


def test_write_report_writes_all_formats_by_default(sample_report, tmp_path):
    out = tmp_path / "new" / "dir"
    paths = write_report(sample_report, out)
    assert paths == [out / "report.json", out / "report.md", out / "report.html"]
    assert json.loads((out / "report.json").read_text(encoding="utf-8")) == report_to_dict(sample_report)
    assert (out / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_write_report_writes_only_the_requested_formats(sample_report, tmp_path):
    paths = write_report(sample_report, tmp_path, formats=["html"])
    assert paths == [tmp_path / "report.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_write_report_rejects_an_unknown_format(sample_report, tmp_path):
    with pytest.raises(CheckerError, match="pdf"):
        write_report(sample_report, tmp_path, formats=["json", "pdf"])
    assert not any(tmp_path.iterdir())


def test_an_agreement_without_a_kind_gets_no_kind_label(sample_report):
    from dataclasses import replace as dc_replace

    plain = dc_replace(sample_report.agreements[0], kind=None)
    report = replace(sample_report, agreements=[plain])
    md = render_markdown(report)
    assert "1. A and B agree" in md and "[other]" not in md.split("## Corroborated")[1].split("##")[0]
    html = render_html(report)
    section = html.split('id="agreement-1"')[1].split("</article>")[0]
    assert "kind-other" not in section


def test_reasons_name_sentences_by_the_article_letters_the_report_shows(sample_report):
    from dataclasses import replace as dc_replace

    reason = Reason.of("Status: ", SIDE_A, " reports the transfer done; ", SIDE_B, " says it is not.")
    status = Mismatch("status", "received", "still underway", reason)
    finding = sample_report.conflicts[0]
    top = dc_replace(finding.evidence[0], signals=Signals(mismatches=(status,)), why=(reason,))
    report = replace(sample_report, conflicts=[dc_replace(finding, evidence=(top,))])
    ev = report_to_dict(report)["conflicts"][0]["evidence"][0]
    assert ev["signals"]["mismatches"][0]["reason_parts"] == [
        "Status: ", {"sentence": "a"}, " reports the transfer done; ", {"sentence": "b"}, " says it is not."]
    for text in (render_markdown(report), render_html(report)):
        assert "A's sentence reports the transfer done; B's sentence says it is not" in text.replace("&#39;", "'")


def test_a_reason_that_merely_reads_sentence_a_is_not_rewritten(sample_report):
    from dataclasses import replace as dc_replace

    finding = sample_report.conflicts[0]
    top = dc_replace(finding.evidence[0], why=("The quote calls it sentence a of the treaty.",))
    report = replace(sample_report, conflicts=[dc_replace(finding, evidence=(top,))])
    assert "calls it sentence a of the treaty" in render_markdown(report)


# --- hidden characters ------------------------------------------------------------------------

# "300 vs 003": with a right-to-left override, B's "003" would display as "300", hiding the conflict.
SPOOFED = "The government will send \u202e003\u202c troops to the\u200b northern border, a ministry statement\u2066 said."
HIDDEN = ("\u202e", "\u202c", "\u200b", "\u2066")


def _spoofed_report() -> Report:
    report = make_sample_report(texts={("b7d20a41", 0): SPOOFED})
    title = "Troops \u202eht\u202c head north\u200d"
    return replace(report, articles=[replace(report.articles[0], title=title), *report.articles[1:]])


@pytest.mark.parametrize("render", [render_markdown, render_html], ids=["md", "html"])
def test_bidirectional_and_zero_width_characters_are_shown_not_obeyed(render):
    page = render(_spoofed_report())
    assert not any(ch in page for ch in HIDDEN + ("\u200d",))
    assert "send ⟦U+202E⟧003⟦U+202C⟧ troops to the⟦U+200B⟧ northern" in page
    assert "Troops ⟦U+202E⟧ht⟦U+202C⟧ head north⟦U+200D⟧" in page


def test_report_json_keeps_the_text_as_written_with_offsets_into_the_article():
    report = _spoofed_report()
    doc = report_to_dict(report)
    side = doc["conflicts"][0]["evidence"][0]["b"]
    assert side["text"] == SPOOFED
    article = next(a for a in report.articles if a.id == side["article_id"])
    assert article.text[side["start"]:side["end"]] == SPOOFED


def test_highlighting_finds_values_in_the_text_as_written_and_shows_hidden_characters():
    report = _spoofed_report()
    from checker.report import _View

    view = _View(report, report_to_dict(report))
    html = view.highlight(SPOOFED, ["\u202e003\u202c troops"])
    assert "<mark>⟦U+202E⟧003⟦U+202C⟧ troops</mark>" in html and "\u202e" not in html


def test_tabs_newlines_and_ordinary_non_ascii_text_are_left_alone():
    from checker.textsafe import show_invisible

    text = "Zürich\tΑθήνα\nКиїв 東京 שלום مرحبا — “quoted” 😀"
    assert show_invisible(text) == text


def test_review_items_are_listed_below_the_conflicts_with_their_reason_and_never_counted_as_conflicts(sample_report):
    doc = report_to_dict(sample_report)
    assert doc["summary"]["review"] == 1 and doc["summary"]["conflicts"] == 3
    item = doc["review"][0]
    assert item["score"] == 0.2879 and item["shared_names"] == ["Velka"] and item["contradiction_direction"] == "a->b"
    assert item["reason_parts"][-2:] == [{"sentence": "a"}, " as true)"] and item["label"] == "neutral"
    for text in (render_markdown(sample_report), render_html(sample_report)):
        text = text.replace("&#39;", "'")
        assert text.index("Worth a look") > text.index("Conflicts")
        assert text.rindex("Worth a look") < text.index("Corroborated statements")
        assert "(0.55 taking B's sentence as true)" in text


def test_a_why_entry_that_names_a_sentence_is_written_as_parts_and_shown_by_article_letter(sample_report):
    from dataclasses import replace as dc_replace

    one_way = Reason.of("contradicting one way: taking ", SIDE_B, " as true, it finds ", SIDE_A, " contradicted (0.93)")
    finding = sample_report.conflicts[0]
    top = dc_replace(finding.evidence[0], why=(one_way, "NLI: contradiction 0.5"))
    report = replace(sample_report, conflicts=[dc_replace(finding, evidence=(top,))])
    ev = report_to_dict(report)["conflicts"][0]["evidence"][0]
    assert ev["why_parts"][0][1] == {"sentence": "b"} and ev["why_parts"][1] == ["NLI: contradiction 0.5"]
    for text in (render_markdown(report), render_html(report)):
        assert "taking B's sentence as true, it finds A's sentence contradicted" in text.replace("&#39;", "'")


def test_the_source_column_is_hidden_when_no_article_names_a_source(sample_report):
    with_sources = render_html(sample_report)
    assert '<th class="opt">Source</th>' in with_sources and "| Source |" in render_markdown(sample_report)
    nameless = replace(sample_report, articles=[replace_article(a, source=None) for a in sample_report.articles])
    assert '<th class="opt">Source</th>' not in render_html(nameless)
    assert "| Source |" not in render_markdown(nameless)


def replace_article(article, **changes):
    from dataclasses import replace as dc_replace

    return dc_replace(article, **changes)


def test_the_count_of_pairs_the_strong_judge_scored_stays_a_number_in_report_json():
    report = make_sample_report()
    report.models.update({"judge": "cascade", "nli_strong": "bundled:strong", "pairs_judged_strong": 116})
    models = json.loads(json.dumps(report_to_dict(report)))["summary"]["models"]
    assert models["pairs_judged_strong"] == 116 and models["judge"] == "cascade"
