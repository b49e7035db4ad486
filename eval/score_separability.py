"""How well the checker's own scores tell planted conflicts from other pairs: a bound for any gate.

    python eval/score_separability.py [--sets eval/gold eval/gold-heldout ...] [--strong-model bundled:strong]
                                      [--out eval/results/separability]

Every candidate pair of every story is scored once with the fast model and once with the strong judge
(both directions), beside the model-free signals. A pair is a planted conflict when its story's gold.jsonl
labels it so; every other candidate pair counts against precision, as in `checker gold`'s precision over
all flagged pairs. Reported:

1. The band the NLI-only gate shuts: pairs with no model-free mismatch, comparable, less alike than the
   gate (`JudgeSettings.nli_only_min_similarity`). How many planted conflicts it holds, and how many of
   its pairs each judge reads as a contradiction both ways at 0.5 and 0.7, planted conflicts among them.
2. A learned combination of every score and signal (both judges' contradiction and entailment both ways,
   the similarity, mismatch kinds, comparability, the channel that paired it), logistic regression and
   gradient-boosted trees, each scored on stories it was not fitted on (leave one story out), against
   the fast judge's own verdicts on the same pairs: planted conflicts found at precision 0.95, 0.90, 0.85
   and 0.80. The rules are measured in-sample (they were written on these sets), the combinations
   out-of-sample, so a combination that does no better says the scores do not separate the rest.

Not for held-out sets: it reads every label.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

DEFAULT_SETS = ["eval/gold", "eval/gold-heldout", "eval/gold-dev", "eval/gold-dev2", "eval/gold-dev3", "checker/demo"]
PRECISIONS = (0.95, 0.9, 0.85, 0.8)
BARS = (0.5, 0.7)


def features(row: dict, kinds: list[str]) -> list[float]:
    """One pair's scores and signals as numbers."""
    f, b, sf, sb = row["fast_fwd"], row["fast_bwd"], row["strong_fwd"], row["strong_bwd"]
    return [row["similarity"],
            f[2], b[2], min(f[2], b[2]), max(f[2], b[2]), f[0], b[0],
            sf[2], sb[2], min(sf[2], sb[2]), max(sf[2], sb[2]), sf[0], sb[0],
            float(bool(row["kinds"])), float(row["comparable"]), float(row["same_act"]), float(row["channel"] != "similarity"),
            *(float(k in row["kinds"]) for k in kinds)]


def _probs(scores) -> list[float]:
    return [scores.entailment, scores.neutral, scores.contradiction]


def found_at_precision(p: np.ndarray, y: np.ndarray, target: float) -> tuple[int, int]:
    """(planted conflicts found, pairs flagged) at the largest cut of the ranking `p` whose precision is at
    least `target`."""
    order = np.argsort(-p, kind="stable")
    hits = np.cumsum(y[order])
    ok = np.flatnonzero(hits / np.arange(1, len(y) + 1) >= target)
    return (int(hits[ok[-1]]), int(ok[-1] + 1)) if len(ok) else (0, 0)


def out_of_story(make, x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """P(conflict) of each pair from a model fitted on every other story."""
    p = np.zeros(len(y))
    for g in np.unique(groups):
        test = groups == g
        model = make()
        model.fit(x[~test], y[~test])
        p[test] = model.predict_proba(x[test])[:, 1]
    return p


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=DEFAULT_SETS)
    ap.add_argument("--strong-model", default="bundled:strong")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--out", type=Path, default=Path("eval/results/separability"))
    args = ap.parse_args(argv)

    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from checker.api import Models, judge_all, score
    from checker.cascade import CascadeSettings
    from checker.config import Config
    from checker.evaluation.gold import load_gold, verdict_matches
    from checker.evaluation.markdown import table
    from checker.evaluation.record import provenance, write_result
    from checker.ingest import load_articles

    config = Config(device=args.device, progress=False, cascade=CascadeSettings(judge="fast", strong_model=args.strong_model))
    models = Models.load(replace(config, cascade=replace(config.cascade, judge="strong")))
    gate = config.judge.nli_only_min_similarity
    rows = []
    for set_name in args.sets:
        for story in load_gold(set_name).stories:
            articles = load_articles(story.article_files, warn=lambda m: None)
            by_id = {a.id: a for a in articles}
            scored = score(articles, config, models)
            verdicts = judge_all(scored).verdicts
            pairs = [s.pair for s in scored.pair_scores]
            n = len(pairs)
            # the texts the fast model read (context, name forms), as the product gives the strong judge
            strong = models.strong.predict(scored.premises, scored.hypotheses, desc="NLI (strong)")
            for i, (s, sig, v) in enumerate(zip(scored.pair_scores, scored.signals, verdicts)):
                rows.append({"story": f"{set_name}/{story.name}", "similarity": s.pair.similarity, "channel": s.pair.channel,
                             "fast_fwd": _probs(s.forward), "fast_bwd": _probs(s.backward),
                             "strong_fwd": [float(x) for x in strong[i]], "strong_bwd": [float(x) for x in strong[n + i]],
                             "kinds": [m.kind for m in sig.mismatches], "comparable": sig.comparable,
                             "same_act": sig.same_kind_of_act, "rule_flags": v.label == "contradiction",
                             "conflict": any(g.label == "conflict" and verdict_matches(v, g, by_id) for g in story.pairs)})
            print(f"{set_name}/{story.name}: {n} pairs", flush=True)

    y = np.array([r["conflict"] for r in rows])
    shut = [r for r in rows if not r["kinds"] and r["comparable"] and r["similarity"] < gate]
    band = {"pairs": len(shut), "conflicts": sum(r["conflict"] for r in shut)}
    for judge in ("fast", "strong"):
        for bar in BARS:
            both = [r for r in shut if min(r[f"{judge}_fwd"][2], r[f"{judge}_bwd"][2]) >= bar]
            band[f"{judge} >= {bar}"] = {"pairs": len(both), "conflicts": sum(r["conflict"] for r in both)}

    kinds = sorted({k for r in rows for k in r["kinds"]})
    x = np.array([features(r, kinds) for r in rows])
    groups = np.array([r["story"] for r in rows])
    rule = np.array([r["rule_flags"] for r in rows])
    learned = {
        "logistic regression": lambda: make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)),
        "boosted trees": lambda: GradientBoostingClassifier(n_estimators=150, max_depth=3, learning_rate=0.05,
                                                            subsample=0.8, random_state=0),
    }
    combos = {name: {str(t): found_at_precision(out_of_story(make, x, y, groups), y, t) for t in PRECISIONS}
              for name, make in learned.items()}
    result = {"pairs": len(rows), "conflicts_paired": int(y.sum()), "gate": gate, "band": band,
              "fast_rules": {"found": int((rule & y).sum()), "flagged": int(rule.sum())}, "learned": combos}

    command = ["python", "eval/score_separability.py", *(argv if argv is not None else sys.argv[1:])]
    band_rows = [[f"{j} judge, both ways >= {b}", band[f"{j} >= {b}"]["pairs"], band[f"{j} >= {b}"]["conflicts"]]
                 for j in ("fast", "strong") for b in BARS]
    combo_rows = [["fast judge's rules (in-sample)", f"{result['fast_rules']['found']} at "
                   f"{result['fast_rules']['found'] / max(result['fast_rules']['flagged'], 1):.3f}", "", "", ""]]
    combo_rows += [[name, *(f"{c[str(t)][0]} ({c[str(t)][1]} flags)" for t in PRECISIONS)] for name, c in combos.items()]
    lines = ["# How well the checker's scores separate planted conflicts", "",
             f"{len(rows)} candidate pairs of {len(set(groups))} stories ({', '.join(args.sets)}); "
             f"{int(y.sum())} of them planted conflicts.", "",
             f"## The band the NLI-only gate shuts (no mismatch, comparable, similarity under {gate})", "",
             f"{band['pairs']} pairs, {band['conflicts']} planted conflicts among them.", "",
             *table(["read as a contradiction", "pairs", "planted conflicts"], band_rows), "",
             "## A learned combination of every score and signal, leaving one story out", "",
             *table(["rule", *(f"found at precision >= {t}" for t in PRECISIONS)], combo_rows)]
    stamp = provenance(command, models={"nli": config.nli_model, "strong": args.strong_model},
                       precision=models.nli.precision, device=models.nli.device)
    write_result(args.out / "separability.json", result, stamp, "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
