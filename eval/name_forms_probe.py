"""How much an NLI model's reading moves when one name is written another way (checker/name_forms.py).

Pairs from the NLI sets whose premise and hypothesis write a country the same way ("the U.S." in
both); the hypothesis is then written with another form of that country ("the United States"), and
the model's labels on the two versions are compared. The checker itself gives the model one writing
(name_forms.one_writing), so its reading is the first column's; the second is what the model would
read without it. No parameter is chosen on these pairs. Only counts are written (the pairs' text stays
with the data).

    python eval/name_forms_probe.py --data ../shared/data/nli --model bundled:fast -o eval/results/name-forms
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import numpy as np

# Writings of one country that take the same place in a sentence: after "the", as a noun ("the U.S." /
# "the United States"), or before a noun, as its modifier ("U.S. officials" / "American officials").
NOUNS = [("U.S.", "United States"), ("US", "United States"), ("U.K.", "United Kingdom"), ("UK", "United Kingdom")]
MODIFIERS = [("U.S.", "American"), ("US", "American"), ("U.K.", "British"), ("UK", "British")]


def _noun(form: str) -> re.Pattern:
    return re.compile(r"\bthe " + re.escape(form) + (r"(?![\w.])" if form.endswith(".") else r"\b"))


def _modifier(form: str) -> re.Pattern:
    return re.compile(r"(?<![\w.])" + re.escape(form) + r"(?= [a-z])")
LABELS = ("entailment", "neutral", "contradiction")


def variants(rows: list[dict], kind: str) -> list[tuple[dict, str]]:
    """(pair, hypothesis with the other writing) for pairs that write one country alike in both
    sentences, as nouns (kind "noun") or as modifiers ("modifier")."""
    forms, make, lead = (NOUNS, _noun, "the ") if kind == "noun" else (MODIFIERS, _modifier, "")
    out = []
    for r in rows:
        for old, new in [f for x, y in forms for f in ((x, y), (y, x))]:
            pat = make(old)
            if pat.search(r["premise"]) and pat.search(r["hypothesis"]):
                out.append((r, pat.sub(lead + new, r["hypothesis"])))
                break
    return out


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--model", default="bundled:fast")
    p.add_argument("--splits", nargs="*", default=["dev", "test"])
    p.add_argument("-o", "--out", type=Path, required=True)
    args = p.parse_args(argv)
    from checker.nli import NLIModel

    rows = [json.loads(line) for s in args.splits for f in sorted((args.data / s).glob("*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    model = NLIModel.load(args.model)
    results = {kind: _measure(model, variants([r for r in rows if r.get("label") in LABELS], kind))
               for kind in ("noun", "modifier")}
    results = {"model": args.model, "splits": args.splits, **results}
    args.out.mkdir(parents=True, exist_ok=True)
    name = args.model.replace(":", "-").replace("/", "_")
    (args.out / f"{name}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    for kind in ("noun", "modifier"):
        print(kind, json.dumps({k: v for k, v in results[kind].items() if k != "by_source"}))


def _measure(model, pairs: list[tuple[dict, str]]) -> dict:
    prem = [r["premise"] for r, _ in pairs]
    same = model.predict(prem, [r["hypothesis"] for r, _ in pairs])
    other = model.predict(prem, [h for _, h in pairs])
    gold = np.array([LABELS.index(r["label"]) for r, _ in pairs])
    a, b = same.argmax(1), other.argmax(1)
    return {
        "pairs": len(pairs),
        "by_source": {s: sum(r["source"] == s for r, _ in pairs) for s in sorted({r["source"] for r, _ in pairs})},
        "accuracy_one_writing": round(float((a == gold).mean()), 4),
        "accuracy_two_writings": round(float((b == gold).mean()), 4),
        "label_changed": round(float((a != b).mean()), 4),
        "entailment_lost": int(((a == 0) & (b != 0)).sum()), "entailment_read": int((a == 0).sum()),
        "contradiction_gained": int(((a != 2) & (b == 2)).sum()),
        "mean_contradiction_one_writing": round(float(same[:, 2].mean()), 4),
        "mean_contradiction_two_writings": round(float(other[:, 2].mean()), 4),
    }


if __name__ == "__main__":
    main()
