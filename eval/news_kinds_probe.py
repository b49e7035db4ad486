"""How an NLI model reads the news kinds: a fact against its denial, retraction, confirmation or hedge,
role pairs (exchanged, passive, passive of the exchange), and related sentences of different reports
(news-distinct: right when not called contradiction), made from dev/'s news sentences
(models/news_kinds.py; never from train/ or test/).

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

    from checker.config import DEFAULT_EMBED_MODEL
    from checker.evaluation.markdown import table
    from checker.evaluation.record import provenance, write_result
    from checker.nli import NLIModel
    from checker.pairing import Embedder
    from checker_models.news_kinds import distinct_pairs, load_nlp, make_news_kinds, news_groups, news_sentences

    rows = [json.loads(line) for f in sorted((args.data / "dev").glob("*.jsonl")) for line in f.open() if line.strip()]
    sentences = news_sentences(rows)
    every = list(dict.fromkeys([r["premise"] for r in rows] + [r["hypothesis"] for r in rows]))
    pairs = make_news_kinds(sentences, random.Random(5), args.per_kind, load_nlp(), every)
    # Related sentences of different reports (news-distinct): right when not called contradiction.
    group_sentences, groups = news_groups(rows)
    emb = Embedder.load(DEFAULT_EMBED_MODEL, "cpu", 64, False).encode(group_sentences)
    pairs += distinct_pairs(group_sentences, groups, emb, random.Random(5), args.per_kind)[::2]
    model = NLIModel.load(args.model, device="cpu", progress=False)
    fwd = model.predict([p["premise"] for p in pairs], [p["hypothesis"] for p in pairs])
    bwd = model.predict([p["hypothesis"] for p in pairs], [p["premise"] for p in pairs])
    by = defaultdict(lambda: {"n": 0, "right": 0, "contra": 0, "contra_swapped": 0})
    for p, f, b in zip(pairs, fwd, bwd):
        k = by[(p["kind"], p["label"])]
        k["n"] += 1
        k["right"] += (int(f.argmax()) != 2 if p["label"] == "not_contradiction"
                       else LABELS[int(f.argmax())] == p["label"])
        k["contra"] += int(f.argmax()) == 2
        k["contra_swapped"] += int(b.argmax()) == 2
    command = ["python", "eval/news_kinds_probe.py", *(argv if argv is not None else sys.argv[1:])]
    kinds = {kind: {"label": label, "n": k["n"], "accuracy": k["right"] / k["n"],
                    "contradiction": k["contra"] / k["n"], "contradiction_swapped": k["contra_swapped"] / k["n"]}
             for (kind, label), k in sorted(by.items())}
    lines = [f"# News kinds read by {args.model}", "",
             "Pairs made from dev/'s news sentences by models/news_kinds.py (seed 5).", "",
             *table(["kind", "label", "pairs", "accuracy", "called contradiction", "called contradiction, swapped"],
                    [[kind, r["label"], r["n"], f"{r['accuracy']:.3f}", f"{r['contradiction']:.3f}",
                      f"{r['contradiction_swapped']:.3f}"] for kind, r in kinds.items()])]
    name = args.model.replace("bundled:", "").replace("/", "_")
    stamp = provenance(command, models={"nli": args.model}, precision=model.precision, device=model.device)
    write_result(args.out / f"{name}.json", {"model": args.model, "kinds": kinds}, stamp, "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
