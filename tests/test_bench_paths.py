"""eval/bench_paths.py's bookkeeping with stand-in models: paired ratios to fp32, the verdict comparison,
and the AUTO_CPU row it suggests (no model is loaded; the timings are made up, never asserted as speed)."""
from argparse import Namespace
from types import SimpleNamespace as NS

import pytest
from conftest import load_eval_script

from checker.types import StageTiming


@pytest.fixture(scope="module")
def bench():
    return load_eval_script("bench_paths")


def fake_report(nli_s: float, passes: int = 100):
    return NS(timings=[StageTiming("load models", 0.0, 2), StageTiming("embed", 0.5, 10),
                       StageTiming("nli", nli_s, passes), StageTiming("aggregate", 0.1, 50)])


def test_speed_pairs_each_round_with_fp32s_and_rotates_the_order(bench, monkeypatch, tmp_path):
    import checker.api as api

    seconds = {"fp32": 2.0, "onnx-int8": 1.0}
    calls = []
    monkeypatch.setattr(api.Models, "load", classmethod(lambda cls, config: NS(path=config.precision)))
    monkeypatch.setattr(api, "check", lambda articles, config, models: (calls.append(config.precision),
                                                                         fake_report(seconds[config.precision]))[1])
    monkeypatch.setattr("checker.ingest.load_articles", lambda paths, warn=None: ["article"])
    monkeypatch.setattr("checker.evaluation.gold.load_gold",
                        lambda folder: NS(stories=[NS(article_files=["a.txt", "b.txt"]), NS(article_files=["c.txt"])]))
    args = Namespace(paths=["fp32", "onnx-int8"], gold="eval/gold", gold_stories=None, demo="demo", repeats=2, argv=[])
    out = bench.run_speed(args)
    # warm-up (each path once), then round 0 fp32 first, round 1 onnx-int8 first: demo + 2 gold stories each
    assert calls[:2] == ["fp32", "onnx-int8"]
    assert calls[2:5] == ["fp32"] * 3 and calls[8:11] == ["onnx-int8"] * 3
    s = out["summary"]["gold"]["onnx-int8"]
    assert s["nli_speedup_vs_fp32"] == 2.0 and s["nli_s_median"] == 2.0 and s["nli_passes"] == 200
    assert out["summary"]["demo"]["fp32"]["nli_speedup_vs_fp32"] == 1.0


def accuracy_row(keeps: bool) -> dict:
    return {"vs_fp32": {"keeps_verdicts": keeps}}


def test_the_suggested_path_is_the_fastest_that_kept_fp32s_verdicts(bench):
    speed = {"summary": {s: {"fp32": {"nli_speedup_vs_fp32": 1.0}, "int8": {"nli_speedup_vs_fp32": 1.3},
                             "onnx-fp32": {"nli_speedup_vs_fp32": 1.2}, "onnx-int8": {"nli_speedup_vs_fp32": 2.1}}
                         for s in ("demo", "gold")}}
    acc = {"results": {"fp32": accuracy_row(True), "int8": accuracy_row(False), "onnx-fp32": accuracy_row(True),
                       "onnx-int8": accuracy_row(True)}}
    assert bench.suggestion({"accuracy": acc, "speed": speed})[0] == "onnx-int8"
    acc["results"]["onnx-int8"] = accuracy_row(False)  # lost a conflict: the next fastest that kept them
    assert bench.suggestion({"accuracy": acc, "speed": speed})[0] == "onnx-fp32"
    assert bench.suggestion({"accuracy": acc})[0] is None  # no speed figures: nothing suggested
