"""The command line: exit codes, one-line errors, output files. Uses the tiny NLI model."""
import json
import re

import pytest

from checker.cli import main
from conftest import ARTICLE_A


def run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_report_writes_the_three_formats_and_exits_zero(two_articles, tmp_path, tiny_nli_model, capsys):
    out = tmp_path / "out"
    code, stdout, stderr = run(["report", str(two_articles), "-o", str(out), "--nli-model", str(tiny_nli_model), "--device", "cpu"], capsys)
    assert code == 0
    assert {p.name for p in out.iterdir()} == {"report.json", "report.md", "report.html"}
    # the summary counts in words a person reads: "1 conflict", never "1 conflicts"
    assert re.search(r"^2 articles, \d+ sentences?, \d+ pairs? scored: \d+ conflicts?, ", stderr, re.M)
    assert not re.search(r"\b1 (articles|sentences|pairs|conflicts|agreements)\b", stderr)
    doc = json.loads((out / "report.json").read_text())
    assert doc["summary"]["articles"] == 2 and doc["summary"]["pairs_scored"] > 0
    assert [t["stage"] for t in doc["summary"]["timings"]][:3] == ["ingest", "segment", "load models"]
    assert str(out / "report.json") in stdout


def test_format_option_limits_the_outputs(two_articles, tmp_path, tiny_nli_model, capsys):
    out = tmp_path / "out"
    code, _, _ = run(["report", str(two_articles), "-o", str(out), "--format", "json", "--nli-model", str(tiny_nli_model)], capsys)
    assert code == 0 and [p.name for p in out.iterdir()] == ["report.json"]


def test_fail_on_conflict_exits_one_when_a_conflict_is_found(two_articles, tmp_path, tiny_nli_model, capsys):
    # The number signal (2 vs 9 million euros) flags the cost sentences whatever the tiny model says.
    code, _, _ = run(["report", str(two_articles), "-o", str(tmp_path / "o"), "--nli-model", str(tiny_nli_model),
                      "--fail-on-conflict"], capsys)
    doc = json.loads((tmp_path / "o" / "report.json").read_text())
    assert doc["summary"]["conflicts"] >= 1 and code == 1


def test_a_claim_named_on_the_command_line_is_checked_as_an_article_of_its_own(two_articles, tmp_path,
                                                                             tiny_nli_model, capsys):
    out = tmp_path / "out"
    code, _, _ = run(["report", str(two_articles), "-o", str(out), "--nli-model", str(tiny_nli_model),
                      "--claim", "Repairs will cost 5 million euros."], capsys)
    doc = json.loads((out / "report.json").read_text())
    assert code == 0 and doc["summary"]["articles"] == 3
    claim = next(a for a in doc["articles"] if a["title"] == "claim")
    assert claim["source"] == "claim to check" and claim["sentence_count"] == 1


def test_a_claim_without_words_is_bad_usage_before_any_model_loads(two_articles, tmp_path, capsys):
    code, _, err = run(["report", str(two_articles), "-o", str(tmp_path / "o"), "--claim", "  ",
                        "--nli-model", str(tmp_path / "no-model")], capsys)
    assert code == 2 and "--claim" in err and "no words" in err and "no-model" not in err


def test_missing_input_is_one_line_and_exit_two(tmp_path, capsys):
    code, _, err = run(["report", str(tmp_path / "nothing-here"), "-o", str(tmp_path / "o")], capsys)
    assert code == 2
    assert "Traceback" not in err and "checker report: error:" in err


def test_unknown_model_folder_is_one_line_and_exit_two(two_articles, tmp_path, capsys):
    code, _, err = run(["report", str(two_articles), "-o", str(tmp_path / "o"), "--nli-model", str(tmp_path / "no-model")], capsys)
    assert code == 2 and "no-model" in err and "Traceback" not in err


def test_unknown_format_is_bad_usage(two_articles, tmp_path, capsys):
    code, _, err = run(["report", str(two_articles), "-o", str(tmp_path / "o"), "--format", "pdf"], capsys)
    assert code == 2 and "pdf" in err


def test_cuda_without_a_gpu_is_a_clear_error(two_articles, tmp_path, capsys):
    import torch

    if torch.cuda.is_available():
        pytest.skip("a GPU is present")
    code, _, err = run(["report", str(two_articles), "-o", str(tmp_path / "o"), "--device", "cuda"], capsys)
    assert code == 2 and "CUDA" in err


def test_a_single_article_says_there_is_nothing_to_compare(tmp_path, tiny_nli_model, capsys):
    f = tmp_path / "only.txt"
    f.write_text(ARTICLE_A)
    code, _, err = run(["report", str(f), "-o", str(tmp_path / "o"), "--nli-model", str(tiny_nli_model)], capsys)
    assert code == 0 and "nothing to compare" in err
    doc = json.loads((tmp_path / "o" / "report.json").read_text())
    assert doc["summary"]["pairs_scored"] == 0


def test_bad_files_are_warned_about_and_the_run_goes_on(two_articles, tmp_path, tiny_nli_model, capsys):
    (two_articles / "empty.txt").write_text("")
    (two_articles / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00")
    code, _, err = run(["report", str(two_articles), "-o", str(tmp_path / "o"), "--nli-model", str(tiny_nli_model)], capsys)
    assert code == 0
    assert "empty.txt" in err and "blob.txt" in err
    doc = json.loads((tmp_path / "o" / "report.json").read_text())
    assert doc["summary"]["articles"] == 2 and len(doc["summary"]["warnings"]) >= 2


@pytest.mark.parametrize("inside", ["report", "."], ids=["default-o-inside-input", "o-equal-to-input"])
def test_a_second_run_never_reads_the_first_runs_report_as_articles(two_articles, tiny_nli_model, capsys, inside):
    out = two_articles / inside
    args = ["report", str(two_articles), "-o", str(out), "--nli-model", str(tiny_nli_model), "--device", "cpu"]
    assert run(args, capsys)[0] == 0
    first = json.loads((out / "report.json").read_text())["summary"]
    assert run(args, capsys)[0] == 0
    second = json.loads((out / "report.json").read_text())["summary"]
    assert second["articles"] == first["articles"] == 2
    assert second["conflicts"] == first["conflicts"] and second["pairs_scored"] == first["pairs_scored"]
