"""Copy a training run's best checkpoint into the package as the bundled NLI model, but only when
it beats the shipped one on the same dev mix (keeps the repository's history light).

    python models/ship_nli.py models/runs/main [--force]

Copies RUN/best/* (fp16 safetensors, tokenizer, config, training.json) and RUN/history.jsonl to
models/nli-minilm-l6/. Afterwards run models/calibrate_nli.py and eval/gold_sweep.py
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
    SHIPPED.mkdir(exist_ok=True)
    for f in SHIPPED.iterdir():
        if f.name not in KEEP:
            f.unlink()
    for f in best.iterdir():
        shutil.copy2(f, SHIPPED / f.name)
    if (args.run / "history.jsonl").exists():
        shutil.copy2(args.run / "history.jsonl", SHIPPED / "history.jsonl")
    (SHIPPED / "calibration.json").unlink(missing_ok=True)  # stale for new weights
    print(f"shipped {best} (dev accuracy {new:.4f}, was {old})")


if __name__ == "__main__":
    main()
