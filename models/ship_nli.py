"""Copy a training run's best checkpoint into the package as the bundled NLI model, but only when
it beats the shipped one on the same dev mix (keeps the repository's history light).

    python models/ship_nli.py models/runs/main [--force]

Copies RUN/best/* (fp16 safetensors, tokenizer, config, training.json) and RUN/history.jsonl to
models/nli-minilm-l6/; a run continued from an earlier one (`train_nli.py --base RUN1/best`) keeps
the earlier stage's record and learning curve too. Afterwards run models/calibrate_nli.py and eval/gold_sweep.py
--write-threshold on the new weights, then eval/nli_benchmarks.py to regenerate the model card.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent / "nli-minilm-l6"
KEEP = {"README.md", "calibration.json"}  # regenerated after shipping, not copied from the run


def dev_score(folder: Path) -> float | None:
    meta = folder / "training.json"
    if not meta.exists():
        return None
    return json.loads(meta.read_text()).get("selected_at", {}).get("acc")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def continued_record(best: Path, history_path: Path) -> tuple[dict, list[dict]]:
    """training.json and history of a run; for a run continued from an earlier one (train_nli.py
    --base RUN1/best, or distill_nli.py train --init MODEL), the earlier stage is kept too: its record
    under "continued_from", and its history up to the checkpoint that was continued, so the model card
    shows the whole path. A distilled run also keeps its teacher's record under "teacher_record"."""
    training = json.loads((best / "training.json").read_text())
    history = [dict(h, stage=1) for h in _jsonl(history_path)]
    teacher = (training.get("teacher") or {}).get("teacher")
    if teacher and (Path(teacher) / "training.json").exists():
        training["teacher_record"] = continued_record(Path(teacher), Path(teacher).parent / "history.jsonl")[0]
    args = training.get("args", {})
    base = args.get("init") if args.get("init") not in (None, "None") else args.get("base")
    if base in (None, "None") or not (Path(base) / "training.json").exists():
        return training, history
    prev = json.loads((Path(base) / "training.json").read_text())
    at = prev.get("selected_at", {})
    training["continued_from"] = {k: prev[k] for k in ("args", "base", "train_pairs", "steps_total", "selected_at")
                                  if k in prev}
    if "continued_from" in prev:  # keep the chain when continuing a continued run
        training["continued_from"]["continued_from"] = prev["continued_from"]
    if (Path(base) / "history.jsonl").exists():  # a shipped model: its whole (possibly staged) curve
        earlier = [dict(h, stage=h.get("stage", 1)) for h in _jsonl(Path(base) / "history.jsonl")]
        offset = {"step": max((h["step"] for h in earlier), default=0),
                  "epoch": max((h["epoch"] for h in earlier), default=0)}
    else:
        earlier = [dict(h, stage=1) for h in _jsonl(Path(base).parent / "history.jsonl") if h["step"] <= at.get("step", 0)]
        offset = at
    stage = max((h.get("stage", 1) for h in earlier), default=0) + 1
    later = [dict(h, stage=stage, step=h["step"] + offset.get("step", 0), epoch=round(h["epoch"] + offset.get("epoch", 0), 3))
             for h in history]
    return training, earlier + later


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run", type=Path)
    ap.add_argument("--force", action="store_true", help="ship even if not better on dev (e.g. a changed dev mix)")
    args = ap.parse_args(argv)
    best = args.run / "best"
    new, old = dev_score(best), dev_score(SHIPPED)
    if new is None:
        sys.exit(f"{best} has no training.json with a selected checkpoint")
    if old is not None and new <= old and not args.force:
        sys.exit(f"not shipped: dev accuracy {new:.4f} does not beat the shipped model's {old:.4f}")
    # Read before replacing: a distilled student may have been continued from the shipped model itself.
    training, history = continued_record(best, args.run / "history.jsonl")
    SHIPPED.mkdir(exist_ok=True)
    for f in SHIPPED.iterdir():
        if f.name not in KEEP:
            f.unlink()
    for f in best.iterdir():
        shutil.copy2(f, SHIPPED / f.name)
    (SHIPPED / "training.json").write_text(json.dumps(training, indent=2) + "\n")
    if history:
        (SHIPPED / "history.jsonl").write_text("".join(json.dumps(h) + "\n" for h in history))
    (SHIPPED / "calibration.json").unlink(missing_ok=True)  # stale for new weights
    print(f"shipped {best} (dev accuracy {new:.4f}, was {old})")


if __name__ == "__main__":
    main()
