"""How NLI models read a sentence against itself and against a near copy of it, on others' NLI pairs.

A sentence entails itself; a near copy (`checker.cascade.near_copy`: at most two words inserted, deleted
or replaced, and at most one in five) is mostly the same statement. This probe measures, for each model:
- of `--sentences` hypotheses drawn from dev/ SNLI and Semi-automatic news (seed 0), each against itself,
  the share read as entailment (argmax), overall and for those of 8 words or fewer;
- on every near-copy pair of dev/ (all files), accuracy, contradictions found, and contradictions called
  where the label is entailment.

    python eval/near_copy_probe.py --data ../shared/data/nli --model bundled:strong --model bundled:fast \\
        --out eval/results/near-copy

Writes near_copy.json and near_copy.md into --out. Measured figures: docs/strong-judge.md.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

import numpy as np

from checker.cascade import near_copy
from checker.evaluation.markdown import table
from checker.nli import NLIModel

LABELS = ("entailment", "neutral", "contradiction")


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/data/nli", help="the NLI data folder (dev/ is read)")
    ap.add_argument("--model", action="append", required=True, help="a model name or folder; repeatable")
    ap.add_argument("--sentences", type=int, default=300)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    dev = Path(args.data) / "dev"
    if not dev.is_dir():
        ap.error(f"no dev/ folder in {args.data}")
    pool = sorted({r["hypothesis"] for name in ("snli.jsonl", "semiauto_news.jsonl")
                   for r in _rows(dev / name)[:3000]})
    sentences = random.Random(0).sample(pool, min(args.sentences, len(pool)))
    short = [i for i, s in enumerate(sentences) if len(re.findall(r"\w+", s)) <= 8]
    copies = [r for path in sorted(dev.glob("*.jsonl")) for r in _rows(path)
              if r.get("label") in LABELS and near_copy(r["premise"], r["hypothesis"], 2)]
    gold = np.array([LABELS.index(r["label"]) for r in copies])
    results = []
    for name in args.model:
        model = NLIModel.load(name, device="cpu")
        own = model.predict(sentences, sentences, desc=f"{name}: itself").argmax(1)
        pred = model.predict([r["premise"] for r in copies], [r["hypothesis"] for r in copies],
                             desc=f"{name}: near copies").argmax(1)
        results.append({
            "model": name,
            "itself_entailed": float((own == 0).mean()),
            "itself_contradicted": int((own == 2).sum()),
            "short_itself_entailed": float((own[short] == 0).mean()) if short else None,
            "near_copies": len(copies),
            "near_copy_accuracy": float((pred == gold).mean()) if len(copies) else None,
            "contradictions_found": int(((pred == 2) & (gold == 2)).sum()),
            "contradictions_labelled": int((gold == 2).sum()),
            "false_contradictions_of_entailed": int(((pred == 2) & (gold == 0)).sum()),
        })
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    meta = {"sentences": len(sentences), "short": len(short), "data": "dev/"}
    (out / "near_copy.json").write_text(json.dumps({"meta": meta, "results": results}, indent=2), encoding="utf-8")
    rows = [[r["model"], f"{r['itself_entailed']:.3f} ({r['itself_contradicted']} contradicted)",
             f"{r['short_itself_entailed']:.3f}" if r["short_itself_entailed"] is not None else "n/a",
             f"{r['near_copy_accuracy']:.3f}" if r["near_copy_accuracy"] is not None else "n/a",
             f"{r['contradictions_found']} / {r['contradictions_labelled']}", str(r["false_contradictions_of_entailed"])]
            for r in results]
    lines = table(["model", f"itself, of {len(sentences)}: entailed", f"of those ≤ 8 words ({len(short)})",
                      f"near copies ({len(copies)}): accuracy", "contradictions found / labelled",
                      "contradiction called, labelled entailment"], rows, align="lrrrrr")
    text = "\n".join(lines)
    (out / "near_copy.md").write_text("# A sentence against itself and against a near copy\n\n"
                                      "Produced by `python eval/near_copy_probe.py " + " ".join(
                                          f"--model {m}" for m in args.model) + "` over dev/.\n\n" + text + "\n",
                                      encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
