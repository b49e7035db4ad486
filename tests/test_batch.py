"""`checker batch`: stories, the store, incremental and resumed runs, bounded cost. Uses the tiny
NLI model (random weights) with the bundled embedder; the reports' numbers are meaningless, their
equality across runs is what these tests pin."""
from __future__ import annotations

import io
from dataclasses import replace
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.api import Models
from checker.batch import BatchSettings, run_batch
from checker.batch.cached import StoredNLI, normalise, pair_hash
from checker.batch.progress import Progress
from checker.batch.store import Store
from checker.cli import main
from checker.config import Config
from checker.errors import CheckerError

ROOT = Path(__file__).resolve().parents[1]

BRIDGE = {
    "courier.txt": "Bridge closes after crack found\n\nThe city closed the Elm Street bridge in Harwick on Monday after "
                   "engineers found a crack in a main girder.\nRepairs will cost 2 million euros, Mayor Lina Osk said.\n"
                   "Traffic is being sent through the Dock Road tunnel until the work is done.\n",
    "wire.txt": "Elm Street bridge shut in Harwick\n\nThe Elm Street bridge was closed on Monday when inspectors found a "
                "crack in a girder.\nMayor Lina Osk said repairs would cost 9 million euros.\n"
                "Drivers are told to use the Dock Road tunnel instead.\n",
    "radio.txt": "Harwick bridge closed for repairs\n\nHarwick closed its Elm Street bridge on Tuesday after a crack was "
                 "found.\nThe repairs will cost 2 million euros, according to Mayor Lina Osk.\n",
}
MATCH = {
    "gazette.txt": "Rovers win the cup final\n\nHarlow Rovers beat Dunmore City 3-1 in the cup final on Saturday.\n"
                   "Striker Ema Vold scored twice in front of 28,400 spectators at Kell Park.\n",
    "sportsdesk.txt": "Cup goes to Harlow\n\nHarlow Rovers won the final against Dunmore City 3-1 on Saturday.\n"
                      "Ema Vold scored two goals before a crowd of 24,800 at Kell Park.\n",
}
LONER = {"recipe.txt": "A winter soup\n\nSlice three onions and soften them slowly in butter for twenty minutes.\n"
                       "Add stock, simmer, and serve with toasted bread and grated cheese.\n"}
NEW = {"bridge-late.txt": "Crack closes Harwick bridge\n\nEngineers found a crack on the Elm Street bridge in Harwick, "
                          "which closed on Monday.\nMayor Lina Osk put the repair bill at 4 million euros.\n"}


def write(folder: Path, files: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def feed(tmp_path) -> Path:
    return write(tmp_path / "feed", {**BRIDGE, **MATCH, **LONER})


@pytest.fixture(scope="module")
def config(tiny_nli_model) -> Config:
    return Config(device="cpu", nli_model=str(tiny_nli_model), use_signals=False, progress=False, batch_size=4)


@pytest.fixture(scope="module")
def models(config) -> Models:
    import torch

    # One thread: on a busy 2-core machine two threads contend and run several times slower. The
    # killed-run test's subprocess uses one thread too, so both compute bit-identical numbers.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield Models.load(config)
    torch.set_num_threads(threads)


def fresh(models: Models) -> Models:
    """The same loaded models with no store wrapper left over from another run."""
    return Models(embedder=models.embedder, nli=models.nli, signals=models.signals)


def run(paths, out, config, models, **settings) -> tuple:
    warnings = []
    stream = io.StringIO()
    result = run_batch([str(p) for p in paths], out, config, BatchSettings(progress_every=0, **settings),
                       models=fresh(models), warn=warnings.append, stream=stream)
    return result, warnings, stream.getvalue()


def stable(report_json: Path) -> dict:
    """report.json without what differs between two identical runs (creation time, timings)."""
    doc = json.loads(report_json.read_text())
    doc.pop("created")
    for key in ("timings", "total_seconds"):
        doc["summary"].pop(key)
    return doc


def reports(out: Path) -> dict[str, dict]:
    return {p.parent.name: stable(p) for p in sorted(out.glob("*/report.json"))}


def story_of(index: dict, filename: str) -> dict:
    return next(s for s in index["stories"] if any(Path(a["path"]).name == filename for a in s["articles"]))


# ------------------------------------------------------------------ output


def test_batch_writes_one_report_per_story_and_an_index_listing_every_article(feed, tmp_path, config, models):
    out = tmp_path / "out"
    result, _, _ = run([feed], out, config, models)
    index = json.loads((out / "index.json").read_text())
    assert index == result.index
    groups = sorted(sorted(Path(a["path"]).name for a in s["articles"]) for s in index["stories"])
    assert groups == [sorted(BRIDGE), sorted(MATCH), sorted(LONER)]
    for story in index["stories"]:
        assert set(story) >= {"id", "articles", "conflicts", "report", "first_date", "agreements"}
        assert isinstance(story["conflicts"], int)
        if len(story["articles"]) > 1:
            report = json.loads((out / story["report"]).read_text())
            assert report["summary"]["articles"] == len(story["articles"])
            assert {p.name for p in (out / story["id"]).iterdir()} == {"report.json", "report.md", "report.html"}
    html = (out / "index.html").read_text()
    assert all(s["id"] in html for s in index["stories"])
    assert f'href="{story_of(index, "wire.txt")["html"]}"' in html


@pytest.mark.parametrize("inside", ["batch", "."], ids=["output-inside-feed", "output-equal-to-feed"])
def test_a_second_run_never_reads_its_own_output_as_articles(feed, config, models, inside):
    out = feed / inside
    first, _, _ = run([feed], out, config, models)
    second, warnings, _ = run([feed], out, config, models)
    assert second.index["summary"]["articles"] == first.index["summary"]["articles"] == len(BRIDGE) + len(MATCH) + len(LONER)
    assert second.index["summary"]["stories"] == first.index["summary"]["stories"]


def test_a_single_article_is_listed_and_not_compared(feed, tmp_path, config, models):
    out = tmp_path / "out"
    result, _, _ = run([feed], out, config, models)
    loner = story_of(result.index, "recipe.txt")
    assert loner["grouped_by"] == "single" and not loner["compared"] and loner["report"] is None
    assert not (out / loner["id"]).exists()
    assert result.index["summary"]["singletons"] == 1


def test_a_story_field_in_the_feed_overrides_the_grouping(tmp_path, config, models):
    texts = {**BRIDGE, **MATCH}
    records = [{"text": text, "title": text.split("\n")[0], "story": "one desk" if name in ("courier.txt", "gazette.txt") else None}
               for name, text in texts.items()]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    result, _, _ = run([feed], tmp_path / "out", config, models)
    labelled = next(s for s in result.index["stories"] if s["grouped_by"] == "feed")
    assert labelled["id"] == "one-desk"
    assert sorted(a["title"] for a in labelled["articles"]) == ["Bridge closes after crack found", "Rovers win the cup final"]
    assert all(a["path"] == str(feed) for s in result.index["stories"] for a in s["articles"])


# ------------------------------------------------------------------ the store: reruns


def test_a_rerun_of_an_unchanged_feed_computes_nothing_and_rewrites_no_report(feed, tmp_path, config, models):
    out = tmp_path / "out"
    first, _, _ = run([feed], out, config, models)
    assert first.nli_computed > 0 and first.stories_scored == 2
    stamps = {p: p.stat().st_mtime_ns for p in out.glob("*/report.*")}
    second, _, _ = run([feed], out, config, models)
    assert second.nli_computed == 0 and second.embedded == 0 and second.stories_scored == 0
    assert second.stories_reused == 2
    assert {p: p.stat().st_mtime_ns for p in out.glob("*/report.*")} == stamps
    assert [s["conflicts"] for s in second.index["stories"]] == [s["conflicts"] for s in first.index["stories"]]


def test_a_rerun_with_a_new_article_scores_only_pairs_that_involve_it(feed, tmp_path, config, models, monkeypatch):
    out = tmp_path / "out"
    first, _, _ = run([feed], out, config, models)
    match_story = story_of(first.index, "gazette.txt")["id"]
    before = reports(out)
    stamps = {p: p.stat().st_mtime_ns for p in (out / match_story).iterdir()}

    seen: list[tuple[str, str]] = []
    real = type(models.nli).logits

    def spy(self, premises, hypotheses, desc="NLI"):
        seen.extend(zip(premises, hypotheses))
        return real(self, premises, hypotheses, desc)

    monkeypatch.setattr(type(models.nli), "logits", spy)
    write(feed, NEW)
    second, _, _ = run([feed], out, config, models)
    new_text = normalise(NEW["bridge-late.txt"])
    assert second.nli_computed == len(seen) > 0
    assert all(normalise(p) in new_text or normalise(h) in new_text for p, h in seen), "an old pair was rescored"
    assert len(story_of(second.index, "bridge-late.txt")["articles"]) == 4
    assert second.stories_scored == 1 and second.stories_reused == 1
    after = reports(out)
    assert after[match_story] == before[match_story]
    assert {p: p.stat().st_mtime_ns for p in (out / match_story).iterdir()} == stamps


def test_a_new_nli_temperature_reuses_every_stored_score_but_rewrites_the_reports(feed, tmp_path, config, models):
    out = tmp_path / "out"
    run([feed], out, config, models)
    old = models.nli.temperature
    models.nli.temperature = old * 2
    try:
        second, _, _ = run([feed], out, config, models)
    finally:
        models.nli.temperature = old
    assert second.nli_computed == 0 and second.stories_scored == 2


def test_a_changed_nli_setting_rescores_nli_but_keeps_the_embeddings(feed, tmp_path, config, models):
    out = tmp_path / "out"
    first, _, _ = run([feed], out, config, models)
    old = models.nli.max_length
    models.nli.max_length = 64
    try:
        second, _, _ = run([feed], out, config, models)
    finally:
        models.nli.max_length = old
    assert second.nli_computed == first.nli_computed and second.embedded == 0


def test_the_store_can_live_outside_the_output_folder(feed, tmp_path, config, models):
    store = tmp_path / "elsewhere" / "cache.sqlite"
    run([feed], tmp_path / "a", config, models, store=store)
    second, _, _ = run([feed], tmp_path / "b", config, models, store=store)
    assert store.exists() and not (tmp_path / "a" / "store.sqlite").exists()
    assert second.nli_computed == 0 and second.stories_scored == 2  # another folder gets its own reports


def test_the_store_runs_in_wal_mode_and_refuses_another_schema(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        store.put_logits("m", {"k": [1.0, 2.0, 3.0]})
    with Store(path) as store:
        assert store.get_logits("m", ["k", "x"])["k"].tolist() == [1.0, 2.0, 3.0]
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value='0' WHERE key='schema_version'")
    db.commit()
    db.close()
    with pytest.raises(CheckerError, match="schema"):
        Store(path)


# ------------------------------------------------------------------ killed runs


class Boom(Exception):
    pass


def test_a_run_stopped_after_some_nli_batches_resumes_to_the_same_reports(feed, tmp_path, config, models, monkeypatch):
    reference, _, _ = run([feed], tmp_path / "ref", config, models)
    out = tmp_path / "out"
    real = type(models.nli).logits
    calls = {"n": 0}

    def dies_after_three_batches(self, premises, hypotheses, desc="NLI"):
        calls["n"] += 1
        if calls["n"] > 3:
            raise Boom()
        return real(self, premises, hypotheses, desc)

    monkeypatch.setattr(type(models.nli), "logits", dies_after_three_batches)
    with pytest.raises(Boom):
        run([feed], out, config, models)
    monkeypatch.setattr(type(models.nli), "logits", real)
    resumed, _, _ = run([feed], out, config, models)
    assert 0 < resumed.nli_computed < reference.nli_computed  # three batches came from the store
    assert reports(out) == reports(tmp_path / "ref")


KILLED_RUN = """
import sys, time
import torch
from pathlib import Path
from checker.api import Models
from checker.batch import BatchSettings, run_batch
from checker.config import Config

torch.set_num_threads(1)
config = Config(device="cpu", nli_model=sys.argv[1], use_signals=False, progress=False, batch_size=4)
models = Models.load(config)
real = type(models.nli).logits
def slow(self, p, h, desc="NLI"):
    time.sleep(0.25)  # room for the test to kill this process between two committed batches
    return real(self, p, h, desc)
type(models.nli).logits = slow
print("ready", flush=True)
run_batch([sys.argv[2]], Path(sys.argv[3]), config, BatchSettings(progress_every=0), models=models, warn=lambda m: None)
"""


def test_a_run_killed_with_sigkill_resumes_to_the_same_reports(feed, tmp_path, config, models, tiny_nli_model):
    reference, _, _ = run([feed], tmp_path / "ref", config, models)
    out = tmp_path / "out"
    script = tmp_path / "killed_run.py"
    script.write_text(KILLED_RUN)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, str(script), str(tiny_nli_model), str(feed), str(out)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # Generous: on a loaded 2-core machine the child needs minutes just to import torch and load models.
        deadline = time.monotonic() + 600
        rows = 0
        while time.monotonic() < deadline and proc.poll() is None:
            if (out / "store.sqlite").exists():
                try:
                    db = sqlite3.connect(f"file:{out / 'store.sqlite'}?mode=ro", uri=True, timeout=1)
                    rows = db.execute("SELECT COUNT(*) FROM nli").fetchone()[0]
                    db.close()
                except sqlite3.OperationalError:
                    rows = 0
            if rows >= 8:  # at least two committed batches of four
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be killed"
        assert rows >= 8, f"the run committed {rows} NLI rows in 600 s; killed before it had written any batch"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    resumed, _, _ = run([feed], out, config, models)
    assert 0 < resumed.nli_computed < reference.nli_computed
    assert reports(out) == reports(tmp_path / "ref")


# ------------------------------------------------------------------ bounded cost


def test_the_pair_budget_caps_a_story_and_says_so(feed, tmp_path, config, models):
    result, warnings, _ = run([feed], tmp_path / "out", config, models, max_pairs=2)
    bridge = story_of(result.index, "wire.txt")
    assert bridge["pairs_scored"] == 2
    assert any(w.startswith(f"story {bridge['id']}: ") and "budget of 2" in w for w in warnings)
    report = json.loads((tmp_path / "out" / bridge["report"]).read_text())
    assert any("budget of 2" in w for w in report["summary"]["warnings"])


def test_the_sentence_limit_cuts_long_articles_with_a_warning_naming_the_file(feed, tmp_path, config, models):
    result, warnings, _ = run([feed], tmp_path / "out", config, models, max_sentences=2)
    named = [w for w in warnings if "courier.txt" in w and "only the first 2" in w]
    assert named
    report = json.loads((tmp_path / "out" / story_of(result.index, "courier.txt")["report"]).read_text())
    courier = next(a for a in report["articles"] if a["path"].endswith("courier.txt"))
    assert courier["sentence_count"] == 2
    assert any("only the first 2" in w for w in report["summary"]["warnings"])


def test_near_duplicate_sentences_are_one_nli_input(tmp_path, models):
    with Store(tmp_path / "s.sqlite") as store:
        nli = StoredNLI(models.nli, store, "k")
        probs = nli.predict(["The bridge  closed on “Monday”.", "the bridge closed on \"monday\"."],
                            ["It was shut.", "It was shut."])
        assert nli.computed == 1 and nli.repeats == 1 and nli.reused == 0
        assert probs[0].tolist() == probs[1].tolist()
    assert pair_hash("A  b", "c") == pair_hash("a b", "C") != pair_hash("a b", "d")


def test_progress_lines_appear_when_stderr_is_not_a_terminal(feed, tmp_path, config, models):
    _, _, lines = run([feed], tmp_path / "out", config, models)
    assert "batch: 6 articles read" in lines
    assert "NLI inputs scored" in lines and "story 1/2" in lines


def test_progress_is_throttled_and_estimates_time_left():
    now = [0.0]
    stream = io.StringIO()
    p = Progress(total_stories=2, total_sentences=100, every=5.0, stream=stream, clock=lambda: now[0])
    p.story_started(50)
    p.planned(200)
    for _ in range(10):
        now[0] += 1.0
        p.scored(10)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2  # at 5 s and 10 s, not on every call
    assert "100 NLI inputs scored" in lines[-1] and "10/s" in lines[-1]
    assert "about 30 s left" in lines[-1]  # 100 left in this story + 200 for the other 50 sentences, at 10/s


# ------------------------------------------------------------------ command line


def test_batch_command_writes_the_index_and_exits_zero(feed, tmp_path, tiny_nli_model, capsys):
    out = tmp_path / "out"
    code = main(["batch", str(feed), "-o", str(out), "--nli-model", str(tiny_nli_model), "--device", "cpu",
                 "--no-signals"])
    captured = capsys.readouterr()
    assert code == 0
    assert str(out / "index.json") in captured.out
    assert "3 stories (2 compared: 2 scored now, 0 unchanged since the last run)" in captured.err
    assert (out / "store.sqlite").exists()


@pytest.mark.parametrize("option", [["--format", "pdf"], ["--max-pairs", "-1"], ["--story-threshold", "0"],
                                    ["--story-threshold", "1.2"]])
def test_batch_command_refuses_bad_options_with_exit_two(feed, tmp_path, option, capsys):
    code = main(["batch", str(feed), "-o", str(tmp_path / "o"), *option])
    assert code == 2
    assert capsys.readouterr().err.startswith("checker batch: error: ")


def test_batch_command_without_usable_articles_exits_two(tmp_path, capsys):
    code = main(["batch", str(tmp_path / "missing"), "-o", str(tmp_path / "o")])
    assert code == 2 and "no usable articles" in capsys.readouterr().err


def test_act_questions_go_through_the_store_and_a_rerun_asks_the_model_nothing(tmp_path, models, config, parsed):
    # Two agents of the plant told with other verbs: one question for the model (checker/act_identity.py),
    # whose inputs are stored like the pairs' own, so a rerun computes nothing.
    story = "Brennvik desalination plant opens in May\n\nThe Brennvik desalination plant opens in May after two years of work.\n"
    feed = write(tmp_path / "feed", {"a.txt": story + "The plant will be operated by Brennvik Water's own staff.\n",
                                     "b.txt": story + "The plant will be run by Aquanor Services.\n"})
    with_signals = Models(embedder=models.embedder, nli=models.nli, signals=parsed)
    on = replace(config, use_signals=True)
    first, _, _ = run([feed], tmp_path / "out-on", on, with_signals)
    plain, _, _ = run([feed], tmp_path / "out-off", config, models)
    assert first.nli_computed == plain.nli_computed + 2  # the pair both ways, and the question both ways
    again, _, _ = run([feed], tmp_path / "out-on", on, with_signals)
    assert again.nli_computed == 0
