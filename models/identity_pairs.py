"""Pairs of a sentence and itself, or of a sentence and a copy that differs only in how it is typed.

    python models/identity_pairs.py --data ../shared/data/nli --out DIR/extra/identity.jsonl [--sentences 6000]

A statement entails itself. The strong judge reads 108 of 300 dev/ sentences against themselves as
contradictions (eval/near_copy_probe.py; docs/strong-judge.md): its training pairs, many of them minimal
edits that flip a label, never showed it two copies of one statement. Sentences are drawn at random with a
fixed seed from the premises and hypotheses of train/'s 3-way sets (not the templated fragments), about
one in three of 8 words or fewer, where the judge errs most. One in four is paired with a copy that
differs in typing only (final full stop, straight or curly quotation marks, doubled spaces), all
labelled `entailment`. Reads train/ only.

Put the file in an `extra/` folder beside links to train/ and dev/ and name it with
`train_nli.py --extra identity`.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path


def retyped(sentence: str, rng: random.Random) -> str:
    """The sentence with one difference of typing that does not change what it says."""
    options = []
    if sentence.endswith("."):
        options.append(sentence[:-1])
    elif sentence[-1:].isalnum():
        options.append(sentence + ".")
    if '"' in sentence:
        opened = iter(["\u201c", "\u201d"] * sentence.count('"'))
        options.append(re.sub('"', lambda _: next(opened), sentence))
    if "\u2019" in sentence or "'" in sentence:
        options.append(sentence.replace("\u2019", "'") if "\u2019" in sentence
                       else sentence.replace("'", "\u2019"))
    if " " in sentence:
        options.append(sentence.replace(" ", "  ", 1))
    return rng.choice(options) if options else sentence


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="folder with train/")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--sentences", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    short, long_ = set(), set()
    for f in sorted((args.data / "train").glob("*.jsonl")):
        if f.stem.startswith("fragments"):
            continue
        for line in f.open(encoding="utf-8"):
            if not line.strip():
                continue
            row = json.loads(line)
            for s in (row["premise"], row["hypothesis"]):
                s = s.strip()
                if s:
                    (short if len(re.findall(r"\w+", s)) <= 8 else long_).add(s)
    n_short = min(len(short), args.sentences // 3)
    chosen = rng.sample(sorted(short), n_short) + rng.sample(sorted(long_), args.sentences - n_short)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for i, s in enumerate(chosen):
            other = retyped(s, rng) if i % 4 == 0 else s
            out.write(json.dumps({"premise": s, "hypothesis": other, "label": "entailment",
                                  "source": "identity"}) + "\n")
    print(f"{len(chosen)} pairs ({n_short} of 8 words or fewer): {args.out}")


if __name__ == "__main__":
    main()
