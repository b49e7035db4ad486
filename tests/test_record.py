"""Results carry their provenance: commit, model weights' SHA-256, machine, precision, versions, command."""
import hashlib
import json
import re

from checker.evaluation.record import CPU_FLAGS, model_fingerprint, provenance, write_result


def test_a_local_model_is_named_with_the_sha256_of_its_weights(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"weights")
    (tmp_path / "config.json").write_text("{}")
    found = model_fingerprint(str(tmp_path))
    assert found == {"name": str(tmp_path), "sha256": {"model.safetensors": hashlib.sha256(b"weights").hexdigest()}}
    assert model_fingerprint("some-org/not-on-disk") == {"name": "some-org/not-on-disk", "sha256": None}


def test_the_bundled_nli_model_resolves_to_its_shipped_weights():
    found = model_fingerprint("bundled:nli-minilm-l6")
    assert re.fullmatch(r"[0-9a-f]{64}", found["sha256"]["model.safetensors"])


def test_a_written_result_carries_commit_command_models_machine_and_versions(tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "model.safetensors").write_bytes(b"w")
    stamp = provenance(["python", "eval/x.py", "--n", "3"], models={"nli": str(tmp_path / "m")}, precision="bf16")
    path = write_result(tmp_path / "out" / "x.json", {"recall": 0.5}, stamp, markdown="# X\n")
    doc = json.loads(path.read_text())
    assert doc["recall"] == 0.5 and doc["provenance"]["command"] == "python eval/x.py --n 3"
    p = doc["provenance"]
    assert p["commit"] is None or re.fullmatch(r"[0-9a-f]{40}", p["commit"])
    assert p["models"]["nli"]["sha256"]["model.safetensors"] == hashlib.sha256(b"w").hexdigest()
    assert set(p["machine"]["cpu_flags"]) == set(CPU_FLAGS) and p["machine"]["cpu"]
    assert p["precision"] == "bf16" and p["versions"]["torch"] and p["versions"]["python"]
    md = (tmp_path / "out" / "x.md").read_text()
    assert md.startswith("# X\n") and "precision bf16" in md and "`python eval/x.py --n 3`" in md
    assert not list((tmp_path / "out").glob(".*.tmp"))
