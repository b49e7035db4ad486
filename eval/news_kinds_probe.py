"""How an NLI model reads the news kinds: a fact against its denial, retraction, confirmation or hedge,
and a role swap, made from dev/'s news sentences (models/news_kinds.py; never from train/ or test/).

    python eval/news_kinds_probe.py [--model bundled:fast] [--per-kind 200] [--out eval/results/news-kinds]

For each kind: accuracy on its label, and how often the model called the pair contradiction in the
order the pair was made and with premise and hypothesis swapped. Deterministic (seeded).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

LABELS = ("entailment", "neutral", "contradiction")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="bundled:fast")
    ap.add_argument("--data", type=Path, default=Path("../shared/data/nli"))
    ap.add_argument("--per-kind", type=int, default=200)
    ap.add_argument("--out", type=Path, default=Path("eval/results/news-kinds"))
    args = ap.parse_args(argv)

    from checker.nli import NLIModel
    from checker_models.news_kinds import load_nlp, make_news_kinds, news_sentences

    rows = [json.loads(line) for f in sorted((args.data / "dev").glob("*.jsonl")) for line in f.open() if line.strip()]
    sentences = news_sentences(rows)
    every = list(dict.fromkeys([r["premise"] for r in rows] + [r["hypothesis"] for r in rows]))
    pairs = make_news_kinds(sentences, random.Random(5), args.per_kind, load_nlp(), every)
    model = NLIModel.load(args.model, device="cpu", progress=False)
    fwd = model.predict([p["premise"] for p in pairs], [p["hypothesis"] for p in pairs])
    bwd = model.predict([p["hypothesis"] for p in pairs], [p["premise"] for p in pairs])
    by = defaultdict(lambda: {"n": 0, "right": 0, "contra": 0, "contra_swapped": 0})
    for p, f, b in zip(pairs, fwd, bwd):
        k = by[(p["kind"], p["label"])]
        k["n"] += 1
        k["right"] += LABELS[int(f.argmax())] == p["label"]
        k["contra"] += int(f.argmax()) == 2
        k["contra_swapped"] += int(b.argmax()) == 2
    command = "python eval/news_kinds_probe.py " + " ".join(argv if argv is not None else sys.argv[1:])
    lines = [f"# News kinds read by {args.model}", "",
             f"Pairs made from dev/'s news sentences by models/news_kinds.py (seed 5). `{command}`", "",
             "| kind | label | pairs | accuracy | called contradiction | called contradiction, swapped |",
             "|---|---|---|---|---|---|"]
    table = {}
    for (kind, label), k in sorted(by.items()):
        n = k["n"]
        table[kind] = {"label": label, "n": n, "accuracy": k["right"] / n, "contradiction": k["contra"] / n,
                       "contradiction_swapped": k["contra_swapped"] / n}
        lines.append(f"| {kind} | {label} | {n} | {k['right'] / n:.3f} | {k['contra'] / n:.3f} | {k['contra_swapped'] / n:.3f} |")
    args.out.mkdir(parents=True, exist_ok=True)
    name = args.model.replace("bundled:", "").replace("/", "_")
    (args.out / f"{name}.json").write_text(json.dumps({"command": command, "model": args.model, "kinds": table}, indent=1) + "\n")
    (args.out / f"{name}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
