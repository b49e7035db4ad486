"""Fit temperature scaling for an NLI model folder on dev/ and write MODEL/calibration.json.

    python models/calibrate_nli.py models/runs/main/best --data ../shared/data/nli

Temperature T minimises the negative log-likelihood of dev labels under softmax(logits / T)
(one parameter: it changes confidence, never the argmax). Also records expected calibration error
(ECE, 15 bins) before and after, and the contradiction threshold that maximises contradiction-F1 on
dev. The pipeline's default conflict threshold is chosen afterwards on the end-to-end gold set
(eval/gold_sweep.py) and written here by the ship step (models/ship_nli.py --threshold-from
eval/results/gold_sweep.json). test/ is never read.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import dev_premises, make_synthetic  # noqa: E402

LABELS = ["entailment", "neutral", "contradiction"]


def nll(logits: np.ndarray, gold: np.ndarray, t: float) -> float:
    z = logits / t
    z = z - z.max(1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(1, keepdims=True))
    return float(-logp[np.arange(len(gold)), gold].mean())


def fit_temperature(logits: np.ndarray, gold: np.ndarray) -> float:
    grid = np.exp(np.linspace(np.log(0.3), np.log(5.0), 400))
    return float(grid[int(np.argmin([nll(logits, gold, t) for t in grid]))])


def dev_rows(data: Path, seed: int = 7, synthetic_per_kind: int = 300) -> list[dict]:
    rows = []
    for f in sorted((data / "dev").glob("*.jsonl")):
        rows += [json.loads(l) for l in f.open(encoding="utf-8") if l.strip()]
    return rows + make_synthetic(dev_premises(rows), random.Random(seed), synthetic_per_kind)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--device", default="auto")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--limit-per-source", type=int, default=1500, help="dev pairs per source (time on CPU)")
    args = ap.parse_args(argv)

    from checker.evaluation.metrics import expected_calibration_error as ece
    from checker.nli import NLIModel, softmax

    rows = dev_rows(args.data)
    rng = random.Random(0)
    by_src: dict[str, list[dict]] = {}
    for r in rows:
        by_src.setdefault(r["source"], []).append(r)
    rows = [r for src in sorted(by_src) for r in (by_src[src] if len(by_src[src]) <= args.limit_per_source
                                                   else rng.sample(by_src[src], args.limit_per_source))]
    model = NLIModel.load(str(args.model), device=args.device, batch_size=args.batch_size)
    logits = model.logits([r["premise"] for r in rows], [r["hypothesis"] for r in rows], desc="dev")
    gold = np.array([LABELS.index(r["label"]) for r in rows])
    t = fit_temperature(logits, gold)
    p0, p1 = softmax(logits), softmax(logits / t)
    # Contradiction-vs-rest threshold with the best F1 on dev, after scaling.
    is_c = gold == 2
    best = (0.0, 0.5)
    for th in np.linspace(0.05, 0.95, 91):
        pred = p1[:, 2] >= th
        tp = (pred & is_c).sum()
        prec = tp / max(pred.sum(), 1)
        rec = tp / max(is_c.sum(), 1)
        f1 = 2 * prec * rec / max(prec + rec, 1e-9)
        best = max(best, (float(f1), float(round(th, 2))))
    out_path = args.model / "calibration.json"
    old = json.loads(out_path.read_text()) if out_path.exists() else {}
    cal = {
        **old,
        "temperature": round(t, 4),
        "dev_pairs": len(rows),
        "dev_sources": {s: min(len(v), args.limit_per_source) for s, v in sorted(by_src.items())},
        "accuracy": float((p1.argmax(1) == gold).mean()),
        "nll_before": nll(logits, gold, 1.0), "nll_after": nll(logits, gold, t),
        "ece_before": ece(p0, gold), "ece_after": ece(p1, gold),
        "dev_best_contradiction_f1": best[0], "dev_best_contradiction_threshold": best[1],
        "threshold": old.get("threshold", best[1]),
        "threshold_source": old.get("threshold_source", "dev contradiction-F1 maximum"),
        "command": "python models/calibrate_nli.py " + " ".join(argv if argv is not None else sys.argv[1:]),
    }
    out_path.write_text(json.dumps(cal, indent=2) + "\n")
    print(json.dumps(cal, indent=2))


if __name__ == "__main__":
    main()
