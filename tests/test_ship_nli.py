"""The ship step: a better run's checkpoint replaces the bundled model, and the card stays."""
from __future__ import annotations

import json

import pytest

ship = pytest.importorskip("checker_models.ship_nli")


def _checkpoint(folder, acc, card=None):
    folder.mkdir(parents=True)
    (folder / "training.json").write_text(json.dumps({"selected_at": {"step": 10, "acc": acc}, "args": {}}))
    (folder / "adapter_model.safetensors").write_bytes(b"weights %f" % acc)
    if card:
        (folder / "README.md").write_text(card)


def test_a_better_run_is_shipped_but_the_card_and_nothing_else_of_the_run_replaces_the_models_own(tmp_path, monkeypatch):
    shipped = tmp_path / "nli-mpnet-lora"
    _checkpoint(shipped, 0.80, card="# the project's model card\n")
    (shipped / "calibration.json").write_text("{}")
    run = tmp_path / "run"
    _checkpoint(run / "best", 0.85, card="# a card a training library wrote\n")
    monkeypatch.setitem(ship.TARGETS, "strong", shipped)

    ship.main([str(run), "--to", "strong"])
    assert (shipped / "README.md").read_text() == "# the project's model card\n"
    assert (shipped / "adapter_model.safetensors").read_bytes() == b"weights 0.850000"
    assert not (shipped / "calibration.json").exists()  # stale for new weights: calibrate again

    _checkpoint(tmp_path / "worse" / "best", 0.70)
    with pytest.raises(SystemExit, match="does not beat"):
        ship.main([str(tmp_path / "worse"), "--to", "strong"])


def test_a_run_continued_from_the_shipped_adapter_keeps_its_curve_up_to_the_step_continued_from(tmp_path, monkeypatch):
    shipped = tmp_path / "nli-mpnet-lora"
    shipped.mkdir()
    (shipped / "training.json").write_text(json.dumps({"selected_at": {"step": 20, "acc": 0.8}, "args": {}}))
    (shipped / "history.jsonl").write_text("".join(json.dumps({"step": s, "acc": a}) + "\n"
                                                   for s, a in ((10, 0.7), (20, 0.8), (30, 0.79))))
    (shipped / "adapter_model.safetensors").write_bytes(b"old")
    run = tmp_path / "run"
    (run / "best").mkdir(parents=True)
    (run / "best" / "training.json").write_text(json.dumps(
        {"selected_at": {"step": 40, "acc": 0.85}, "args": {"init_adapter": str(shipped)}}))
    (run / "best" / "adapter_model.safetensors").write_bytes(b"new")
    (run / "history.jsonl").write_text(json.dumps({"step": 40, "acc": 0.85}) + "\n")
    monkeypatch.setitem(ship.TARGETS, "strong", shipped)

    ship.main([str(run), "--to", "strong"])
    steps = [json.loads(line)["step"] for line in (shipped / "history.jsonl").read_text().splitlines()]
    assert steps == [10, 20, 40]  # the abandoned step 30 of the earlier run is not part of this path
    assert json.loads((shipped / "training.json").read_text())["continued_from"]["selected_at"]["step"] == 20
