"""Property-based tests (hypothesis): ingest, segmentation and the signals never raise on hostile
input, and sentence offsets always point into the article text.

Arbitrary text is mixed with fragments that have broken these stages before or are likely to:
huge and malformed numbers and dates, bidirectional and zero-width controls, combining marks,
letters whose case mapping changes length, lone surrogates (JSON can carry them), odd newlines.
Examples are bounded and there is no deadline, so the whole file runs in seconds.
"""
from __future__ import annotations

import datetime as dt
import json
import os

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from checker.config import Config  # noqa: E402
from checker.errors import InputError  # noqa: E402
from checker.ingest import load_articles, normalize_date, normalize_text, text_id  # noqa: E402
from checker.segment import segment  # noqa: E402
from checker.signals import SignalExtractor  # noqa: E402
from checker.types import Article  # noqa: E402

FAST = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=25, deadline=None, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

FRAGMENTS = [
    "300", "003", "2,000", "1.5", "-0", "1e308", "1e-400", "9" * 400, "10" * 60 + "%", "$1.5 trillion",
    "1,2,3,4", "½", "٣٠٠", "𝟑𝟎𝟎", "3\u00ad00", "3\u200b00", "\u202e300\u202c", "\u2066003\u2069",
    "December 32, 99999", "Feb 30, 2024", "2024-13-45", "0000-00-00", "9999-12-31", "on 31/02/2024",
    "in the 1990s", "last Tuesday", "Jan. 2024", "99999 BC", "year 0", "Q5 2024", "10:99 PM",
    "U.S.", "Dec. 19", "Mr.", "...", "!!!", "?!", "“quoted.”", "(aside)", "— ", "–", "•",
    "not", "never", "didn't", "won't", "no longer", "beat", "defeated", "İstanbul", "ß", "ﬁ",
    "e\u0301", "\u0301", "\ufeff", "\u2028", "\u2029", "\r\n", "\r", "\n\n\n", "\t", "\x0b", "\x0c", "\x85",
    "\ud800", "\udcff", "Joe Biden", "Ukraine", "Patriot", "By Jane Doe", "© 2024",
    "http://x.test/a?b=1", "<script>", "&amp;", "# heading", "---\ntitle: x\n---\n",
]
fragment = st.sampled_from(FRAGMENTS)
numberish = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=0, max_value=10**6).map(lambda n: f"{n:,}"),
)
# All of Unicode (surrogates included: st.characters excludes them unless asked).
any_char_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=80)
word = st.one_of(fragment, numberish, any_char_text, st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True))
separator = st.sampled_from(["", " ", " ", ". ", ", ", "\n", "\n\n", "; ", "? ", "! "])
hostile_text = st.lists(st.tuples(word, separator), max_size=60).map(lambda parts: "".join(w + s for w, s in parts))


def _article(text: str) -> Article:
    text = normalize_text(text)
    return Article(id=text_id(text), title=text.split("\n", 1)[0][:200], text=text)


# ---------------------------------------------------------------- ingest


@FAST
@given(hostile_text)
def test_normalize_text_never_raises_and_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert "\r" not in once and "\n\n\n" not in once


@FAST
@given(st.one_of(
    hostile_text, fragment, st.integers(), st.floats(), st.none(), st.booleans(),
    st.integers(min_value=-(10**400), max_value=10**400), st.dates(), st.datetimes(),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
))
def test_normalize_date_gives_an_iso_date_or_none_for_anything(value):
    result = normalize_date(value)
    assert result is None or dt.date.fromisoformat(result)


SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".htm", ".markdown", ""]


def _file_name(raw: bytes, suffix: str) -> bytes:
    # The bytes a file name may hold on POSIX: anything but "/" and NUL, at most 255 bytes.
    stem = raw.replace(b"/", b"_").replace(b"\x00", b"_")[:200] or b"x"
    if stem in (b".", b".."):
        stem = b"x" + stem
    return stem + suffix.encode()


file_content = st.one_of(
    st.binary(max_size=600),
    hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    hostile_text.map(lambda t: t.encode("utf-16", "surrogatepass")),
    hostile_text.map(lambda t: t.encode("cp1252", "ignore")),
    hostile_text.map(lambda t: f"<html><head><title>{t[:20]}</title></head><body><p>{t}</p></body></html>"
                     .encode("utf-8", "surrogatepass")),
    st.tuples(hostile_text, st.binary(max_size=8)).map(lambda p: p[0].encode("utf-8", "surrogatepass") + p[1]),
    st.sampled_from([  # input that once raised or hung: deep or huge JSON, surrogate escapes, YAML aliases
        b"[" * 100_000, b'{"text": ' + b"1" * 5000 + b"}", b'{"text": "\\ud800 bridge reopened", "date": 1e400}',
        b"---\na: &a [1, 2]\nb: &b [*a, *a]\ntitle: *b\n---\nThe bridge reopened to traffic on Tuesday.",
    ]),
)


@FEW
@given(content=file_content,
       raw_name=st.binary(min_size=1, max_size=40), suffix=st.sampled_from(SUFFIXES))
def test_load_articles_reads_any_bytes_under_any_name_or_says_why(tmp_path_factory, content, raw_name, suffix):
    folder = tmp_path_factory.mktemp("in")
    name = _file_name(raw_name, suffix)
    with open(os.path.join(os.fsencode(folder), name), "wb") as f:
        f.write(content)
    warnings: list[str] = []
    try:
        articles = load_articles([folder], warn=warnings.append)
    except InputError:
        return
    for article in articles:
        assert article.text and article.text == normalize_text(article.text)
        assert article.title
        assert article.date is None or dt.date.fromisoformat(article.date)
        article.text.encode("utf-8")  # no lone surrogates reach the pipeline
        article.title.encode("utf-8")


@FEW
@given(st.lists(st.dictionaries(
    st.sampled_from(["text", "body", "title", "date", "published", "source", "id", "url", "x"]),
    st.one_of(hostile_text, st.integers(min_value=-(10**30), max_value=10**30), st.floats(), st.none(),
              st.booleans(), st.lists(st.integers(), max_size=2), st.dictionaries(st.just("name"), hostile_text)),
    max_size=6), max_size=4))
def test_load_articles_reads_any_json_records_or_says_why(tmp_path_factory, records):
    folder = tmp_path_factory.mktemp("json")
    (folder / "a.json").write_text(json.dumps(records), encoding="utf-8")
    (folder / "b.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    try:
        articles = load_articles([folder], warn=lambda message: None)
    except InputError:
        return
    for article in articles:
        for value in (article.text, article.title, article.source, article.url, article.id):
            if value is not None:
                value.encode("utf-8")
        assert article.date is None or dt.date.fromisoformat(article.date)


@FEW
@given(st.lists(st.one_of(hostile_text, st.text(max_size=600), st.sampled_from(["*", "**/*.txt", "[", "", "x" * 300])),
                min_size=1, max_size=3))
def test_load_articles_takes_any_path_strings_and_raises_only_an_input_error(tmp_path_factory, paths):
    folder = tmp_path_factory.mktemp("paths")
    (folder / "a.txt").write_text("Bridge reopens\n\nThe bridge reopened to traffic on Tuesday.\n", encoding="utf-8")
    # Kept inside the folder: ".." and a leading "/" would send the walk through the whole disk.
    inside = [f"{folder}/{p.replace('..', '_')}" for p in paths]
    try:
        load_articles(inside, warn=lambda message: None)
    except InputError:
        pass


# ---------------------------------------------------------------- segmentation


@FAST
@given(hostile_text)
def test_sentence_offsets_always_point_into_the_article_text(text):
    article = _article(text)
    sentences = segment(article, Config())
    previous_end = 0
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert 0 <= sentence.start < sentence.end <= len(article.text)
        assert sentence.start >= previous_end
        assert article.text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        previous_end = sentence.end


@FAST
@given(hostile_text, st.integers(min_value=1, max_value=400), st.integers(min_value=0, max_value=50))
def test_offsets_hold_for_any_sentence_length_limits(text, max_chars, min_chars):
    article = _article(text)
    for sentence in segment(article, Config(max_sentence_chars=max_chars, min_sentence_chars=min_chars)):
        assert article.text[sentence.start:sentence.end] == sentence.text
        assert len(sentence.text) <= max(max_chars, 1)


@FAST
@given(hostile_text, st.integers(min_value=1, max_value=120))
def test_long_lines_given_to_pysbd_in_pieces_keep_every_offset_right(text, max_chars):
    from checker import segment as segment_module

    article = _article(text)
    saved, segment_module.PYSBD_MAX_CHARS = segment_module.PYSBD_MAX_CHARS, max_chars
    try:
        sentences = segment(article, Config())
    finally:
        segment_module.PYSBD_MAX_CHARS = saved
    for sentence in sentences:
        assert article.text[sentence.start:sentence.end] == sentence.text


@FAST
@given(st.text(max_size=400), st.integers(min_value=1, max_value=100))
def test_line_pieces_put_together_give_the_line_back(line, max_chars):
    from checker.segment import _chunks

    pieces = list(_chunks(line, max_chars))
    assert "".join(pieces) == line
    assert all(0 < len(piece) <= max_chars for piece in pieces[:-1]) and len(pieces[-1]) <= max_chars


# ---------------------------------------------------------------- signals


_EXTRACTOR = SignalExtractor(use_spacy=False)
iso_date = st.one_of(st.none(), st.dates().map(dt.date.isoformat), st.sampled_from(["", "2024-02-30", "garbage"]))


@FAST
@given(hostile_text, hostile_text, iso_date, iso_date, st.one_of(st.none(), st.floats(allow_nan=True)))
def test_signals_compare_any_two_strings_without_raising(a, b, a_date, b_date, similarity):
    signals = _EXTRACTOR.compare_texts(a, b, a_date, b_date, similarity=similarity)
    for mismatch in signals.mismatches:
        assert mismatch.kind and isinstance(mismatch.reason, str)


@FAST
@given(hostile_text, iso_date)
def test_a_sentence_never_conflicts_with_itself(text, date):
    signals = _EXTRACTOR.compare_texts(text, text, date, date, similarity=1.0)
    assert not signals.mismatches


# ---------------------------------------------------------------- the report writer


report_text = hostile_text.filter(lambda t: t.strip())


@FEW
@given(a_text=report_text, b_text=report_text, title=hostile_text, path_bytes=st.binary(min_size=1, max_size=20))
def test_any_text_and_file_name_give_a_complete_report_with_no_hidden_characters_shown(
        tmp_path_factory, a_text, b_text, title, path_bytes):
    from dataclasses import replace

    from checker.report import write_report
    from checker.textsafe import printable, show_invisible, without_surrogates
    from tests.test_report import make_sample_report

    report = make_sample_report(texts={("a1f3c9e2", 0): a_text, ("b7d20a41", 0): b_text})
    path = os.fsdecode(b"/data/" + path_bytes.replace(b"\x00", b"_"))  # as os.listdir gives it
    report = replace(report, articles=[replace(report.articles[0], title=title or "x", path=path),
                                       *report.articles[1:]], warnings=[f"{path}: a warning"])
    out = tmp_path_factory.mktemp("out")
    write_report(report, out)
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    side = doc["conflicts"][0]["evidence"][0]["a"]
    assert without_surrogates(report.articles[0].text[side["start"]:side["end"]]) == side["text"]
    assert doc["articles"][0]["path"] == printable(path)
    for name in ("report.md", "report.html"):
        page = (out / name).read_text(encoding="utf-8")
        assert show_invisible(page) == page, name  # nothing left that displays as nothing
