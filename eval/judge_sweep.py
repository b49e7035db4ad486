"""One judge or signal setting tried at several values on gold sets, with the fast judge and the cascade.

    python eval/judge_sweep.py --field same_act_min_similarity --values 0.3 0.45 0.55 0.65 \
        [--sets eval/gold checker/demo eval/gold-heldout] [--judges fast cascade] [--out eval/results/judge-sweep]
    python eval/judge_sweep.py --field shared.different_parties_min_similarity --values 0.75 0.85 1.0

A field of aggregate.JudgeSettings (Config.judge): each set is scored once per judge (segmentation,
pairing, NLI, signals) and every value is decided from those scores without running a model again (so
with the cascade, which pairs the strong judge scored was chosen once, at the default value). A field
of a signal rule's settings, named RULE.FIELD as Config.signals names it: the signals decide which pairs
the strong judge sees, so each value is scored afresh. For each judge, set and value: the gold conflicts found, the precision over all flagged
conflicts, and the faithful and distinct pairs flagged. Writes judge_sweep_<field>.json and .md.

Only tuning sets belong here: a held-out set is scored once, at the shipped setting, by `checker gold`.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import fields, replace
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--field", required=True, help="a field of JudgeSettings, e.g. same_act_min_similarity")
    ap.add_argument("--values", type=float, nargs="+", required=True)
    ap.add_argument("--sets", nargs="+", default=["eval/gold", "checker/demo", "eval/gold-heldout"])
    ap.add_argument("--judges", nargs="+", default=["fast", "cascade"], choices=["fast", "cascade", "strong"])
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--out", type=Path, default=Path("eval/results/judge-sweep"))
    args = ap.parse_args(argv)

    from checker.aggregate import JudgeSettings
    from checker.signals import settings_classes
    rule, _, name = args.field.rpartition(".")
    if rule:
        classes = settings_classes()
        if rule not in classes or name not in {f.name for f in fields(classes[rule])}:
            ap.error(f"--field {args.field!r}: no such signal setting; rules: {', '.join(classes)}")
        default = getattr(classes[rule](), name)
    elif args.field not in {f.name for f in fields(JudgeSettings)}:
        ap.error(f"--field {args.field!r} is not a JudgeSettings field (or RULE.FIELD of a signal rule); known: "
                 f"{', '.join(f.name for f in fields(JudgeSettings))}")
    else:
        default = getattr(JudgeSettings(), args.field)
    for s in args.sets:
        if not Path(s).is_dir():
            ap.error(f"--sets: {s} is not a folder")

    from checker.api import Models
    from checker.cascade import CascadeSettings
    from checker.config import Config
    from checker.evaluation.evaluators import GoldEvaluator
    from checker.evaluation.gold import load_gold
    from checker.evaluation.markdown import table
    from checker.evaluation.record import provenance, provenance_line, write_result

    rows, doc_rows = [], []
    for judge in args.judges:
        config = Config(device=args.device, progress=False, cascade=CascadeSettings(judge=judge))
        models = Models.load(config)
        for set_dir in args.sets:
            evaluator = GoldEvaluator(load_gold(set_dir))
            scored = None if rule else evaluator.score(config, models)
            for value in args.values:
                if rule:  # the signals choose the strong judge's pairs: score afresh
                    cfg = replace(config, signals={rule: {name: value}})
                    o = evaluator.decide(evaluator.score(cfg, models), explain=False).overall
                else:
                    cfg = replace(config, judge=replace(config.judge, **{args.field: value}))
                    o = evaluator.decide(scored, config=cfg, explain=False).overall
                row = {"judge": judge, "set": set_dir, "value": value, "found": o.found, "planted": o.gold.conflict,
                       "flagged": o.flagged.total, "precision": o.precision_all_flagged,
                       "faithful_flagged": o.agree.flagged_as_conflict, "faithful": o.agree.gold,
                       "distinct_flagged": o.distinct.flagged_as_conflict, "distinct": o.distinct.gold}
                doc_rows.append(row)
                prec = "n/a" if o.precision_all_flagged is None else f"{o.precision_all_flagged:.3f}"
                rows.append([judge, set_dir, f"{value:g}" + (" (default)" if value == default else ""),
                             f"{o.found}/{o.gold.conflict}", prec, f"{o.agree.flagged_as_conflict}/{o.agree.gold}",
                             f"{o.distinct.flagged_as_conflict}/{o.distinct.gold}"])
                print(" | ".join(rows[-1]), flush=True)
    stamp = provenance(["python", "eval/judge_sweep.py", *(argv if argv is not None else sys.argv[1:])])
    shown_default = "off" if default is None else format(default, "g")
    how = (f"Each set scored afresh at each value of the signal setting `{args.field}` (default {shown_default})."
           if rule else
           f"Each set scored once per judge, then decided at each value of `JudgeSettings.{args.field}` "
           f"(default {shown_default}). With the cascade, the pairs the strong judge scored were chosen once, at the "
           f"default value.")
    md = [f"# `{args.field}` on the tuning sets", "", how + " Precision is over all flagged conflicts.", "",
          *table(["judge", "set", "value", "found", "precision", "faithful flagged", "distinct flagged"], rows,
                 "lllrrrr"), "", provenance_line(stamp)]
    path = write_result(args.out / f"judge_sweep_{args.field}.json",
                        {"field": args.field, "default": default, "rows": doc_rows}, stamp, "\n".join(md) + "\n")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
