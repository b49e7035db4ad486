"""eval/nli_benchmarks.py: the model card states how each training stage was run, distillation included."""
from __future__ import annotations

from conftest import load_eval_script


def _benchmarks():
    return load_eval_script("nli_benchmarks")


COMMON = {"epochs": "1", "batch_size": "32", "lr": "3e-05", "max_length": "128", "seed": "13"}


def test_a_distilled_stage_is_described_with_its_command_teacher_share_and_pool():
    nb = _benchmarks()
    trained = {"args": {**COMMON, "warmup": "0.06", "weight_decay": "0.01", "base": "None", "out": "runs/main"},
               "selected_at": {"step": 8020, "acc": 0.82}}
    distilled = {"args": {**COMMON, "warmup": "0.06", "weight_decay": "0.01", "step": "train", "init": "models/nli-minilm-l6", "alpha": "0.8", "temperature": "2.0",
                          "pairs": "147456", "out": "runs/distil"},
                 "pool": {"pairs": 300000}, "teacher": {"pairs": 147456},
                 "selected_at": {"step": 4000, "acc": 0.84, "contra_recall_swapped": 0.7, "contra_false_swapped": 0.1},
                 "continued_from": trained}
    stages = nb._stages(distilled)
    assert [s["selected_at"]["step"] for s in stages] == [8020, 4000]
    text = "\n".join(nb._stage_lines(stages))
    assert "python models/train_nli.py" in text and "from the base encoder" in text
    assert "python models/distill_nli.py train" in text and "--init models/nli-minilm-l6" in text and "--pairs 147456" in text
    assert "80% from the teacher's logits" in text and "147456 pairs of a 300000-pair pool" in text
    assert "swapped non-contradictions called contradiction 0.100" in text


def test_the_training_command_names_the_swap_and_extra_data_options():
    nb = _benchmarks()
    cmd = nb._train_command({**COMMON, "base": "runs/a/best", "swap_all": "True", "swap_contradictions": "False",
                             "extra": "['semiauto_*_wiki']", "out": "runs/b"})
    assert cmd.endswith("--base runs/a/best --swap-all --extra 'semiauto_*_wiki'")


class _OrderShortcut:
    """Says contradiction whenever the premise is shorter than the hypothesis."""

    def predict(self, premises, hypotheses):
        import numpy as np

        out = np.zeros((len(premises), 3))
        for i, (p, h) in enumerate(zip(premises, hypotheses)):
            out[i, 2 if len(p) < len(h) else 0] = 1.0
        return out


def test_the_symmetry_table_shows_how_often_swapped_non_contradictions_are_called_contradictions(tmp_path):
    import json

    nb = _benchmarks()
    long, short = "The council approved the budget of three million euros on Monday evening.", "The budget passed."
    rows = [{"premise": long, "hypothesis": short, "label": label} for label in ("contradiction", "entailment", "neutral")]
    (tmp_path / "test").mkdir()
    (tmp_path / "test" / "mnli_matched.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    sym = nb.symmetry(_OrderShortcut(), tmp_path, None)["test/mnli_matched.jsonl"]
    assert (sym["recall_given"], sym["recall_swapped"]) == (0.0, 1.0)
    assert (sym["others"], sym["false_swapped"]) == (2, 1.0)
    assert "| test/mnli_matched.jsonl | 1 | 0.000 | 1.000 | 0.000 | 1.000 | 2 | 1.000 |" in nb.symmetry_table({"test/mnli_matched.jsonl": sym})


def test_the_card_says_whether_each_target_is_met_from_the_measured_figures():
    nb = _benchmarks()
    lines = nb._target_lines({"accuracy": 0.7712, "n": 9815},
                             {"contradictions": 3213, "recall_swapped": 0.61, "false_swapped": 0.12})
    assert "**0.771** on all 9815 pairs" in lines[0] and "**met**" in lines[0]
    assert "**0.610** (3213 pairs), **not met**; 0.120 of the swapped" in lines[1]


def test_the_symmetry_table_names_the_sets_it_could_not_measure():
    nb = _benchmarks()
    sym = {"test/snli.jsonl": {"contradictions": 1, "recall_given": 1.0, "recall_swapped": 1.0, "recall_both": 1.0,
                               "recall_either": 1.0}}
    text = "\n".join(nb.symmetry_table(sym))
    assert "| test/snli.jsonl | 1 | 1.000 | 1.000 | 1.000 | 1.000 | n/a | n/a |" in text
    assert "Not measured" in text and "test/semiauto_news.jsonl" in text and "test/snli.jsonl," not in text


def test_the_hypothesis_only_row_of_an_earlier_anli_run_on_the_same_pairs_is_kept(tmp_path):
    import json

    nb = _benchmarks()
    data = {"n_pairs": 3, "files": ["test/anli_dev.jsonl"]}
    baseline = {"name": nb.BASELINE, "overall": {"accuracy": 0.34}}
    previous = tmp_path / "nli_anli.json"
    previous.write_text(json.dumps({"created": "earlier", "data": data,
                                    "models": [{"name": "bundled (calibrated)"}, baseline, {"name": "peer"}]}))
    doc = {"data": dict(data), "models": [{"name": "bundled (uncalibrated)"}, {"name": "bundled (calibrated)"}, {"name": "peer"}]}
    nb.carry_baseline(doc, previous)
    assert [m["name"] for m in doc["models"]] == ["bundled (uncalibrated)", "bundled (calibrated)", nb.BASELINE, "peer"]
    assert doc["models"][2]["overall"] == {"accuracy": 0.34} and doc["models"][2]["carried_from"] == "earlier"
    # other pairs: the old row says nothing about them
    other = {"data": {"n_pairs": 4, "files": data["files"]}, "models": [{"name": "bundled (calibrated)"}]}
    nb.carry_baseline(other, previous)
    assert [m["name"] for m in other["models"]] == ["bundled (calibrated)"]


def test_data_only_a_distillation_pool_brought_in_is_listed_with_its_license_and_the_gold_stories_flagged():
    nb = _benchmarks()
    plain = [{"args": {}}]
    assert nb._pool_source_rows(plain) == [] and nb._pool_note(plain) == []
    distilled = [{"args": {}}, {"pool": {"sources": {"lingnli": 9, "curriculum_sentiment": 3, "semiauto_sim_wiki": 2, "story": 1}}}]
    rows = nb._pool_source_rows(distilled)
    assert len(rows) == 3 and "MIT" in rows[0] and "CC BY-SA 3.0" in rows[1] and "eval/gold" in rows[2]
    assert "not held out" in nb._pool_note(distilled)[0]
