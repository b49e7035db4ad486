"""`checker batch --engine ray`: the same reports and index as the local engine, on a local Ray
cluster started once for this module. Uses the tiny NLI model (random weights): the numbers are
meaningless, their equality across engines is what is pinned."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from checker.cli import main

from test_batch import BRIDGE, LONER, MATCH, reports, write

ray = pytest.importorskip("ray")

# Two stories fixed by the feed's `story` field that repeat sentences of the bridge story: their NLI
# inputs are planned by an earlier story, which is where a parallel engine could go wrong.
COPIES = [
    {"title": "Bridge closes after crack found", "text": BRIDGE["courier.txt"].split("\n\n", 1)[1], "story": "copies"},
    {"title": "Elm Street bridge shut in Harwick", "text": BRIDGE["wire.txt"].split("\n\n", 1)[1], "story": "copies"},
]


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture
def mixed_feed(tmp_path) -> Path:
    folder = write(tmp_path / "feed", {**BRIDGE, **MATCH, **LONER})
    (folder / "copies.jsonl").write_text("".join(json.dumps(r) + "\n" for r in COPIES), encoding="utf-8")
    return folder


def run_engine(feed: Path, out: Path, tiny_nli_model: Path, engine: str) -> dict:
    # a small batch size gives each story several NLI chunks; the pair budget cuts one story (a warning)
    code = main(["batch", str(feed), "-o", str(out), "--nli-model", str(tiny_nli_model), "--device", "cpu",
                 "--batch-size", "3", "--max-pairs", "6", "--progress-every", "1000", "--engine", engine])
    assert code == 0
    return json.loads((out / "index.json").read_text())


def test_the_ray_engine_writes_the_same_reports_and_index_as_the_local_engine(mixed_feed, tmp_path, tiny_nli_model,
                                                                              local_ray, capsys):
    local = run_engine(mixed_feed, tmp_path / "local", tiny_nli_model, "local")
    on_ray = run_engine(mixed_feed, tmp_path / "ray", tiny_nli_model, "ray")
    assert local["summary"]["compared"] == 3
    assert reports(tmp_path / "ray") == reports(tmp_path / "local")
    assert len(reports(tmp_path / "local")) == 3
    assert on_ray["stories"] == local["stories"]
    counts = ("nli_inputs_computed", "nli_inputs_from_store", "nli_inputs_repeated", "warnings")
    assert {k: on_ray["summary"][k] for k in counts} == {k: local["summary"][k] for k in counts}
    assert local["summary"]["nli_inputs_from_store"] > 0  # the copies reuse the bridge story's inputs


def test_a_rerun_on_ray_reuses_every_stored_score(mixed_feed, tmp_path, tiny_nli_model, local_ray, capsys):
    out = tmp_path / "ray"
    run_engine(mixed_feed, out, tiny_nli_model, "ray")
    (out / "copies" / "report.json").unlink()  # that story is scored again, from the store
    again = run_engine(mixed_feed, out, tiny_nli_model, "ray")
    assert again["summary"]["nli_inputs_computed"] == 0
    assert again["summary"]["stories_reused"] == 2


def test_engine_ray_without_ray_installed_says_how_to_install_it(mixed_feed, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    code = main(["batch", str(mixed_feed), "-o", str(tmp_path / "o"), "--engine", "ray"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().endswith("install the ray extra: pip install '.[ray]'") and len(err.strip().splitlines()) == 1


def test_a_ray_address_without_engine_ray_is_refused_before_any_work(mixed_feed, tmp_path, capsys):
    code = main(["batch", str(mixed_feed), "-o", str(tmp_path / "o"), "--ray-address", "head:6379"])
    assert code == 2 and "--ray-address needs --engine ray" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_a_ray_address_where_nothing_listens_is_refused_before_any_work(mixed_feed, tmp_path, capsys):
    import socket

    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = main(["batch", str(mixed_feed), "-o", str(tmp_path / "o"), "--engine", "ray",
                 "--ray-address", f"127.0.0.1:{port}"])
    assert code == 2 and f"no Ray cluster answers at 127.0.0.1:{port}" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
