"""Pairs of statements that cannot contradict each other, from hypotheses written for one premise.

    python models/cohypothesis_pairs.py --data ../shared/data/nli --out DIR/extra/cohyp.jsonl [--per-source 8000]

For a premise P, a hypothesis e that P entails and a hypothesis n that P entails or leaves open cannot
contradict each other: P entails e, P and n are consistent, so e and n are. Each such pair of train/'s
3-way sets (not the templated fragments) is written in both orders with the binary label
`not_contradiction` (train_nli.py trains P(contradiction) down on it), up to `--per-source` pairs a
source, chosen at random with a fixed seed. Two statements about one scene by one writer, often differing
in one detail: what the checker pairs across articles when two reports tell different facts.

Used by the run in docs/strong-judge.md ("A sixth blind set ..."): put the file in an `extra/` folder
beside links to train/ and dev/ and name it with `train_nli.py --extra cohyp`. Reads train/ only.
"""
from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path


def cohypothesis_pairs(rows: list[dict]) -> list[tuple[str, str]]:
    """(e, x) for each premise: two hypotheses it entails, or one it entails and one it leaves open."""
    by_premise: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        by_premise[r["premise"]][r["label"]].append(r["hypothesis"])
    pairs = []
    for labels in by_premise.values():
        entailed = list(dict.fromkeys(labels.get("entailment", [])))
        open_ = list(dict.fromkeys(labels.get("neutral", [])))
        for i, e in enumerate(entailed):
            pairs += [(e, x) for x in entailed[i + 1:] + open_ if x != e]
    return pairs


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="folder with train/")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--per-source", type=int, default=8000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    total = 0
    with args.out.open("w") as out:
        for f in sorted((args.data / "train").glob("*.jsonl")):
            if f.stem.startswith("fragments"):
                continue
            pairs = cohypothesis_pairs([json.loads(line) for line in f.open() if line.strip()])
            rng.shuffle(pairs)
            pairs = pairs[:args.per_source]
            for e, x in pairs:
                for a, b in ((e, x), (x, e)):
                    out.write(json.dumps({"premise": a, "hypothesis": b, "label": "not_contradiction",
                                          "source": f"cohyp_{f.stem}"}) + "\n")
            total += len(pairs)
            print(f"{f.stem}: {len(pairs)}")
    print(f"{total} pairs, {2 * total} rows in both orders: {args.out}")


if __name__ == "__main__":
    main()
