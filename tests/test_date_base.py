"""An article without a publication date still has its relative times ("this summer", "next year") read
against a day: its dateline's, another date field of its feed record, or its file's modification time
(ingest.date_base). The reason of a time conflict says which day was used and where it came from."""
import datetime as dt
import json
import os


from checker.ingest import date_base, load_articles, wire_dateline
from checker.types import DateBase

SUMMER = "The museum will reopen this summer, the council said."
IN_2030 = "The museum is expected to reopen in 2030, the council said."


def _reasons(extractor, a, b, a_base=None, b_base=None, a_date=None, b_date=None):
    signals = extractor.compare_texts(a, b, a_date, b_date, similarity=0.9, a_base=a_base, b_base=b_base)
    return [m.reason for m in signals.mismatches]


def _one(articles, name):
    return next(a for a in articles if a.path.endswith(name))


def test_without_any_date_a_relative_time_is_not_compared_with_an_explicit_year(extractor):
    assert _reasons(extractor, SUMMER, IN_2030) == []


def test_a_wire_dateline_with_a_year_is_the_base_and_the_reason_names_it(tmp_path, extractor):
    (tmp_path / "wire.txt").write_text(f"WASHINGTON, Jan. 5, 2024 (AP) — {SUMMER}\n", encoding="utf-8")
    article = load_articles([tmp_path])[0]
    assert article.date is None
    assert article.date_base == DateBase("2024-01-05", "the dateline 'WASHINGTON, Jan. 5, 2024 (AP)'")
    reasons = _reasons(extractor, SUMMER, IN_2030, a_base=article.date_base)
    assert len(reasons) == 1
    assert "this summer (2024-06-01 to 2024-08-31)" in reasons[0]
    assert "read from 2024-01-05, the dateline 'WASHINGTON, Jan. 5, 2024 (AP)'" in reasons[0]


def test_a_date_field_of_the_feed_record_is_the_base(tmp_path, extractor):
    records = [{"id": "a", "title": "Museum", "text": SUMMER, "crawled_at": "2025-02-11T08:00:00Z"},
               {"id": "b", "title": "Museum", "text": IN_2030}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    by_id = {a.id: a for a in load_articles([tmp_path / "feed.jsonl"])}
    assert by_id["a"].date_base == DateBase("2025-02-11", "the feed record's 'crawled_at' field")
    reasons = _reasons(extractor, SUMMER, IN_2030, a_base=by_id["a"].date_base)
    assert len(reasons) == 1 and "read from 2025-02-11, the feed record's 'crawled_at' field" in reasons[0]


def test_the_file_modification_time_is_the_last_resort_and_gives_a_doubt_not_a_conflict(tmp_path, extractor):
    path = tmp_path / "undated.txt"
    path.write_text(SUMMER + "\n", encoding="utf-8")
    stamp = dt.datetime(2026, 4, 20, 12, tzinfo=dt.timezone.utc).timestamp()
    os.utime(path, (stamp, stamp))
    article = load_articles([path])[0]
    assert article.date_base == DateBase("2026-04-20", "the file's modification time", firm=False)
    # the file may have been copied long after the story was written: worth a look, with the day named
    signals = extractor.compare_texts(SUMMER, IN_2030, similarity=0.9, a_base=article.date_base)
    assert signals.mismatches == ()
    assert len(signals.doubts) == 1 and "this summer (2026-06-01 to 2026-08-31)" in signals.doubts[0]
    assert "read from 2026-04-20, the file's modification time" in signals.doubts[0]
    # the same summer as the other's year: nothing
    same = extractor.compare_texts(SUMMER, IN_2030.replace("2030", "2026"), similarity=0.9, a_base=article.date_base)
    assert same.mismatches == () and same.doubts == ()


def test_a_dateline_without_a_year_takes_it_from_the_file(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(f"LONDON, March 3 (Reuters) - {SUMMER}\n", encoding="utf-8")
    stamp = dt.datetime(2025, 1, 10, tzinfo=dt.timezone.utc).timestamp()
    os.utime(path, (stamp, stamp))
    base = load_articles([path])[0].date_base
    # 3 March after the file was last changed cannot be this year's: the year before
    assert base == DateBase("2024-03-03", "the dateline 'LONDON, March 3 (Reuters)', its year from the file's "
                                          "modification time", firm=False)


def test_a_dateline_alone_gives_the_day_of_the_year(extractor):
    assert wire_dateline("LONDON, March 3 (Reuters) - Talks resumed.") == ("LONDON, March 3 (Reuters)", 3, 3, None)
    assert date_base("LONDON, 15 December (Reuters) - Talks resumed.", {}, None) == DateBase(
        "--12-15", "the dateline 'LONDON, 15 December (Reuters)' (no year)")
    a, b = "The museum will reopen next month, the council said.", "The museum will reopen this year, the council said."
    assert _reasons(extractor, a, b) == []  # on some day of the year (not in December) they agree
    december = DateBase("--12-15", "the dateline 'LONDON, 15 December (Reuters)' (no year)")
    reasons = _reasons(extractor, a, b, a_base=december, b_base=december)
    assert len(reasons) == 1 and "written on 12-15 of some year (the dateline 'LONDON, 15 December (Reuters)'" in reasons[0]


def test_a_publication_date_wins_over_the_base_and_is_named(tmp_path, extractor):
    (tmp_path / "dated.txt").write_text(f"---\ndate: 2024-03-01\n---\nLONDON, March 3 (Reuters) - {SUMMER}\n",
                                        encoding="utf-8")
    article = load_articles([tmp_path])[0]
    assert article.date == "2024-03-01" and article.date_base is None
    reasons = _reasons(extractor, SUMMER, IN_2030, a_date=article.date)
    assert len(reasons) == 1 and "read from the publication date 2024-03-01" in reasons[0]


def test_text_that_is_not_a_dateline_gives_none():
    assert wire_dateline("The ministry said in March - talks failed.") is None
    assert wire_dateline("OSLO, May (Reuters) - Talks resumed.") is None


def test_a_dateline_with_an_accented_place_is_read():
    assert wire_dateline("OMBÉSSA, Gabon, March 11 (AAW) - A barge capsized.")[1:3] == (3, 11)
    assert wire_dateline("SÃO JOÃO, Brazil, May 2 - The race was stopped.")[1:3] == (5, 2)
