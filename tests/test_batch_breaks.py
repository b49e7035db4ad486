"""`checker batch` against a hostile or unlucky user (issue 23): a bad store, an output path in the
way, a full disk, a bad line in the feed, duplicate ids, control characters. Each ends in one clear
line and exit 2, before any model loads where it can be told that early, with nothing the user had
lost; or it works. Uses the tiny NLI model of test_batch.py."""
from __future__ import annotations

import errno
import json
import os
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from checker.api import Models
from checker.batch import run_batch
from checker.batch.index import render_index_html
from checker.wording import counted as plural
from checker.batch.stories import group_stories, read_traits
from checker.batch.feed import FeedArticle, read_feed
from checker.batch.store import Store
from checker.cli import main
from checker.errors import CheckerError
from checker.types import Article

from test_batch import BRIDGE, LONER, MATCH, config, fresh, models, run, story_of, write  # noqa: F401 (fixtures)


@pytest.fixture
def feed(tmp_path) -> Path:
    return write(tmp_path / "feed", {**BRIDGE, **MATCH, **LONER})


@pytest.fixture
def no_model_loads(monkeypatch):
    """Any model loading fails the test: the check under test must come first."""
    def refuse(*args, **kwargs):
        raise AssertionError("a model was loaded before the check")
    monkeypatch.setattr(Models, "load", classmethod(refuse))


def batch_cli(tiny_nli_model, *args) -> list[str]:
    return ["batch", *map(str, args), "--nli-model", str(tiny_nli_model), "--device", "cpu", "--no-signals"]


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    errors = [line for line in err if line.startswith("checker batch: error: ")]
    assert len(errors) == 1 and "Traceback" not in "\n".join(err), err
    return errors[0]


def a_store(path: Path, rows: int = 0) -> bytes:
    """A real store with `rows` NLI rows; returns its bytes once checkpointed into the main file."""
    with Store(path) as store:
        store.put_logits("m", {f"k{i}": [float(i), 1.0, 2.0] * 100 for i in range(rows)})
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


# ------------------------------------------------------------------ break 1: a damaged store


@pytest.mark.parametrize("damage", ["garbage-header", "truncated"])
def test_a_damaged_store_is_one_line_and_exit_two_before_any_model_loads(feed, tmp_path, tiny_nli_model, capsys,
                                                                        no_model_loads, damage):
    store = tmp_path / "store.sqlite"
    data = a_store(store, rows=300)
    bad = b"garbage!" * 16 + data[128:] if damage == "garbage-header" else data[: len(data) // 2]
    store.write_bytes(bad)
    out = tmp_path / "out"
    assert main(batch_cli(tiny_nli_model, feed, "-o", out, "--store", store)) == 2
    line = one_error_line(capsys)
    assert str(store) in line and "--rebuild-store" in line
    assert store.read_bytes() == bad  # left as it was
    assert not out.exists()


def test_damage_in_the_middle_of_the_store_is_found_when_it_is_opened(tmp_path):
    store = tmp_path / "store.sqlite"
    data = bytearray(a_store(store, rows=400))
    page = int.from_bytes(data[16:18], "big")
    # A b-tree leaf page (type 10) half-way through the file; its first bytes kept. (Damage inside a
    # blob's overflow page cannot be seen: SQLite keeps no checksums.)
    leaves = [n for n in range(1, len(data) // page) if data[n * page] == 10]
    middle = leaves[len(leaves) // 2] * page
    data[middle + 8: middle + page] = b"\xab" * (page - 8)
    store.write_bytes(bytes(data))
    db = sqlite3.connect(store)
    assert db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("1",)  # looks fine
    db.close()
    with pytest.raises(CheckerError, match="damaged"):
        Store(store)


def test_rebuild_store_starts_a_new_store_and_keeps_the_old_file_beside_it(feed, tmp_path, config, models):
    out = tmp_path / "out"
    store = out / "store.sqlite"
    out.mkdir()
    store.write_bytes(b"not a database at all, " * 50)
    with pytest.raises(CheckerError, match="--rebuild-store"):
        run([feed], out, config, models)
    result, warnings, _ = run([feed], out, config, models, rebuild_store=True)
    kept = list(out.glob("store.sqlite.old-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"not a database at all, " * 50
    assert any("moved to" in w and kept[0].name in w for w in warnings)
    assert result.stories_scored == 2
    with Store(store) as opened:
        assert opened.count("nli") > 0


# ------------------------------------------------------------------ breaks 2 and 7: a store that cannot be used


def test_a_read_only_store_is_refused_before_any_model_loads_and_no_output_folder_is_left(
        feed, tmp_path, tiny_nli_model, capsys, no_model_loads, monkeypatch):
    store = tmp_path / "shared" / "store.sqlite"
    a_store(store)
    real_connect = sqlite3.connect

    def read_only(database, *args, **kwargs):  # as a read-only file or mount does (the tests may run as root)
        return real_connect(f"file:{database}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr("checker.batch.store.sqlite3.connect", read_only)
    out = tmp_path / "out"
    assert main(batch_cli(tiny_nli_model, feed, "-o", out, "--store", store)) == 2
    line = one_error_line(capsys)
    assert "cannot be written" in line and str(store) in line
    assert not out.exists()


@pytest.mark.parametrize("kind", ["folder", "text-file", "other-sqlite"])
def test_a_store_that_is_not_a_store_is_refused_and_left_untouched(feed, tmp_path, tiny_nli_model, capsys,
                                                                   no_model_loads, kind):
    store = tmp_path / "thing"
    if kind == "folder":
        store.mkdir()
    elif kind == "text-file":
        store.write_text("my notes, not a database\n" * 20)
    else:
        db = sqlite3.connect(store)
        db.execute("CREATE TABLE contacts (name TEXT)")
        db.execute("INSERT INTO contacts VALUES ('Ada')")
        db.commit()
        db.close()
    before = store.read_bytes() if store.is_file() else None
    out = tmp_path / "out"
    assert main(batch_cli(tiny_nli_model, feed, "-o", out, "--store", store)) == 2
    line = one_error_line(capsys)
    assert str(store) in line
    assert not out.exists()
    if before is not None:
        assert store.read_bytes() == before
        assert not Path(f"{store}-wal").exists()


# ------------------------------------------------------------------ break 3: write errors


class _FullDisk:
    """A file opened for writing on a full disk: every write raises ENOSPC."""

    def __init__(self, handle):
        self.handle = handle

    def write(self, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()

    def __getattr__(self, name):
        return getattr(self.handle, name)


@pytest.fixture
def full_disk_for_the_index(monkeypatch):
    """Writes to a file whose name holds "index." fail with ENOSPC, as on a disk that filled up
    after the reports were written (whatever function writes the index)."""
    real = os.fdopen

    def fdopen(fd, *args, **kwargs):
        handle = real(fd, *args, **kwargs)
        try:
            name = os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            return handle
        return _FullDisk(handle) if "index." in name else handle

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to tell which file a descriptor writes")
    monkeypatch.setattr(os, "fdopen", fdopen)


def test_a_full_disk_while_writing_the_index_is_one_line_and_leaves_the_old_index(feed, tmp_path, config, models,
                                                                                   request):
    out = tmp_path / "out"
    run([feed], out, config, models)
    old = (out / "index.json").read_bytes(), (out / "index.html").read_bytes()
    request.getfixturevalue("full_disk_for_the_index")
    with pytest.raises(CheckerError, match="no space left"):
        run([feed], out, config, models)
    assert ((out / "index.json").read_bytes(), (out / "index.html").read_bytes()) == old
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_a_full_disk_while_writing_the_store_is_one_line(feed, tmp_path, config, models, monkeypatch):
    def disk_full(self, sql, rows):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "_write", disk_full)
    with pytest.raises(CheckerError, match="disk is full"):
        run([feed], tmp_path / "out", config, models)


def test_the_command_turns_a_full_disk_into_exit_two(feed, tmp_path, tiny_nli_model, capsys, full_disk_for_the_index):
    assert main(batch_cli(tiny_nli_model, feed, "-o", tmp_path / "out")) == 2
    assert "no space left on the device" in one_error_line(capsys)


# ------------------------------------------------------------------ break 4: a bad line in the feed


def jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def record(name: str, text: str, **fields) -> str:
    return json.dumps({"id": fields.pop("id", name), "title": text.split("\n")[0], "text": text, **fields})


def test_one_bad_line_in_a_jsonl_feed_is_skipped_with_a_warning_naming_it(tmp_path, config, models):
    lines = [record(n, t) for n, t in {**BRIDGE, **MATCH}.items()]
    lines.insert(1, "[" * 100_000 + "]" * 100_000)  # nesting deeper than any parser allows
    lines.insert(3, '{"text": "A number", "id": ' + "7" * 5000 + "}")  # longer than Python reads
    feed = jsonl(tmp_path / "feed.jsonl", lines)
    result, warnings, _ = run([feed], tmp_path / "out", config, models)
    assert result.index["summary"]["articles"] == len(BRIDGE) + len(MATCH)
    assert any(w.startswith(f"{feed}: line 2: ") and "nested too deeply" in w for w in warnings)
    assert any(w.startswith(f"{feed}: line 4: ") and "number too long" in w for w in warnings)
    assert result.stories_scored == 2


def test_a_feed_is_read_once(tmp_path, monkeypatch):
    lines = [record(n, t, story="bridge" if n in BRIDGE else None) for n, t in {**BRIDGE, **MATCH}.items()]
    feed = jsonl(tmp_path / "feed.jsonl", lines)
    reads = []
    real_bytes, real_text = Path.read_bytes, Path.read_text
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or real_bytes(self))
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: reads.append(self) or real_text(self, *a, **k))
    items = read_feed([feed], warn=lambda m: None)
    assert reads.count(feed) == 1
    assert [f.story for f in items] == ["bridge"] * len(BRIDGE) + [None] * len(MATCH)
    assert items[0].article.where == f"{feed}: line 1" and items[0].article.meta["story"] == "bridge"


def test_a_story_in_a_text_files_front_matter_is_its_label(tmp_path):
    folder = write(tmp_path / "feed", {"a.txt": "---\nstory: Harbour  tax\nsource: Wire\n---\n" + BRIDGE["wire.txt"]})
    [item] = read_feed([folder], warn=lambda m: None)
    assert item.story == "Harbour tax" and item.article.source == "Wire"


# ------------------------------------------------------------------ break 5: duplicate record ids


def test_a_duplicate_id_gets_a_new_id_and_its_record_stays_in_its_own_story(tmp_path, config, models):
    lines = [record("same", BRIDGE["courier.txt"], story="alpha"),
             record("b2", BRIDGE["wire.txt"], story="alpha"),
             record("same", MATCH["gazette.txt"], story="beta"),
             record("m2", MATCH["sportsdesk.txt"], story="beta")]
    feed = jsonl(tmp_path / "feed.jsonl", lines)
    result, warnings, _ = run([feed], tmp_path / "out", config, models)
    titles = {s["id"]: sorted(a["title"] for a in s["articles"]) for s in result.index["stories"]}
    assert titles == {"alpha": ["Bridge closes after crack found", "Elm Street bridge shut in Harwick"],
                      "beta": ["Cup goes to Harlow", "Rovers win the cup final"]}
    [warning] = [w for w in warnings if "already used" in w]
    assert warning.startswith(f"{feed}: line 3: ") and f"{feed}: line 1" in warning
    ids = [a["id"] for s in result.index["stories"] for a in s["articles"]]
    assert len(set(ids)) == 4 and "same" in ids
    assert result.stories_scored == 2  # alpha's pair is checked too


def test_a_content_id_taken_as_a_record_id_does_not_collide(tmp_path):
    from checker.ingest import text_id, normalize_text

    taken = text_id(normalize_text(BRIDGE["wire.txt"]))
    feed = jsonl(tmp_path / "feed.jsonl", [record("x", BRIDGE["courier.txt"], id=taken),
                                           record("y", BRIDGE["wire.txt"], id=taken)])
    ids = [f.article.id for f in read_feed([feed], warn=lambda m: None)]
    assert len(set(ids)) == 2


# ------------------------------------------------------------------ break 6: control characters in the index


def test_control_and_bidi_characters_show_as_markers_in_the_index(tmp_path, config, models):
    lines = [record("a", BRIDGE["courier.txt"], title="Bridge\u0000 closes\u001b[31m", source="Wire\u0007"),
             record("b", BRIDGE["wire.txt"], title="Bridge \u202eshut", source="Desk")]
    feed = jsonl(tmp_path / "feed.jsonl", lines)
    out = tmp_path / "out"
    run([feed], out, config, models)
    html = (out / "index.html").read_text(encoding="utf-8")
    for raw in ("\u0000", "\u001b", "\u0007", "\u202e"):
        assert raw not in html
    assert "⟦U+001B⟧" in html and "⟦U+202E⟧" in html and "⟦U+0007⟧" in html
    assert "\u001b" in json.loads((out / "index.json").read_text())["stories"][0]["title"]  # data kept as given


# ------------------------------------------------------------------ break 8: an output path in the way


def test_a_file_where_a_story_folder_goes_is_one_line_before_any_scoring(feed, tmp_path, config, models, monkeypatch):
    first, _, _ = run([feed], tmp_path / "ref", config, models)
    story = story_of(first.index, "wire.txt")["id"]
    out = tmp_path / "out"
    write(out, {story: "my own notes\n"})
    scored = []
    real = type(models.nli).logits
    monkeypatch.setattr(type(models.nli), "logits", lambda self, p, h, desc="NLI": scored.append(1) or real(self, p, h, desc))
    with pytest.raises(CheckerError, match=f"story {story}: .* is a file, not a folder"):
        run([feed], out, config, models)
    assert not scored
    assert (out / story).read_text() == "my own notes\n"


def test_a_folder_named_like_a_report_file_is_one_line_before_any_scoring(feed, tmp_path, config, models):
    first, _, _ = run([feed], tmp_path / "ref", config, models)
    story = story_of(first.index, "wire.txt")["id"]
    out = tmp_path / "out"
    (out / story / "report.md").mkdir(parents=True)
    with pytest.raises(CheckerError, match="report.md: a folder of that name is in the way"):
        run([feed], out, config, models)


@pytest.mark.parametrize("name", ["index.json", "index.html"])
def test_a_folder_named_like_an_index_file_is_refused_before_any_model_loads(feed, tmp_path, tiny_nli_model, capsys,
                                                                              no_model_loads, name):
    out = tmp_path / "out"
    (out / name).mkdir(parents=True)
    assert main(batch_cli(tiny_nli_model, feed, "-o", out)) == 2
    assert f"{name}: a folder of that name is in the way" in one_error_line(capsys)
    assert sorted(p.name for p in out.iterdir()) == [name]


# ------------------------------------------------------------------ break 9 and the minor items


def test_a_narrower_format_removes_the_stale_report_files(feed, tmp_path, config, models):
    out = tmp_path / "out"
    run([feed], out, config, models)
    second, _, _ = run([feed], out, config, models, formats=("json",))
    for story in second.index["stories"]:
        if story["compared"]:
            assert sorted(p.name for p in (out / story["id"]).iterdir()) == ["report.json"]
            assert story["html"] is None


def test_index_files_are_as_readable_as_the_reports(feed, tmp_path, config, models):
    old = os.umask(0o022)
    try:
        out = tmp_path / "out"
        result, _, _ = run([feed], out, config, models)
    finally:
        os.umask(old)
    report = out / story_of(result.index, "wire.txt")["report"]
    assert (out / "index.json").stat().st_mode & 0o777 == (out / "index.html").stat().st_mode & 0o777 \
        == report.stat().st_mode & 0o777 == 0o644


def test_the_sentence_limit_warning_names_the_record(tmp_path, config, models):
    feed = jsonl(tmp_path / "feed.jsonl", [record(n, t) for n, t in BRIDGE.items()])
    _, warnings, _ = run([feed], tmp_path / "out", config, models, max_sentences=1)
    assert any(w.startswith(f"{feed}: line 2: ") and "only the first 1 " in w for w in warnings)


def test_the_sentence_embedding_progress_counts_only_sentences(feed, tmp_path, config, models):
    _, _, lines = run([feed], tmp_path / "out", config, models)
    stage = next(line for line in lines.splitlines() if line.startswith("batch: embedding ") and "sentences of" in line)
    total = int(stage.split()[2].replace(",", ""))
    counts = [int(line.rsplit(": ", 1)[1].split()[0].replace(",", ""))
              for line in lines.splitlines() if line.startswith(stage + ": ")]
    assert counts and 0 < max(counts) <= total  # the titles and leads embedded before are not counted


# ------------------------------------------------------------------ what a person reads


def test_stdout_lists_every_report_written_and_the_index(feed, tmp_path, tiny_nli_model, capsys):
    out = tmp_path / "out"
    assert main(batch_cli(tiny_nli_model, feed, "-o", out)) == 0
    printed = capsys.readouterr().out.split()
    expected = sorted(str(p) for p in out.glob("*/report.*")) + [str(out / "index.html"), str(out / "index.json")]
    assert len(expected) == 2 * 3 + 2
    assert sorted(printed) == sorted(expected)


def test_a_story_is_named_after_a_titled_article_when_it_has_one():
    untitled = Article(id="aaa111", title="Untitled: “The U.S. may soon send more…”", text="x", date="2025-01-01")
    titled = Article(id="bbb222", title="Washington weighs more missiles", text="y", date="2025-01-03")
    [story] = group_stories([FeedArticle(untitled), FeedArticle(titled)], np.array([[1.0, 0.0], [1.0, 0.0]]),
                            [read_traits(a.title, [a.text]) for a in (untitled, titled)])
    assert story.id == "washington-weighs-more-missiles-bbb222"


def test_counts_in_the_index_read_as_english():
    assert [plural(1, "conflict"), plural(2, "conflict"), plural(1, "story", "stories"),
            plural(1_200, "story", "stories")] == ["1 conflict", "2 conflicts", "1 story", "1,200 stories"]
    doc = {"created": "2026-01-01T00:00:00+00:00", "stories": [],
           "summary": {"articles": 1, "stories": 1, "compared": 0, "singletons": 1, "conflicts": 1, "agreements": 1,
                       "pairs_scored": 1, "stories_reused": 1, "warnings": ["w"]}}
    html = render_index_html(doc)
    assert "1 conflicts" not in html and "1 stories" not in html and "1 warning<" in html
    assert "1 story, 1 conflict</title>" in html


def test_a_records_other_fields_come_with_its_article_but_not_a_whole_page(tmp_path):
    feed = jsonl(tmp_path / "feed.jsonl", [json.dumps({"text": BRIDGE["wire.txt"], "story": "bridge", "rank": 3,
                                                       "tags": ["a", "b"], "html": "<p>x</p>" * 1000})])
    [item] = read_feed([feed], warn=lambda m: None)
    assert item.article.meta == {"story": "bridge", "rank": "3"}
