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
