"""Choosing onnx-int8's recipe: each candidate against torch fp32 on dev NLI pairs (the tuning split).

    python eval/int8_recipes.py [--out eval/results/int8-recipes-dev.json]

1,000 seeded pairs of ../shared/data/nli/dev/ (400 semiauto_news, 300 snli, 300 lingnli); for torch bf16
and int8, onnx-fp32, and onnx-int8 under several recipes (checker.onnx_export.Int8Recipe): accuracy,
argmax agreement with fp32, the largest and mean probability change, and the pairs whose contradiction
probability crossed 0.5. The recipe is chosen here; the verdicts that decide are eval/bench_paths.py's.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.evaluation.record import provenance, write_result  # noqa: E402

DEV = {"semiauto_news": 400, "snli": 300, "lingnli": 300}
RECIPES = {  # name -> Int8Recipe arguments; the shipped default first
    "onnx-int8": {},
    "onnx-int8, all six blocks": {"keep_first_blocks": 0, "keep_last_blocks": 0},
    "onnx-int8, full 8-bit weights": {"reduce_range": False},
    "onnx-int8, blocks 2-3 only": {"keep_first_blocks": 2, "keep_last_blocks": 2},
    "onnx-int8, one scale per matrix": {"per_channel": False},
}


def main(argv=None):
    import numpy as np

    from checker.nli import NLIModel, _torch_model
    from checker.onnx_export import Int8Recipe, onnx_model_path
    from checker.onnx_session import OnnxModel
    from checker.types import LABELS

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="../shared/data/nli/dev")
    ap.add_argument("--out", type=Path, default=Path("eval/results/int8-recipes-dev.json"))
    args = ap.parse_args(argv)
    rows = []
    for name, n in DEV.items():
        got = [r for r in map(json.loads, open(Path(args.data) / f"{name}.jsonl", encoding="utf-8")) if r.get("label") in LABELS]
        random.Random(0).shuffle(got)
        rows += got[:n]
    premises, hypotheses = [r["premise"] for r in rows], [r["hypothesis"] for r in rows]
    labels = np.array([LABELS.index(r["label"]) for r in rows])
    base = NLIModel.load("bundled:nli-minilm-l6", "cpu", precision="fp32", progress=False)
    folder = Path(base.info["path"])
    models = {"fp32": base, **{p: NLIModel.load("bundled:nli-minilm-l6", "cpu", precision=p, progress=False)
                               for p in ("bf16", "int8", "onnx-fp32")}}
    for name, kwargs in RECIPES.items():
        path = onnx_model_path(folder, "onnx-int8", "sequence-classification",
                               lambda: _torch_model(folder).float().eval(), base.tokenizer, Int8Recipe(**kwargs))
        models[name] = replace(base, model=OnnxModel.load(path), precision="onnx-int8")
    ref, results = None, {}
    for name, model in models.items():
        probs = model.predict(premises, hypotheses)
        ref = probs if ref is None else ref
        results[name] = {"accuracy": round(float((probs.argmax(1) == labels).mean()), 4),
                         "agree_with_fp32": round(float((probs.argmax(1) == ref.argmax(1)).mean()), 4),
                         "max_prob_diff": round(float(np.abs(probs - ref).max()), 4),
                         "mean_prob_diff": round(float(np.abs(probs - ref).mean()), 5),
                         "contradiction_crossed_0.5": int(((probs[:, 2] >= 0.5) != (ref[:, 2] >= 0.5)).sum())}
        print(name, results[name], file=sys.stderr, flush=True)
    command = "python eval/int8_recipes.py " + " ".join(argv if argv is not None else sys.argv[1:])
    write_result(args.out, {"split": "dev", "pairs": len(rows), "per_file": DEV, "results": results,
                            "recipes": RECIPES, "command": command},
                 provenance(command, models={"nli": "bundled:nli-minilm-l6"}, precision="fp32,bf16,int8,onnx-*"))


if __name__ == "__main__":
    main()
