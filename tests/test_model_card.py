"""eval/nli_benchmarks.py: the model card states how each training stage was run, distillation included."""
from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _benchmarks():
    spec = importlib.util.spec_from_file_location("nli_benchmarks", REPO / "eval" / "nli_benchmarks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COMMON = {"epochs": "1", "batch_size": "32", "lr": "3e-05", "max_length": "128", "seed": "13"}


def test_a_distilled_stage_is_described_with_its_command_teacher_share_and_pool():
    nb = _benchmarks()
    trained = {"args": {**COMMON, "warmup": "0.06", "weight_decay": "0.01", "base": "None", "out": "runs/main"},
               "selected_at": {"step": 8020, "acc": 0.82}}
    distilled = {"args": {**COMMON, "step": "train", "init": "models/nli-minilm-l6", "alpha": "0.8", "temperature": "2.0",
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
