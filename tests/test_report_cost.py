"""`checker report` starts quickly and its cost is bounded: an input with nothing to compare never
loads a model, and long articles and many candidate pairs are cut with a warning naming the file."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker import api
from checker.bundled import resolve
from checker.cli import main
from checker.config import DEFAULT_MAX_PAIRS, DEFAULT_MAX_SENTENCES, Config
from checker.nli import NLIModel
from checker.pairing import Embedder
from conftest import ARTICLE_A, ARTICLE_B

HEAVY = ("torch", "transformers", "sentence_transformers", "sklearn", "matplotlib", "datasets", "spacy", "trafilatura")


def run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def no_model_loads(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a model was loaded")

    monkeypatch.setattr(Embedder, "load", refuse)
    monkeypatch.setattr(NLIModel, "load", refuse)


@pytest.mark.parametrize("command", [["import checker.cli"], ["from checker.cli import main", "main(['--help'])"],
                                     ["from checker.cli import main", "main(['report', '--help'])"]],
                         ids=["import", "help", "report-help"])
def test_the_command_line_starts_without_the_heavy_libraries(command):
    code = "\n".join(["import sys", "try:", *(f"    {c}" for c in command), "except SystemExit:", "    pass",
                      f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_a_single_article_ends_with_the_same_message_without_loading_a_model(tmp_path, capsys, no_model_loads):
    f = tmp_path / "only.txt"
    f.write_text(ARTICLE_A)
    code, _, err = run(["report", str(f), "-o", str(tmp_path / "o"), "--device", "cpu", "--judge", "fast"], capsys)
    assert code == 0
    assert "warning: only one article: there is nothing to compare it with" in err
    assert "(no model loaded)" in err
    doc = json.loads((tmp_path / "o" / "report.json").read_text())
    s = doc["summary"]
    assert s["pairs_scored"] == 0 and s["articles"] == 1 and s["device"] == "none"
    assert "load models" not in [t["stage"] for t in s["timings"]]
    assert "not loaded" in s["models"]["nli"] and "not loaded" in s["models"]["embedder"]
    assert s["models"]["nli_precision"] == s["models"]["embedder_precision"] == "none"
    assert s["statements"]["unconfirmed"] == s["sentences"] > 0
    # the threshold is the bundled model's calibrated one, read from its folder
    calibration = json.loads((Path(resolve(Config().nli_model)) / "calibration.json").read_text())
    assert s["config"]["threshold_used"] == pytest.approx(calibration["threshold"], abs=1e-4)


def test_articles_with_nothing_to_pair_load_no_model_in_the_api(no_model_loads):
    from checker.types import Article

    # the second article has no sentence long enough to be a claim
    articles = [Article("a", "Bridge", ARTICLE_A), Article("b", "Short", "Yes.")]
    report = api.check(articles, Config(device="cpu"))
    assert report.pairs_scored == 0 and report.device == "none"


def test_report_bounds_are_batch_bounds():
    from checker.batch.run import BatchSettings

    assert (DEFAULT_MAX_SENTENCES, DEFAULT_MAX_PAIRS) == (BatchSettings().max_sentences, BatchSettings().max_pairs)


@pytest.fixture
def two_long_articles(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE_A + "The bridge was built in 1960 by a local firm.\n"
                             "Traffic was sent over the Oak Street crossing for the week.\n")
    (d / "b.txt").write_text(ARTICLE_B)
    return d


def test_the_sentence_bound_cuts_long_articles_with_a_warning_naming_the_file(two_long_articles, tmp_path,
                                                                               tiny_nli_model, capsys):
    out = tmp_path / "o"
    code, _, err = run(["report", str(two_long_articles), "-o", str(out), "--nli-model", str(tiny_nli_model),
                        "--max-sentences", "2"], capsys)
    assert code == 0
    warned = [line for line in err.splitlines() if "a.txt" in line and "only the first 2 are compared" in line]
    assert warned and "--max-sentences" in warned[0]
    doc = json.loads((out / "report.json").read_text())
    a = next(x for x in doc["articles"] if x["path"].endswith("a.txt"))
    assert a["sentence_count"] == 2
    assert doc["summary"]["config"]["max_sentences"] == 2
    assert doc["summary"]["config"]["max_pairs"] == DEFAULT_MAX_PAIRS
    assert any("only the first 2" in w for w in doc["summary"]["warnings"])


def test_the_pair_bound_keeps_the_most_similar_with_a_warning_naming_the_file(two_long_articles, tmp_path,
                                                                             tiny_nli_model, capsys):
    out = tmp_path / "o"
    code, _, err = run(["report", str(two_long_articles), "-o", str(out), "--nli-model", str(tiny_nli_model),
                        "--max-pairs", "1", "--max-sentences", "0"], capsys)
    assert code == 0
    warned = [line for line in err.splitlines() if "over the budget of 1" in line]
    assert warned and "--max-pairs" in warned[0] and ".txt" in warned[0]
    doc = json.loads((out / "report.json").read_text())
    assert doc["summary"]["pairs_scored"] == 1  # these articles state no provenance: no pair outside the budget
    assert doc["summary"]["config"]["max_pairs"] == 1
    assert doc["summary"]["config"]["max_sentences"] is None
    assert not any("only the first" in line for line in err.splitlines())


def test_no_bound_is_warned_about_when_the_input_is_small(two_articles, tmp_path, tiny_nli_model, capsys):
    code, _, err = run(["report", str(two_articles), "-o", str(tmp_path / "o"), "--nli-model", str(tiny_nli_model)],
                       capsys)
    assert code == 0 and "--max-sentences" not in err and "--max-pairs" not in err


def test_a_run_loads_each_model_once(two_articles, tmp_path, tiny_nli_model, capsys, monkeypatch):
    calls = {"embedder": 0, "nli": 0}

    def counting(role, load):
        def wrapper(*args, **kwargs):
            calls[role] += 1
            return load(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(Embedder, "load", counting("embedder", Embedder.load))
    monkeypatch.setattr(NLIModel, "load", counting("nli", NLIModel.load))
    code, _, _ = run(["report", str(two_articles), "-o", str(tmp_path / "o"), "--nli-model", str(tiny_nli_model),
                      "--judge", "fast"], capsys)  # the cascade (the default where installed) loads the strong judge too
    assert code == 0 and calls == {"embedder": 1, "nli": 1}
