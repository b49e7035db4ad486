"""Tests for checker.ingest: formats, metadata, ids, and one warning per bad input."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.ingest import TEXT_FIELDS, load_articles, normalize_date, normalize_text, text_id

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

STORY = (
    "Harbour bridge reopens after repairs\n\n"
    "The harbour bridge reopened to traffic on Tuesday after eleven weeks of repairs.\n\n"
    "Engineers replaced 42 steel cables, the city transport office said.\n"
)
OTHER_STORY = "Council approves budget\n\nThe city council approved a budget of 80 million euros on Monday.\n"


def load(paths, **kwargs):
    """load_articles with warnings collected; returns (articles, warnings)."""
    warnings: list[str] = []
    articles = load_articles([str(p) for p in paths], warn=warnings.append, **kwargs)
    return articles, warnings


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ---------------------------------------------------------------- formats and metadata


def test_txt_title_is_first_non_empty_line_and_text_keeps_paragraphs(tmp_path):
    path = write(tmp_path / "bridge.txt", "\n\n" + STORY)
    [article], warnings = load([path])
    assert warnings == []
    assert article.title == "Harbour bridge reopens after repairs"
    assert "\n\nThe harbour bridge reopened" in article.text
    assert article.path == str(path)
    assert article.source is None and article.date is None


def test_txt_title_skips_a_leading_section_label(tmp_path):
    path = write(tmp_path / "bridge.txt", "Local\n" + STORY)
    [article], _ = load([path])
    assert article.title == "Harbour bridge reopens after repairs"


def test_front_matter_gives_title_source_date_and_url_and_is_not_text(tmp_path):
    path = write(tmp_path / "bridge.md", (
        "---\ntitle: Bridge open again\nsource: The Coastal Ledger\ndate: March 5, 2024\n"
        "url: https://example.org/bridge\n---\n" + STORY
    ))
    [article], warnings = load([path])
    assert warnings == []
    assert article.title == "Bridge open again"
    assert article.source == "The Coastal Ledger"
    assert article.date == "2024-03-05"
    assert article.url == "https://example.org/bridge"
    assert not article.text.startswith("---")
    assert "title:" not in article.text


def test_markdown_syntax_is_reduced_to_plain_text(tmp_path):
    path = write(tmp_path / "bridge.md", (
        "# Harbour bridge reopens\n\nThe **harbour bridge** reopened, said [the office](https://x.org).\n"
        "![a photo](bridge.jpg)\n"
    ))
    [article], _ = load([path])
    assert article.title == "Harbour bridge reopens"
    assert article.text.startswith("Harbour bridge reopens\n\nThe harbour bridge reopened, said the office.")
    assert "](" not in article.text and "**" not in article.text


def test_html_main_text_is_extracted_by_trafilatura_without_navigation_or_footer():
    [article], warnings = load([FIXTURES / "harbour_page.html"])
    assert warnings == []
    assert "Engineers replaced 42 steel cables" in article.text
    assert "two days ahead of schedule" in article.text
    for junk in ("Subscribe now", "Privacy policy", "All rights reserved", "rye loaf", "Weather"):
        assert junk not in article.text
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.source == "The Coastal Ledger"
    assert article.date == "2024-03-05"


def test_json_file_with_one_article_object(tmp_path):
    path = write(tmp_path / "one.json", json.dumps({
        "id": "ledger-17", "title": "Bridge reopens", "source": "The Coastal Ledger",
        "published": "2024-03-05T08:30:00Z", "text": STORY, "url": "https://example.org/b",
    }))
    [article], warnings = load([path])
    assert warnings == []
    assert (article.id, article.title, article.source, article.date, article.url) == (
        "ledger-17", "Bridge reopens", "The Coastal Ledger", "2024-03-05", "https://example.org/b")


def test_json_list_accepts_body_and_content_as_text_and_a_source_object(tmp_path):
    path = write(tmp_path / "many.json", json.dumps([
        {"title": "Bridge", "body": STORY, "date": "5 March 2024"},
        {"title": "Budget", "content": OTHER_STORY, "source": {"id": "gz", "name": "Gazette"}},
    ]))
    articles, warnings = load([path])
    assert warnings == []
    assert [a.title for a in articles] == ["Bridge", "Budget"]
    assert articles[0].date == "2024-03-05"
    assert articles[1].source == "Gazette"
    assert articles[1].text.startswith("Council approves budget")


def test_jsonl_file_gives_one_article_per_line(tmp_path):
    lines = [json.dumps({"title": "Bridge", "text": STORY}), "", json.dumps({"title": "Budget", "text": OTHER_STORY})]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    articles, warnings = load([path])
    assert warnings == []
    assert [a.title for a in articles] == ["Bridge", "Budget"]
    assert all(a.path == str(path) for a in articles)


def test_json_article_without_title_takes_its_first_line(tmp_path):
    path = write(tmp_path / "one.json", json.dumps({"text": STORY}))
    [article], _ = load([path])
    assert article.title == "Harbour bridge reopens after repairs"


# ---------------------------------------------------------------- ids, paths, order


def test_same_text_gets_the_same_id_regardless_of_path(tmp_path):
    first = write(tmp_path / "a" / "bridge.txt", STORY)
    second = write(tmp_path / "b" / "copy-of-bridge.txt", STORY.replace("\n", "\r\n"))
    [article_a], _ = load([first])
    [article_b], _ = load([second])
    assert article_a.id == article_b.id == text_id(STORY)
    assert len(article_a.id) == 12 and all(c in "0123456789abcdef" for c in article_a.id)


def test_different_text_gets_a_different_id(tmp_path):
    articles, _ = load([write(tmp_path / "a.txt", STORY), write(tmp_path / "b.txt", OTHER_STORY)])
    assert articles[0].id != articles[1].id


def test_folder_is_read_recursively_in_sorted_order_skipping_hidden_files(tmp_path):
    write(tmp_path / "news" / "b.txt", OTHER_STORY)
    write(tmp_path / "news" / "a" / "z.md", STORY)
    write(tmp_path / "news" / ".cache" / "old.txt", "A hidden copy that must not be read at all.\n")
    articles, warnings = load([tmp_path / "news"])
    assert warnings == []
    assert [Path(a.path).name for a in articles] == ["z.md", "b.txt"]


def test_glob_pattern_selects_matching_files(tmp_path):
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "b.txt", OTHER_STORY)
    write(tmp_path / "c.json", json.dumps({"text": "Not selected by the pattern at all, really."}))
    articles, warnings = load([tmp_path / "*.txt"])
    assert warnings == []
    assert [Path(a.path).name for a in articles] == ["a.txt", "b.txt"]


def test_file_named_twice_is_read_once(tmp_path):
    path = write(tmp_path / "a.txt", STORY)
    articles, warnings = load([path, tmp_path])
    assert len(articles) == 1 and warnings == []


def test_unknown_extension_in_a_folder_is_skipped_with_one_warning(tmp_path):
    write(tmp_path / "a.txt", STORY)
    odd = write(tmp_path / "notes.docx", b"PK\x03\x04 not a text file")
    articles, warnings = load([tmp_path])
    assert len(articles) == 1
    assert len(warnings) == 1 and warnings[0].startswith(f"{odd}:")


def test_explicitly_named_file_with_unknown_extension_is_read_as_text(tmp_path):
    path = write(tmp_path / "bridge.story", STORY)
    [article], warnings = load([path])
    assert warnings == []
    assert article.title == "Harbour bridge reopens after repairs"


def test_json_id_used_twice_is_replaced_by_the_content_id_with_one_warning(tmp_path):
    path = write(tmp_path / "feed.jsonl", "\n".join(
        json.dumps({"id": "same", "text": text}) for text in (STORY, OTHER_STORY)))
    articles, warnings = load([path])
    assert [a.id for a in articles] == ["same", text_id(OTHER_STORY)]
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}: line 2:")


def test_a_single_path_need_not_be_wrapped_in_a_list(tmp_path):
    path = write(tmp_path / "a.txt", STORY)
    assert len(load_articles(str(path))) == 1


def test_single_article_is_not_an_error(tmp_path):
    articles, _ = load([write(tmp_path / "a.txt", STORY)])
    assert len(articles) == 1


# ---------------------------------------------------------------- encodings and normalisation


def test_latin1_file_loads_correctly_with_one_note(tmp_path):
    text = "Café reopens in São Paulo\n\nThe owner, José Müller, said the façade was restored.\n"
    path = write(tmp_path / "cafe.txt", text.encode("latin-1"))
    [article], warnings = load([path])
    assert article.text == text.strip()
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}:") and "UTF-8" in warnings[0]


def test_cp1252_curly_quotes_and_dashes_load_correctly(tmp_path):
    text = "Mayor’s plan — “a fresh start”\n\nThe mayor’s plan costs 5 € per resident, officials said.\n"
    path = write(tmp_path / "plan.txt", text.encode("cp1252"))
    [article], warnings = load([path])
    assert article.text == text.strip()
    assert len(warnings) == 1


def test_utf16_file_with_byte_order_mark_loads_without_warning(tmp_path):
    path = write(tmp_path / "bridge.txt", STORY.encode("utf-16"))
    [article], warnings = load([path])
    assert warnings == []
    assert article.text == STORY.strip()


def test_text_is_normalized_but_keeps_paragraph_breaks():
    raw = "Title  \r\nCafe\u0301 line one.\u00a0Next.\r\n\r\n\r\n\r\nSecond   paragraph.\t\n"
    assert normalize_text(raw) == "Title\nCafé line one. Next.\n\nSecond   paragraph."


@pytest.mark.parametrize("value, expected", [
    ("2024-03-05", "2024-03-05"),
    ("2024-03-05T08:30:00Z", "2024-03-05"),
    ("March 5, 2024", "2024-03-05"),
    ("Tue, 05 Mar 2024 08:30:00 GMT", "2024-03-05"),
    ("5 March 2024", "2024-03-05"),
    (1709627400, "2024-03-05"),
    ("March 2024", None),  # no day: not a date we can state
    ("yesterday", None),
    ("", None),
    (None, None),
])
def test_dates_are_normalized_to_iso_or_none(value, expected):
    assert normalize_date(value) == expected


# ---------------------------------------------------------------- bad input: one warning each


def _missing(tmp_path):
    return tmp_path / "does-not-exist.txt"


def _empty(tmp_path):
    return write(tmp_path / "empty.txt", "  \n\n")


def _binary(tmp_path):
    return write(tmp_path / "image.txt", bytes(range(256)) * 4)


def _malformed_json(tmp_path):
    return write(tmp_path / "broken.json", '{"title": "x", "text": ')


def _json_without_text(tmp_path):
    return write(tmp_path / "notext.json", json.dumps({"title": "Only a title"}))


def _html_without_article(tmp_path):
    return write(tmp_path / "blank.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")


@pytest.mark.parametrize("make_bad", [_missing, _empty, _binary, _malformed_json, _json_without_text,
                                      _html_without_article])
def test_bad_input_gives_one_warning_naming_the_file_and_the_run_continues(tmp_path, make_bad):
    good = write(tmp_path / "good.txt", STORY)
    bad = make_bad(tmp_path)
    articles, warnings = load([bad, good])
    assert [a.path for a in articles] == [str(good)]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"{bad}:")


def test_binary_file_is_skipped_with_one_warning(tmp_path):
    bad = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64)
    articles, warnings = load([bad, write(tmp_path / "good.txt", STORY)])
    assert len(articles) == 1
    assert warnings == [f"{bad}: binary file (contains NUL bytes), skipped"]


def test_unreadable_file_is_skipped_with_one_warning(tmp_path, monkeypatch):
    bad = write(tmp_path / "locked.txt", STORY)
    good = write(tmp_path / "good.txt", OTHER_STORY)
    bad.chmod(0)
    if os.access(bad, os.R_OK):  # root reads anything: simulate the permission error instead
        real_read_bytes = Path.read_bytes

        def read_bytes(self):
            if self == bad:
                raise PermissionError(13, "Permission denied", str(self))
            return real_read_bytes(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    try:
        articles, warnings = load([bad, good])
    finally:
        bad.chmod(0o644)
    assert [a.path for a in articles] == [str(good)]
    assert warnings == [f"{bad}: cannot read (permission denied)"]


def test_malformed_json_line_warns_with_its_line_number_and_other_lines_load(tmp_path):
    lines = [json.dumps({"text": STORY}), '{"text": "cut off', json.dumps({"text": OTHER_STORY})]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines))
    articles, warnings = load([path])
    assert len(articles) == 2
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}: line 2: malformed JSON")


def test_duplicate_article_keeps_the_first_and_warns_naming_both(tmp_path):
    first = write(tmp_path / "a.txt", STORY)
    second = write(tmp_path / "b.txt", STORY.replace("\n\n", "\n\n  "))  # same words, other spacing
    articles, warnings = load([first, second])
    assert [a.path for a in articles] == [str(first)]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{second}:") and str(first) in warnings[0]


def test_long_article_is_truncated_at_a_paragraph_boundary_with_one_warning(tmp_path):
    paragraph = "The council debated the harbour budget for another hour on Monday evening. " * 5
    path = write(tmp_path / "long.txt", "Budget debate\n\n" + "\n\n".join([paragraph.strip()] * 20))
    [article], warnings = load([path], max_chars=2000)
    assert len(article.text) <= 2000
    assert article.text.endswith("Monday evening.")
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}:") and "truncated" in warnings[0]


def test_truncation_does_not_change_the_id(tmp_path):
    path = write(tmp_path / "long.txt", "Budget debate\n\n" + "The council met again today. " * 200)
    [short], _ = load([path], max_chars=1000)
    [full], _ = load([path])
    assert short.id == full.id


def test_no_usable_article_raises_one_input_error(tmp_path):
    empty = write(tmp_path / "empty.txt", "")
    with pytest.raises(InputError, match="no usable articles"):
        load([empty, tmp_path / "missing.txt"])


def test_no_paths_at_all_raises_input_error():
    with pytest.raises(InputError):
        load([])


def test_glob_that_matches_nothing_warns_once(tmp_path):
    good = write(tmp_path / "good.txt", STORY)
    articles, warnings = load([tmp_path / "*.html", good])
    assert len(articles) == 1
    assert len(warnings) == 1 and "no files match" in warnings[0]


def test_publication_date_is_read_from_a_byline_or_timestamp_line(tmp_path):
    from checker.ingest import load_articles

    f = tmp_path / "a.txt"
    f.write_text("Harbour reopens after storm\nAnna Berg on March 4, 2024\nThe harbour reopened on Monday after a week.\n")
    g = tmp_path / "b.txt"
    g.write_text("Ferries resume\n19:43 10 Mar 2024\nFerries resumed their normal timetable today.\n")
    dates = {a.path.split("/")[-1]: a.date for a in load_articles([tmp_path], warn=lambda m: None)}
    assert dates == {"a.txt": "2024-03-04", "b.txt": "2024-03-10"}


def test_a_date_inside_a_sentence_is_not_taken_as_the_publication_date():
    from checker.ingest import dateline_date

    assert dateline_date("In March 2024 the ministry said the talks had failed.") is None


# ---------------------------------------------------------------- the checker's own reports


def _report_into(folder: Path, formats=("json", "md", "html")) -> list[Path]:
    from checker.report import write_report
    from tests.test_report import make_sample_report

    return write_report(make_sample_report(), folder, formats)


def test_reports_the_checker_wrote_are_skipped_with_one_warning_each(tmp_path):
    write(tmp_path / "story.txt", STORY)
    write(tmp_path / "other.txt", OTHER_STORY)
    _report_into(tmp_path / "report")  # `checker report .` after a first run with the default -o report
    articles, warnings = load([tmp_path])
    assert sorted(Path(a.path).name for a in articles) == ["other.txt", "story.txt"]
    assert sorted(warnings) == sorted(
        f"{tmp_path / 'report' / name}: skipped (a report written by the checker, not an article)"
        for name in ("report.html", "report.json", "report.md")
    )


def test_a_report_is_recognised_under_any_name_and_from_before_the_generator_mark(tmp_path):
    reports = _report_into(tmp_path / "r")
    write(tmp_path / "in" / "story.txt", STORY)
    for path in reports:
        text = path.read_text(encoding="utf-8")
        text = text.replace("<!-- generator: news-fact-checker report -->\n", "")  # as written before the mark
        text = text.replace('<meta name="generator" content="news-fact-checker report">\n', "")
        write(tmp_path / "in" / f"copy-of-{path.stem}{path.suffix}", text)
    write(tmp_path / "in" / "copy-of-report.txt", (tmp_path / "r" / "report.md").read_text(encoding="utf-8"))
    articles, warnings = load([tmp_path / "in"])
    assert [Path(a.path).name for a in articles] == ["story.txt"]
    assert len(warnings) == 4 and all("a report written by the checker" in w for w in warnings)


def test_the_files_this_run_will_write_are_excluded_when_output_and_input_are_one_folder(tmp_path):
    from checker.output import report_files

    write(tmp_path / "story.txt", STORY)
    write(tmp_path / "report.md", "A file that only happens to have the report's name, written by someone.\n")
    articles, warnings = load([tmp_path], exclude=report_files(tmp_path))
    assert [Path(a.path).name for a in articles] == ["story.txt"]
    assert warnings == [f"{tmp_path / 'report.md'}: skipped (this run writes its output there)"]


def test_an_article_that_mentions_a_fact_consistency_report_is_still_an_article(tmp_path):
    write(tmp_path / "a.md", "# Fact-consistency report finds errors\n\nA new fact-consistency report was "
                             "published on Monday by the press council.\n")
    articles, warnings = load([tmp_path])
    assert len(articles) == 1 and not warnings


# ---------------------------------------------------------------- hostile input


def test_json_nested_too_deeply_or_with_a_huge_integer_is_skipped_with_one_warning(tmp_path):
    write(tmp_path / "deep.json", "[" * 100_000)
    write(tmp_path / "huge.json", '{"text": ' + "1" * 5000 + "}")
    write(tmp_path / "lines.jsonl", "[" * 100_000 + "\n" + json.dumps({"text": STORY}) + "\n")
    articles, warnings = load([tmp_path])
    assert len(articles) == 1
    assert sorted(warnings) == [
        f"{tmp_path / 'deep.json'}: unreadable JSON (nested too deeply)",
        f"{tmp_path / 'huge.json'}: unreadable JSON (a number too long to read)",
        f"{tmp_path / 'lines.jsonl'}: line 1: unreadable JSON (nested too deeply)",
    ]


def test_a_yaml_alias_bomb_in_front_matter_is_ignored_quickly(tmp_path):
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        levels.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    front = "---\n" + "\n".join(levels) + "\ntitle: *i\ndate: *i\n---\n"
    write(tmp_path / "bomb.md", front + STORY)  # as text, the title would be gigabytes long
    [article], warnings = load([tmp_path])
    assert article.title == "Harbour bridge reopens after repairs" and article.date is None


def test_lone_surrogates_from_json_escapes_become_replacement_characters(tmp_path):
    write(tmp_path / "a.json", json.dumps({"title": "Bad \ud800 title", "text": STORY.replace("42", "4\udcff2")}))
    [article], _ = load([tmp_path])
    assert article.title == "Bad \ufffd title" and "4\ufffd2 steel cables" in article.text
    assert article.id == text_id(article.text)


@pytest.mark.parametrize("value", [10**400, -(10**400), float("inf"), float("nan"), 1e300, [2024, 5, 1], {"y": 1}])
def test_numbers_too_large_and_structures_are_not_dates(value):
    assert normalize_date(value) is None


def test_dates_outside_the_plausible_range_are_dropped_whatever_their_type():
    import datetime as dt

    assert normalize_date(dt.date(1, 1, 1)) is None
    assert normalize_date(dt.datetime(9999, 12, 31, 23, 59)) is None
    assert normalize_date(dt.date(2024, 5, 1)) == "2024-05-01"


def test_markdown_links_with_parentheses_in_the_target_keep_only_their_text(tmp_path):
    write(tmp_path / "a.md", "# Wiki story\n\nSee [the article](https://en.wikipedia.org/wiki/Foo_(bar)) about "
                             "the bridge, which reopened on Tuesday after repairs.\n")
    [article], _ = load([tmp_path])
    assert "See the article about the bridge" in article.text


@pytest.mark.parametrize("unit", ["# ", "![", "[a](x", "[a]("])
def test_a_line_of_endless_markdown_openers_is_read_as_plain_text(tmp_path, unit):
    # Each of these took time quadratic in the line (minutes for a few hundred kilobytes).
    write(tmp_path / "a.md", STORY + "\n" + unit * 50_000 + "\n")
    articles, _ = load([tmp_path], max_chars=10**6)
    assert len(articles) == 1 and articles[0].text.startswith("Harbour bridge reopens")


def test_an_input_path_with_a_name_too_long_is_warned_about_not_raised(tmp_path):
    write(tmp_path / "story.txt", STORY)
    articles, warnings = load([tmp_path / ("x" * 300), tmp_path / "story.txt"])
    assert len(articles) == 1
    assert len(warnings) == 1 and warnings[0].endswith("cannot read (File name too long)")


def test_a_file_without_a_title_line_gets_a_short_excerpt_marked_untitled(tmp_path):
    from checker.ingest import load_articles

    body = ("The city council voted on Tuesday to close the old harbour bridge for repairs until next spring. "
            "Traffic will be diverted.\n")
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Harbour bridge to close for repairs\n\n" + body, encoding="utf-8")
    titles = {a.path.rsplit("/", 1)[-1]: a.title for a in load_articles([str(tmp_path)])}
    assert titles["a.txt"] == "Untitled: “The city council voted on Tuesday to close…”"
    assert titles["b.txt"] == "Harbour bridge to close for repairs"


def test_many_records_without_text_in_one_feed_give_one_warning_naming_the_first_lines(tmp_path):
    lines = [json.dumps({"text": STORY})] + [json.dumps({"title": f"stub {i}"}) for i in range(40)]
    lines.insert(3, "{not json")
    path = write(tmp_path / "feed.jsonl", "\n".join(lines))
    [article], warnings = load([path])
    assert warnings == [  # one warning per reason, in the order first met
        f"{path}: lines 2, 3, 5, 6, 7 and 35 more (40 in all): no text (expected one of {', '.join(TEXT_FIELDS[:3])})",
        f"{path}: line 4: malformed JSON (Expecting property name enclosed in double quotes)",
    ]


def test_records_without_text_in_a_json_list_are_counted_as_articles(tmp_path):
    path = write(tmp_path / "feed.json", json.dumps([{"text": STORY}, {"title": "a"}, {"title": "b"}]))
    [article], warnings = load([path])
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}: articles 2, 3 (2 in all): no text")
