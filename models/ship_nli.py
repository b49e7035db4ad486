"""The ship step, the only one that writes into the bundled NLI model: its weights, and the conflict
threshold chosen end to end for them.

    python models/ship_nli.py models/runs/main [--to fast|strong] [--force]
    python models/ship_nli.py --threshold-from eval/results/gold_sweep.json
    python models/ship_nli.py --card-from eval/results

The first form copies a training run's best checkpoint into the package, but only when it beats the
shipped one on the same dev mix (keeps the repository's history light): RUN/best/* (fp16
safetensors, tokenizer, config, training.json) and RUN/history.jsonl go to models/nli-minilm-l6/; a
run continued from an earlier one (`train_nli.py --base RUN1/best`) keeps the earlier stage's record
and learning curve too. Afterwards run models/calibrate_nli.py and eval/gold_sweep.py on the new
weights, then the second form, then eval/nli_benchmarks.py and the third form.

The second form writes the threshold eval/gold_sweep.py chose (`chosen_threshold`) into the shipped
model's calibration.json (`threshold`, `threshold_source`); the third copies the model card
eval/nli_benchmarks.py rendered (DIR/model-card.md) to the model's README.md. Each first checks
that the results were measured on these very weights (the SHA-256 in their provenance); --force
writes anyway.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from checker.evaluation.record import sha256_of

SHIPPED = Path(__file__).resolve().parent / "nli-minilm-l6"
# The bundled models by the short names `bundled:fast` and `bundled:strong` give them (checker/bundled.py).
TARGETS = {"fast": SHIPPED, "strong": Path(__file__).resolve().parent / "nli-mpnet-lora"}
KEEP = {"README.md", "calibration.json"}  # regenerated after shipping, not copied from the run


def dev_score(folder: Path) -> float | None:
    meta = folder / "training.json"
    if not meta.exists():
        return None
    return json.loads(meta.read_text()).get("selected_at", {}).get("acc")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def continued_record(best: Path, history_path: Path, until_step: int | None = None) -> tuple[dict, list[dict]]:
    """training.json and history of a run; for a run continued from an earlier one (train_nli.py
    --base RUN1/best, or distill_nli.py train --init MODEL), the earlier stages are kept too, however
    many: each stage's record under "continued_from" of the next, and each stage's history up to the
    checkpoint that was continued, with steps and epochs counted from the first stage, so the model
    card shows the whole path. An earlier stage that is a shipped model folder (it has its own
    history.jsonl) already holds its whole chain. A distilled stage also keeps its teacher's record
    under "teacher_record". `until_step` cuts this run's own history there (the step continued from)."""
    training = json.loads((best / "training.json").read_text())
    history = [dict(h, stage=1) for h in _jsonl(history_path) if until_step is None or h["step"] <= until_step]
    teacher = (training.get("teacher") or {}).get("teacher")
    if teacher and (Path(teacher) / "training.json").exists():
        training["teacher_record"] = continued_record(Path(teacher), Path(teacher).parent / "history.jsonl")[0]
    args = training.get("args", {})
    adapter = args.get("init_adapter")
    if adapter not in (None, "None") and (Path(adapter) / "history.jsonl").exists():
        # train_nli.py --init-adapter: the run went on from a shipped adapter at its step (steps already
        # counted from its first stage), so its record and its curve up to that step come first
        prev = json.loads((Path(adapter) / "training.json").read_text())
        selected = (prev.get("selected_at") or {}).get("step", min((h["step"] for h in history), default=0))
        earlier = [h for h in _jsonl(Path(adapter) / "history.jsonl") if h["step"] <= selected]
        training["continued_from"] = {k: prev[k] for k in ("args", "base", "train_pairs", "steps_total", "selected_at",
                                                          "news_kinds", "continued_from", "train_sources", "bf16")
                                      if k in prev}
        return training, earlier + history
    base = args.get("init") if args.get("init") not in (None, "None") else args.get("base")
    if base in (None, "None") or not (Path(base) / "training.json").exists():
        return training, history
    base = Path(base)
    if (base / "history.jsonl").exists():  # a shipped model: its record and (possibly staged) curve are whole
        prev = json.loads((base / "training.json").read_text())
        earlier = [dict(h, stage=h.get("stage", 1)) for h in _jsonl(base / "history.jsonl")]
    else:  # a run's checkpoint: its own earlier stages too, its curve up to the step continued from
        prev, earlier = continued_record(base, base.parent / "history.jsonl",
                                         until_step=prev_step(base))
    training["continued_from"] = {k: prev[k] for k in ("args", "base", "train_pairs", "steps_total", "selected_at",
                                                      "pool", "teacher", "continued_from", "synthetic_kinds",
                                                      "train_sources", "bf16")
                                  if k in prev}
    offset = {"step": max((h["step"] for h in earlier), default=0),
              "epoch": max((h["epoch"] for h in earlier), default=0)}
    stage = max((h.get("stage", 1) for h in earlier), default=0) + 1
    later = [dict(h, stage=stage, step=h["step"] + offset["step"], epoch=round(h["epoch"] + offset["epoch"], 3))
             for h in history]
    return training, earlier + later


def prev_step(best: Path) -> int | None:
    """The step at which a run's checkpoint was selected (None: unknown, keep the whole curve)."""
    return json.loads((best / "training.json").read_text()).get("selected_at", {}).get("step")


THRESHOLD_SOURCE = ("eval/gold_sweep.py: highest F1 of conflict recall and precision on eval/gold with the full "
                    "pipeline (ties to the higher threshold)")


def ship_threshold(sweep_path: Path, shipped: Path = SHIPPED, force: bool = False) -> float:
    """Write the sweep's chosen threshold into `shipped`/calibration.json; SystemExit with a message when
    the sweep has no choice or was run on other weights (unless `force`). Returns the threshold."""
    sweep = json.loads(sweep_path.read_text())
    chosen = sweep.get("chosen_threshold")
    if chosen is None:
        sys.exit(f"{sweep_path} names no chosen_threshold: run eval/gold_sweep.py first")
    if not force:
        _check_measured_on(sweep, sweep_path, shipped, "eval/gold_sweep.py")
    cal_path = shipped / "calibration.json"
    cal = json.loads(cal_path.read_text()) if cal_path.exists() else {}
    cal["threshold"] = chosen
    cal["threshold_source"] = THRESHOLD_SOURCE
    cal_path.write_text(json.dumps(cal, indent=2) + "\n")
    return chosen


def ship_card(results: Path, shipped: Path = SHIPPED, force: bool = False) -> Path:
    """Copy `results`/model-card.md (eval/nli_benchmarks.py) to `shipped`/README.md; SystemExit with a
    message when it is missing or `results`/nli_summary.json was measured on other weights (unless
    `force`). Returns the card's new path."""
    card = results / "model-card.md"
    if not card.is_file():
        sys.exit(f"no {card}: run eval/nli_benchmarks.py --out {results} first")
    if not force:
        summary = results / "nli_summary.json"
        doc = json.loads(summary.read_text()) if summary.is_file() else {}
        _check_measured_on(doc, summary, shipped, "eval/nli_benchmarks.py")
    shutil.copy2(card, shipped / "README.md")
    return shipped / "README.md"


def _check_measured_on(doc: dict, path: Path, shipped: Path, command: str) -> None:
    """SystemExit unless the result `doc` (read from `path`) names the SHA-256 of `shipped`'s weights."""
    weights = shipped / "model.safetensors"
    measured = (((doc.get("provenance") or {}).get("models") or {}).get("nli") or {}).get("sha256") or {}
    if not measured:
        sys.exit(f"{path} does not say which weights it measured (no provenance): rerun {command}, or --force")
    if not weights.is_file() or measured.get("model.safetensors") != sha256_of(weights):
        sys.exit(f"{path} was measured on other weights than {weights}: rerun {command}, or --force")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run", type=Path, nargs="?", help="a training run whose best checkpoint to ship")
    ap.add_argument("--threshold-from", type=Path, metavar="GOLD_SWEEP_JSON",
                    help="write this eval/gold_sweep.py result's chosen threshold into the shipped model")
    ap.add_argument("--card-from", type=Path, metavar="RESULTS_DIR",
                    help="copy the model card eval/nli_benchmarks.py rendered there into the shipped model")
    ap.add_argument("--to", choices=sorted(TARGETS), default="fast",
                    help="which bundled model to replace: fast (nli-minilm-l6, whole weights) or strong "
                         "(nli-mpnet-lora, an adapter and head over all-mpnet-base-v2) (default: fast)")
    ap.add_argument("--force", action="store_true", help="ship even if not better on dev (e.g. a changed dev mix), "
                                                         "or write results measured on other weights")
    args = ap.parse_args(argv)
    if sum(x is not None for x in (args.run, args.threshold_from, args.card_from)) != 1:
        ap.error("give one of: a training run, --threshold-from, --card-from")
    shipped = TARGETS[args.to]
    if args.threshold_from is not None:
        chosen = ship_threshold(args.threshold_from, shipped, force=args.force)
        print(f"threshold {chosen} written to {shipped / 'calibration.json'}")
        return
    if args.card_from is not None:
        print(f"model card written to {ship_card(args.card_from, shipped, force=args.force)}")
        return
    best = args.run / "best"
    new, old = dev_score(best), dev_score(shipped)
    if new is None:
        sys.exit(f"{best} has no training.json with a selected checkpoint")
    if old is not None and new <= old and not args.force:
        sys.exit(f"not shipped: dev accuracy {new:.4f} does not beat the shipped model's {old:.4f}")
    # Read before replacing: a distilled student may have been continued from the shipped model itself.
    training, history = continued_record(best, args.run / "history.jsonl")
    shipped.mkdir(exist_ok=True)
    for f in shipped.iterdir():
        if f.name not in KEEP:
            f.unlink()
    for f in best.iterdir():
        if f.name not in KEEP:  # e.g. the model card peft writes beside an adapter
            shutil.copy2(f, shipped / f.name)
    (shipped / "training.json").write_text(json.dumps(training, indent=2) + "\n")
    if history:
        (shipped / "history.jsonl").write_text("".join(json.dumps(h) + "\n" for h in history))
    (shipped / "calibration.json").unlink(missing_ok=True)  # stale for new weights
    print(f"shipped {best} (dev accuracy {new:.4f}, was {old})")


if __name__ == "__main__":
    main()
