"""A quick, comparable look at NLI models or training checkpoints on one test set.

    python eval/nli_probe.py --model bundled:nli-minilm-l6 --model models/runs/mpnet-a/best [--n 1000]
                             [--file ../shared/data/nli/test/mnli_matched.jsonl] [--seed 0] [--out FILE.json]

For each model, on the SAME seeded random sample of `--n` pairs: accuracy, contradiction recall with
the pair as given and with premise and hypothesis swapped (contradiction is symmetric; the checker
reads both directions), and the share of entailment and neutral pairs called contradiction once
swapped. The last one keeps the second honest: a model that has learnt "swapped order means
contradiction" (premises are usually the longer sentence) gets a high swapped recall by calling
nearly everything swapped a contradiction. Models load through the checker's own NLI class, so precision
(`--precision`, auto by default) and label order are what the product uses.

What it is for: following a long training run (a base-size model trains for hours on a 2-core CPU)
and deciding which checkpoint to distil or ship, in minutes rather than the hour the full card takes.
The published figures come from eval/nli_benchmarks.py, on every pair; this is a sample, so its
figures carry sampling error (about +-0.013 on accuracy at n=1000).
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from checker.evaluation.record import provenance, write_result
from checker.nli import NLIModel
from checker.types import LABELS


def sample(path: Path, n: int, seed: int) -> list[dict]:
    """`n` pairs of a JSONL file, drawn at random with `seed` (all of them when it holds fewer)."""
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    random.Random(seed).shuffle(rows)
    return rows[:n]


def probe(model: NLIModel, rows: list[dict]) -> dict:
    """Accuracy and contradiction recall as given and swapped on `rows` (argmax of the calibrated
    probabilities; temperature does not change it)."""
    labels = list(LABELS)
    premises, hypotheses = [r["premise"] for r in rows], [r["hypothesis"] for r in rows]
    t0 = time.perf_counter()
    pred = model.predict(premises, hypotheses).argmax(1)
    gold = np.array([labels.index(r["label"]) for r in rows])
    turned = model.predict(hypotheses, premises).argmax(1)  # every pair swapped, in one pass
    contra = np.flatnonzero(gold == labels.index("contradiction"))
    swapped, swapped_other = turned[contra], turned[gold != labels.index("contradiction")]
    seconds = time.perf_counter() - t0
    acc = float((pred == gold).mean())
    return {"pairs": len(rows), "accuracy": acc, "accuracy_se": math.sqrt(acc * (1 - acc) / len(rows)),
            "contradictions": int(len(contra)),
            "contra_recall_given": float((pred[contra] == gold[contra]).mean()),
            "contra_recall_swapped": float((swapped == labels.index("contradiction")).mean()),
            "contra_false_swapped": float((swapped_other == labels.index("contradiction")).mean()),
            "pairs_per_s": 2 * len(rows) / seconds, "precision": model.precision}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", action="append", required=True, help="a model folder or bundled: name (repeatable)")
    ap.add_argument("--file", type=Path, default=Path("../shared/data/nli/test/mnli_matched.jsonl"))
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--precision", default="auto")
    ap.add_argument("--out", type=Path, default=None, help="also write the figures as JSON here")
    args = ap.parse_args(argv)
    if not args.file.exists():
        sys.exit(f"nli_probe: {args.file}: no such file")
    rows = sample(args.file, args.n, args.seed)
    results = {}
    print(f"{args.file.name}: {len(rows)} pairs (seed {args.seed})")
    print("| model | accuracy | contradictions as given | contradictions swapped | others called contradiction, swapped | pairs/s |")
    print("|---|---|---|---|---|---|")
    for name in args.model:
        model = NLIModel.load(name, device=args.device, precision=args.precision, progress=False)
        r = results[name] = probe(model, rows)
        print(f"| {name} | {r['accuracy']:.3f} (+-{r['accuracy_se']:.3f}) | {r['contra_recall_given']:.3f} | "
              f"{r['contra_recall_swapped']:.3f} | {r['contra_false_swapped']:.3f} | {r['pairs_per_s']:.0f} |", flush=True)
    if args.out:
        command = "python eval/nli_probe.py " + " ".join(sys.argv[1:] if argv is None else argv)
        write_result(args.out, {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "file": str(args.file),
                                "n": len(rows), "seed": args.seed, "models": results},
                     provenance(command, models={f"nli_{i}": name for i, name in enumerate(args.model, start=1)},
                                precision=args.precision, device=args.device))


if __name__ == "__main__":
    main()
