"""Checks the command line runs before any work: bad options, unusable output folders, models that
cannot be had offline, and `checker eval` on mixed, tiny or ragged data. Each is one line, exit 2."""
import json
import os

import pytest

from checker.cli import main, preflight

def one_line_error(code, capsys, *words):
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert all(w in err for w in words), err


@pytest.mark.parametrize("option, value, flag", [
    ("--batch-size", "0", "--batch-size"), ("--top-k", "0", "--top-k"), ("--top-k", "-1", "--top-k"),
    ("--threshold", "1.5", "--threshold"), ("--nli-only-threshold", "-0.1", "--nli-only-threshold"),
    ("--min-similarity", "nan", "--min-similarity"), ("--device", "tpu", "--device"),
    ("--max-sentences", "-1", "--max-sentences"), ("--max-pairs", "-5", "--max-pairs"),
])
def test_an_option_out_of_range_is_one_line_and_exit_two_before_any_work(two_articles, tmp_path, capsys, option, value, flag):
    code = main(["report", str(two_articles), "-o", str(tmp_path / "o"), "--nli-model", str(tmp_path / "none"), option, value])
    one_line_error(code, capsys, flag)
    assert not (tmp_path / "o").exists()


def test_an_output_path_that_is_a_file_fails_before_any_model_loads(two_articles, tmp_path, capsys):
    taken = tmp_path / "taken"
    taken.write_text("x")
    one_line_error(main(["report", str(two_articles), "-o", str(taken), "--nli-model", str(tmp_path / "none")]),
                   capsys, "existing file")


def test_an_output_path_through_a_file_fails_at_once(two_articles, tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    one_line_error(main(["report", str(two_articles), "-o", str(tmp_path / "file" / "out")]), capsys, "is a file")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write into read-only folders")
def test_a_read_only_output_folder_fails_at_once(two_articles, tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        one_line_error(main(["report", str(two_articles), "-o", str(locked / "out")]), capsys, "permission denied")
    finally:
        locked.chmod(0o755)


def test_an_output_name_too_long_fails_at_once(two_articles, tmp_path, capsys):
    one_line_error(main(["report", str(two_articles), "-o", str(tmp_path / ("x" * 300))]), capsys, "longer than")


def test_an_uncached_hub_model_fails_at_once_when_the_hub_is_offline(two_articles, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(preflight.constants, "HF_HUB_OFFLINE", True)
    code = main(["report", str(two_articles), "-o", str(tmp_path / "o"), "--nli-model", "no-such-org/no-such-model"])
    one_line_error(code, capsys, "no-such-org/no-such-model", "HF_HUB_OFFLINE")


def test_cuda_without_a_driver_fails_at_once(two_articles, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(preflight, "_cuda_driver_present", lambda: False)
    one_line_error(main(["report", str(two_articles), "-o", str(tmp_path / "o"), "--device", "cuda"]), capsys, "CUDA")


def test_the_output_check_leaves_no_folder_behind(tmp_path):
    from checker.output import check_output_dir

    check_output_dir(tmp_path / "new" / "deeper")
    assert not (tmp_path / "new").exists()


# --------------------------------------------------------------------------- checker eval

ROWS = [{"premise": "A man sleeps.", "hypothesis": "A man is awake.", "label": "contradiction"},
        {"premise": "A dog runs.", "hypothesis": "An animal moves.", "label": "entailment"}]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_eval_with_an_output_path_that_is_a_file_is_one_line(tmp_path, capsys):
    data = write_jsonl(tmp_path / "d.jsonl", ROWS)
    (tmp_path / "out").write_text("x")
    one_line_error(main(["eval", str(data), "-o", str(tmp_path / "out")]), capsys, "existing file")


def test_eval_skips_an_unrelated_file_in_a_folder_with_a_warning_naming_it(tmp_path, tiny_nli_model, capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    write_jsonl(folder / "pairs.jsonl", ROWS * 20)
    (folder / "prices.csv").write_text("item,price\nbread,2\n")
    (folder / "notes.txt").write_text("not data")
    code = main(["eval", str(folder), "--nli-model", str(tiny_nli_model), "-o", str(tmp_path / "o"), "--format", "json"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "skipped" in err and "prices.csv" in err and "no premise column" in err and "notes.txt" in err
    assert json.loads((tmp_path / "o" / "results.json").read_text())["data"]["n_pairs"] == 40


def test_eval_fails_when_no_file_of_a_folder_is_usable(tmp_path, capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "prices.csv").write_text("item,price\nbread,2\n")
    code = main(["eval", str(folder), "-o", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "prices.csv" in err and "Traceback" not in err


def test_eval_warns_that_a_tiny_set_says_little(tmp_path, tiny_nli_model, capsys):
    data = write_jsonl(tmp_path / "one.jsonl", ROWS[:1])
    assert main(["eval", str(data), "--nli-model", str(tiny_nli_model), "-o", str(tmp_path / "o"), "--format", "json"]) == 0
    assert "only 1 labelled pair" in capsys.readouterr().err


def test_eval_names_a_csv_row_with_extra_fields_instead_of_an_unknown_label(tmp_path, capsys):
    data = tmp_path / "ragged.csv"
    data.write_text("premise,hypothesis,label\nA man sleeps.,A man is awake.,contradiction,extra\n"
                    "A dog runs.,An animal moves.,entailment\n")
    code = main(["eval", str(data), "-o", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "line 2 has 4 fields but the header has 3" in err and "unknown label" not in err


def test_a_precision_the_cpu_cannot_run_fails_before_any_model_loads(two_articles, tmp_path, capsys, monkeypatch):
    from checker import precision

    monkeypatch.setattr(preflight, "_cuda_driver_present", lambda: False)
    monkeypatch.setattr(precision, "cpu_features", lambda: precision.CpuFeatures(bf16=False, fp16=False))
    # a model path that does not exist would fail later: the precision check must come first
    code = main(["report", str(two_articles), "-o", str(tmp_path / "o"), "--precision", "fp16", "--device", "cpu"])
    one_line_error(code, capsys, "--precision fp16")
    assert not (tmp_path / "o").exists()
