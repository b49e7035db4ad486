"""Loading labelled pair sets, label mapping, binary folding, peers and the `checker eval` command."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pytest

from checker.cli import main
from checker.cli.eval import register, run
from checker.errors import DataError
from checker.evaluation.labels import map_labels, parse_label_map
from checker.evaluation.nli import evaluate_model, evaluate_peers, evaluate_predictions, fold_binary
from checker.evaluation.pairs import LabelledPairs, load_pairs
from checker.evaluation.writer import write_results

PAIRS = [
    {"premise": "The council approved the budget on Monday.", "hypothesis": "The budget was approved.", "label": "entailment"},
    {"premise": "Three people were injured in the crash.", "hypothesis": "Nobody was hurt in the crash.", "label": "contradiction"},
    {"premise": "The mayor spoke to reporters.", "hypothesis": "The mayor is running for re-election.", "label": "neutral"},
    {"premise": "The bridge reopened in May.", "hypothesis": "The bridge is still closed.", "label": "contradiction"},
]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="checker")
    register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


class FixedModel:
    """Stands in for NLIModel: returns given probabilities (LABELS order)."""

    def __init__(self, probs, threshold=0.5):
        self.probs = np.asarray(probs, dtype=float)
        self.name, self.device, self.temperature, self.default_threshold = "fixed", "cpu", 1.0, threshold
        self.info = {"path": "fixed"}

    def predict(self, premises, hypotheses, calibrated=True, desc="NLI"):
        assert len(premises) == len(hypotheses) == len(self.probs)
        return self.probs


# --- label mapping ---------------------------------------------------------------------------------

def test_integer_labels_default_to_mnli_order():
    assert map_labels([0, 1, 2]) == ["entailment", "neutral", "contradiction"]
    assert map_labels(["0", "2"]) == ["entailment", "contradiction"]


def test_label_map_overrides_the_integer_order():
    lmap = parse_label_map("0=contradiction,1=entailment,2=neutral")
    assert map_labels([0, 1, 2], lmap) == ["contradiction", "entailment", "neutral"]
    assert map_labels(["SUP", "REF"], parse_label_map("SUP=entailment,REF=contradiction")) == ["entailment", "contradiction"]


def test_letters_and_words_are_read():
    assert map_labels(["e", "n", "c", "E"]) == ["entailment", "neutral", "contradiction", "entailment"]
    assert map_labels(["Entailment", "entail", "NEUTRAL", "contradict", "not_entailment", "not entailment"]) == [
        "entailment", "entailment", "neutral", "contradiction", "neutral", "neutral"]
    assert map_labels(["SUPPORTS", "REFUTES", "NOT ENOUGH INFO"]) == ["entailment", "contradiction", "neutral"]


def test_missing_gold_labels_are_none():
    assert map_labels([-1, "-", None, "", 0]) == [None, None, None, None, "entailment"]


def test_unknown_label_raises_data_error_listing_the_values_seen():
    with pytest.raises(DataError) as e:
        map_labels(["entailment", "maybe", "maybe", "contradiction"], where="x.jsonl")
    msg = str(e.value)
    assert "x.jsonl" in msg and "'maybe'" in msg and "'entailment' (1)" in msg and "'maybe' (2)" in msg


def test_binary_words_without_binary_flag_suggest_it():
    with pytest.raises(DataError, match="--binary"):
        map_labels(["consistent", "inconsistent"])


def test_integer_outside_the_order_asks_for_a_label_map():
    with pytest.raises(DataError, match="--label-map"):
        map_labels([0, 1, 3])


def test_bad_label_map_is_a_data_error():
    with pytest.raises(DataError, match="no '='"):
        parse_label_map("0:entailment")
    with pytest.raises(DataError, match="not a label"):
        parse_label_map("0=maybe")


# --- binary mode -----------------------------------------------------------------------------------

def test_binary_mode_folds_entailment_and_neutral_into_consistent():
    assert map_labels(["entailment", "neutral", "contradiction"], binary=True) == [
        "consistent", "consistent", "inconsistent"]
    assert map_labels([1, 0, True, False, "true", "FALSE"], binary=True) == [
        "consistent", "inconsistent", "consistent", "inconsistent", "consistent", "inconsistent"]
    assert map_labels(["consistent", "inconsistent", "supported", "refuted"], binary=True) == [
        "consistent", "inconsistent", "consistent", "inconsistent"]
    # MNLI integers in binary mode need a map saying so
    assert map_labels([0, 1, 2], parse_label_map("0=entailment,1=neutral,2=contradiction", binary=True),
                      binary=True) == ["consistent", "consistent", "inconsistent"]
    with pytest.raises(DataError):
        map_labels([0, 1, 2], binary=True)


def test_binary_evaluation_uses_p_contradiction_as_p_inconsistent(tmp_path):
    path = write_jsonl(tmp_path / "b.jsonl", [{**r, "label": "inconsistent" if r["label"] == "contradiction"
                                              else "consistent"} for r in PAIRS])
    pairs = load_pairs([str(path)], binary=True)
    assert pairs.label_names == ("consistent", "inconsistent") and pairs.positive_label == "inconsistent"
    assert pairs.labels == ["consistent", "inconsistent", "consistent", "inconsistent"]
    probs3 = [[0.2, 0.7, 0.1], [0.1, 0.3, 0.6], [0.1, 0.45, 0.45], [0.5, 0.1, 0.4]]
    np.testing.assert_allclose(fold_binary(np.array(probs3))[:, 1], [0.1, 0.6, 0.45, 0.4])
    result = evaluate_model(FixedModel(probs3, threshold=0.4), pairs)
    assert result.y_pred.tolist() == [0, 1, 1, 1]  # inconsistent when p_contradiction >= 0.4
    o = result.metrics["overall"]
    assert o["accuracy"] == 0.75
    assert o["roc_auc"] == pytest.approx(0.75)
    assert o["confusion_matrix"]["labels"] == ["consistent", "inconsistent"]
    assert "0.4" in result.info["decision"]


# --- loading ---------------------------------------------------------------------------------------

def test_wrong_column_raises_data_error_listing_the_columns(tmp_path):
    path = write_jsonl(tmp_path / "pairs.jsonl", [{"claim": "a", "evidence": "b", "label": 0}])
    with pytest.raises(DataError) as e:
        load_pairs([str(path)])
    msg = str(e.value)
    assert "'premise'" in msg and "claim, evidence, label" in msg and "--premise-col" in msg
    pairs = load_pairs([str(path)], premise_col="claim", hypothesis_col="evidence")
    assert pairs.premises == ["a"] and pairs.labels == ["entailment"]


def test_a_folder_of_jsonl_csv_tsv_and_parquet_loads_each_file_as_a_source(tmp_path):
    import pandas as pd

    folder = tmp_path / "sets"
    folder.mkdir()
    write_jsonl(folder / "a_jsonl.jsonl", PAIRS[:2])
    pd.DataFrame(PAIRS[:3]).to_csv(folder / "b_csv.csv", index=False)
    pd.DataFrame([{**r, "label": {"entailment": 0, "neutral": 1, "contradiction": 2}[r["label"]]}
                  for r in PAIRS]).to_csv(folder / "c_tsv.tsv", sep="\t", index=False)
    pd.DataFrame([{**r, "label": r["label"][0]} for r in PAIRS[1:]]).to_parquet(folder / "d_parquet.parquet")
    (folder / "notes.txt").write_text("not data")
    pairs = load_pairs([str(folder)])
    assert len(pairs) == 2 + 3 + 4 + 3
    assert list(dict.fromkeys(pairs.sources)) == ["a_jsonl", "b_csv", "c_tsv", "d_parquet"]
    assert len(pairs.files) == 4
    assert pairs.labels[5:9] == [r["label"] for r in PAIRS]  # TSV integers in MNLI order
    assert pairs.labels[9:] == [r["label"] for r in PAIRS[1:]]  # parquet letters
    assert pairs.premises[2] == PAIRS[0]["premise"]


def test_json_array_files_load_too(tmp_path):
    (tmp_path / "arr.json").write_text(json.dumps(PAIRS[:3]), encoding="utf-8")
    pairs = load_pairs([str(tmp_path / "arr.json")])
    assert pairs.labels == [r["label"] for r in PAIRS[:3]] and set(pairs.sources) == {"arr"}


def test_class_label_integers_are_read_through_the_feature_names(tmp_path):
    import datasets

    features = datasets.Features({"premise": datasets.Value("string"), "hypothesis": datasets.Value("string"),
                                  "label": datasets.ClassLabel(names=["contradiction", "entailment", "neutral"])})
    datasets.Dataset.from_dict({"premise": ["a", "b", "c"], "hypothesis": ["d", "e", "f"], "label": [0, 1, 2]},
                               features=features).to_parquet(tmp_path / "cl.parquet")
    assert load_pairs([str(tmp_path / "cl.parquet")]).labels == ["contradiction", "entailment", "neutral"]


def test_binary_csv_with_true_false_labels(tmp_path):
    (tmp_path / "facts.csv").write_text("claim,evidence,is_consistent\nx,y,true\nz,w,false\n", encoding="utf-8")
    pairs = load_pairs([str(tmp_path / "facts.csv")], premise_col="claim", hypothesis_col="evidence",
                       label_col="is_consistent", binary=True)
    assert pairs.labels == ["consistent", "inconsistent"]


def test_limit_takes_the_first_n_pairs_of_each_file(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", PAIRS)
    write_jsonl(tmp_path / "b.jsonl", PAIRS[::-1])
    pairs = load_pairs([str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")], limit=2)
    assert pairs.premises == [PAIRS[0]["premise"], PAIRS[1]["premise"], PAIRS[3]["premise"], PAIRS[2]["premise"]]


def test_optional_columns_are_kept_and_source_column_wins_over_the_file_name(tmp_path):
    rows = [{**r, "source": "wire" if i % 2 else "paper", "tags": ["numbers"] if i < 2 else ["negation", "numbers"],
             "round": 1 + i % 2} for i, r in enumerate(PAIRS)]
    pairs = load_pairs([str(write_jsonl(tmp_path / "x.jsonl", rows))])
    assert pairs.sources == ["paper", "wire", "paper", "wire"]
    assert pairs.tags[3] == ("negation", "numbers")
    assert pairs.rounds == ["1", "2", "1", "2"]
    groups = pairs.groups()
    assert list(groups["by_tag"]) == ["numbers", "negation"]  # most frequent first
    assert groups["by_source"]["wire"].tolist() == [False, True, False, True]
    metrics = evaluate_predictions(pairs, [0, 2, 1, 0])
    assert metrics["overall"]["accuracy"] == 0.75
    assert metrics["by_source"]["wire"]["accuracy"] == 0.5
    assert metrics["by_tag"]["negation"]["n"] == 2 and metrics["by_round"]["2"]["n"] == 2


def test_rows_without_gold_label_are_skipped_with_a_warning(tmp_path):
    rows = PAIRS[:2] + [{"premise": "a", "hypothesis": "b", "label": -1}]
    pairs = load_pairs([str(write_jsonl(tmp_path / "x.jsonl", [{**r, "label": str(r["label"])} for r in rows]))])
    assert len(pairs) == 2 and pairs.skipped == 1 and pairs.warnings


def test_missing_local_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        load_pairs([str(tmp_path / "nope.jsonl")])


def test_unreachable_hub_data_set_is_one_clear_data_error(monkeypatch):
    import datasets

    def offline(*args, **kwargs):
        raise ConnectionError("Couldn't reach 'someone/pairs' on the Hub (LocalEntryNotFoundError)")

    monkeypatch.setattr(datasets, "load_dataset", offline)
    with pytest.raises(DataError) as e:
        load_pairs(["someone/pairs"], split="validation")
    assert "someone/pairs" in str(e.value) and "network" in str(e.value) and "'validation'" in str(e.value)


# --- peers -----------------------------------------------------------------------------------------

def test_peer_predictions_become_rows_on_the_same_pairs(tmp_path):
    rows = [{**r, "peer_predictions": {"big-model": r["label"], "coin": "neutral"}} for r in PAIRS]
    rows[0]["peer_predictions"].pop("coin")
    pairs = load_pairs([str(write_jsonl(tmp_path / "x.jsonl", rows))])
    assert pairs.peer_names == ["big-model", "coin"]
    peers = {r.name: r for r in evaluate_peers(pairs)}
    assert peers["big-model"].kind == "peer" and peers["big-model"].probs is None
    big = peers["big-model"].metrics["overall"]
    assert big["n"] == 4 and big["accuracy"] == 1.0 and big["roc_auc"] is None and big["ece"] is None
    coin = peers["coin"].metrics["overall"]
    assert coin["n"] == 3 and coin["accuracy"] == pytest.approx(1 / 3)  # no prediction for the first pair
    assert any("coin" in w for w in pairs.warnings)


def test_peer_predictions_fold_in_binary_mode(tmp_path):
    rows = [{**r, "peer_predictions": {"p": "neutral"}} for r in PAIRS]
    pairs = load_pairs([str(write_jsonl(tmp_path / "x.jsonl", rows))], binary=True)
    (peer,) = evaluate_peers(pairs)
    assert peer.metrics["overall"]["accuracy"] == 0.5  # neutral -> consistent, right on the two consistent pairs


# --- writing and the command -----------------------------------------------------------------------

def test_write_results_json_only(tmp_path):
    pairs = LabelledPairs(["p"] * 3, ["h"] * 3, ["entailment", "neutral", "contradiction"], ["s"] * 3,
                          [()] * 3, [None] * 3, [{}] * 3, files=["mem"])
    result = evaluate_model(FixedModel(np.eye(3)), pairs)
    written = write_results([result], pairs, tmp_path / "out", formats=["json"])
    assert [p.name for p in written] == ["results.json"]
    doc = json.loads(written[0].read_text())
    assert doc["models"][0]["overall"]["accuracy"] == 1.0 and doc["data"]["n_pairs"] == 3


def test_run_end_to_end_with_the_tiny_model_writes_json_markdown_and_plots(tmp_path, tiny_nli_model, capsys):
    rows = [{**r, "tags": ["t1"], "peer_predictions": {"peer-a": r["label"]}} for r in PAIRS] * 2
    data = write_jsonl(tmp_path / "tiny.jsonl", rows)
    out = tmp_path / "out"
    args = parse(["eval", str(data), "--nli-model", str(tiny_nli_model), "-o", str(out), "--device", "cpu",
                  "--limit", "6", "--batch-size", "4"])
    assert args.func is run
    assert run(args) == 0
    doc = json.loads((out / "results.json").read_text())
    assert [m["kind"] for m in doc["models"]] == ["nli_model", "peer"]
    model = doc["models"][0]
    assert model["n"] == 6 and model["device"] == "cpu" and model["path"] == str(tiny_nli_model)
    assert set(model["overall"]) >= {"accuracy", "macro_f1", "per_class", "confusion_matrix", "roc_auc", "pr_auc",
                                     "ece", "ece_positive"}
    assert "tiny" in model["by_source"] and "t1" in model["by_tag"]
    assert doc["data"]["files"] == [str(data)] and doc["created"]
    assert doc["models"][1]["overall"]["accuracy"] == 1.0
    # stamped: the command, and each model run here with the SHA-256 of its weights
    assert doc["provenance"]["command"] == doc["command"] and doc["provenance"]["machine"]["cpu"]
    assert all(m["sha256"] for m in doc["provenance"]["models"].values())
    md = (out / "results.md").read_text()
    assert "| source | n |" in md and "peer-a (peer)" in md and "Confusion matrix" in md
    pngs = sorted(p.name for p in out.glob("*.png"))
    slug = Path(tiny_nli_model).name
    assert {f"{slug}_confusion.png", f"{slug}_reliability.png", f"{slug}_pr_contradiction.png",
            "peer-a_confusion.png"} <= set(pngs)
    assert "peer-a (peer)" in capsys.readouterr().out


def test_run_reports_a_wrong_column_on_stderr_with_exit_code_2(tmp_path, capsys):
    data = write_jsonl(tmp_path / "x.jsonl", [{"text": "a", "claim": "b", "label": 0}])
    assert main(["eval", str(data), "-o", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "no premise column 'premise'" in err and "text, claim, label" in err
    assert not (tmp_path / "o").exists()


def test_a_model_folder_with_a_generic_name_is_shown_with_its_parent(tmp_path):
    from checker.evaluation.nli import ModelResult
    from checker.evaluation.writer import display_name

    folder = tmp_path / "stage2" / "best"
    folder.mkdir(parents=True)
    named = tmp_path / "nli-small"
    named.mkdir()
    assert display_name(ModelResult(str(folder), "nli_model", {}, {"model": str(folder)})) == "stage2/best"
    assert display_name(ModelResult(str(named), "nli_model", {}, {"model": str(named)})) == "nli-small"


def test_a_bundled_model_is_recorded_by_its_name_not_its_install_folder():
    pairs = LabelledPairs(["p"] * 3, ["h"] * 3, ["entailment", "neutral", "contradiction"], ["s"] * 3,
                          [()] * 3, [None] * 3, [{}] * 3, files=["mem"])
    model = FixedModel(np.eye(3))
    model.name, model.info = "bundled:strong", {"path": "/somewhere/site-packages/models/nli-mpnet-lora"}
    assert evaluate_model(model, pairs).info["path"] == "bundled:strong"
    model.name, model.info = "models/runs/x/best", {"path": "models/runs/x/best"}
    assert evaluate_model(model, pairs).info["path"] == "models/runs/x/best"
