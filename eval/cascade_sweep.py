"""The cascade against the strong judge on every pair: which pairs to send on, and what it costs.

    python eval/cascade_sweep.py [--sets eval/gold checker/demo ...] [--strong-model bundled:strong] [--one-way 0.8 off]
                                 [--confirmed 0.6:0.7 0:0.8]
                                 [--corpus DIR] [--gates 0.5 0.55 0.6] [--out eval/results/cascade]

For every story of every set the pipeline scores the candidate pairs once with the fast model and the
signals, and once more with the strong judge on every pair. Each cascade rule (the fast model's
contradiction bar, either direction, and the review trigger, within the pairs whose verdict an NLI
score can still change: cascade.needs_strong), and each NLI-only similarity gate for the pairs the
strong judge decides (--gates), is then decided from those scores without running a model again: a pair the rule sends on gets the
strong judge's scores, the others keep the fast ones. `--one-way` tries the one-way NLI-only rule's
threshold (JudgeSettings.one_way_threshold, or off) the same way, for every pair of the row, and
`--confirmed FIRST:STRONG` the bars of the two-reader rule below the NLI-only gate
(JudgeSettings.confirmed_first_bar and confirmed_bar; a first bar of 0 lets the strong judge's reading alone
decide). For each rule the table gives the share of
pairs sent on, the gold conflicts found and the precision, and the cascade's recall of the strong
judge's own conflicts (flagged pairs of the strong-on-every-pair run that the cascade flags too).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

BARS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.7)


def fast_config(device: str, strong_model: str):
    """The configuration every pair is first scored with: the fast model alone, whatever the default judge
    comes to on this machine (with the strong judge installed `auto` is the cascade, whose rescoring
    would already be in the scores each rule of the sweep starts from)."""
    from checker.cascade import CascadeSettings
    from checker.config import Config

    return Config(device=device, progress=False, cascade=CascadeSettings(judge="fast", strong_model=strong_model))


def _flagged(report) -> set:
    return {(v.pair.a.key, v.pair.b.key) for f in report.conflicts for v in f.evidence}


def confirmed_rules(pairs, base):
    """(name, cascade settings, judge overrides) rows for each "FIRST:STRONG" bar pair of the two-reader
    rule below the NLI-only gate: with the strong judge alone and in the cascade."""
    rows = []
    for pair in pairs:
        first, strong = (float(x) for x in pair.split(":"))
        judging = {"confirmed_first_bar": first, "confirmed_bar": strong}
        rows += [(f"strong, confirmed {pair}", replace(base, judge="strong"), judging),
                 (f"cascade, confirmed {pair}", replace(base, judge="cascade"), judging)]
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=["eval/gold", "checker/demo"])
    ap.add_argument("--strong-model", default="bundled:strong")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--out", type=Path, default=Path("eval/results/cascade"))
    ap.add_argument("--review-min-similarity", type=float, default=None,
                    help="the cascade's review trigger (default: CascadeSettings'); 1.0 all but turns it off")
    ap.add_argument("--gates", type=float, nargs="*", default=[],
                    help="NLI-only similarity gates to try for the pairs the strong judge decides "
                         "(CascadeSettings.nli_only_min_similarity), with the strong judge alone and in the cascade")
    ap.add_argument("--gate-bar", type=float, nargs="+", default=[0.2],
                    help="the cascade's contradiction bar(s) in the gate and one-way rows (each gate is tried with each)")
    ap.add_argument("--confirmed", nargs="*", default=[], metavar="FIRST:STRONG",
                    help="bars of the two-reader rule below the NLI-only gate to try (JudgeSettings.confirmed_first_bar "
                         "and confirmed_bar), with the strong judge alone and in the cascade at the default bar")
    ap.add_argument("--one-way", nargs="*", default=[], metavar="T",
                    help="one-way NLI-only thresholds to try (JudgeSettings.one_way_threshold; 'off' for none), "
                         "with the strong judge on every pair and in the cascade, at the default gate")
    args = ap.parse_args(argv)

    from checker.api import Models, cascade_reach, decide, score
    from checker.cascade import CascadeSettings, needs_strong, rescore
    from checker.aggregate import combine_directions
    from checker.evaluation.gold import combine_scores, load_gold, score_report
    from checker.evaluation.markdown import table as markdown_table
    from checker.evaluation.record import provenance, write_result
    from checker.ingest import load_articles

    quiet = lambda m: None  # noqa: E731
    fast_cfg = fast_config(args.device, args.strong_model)
    models = Models.load(replace(fast_cfg, cascade=CascadeSettings(judge="strong", strong_model=args.strong_model)))

    def runs(articles):
        """(fast-scored pipeline result, strong probabilities for every pair in both directions)."""
        sc = score(articles, fast_cfg, models)
        # the texts the fast model read (context, name forms): what the product's cascade gives the strong judge
        return sc, models.strong.predict(sc.premises, sc.hypotheses, desc="NLI (strong)")

    items = {s: [(runs(load_articles(st.article_files, warn=quiet)), st) for st in load_gold(s).stories] for s in args.sets}
    if args.corpus:
        items["corpus"] = [(runs(load_articles([args.corpus], warn=quiet)), None)]

    trigger = {} if args.review_min_similarity is None else {"review_min_similarity": args.review_min_similarity}
    base = CascadeSettings(strong_model=args.strong_model, **trigger)
    # (row name, cascade settings, judging settings replaced for the row)
    rules = [("fast", replace(base, judge="fast"), {}),
             *((f"cascade, bar {b}", replace(base, judge="cascade", contradiction_bar=b), {}) for b in BARS),
             ("strong", replace(base, judge="strong"), {})]
    for g in args.gates:
        rules += [(f"strong, gate {g}", replace(base, judge="strong", nli_only_min_similarity=g), {})]
        rules += [(f"cascade, bar {b}, gate {g}",
                   replace(base, judge="cascade", contradiction_bar=b, nli_only_min_similarity=g), {})
                  for b in args.gate_bar]
    for t in args.one_way:
        value = None if t == "off" else float(t)
        rules += [(f"strong, one-way {t}", replace(base, judge="strong"), {"one_way_threshold": value})]
        rules += [(f"cascade, bar {b}, one-way {t}",
                   replace(base, judge="cascade", contradiction_bar=b), {"one_way_threshold": value})
                  for b in args.gate_bar]
    rules += confirmed_rules(args.confirmed, base)
    table = {}
    for name, rule, judging in rules:
        cfg = replace(fast_cfg, cascade=rule, judge=replace(fast_cfg.judge, **judging))
        within = cascade_reach(cfg, models)
        table[name] = {}
        for set_name, runs_ in items.items():
            sent = total = 0
            scores, strong_flags, own_flags, overlap = [], 0, 0, 0
            for (sc, probs), story in runs_:
                chosen = [i for i, (s, g) in enumerate(zip(sc.pair_scores, sc.signals)) if needs_strong(s, g, rule, within)]
                n = len(sc.pair_scores)
                sub = [probs[i] for i in chosen] + [probs[n + i] for i in chosen]
                mixed = replace(sc, pair_scores=rescore(sc.pair_scores, chosen, sub, combine_directions), config=cfg)
                everything = replace(sc, pair_scores=rescore(sc.pair_scores, range(n), probs, combine_directions),
                                     config=replace(cfg, cascade=replace(rule, judge="strong")))
                report, reference = decide(mixed, config=cfg), decide(everything)
                mine, ref = _flagged(report), _flagged(reference)
                sent += len(chosen); total += n
                strong_flags += len(ref); own_flags += len(mine); overlap += len(mine & ref)
                if story is not None:
                    scores.append(score_report(report, story))
            row = {"pairs": total, "sent_to_strong": sent, "flagged": own_flags,
                   "recall_of_strong": overlap / strong_flags if strong_flags else None}
            if scores:
                overall = combine_scores(scores).overall.to_dict()
                row.update(found=overall["found"], conflicts=overall["gold"]["conflict"], precision=overall["precision_all_flagged"])
            table[name][set_name] = row
            print(name, set_name, json.dumps(row), flush=True)

    command = ["python", "eval/cascade_sweep.py", *(argv if argv is not None else sys.argv[1:])]
    rows = []
    for name, sets in table.items():
        for set_name, r in sets.items():
            rows.append([name, set_name, f"{r['sent_to_strong']}/{r['pairs']}",
                         f"{r['found']}/{r['conflicts']}" if "found" in r else "",
                         f"{r['precision']:.3f}" if r.get("precision") is not None else "", r["flagged"],
                         f"{r['recall_of_strong']:.3f}" if r["recall_of_strong"] is not None else ""])
    lines = ["# Cascade rules against the strong judge on every pair", "",
             *markdown_table(["rule", "set", "pairs sent on", "found / conflicts", "precision", "flags",
                              "recall of strong's flags"], rows)]
    stamp = provenance(command, models={"nli": fast_cfg.nli_model, "strong": args.strong_model},
                       precision=models.strong.precision, device=models.strong.device)
    write_result(args.out / "cascade_sweep.json", {"strong_model": args.strong_model, "table": table}, stamp,
                 "\n".join(lines))
    print("\n".join(lines))

if __name__ == "__main__":
    main()
