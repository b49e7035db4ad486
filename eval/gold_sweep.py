"""End-to-end gold-set measurements: ablations of each precision step and the default threshold.

    python eval/gold_sweep.py [--gold eval/gold] [--heldout checker/demo] [--nli-model M]
                              [--corpus DIR [--corpus-known FILE]] [--out eval/results]

Runs the checker on every gold story with the models loaded once, under these variants:
  nli                  NLI only (both directions averaged), no context, no model-free signals
  nli+context          the previous sentence as premise context for sentences that lean on it
  nli+context+signals  number/date/name/negation checks and not-comparable detection
  full+context         and NLI-only conflicts must hold both ways (calibrated p >= 0.5), or one
                       way at >= 0.9 with the other direction's entailment <= 0.1, between
                       sentences with similarity >= 0.65
  full                 the same without context: the default pipeline (context did not help)
  full, NLI-only at the main threshold
                       NLI-only conflicts need only the main threshold, not p >= 0.5
  full, NLI-only by mean / by min (both ways) / by max
                       how an NLI-only conflict reads the two directions: their mean, the weaker one
                       (the rule before the one-way rule) or the stronger one, with no one-way rule.
                       `full` is min plus the one-way rule: one direction >= 0.9 while the other's
                       entailment <= 0.1 (Config.judge.one_way_threshold, one_way_max_entailment)
  full, NLI-only from similarity 0.55 / 0.45
                       NLI-only conflicts between less similar sentences (0.45 is the pairing floor,
                       so no gate): what a stronger NLI model could add that the 0.65 gate
                       (Config.judge.nli_only_min_similarity, chosen for the shipped model) keeps out
and for each, sweeps the conflict threshold (re-deciding the same scores, no model re-run). Reports
per gold kind recall and precision at each variant's best threshold and at the shipped default.

Threshold criterion (stated, applied to `full` on the tuning gold set only): the threshold with the
highest F1 of (recall, precision over all flagged conflicts); ties go to the higher threshold. The
held-out demo corpus is scored but never used to choose. The choice is `chosen_threshold` in
gold_sweep.json, stamped with the commit and the NLI weights' SHA-256 it was measured on; only the
ship step writes it into the model: `python models/ship_nli.py --threshold-from eval/results/gold_sweep.json`.
test/ NLI data is not involved.

--corpus runs every setting on a real, unlabelled corpus and counts what it flags there;
--corpus-known (see eval/corpus_known/) names the disagreements that corpus is known to hold, and
the tables then show how many of them each setting finds: "flagged (known found/known)".
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import asdict, replace
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from checker.evaluation.evaluators import GoldEvaluator, f1
from checker.evaluation.markdown import table

LOOSE = dict(nli_only_direction="mean", nli_only_min_similarity=0.0, nli_only_threshold=None, one_way_threshold=None)
STRICT: dict = {}  # the shipped judge settings: JudgeSettings' defaults
# name: (pipeline options: Config fields, judging options: JudgeSettings fields, Config.judge). Each adds one step to the one above it.
VARIANTS = {
    "nli": (dict(use_context=False, use_signals=False), LOOSE),
    "nli+context": (dict(use_context=True, use_signals=False), LOOSE),
    "nli+context+signals": (dict(use_context=True, use_signals=True), LOOSE),
    "full+context": (dict(use_context=True, use_signals=True), STRICT),
    "full": (dict(use_context=False, use_signals=True), STRICT),
    "full, NLI-only at the main threshold": (dict(use_context=False, use_signals=True), {**STRICT, "nli_only_threshold": None}),
    # How an NLI-only conflict reads the two directions (issue 13, item 2); `full` is min + one-way.
    "full, NLI-only by mean": (dict(use_context=False, use_signals=True), {**STRICT, "nli_only_direction": "mean", "one_way_threshold": None}),
    "full, NLI-only by min (both ways)": (dict(use_context=False, use_signals=True), {**STRICT, "one_way_threshold": None}),
    "full, NLI-only by max": (dict(use_context=False, use_signals=True), {**STRICT, "nli_only_direction": "max", "one_way_threshold": None}),
    "full, NLI-only from similarity 0.55": (dict(use_context=False, use_signals=True), {**STRICT, "nli_only_min_similarity": 0.55}),
    "full, NLI-only from similarity 0.45": (dict(use_context=False, use_signals=True), {**STRICT, "nli_only_min_similarity": 0.45}),
}
THRESHOLDS = [round(float(t), 2) for t in np.arange(0.10, 0.96, 0.05)]


def sentence_sha(text: str) -> str:
    """How eval/corpus_known names a sentence without copying it."""
    from checker.evaluation.gold import normalize_text

    return hashlib.sha1(normalize_text(text).encode("utf-8")).hexdigest()[:16]


def known_found(report, known: list[dict]) -> dict:
    """How many known corpus disagreements some conflict finding of `report` has as evidence; pairs
    whose sentences the report does not contain are counted apart, as unmatched."""
    names = {a.id: Path(a.path).name if a.path else a.id for a in report.articles}
    key = lambda s: (names[s.article_id], sentence_sha(s.text))  # noqa: E731
    present = {key(s) for s in report.sentences}
    flagged = {frozenset((key(v.pair.a), key(v.pair.b))) for f in report.conflicts for v in f.evidence}
    found = unmatched = 0
    for k in known:
        a, b = (k["a_file"], k["a_sha1"]), (k["b_file"], k["b_sha1"])
        if a not in present or b not in present:
            unmatched += 1
        elif frozenset((a, b)) in flagged:
            found += 1
    return {"known": len(known), "found": found, "unmatched": unmatched}


def sweep_config(nli_model: str, device: str, **opts):
    """A configuration in which the model named by --nli-model decides every pair: the threshold swept is
    that model's, so the default judge (`auto`, the cascade where the strong judge is installed) is not
    what runs."""
    from checker.cascade import CascadeSettings
    from checker.config import Config

    return Config(nli_model=nli_model, device=device, progress=False, cascade=CascadeSettings(judge="fast"), **opts)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default="eval/gold")
    ap.add_argument("--heldout", default="checker/demo")
    ap.add_argument("--nli-model", default="bundled:nli-minilm-l6")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--out", type=Path, default=Path("eval/results"))
    ap.add_argument("--corpus", default=None, help="a real corpus: how many conflicts each setting flags there")
    ap.add_argument("--corpus-known", type=Path, default=None,
                    help="JSONL of the corpus's known disagreements (eval/corpus_known/): how many each setting finds")
    args = ap.parse_args(argv)
    known = ([json.loads(line) for line in args.corpus_known.read_text().splitlines() if line.strip()]
             if args.corpus_known else None)

    from checker.api import Models, decide, score
    from checker.evaluation.gold import load_gold
    from checker.evaluation.record import provenance, write_result
    from checker.ingest import load_articles
    from checker.signals import SignalExtractor

    base = sweep_config(args.nli_model, args.device)
    models = Models.load(base)
    models.signals = models.signals or SignalExtractor()
    sets = {"tuning": load_gold(args.gold), "heldout": load_gold(args.heldout)}
    command = "python eval/gold_sweep.py " + " ".join(argv if argv is not None else sys.argv[1:])
    results = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "nli_model": args.nli_model,
               "default_threshold_before": models.nli.default_threshold, "variants": {}, "command": command}

    evaluators = {which: GoldEvaluator(gs) for which, gs in sets.items()}
    cache = {}
    quiet = lambda m: None  # noqa: E731
    for name, (opts, judge_opts) in VARIANTS.items():
        key = tuple(sorted(opts.items()))
        cfg = sweep_config(args.nli_model, args.device, **opts)
        if key not in cache:  # variants that differ only in judging share the model runs
            cache[key] = ({which: ev.score(cfg, models) for which, ev in evaluators.items()},
                          score(load_articles([args.corpus], warn=quiet), cfg, models) if args.corpus else None)
        scored, corpus = cache[key]
        judging = replace(cfg, judge=replace(cfg.judge, **judge_opts))
        sweep = {}
        for th in THRESHOLDS:
            row = {which: evaluators[which].decide(items, threshold=th, config=judging, explain=False).overall.to_dict()
                   for which, items in scored.items()}
            if corpus is not None:
                corpus_report = decide(corpus, threshold=th, config=judging)
                row["corpus_conflicts"] = len(corpus_report.conflicts)
                if known is not None:
                    row["corpus_known"] = known_found(corpus_report, known)
            sweep[th] = row
        # the gold evaluator's primary metric (F1 of recall and precision over all flagged), ties to the higher
        best = max(THRESHOLDS, key=lambda t: (round(f1(sweep[t]["tuning"]["recall"], sweep[t]["tuning"]["precision_all_flagged"]), 4), t))
        # the options as given, and every judging setting they resolve to
        results["variants"][name] = {"options": {**opts, **judge_opts}, "judge": asdict(judging.judge), "best_threshold": best, "sweep": {str(k): v for k, v in sweep.items()}}
        r = sweep[best]["tuning"]
        print(f"{name:12s} best threshold {best:.2f}: recall {r['recall']:.3f} precision {r['precision_all_flagged'] or 0:.3f}", flush=True)

    chosen = results["variants"]["full"]["best_threshold"]
    results["chosen_threshold"] = chosen
    stamp = provenance(command, models={"nli": args.nli_model, "embedder": base.embed_model},
                       precision=models.nli.precision, device=args.device)
    write_result(args.out / "gold_sweep.json", results, stamp, markdown=render(results))
    print(render(results))


def _corpus_cell(row: dict) -> str:
    """ "flagged" or, with known disagreements, "flagged (found/known)"."""
    cell = str(row.get("corpus_conflicts", "n/a"))
    k = row.get("corpus_known")
    if k:
        cell += f" ({k['found']}/{k['known']}" + (f", {k['unmatched']} unmatched" if k["unmatched"] else "") + ")"
    return cell


def _p(x):
    return "n/a" if x is None else f"{x:.2f}"


def render(res: dict) -> str:
    kinds = list(next(iter(res["variants"].values()))["sweep"][str(THRESHOLDS[0])]["tuning"]["recall_by_kind"])
    chosen = res["chosen_threshold"]
    lines = [f"# End-to-end gold set: ablations and threshold ({res['date'][:10]})", "",
             f"NLI model `{res['nli_model']}`. Tuning set: eval/gold; held-out: the demo corpus (checker/demo), "
             f"never used to choose. Precision counts every flagged finding (unlabelled flags count as wrong).", "",
             "Corpus flagged: conflicts flagged on the real corpus (`--corpus`); in brackets, how many of its known "
             "disagreements (`--corpus-known`) are among them.", "",
             f"Chosen default threshold: **{chosen:.2f}** (full pipeline, best F1 on the tuning set).", ""]
    for at_label, pick in (("each variant at its own best threshold", None), (f"every variant at the chosen threshold {chosen:.2f}", chosen)):
        rows = []
        for name, v in res["variants"].items():
            th = pick if pick is not None else v["best_threshold"]
            for which in ("tuning", "heldout"):
                o = v["sweep"][str(th)][which]
                rows.append([name, f"{th:.2f}", which, _p(o['recall']), _p(o['precision_all_flagged']), o['flagged']['total'],
                             _corpus_cell(v["sweep"][str(th)]) if which == "tuning" else ""]
                            + [_p(o["recall_by_kind"][k]["recall"]) for k in kinds])
        lines += [f"## {at_label[0].upper() + at_label[1:]}", ""]
        lines += table(["variant", "threshold", "set", "recall", "precision", "flagged", "corpus flagged"]
                       + [f"recall {k}" for k in kinds], rows)
        lines.append("")
    full = res["variants"]["full"]["sweep"]
    lines += ["## Full pipeline: threshold sweep", ""]
    lines += table(["threshold", "recall (tuning)", "precision (tuning)", "F1", "flagged", "recall (held-out)",
                    "precision (held-out)", "corpus flagged"],
                   [[f"{th:.2f}", _p(o['recall']), _p(o['precision_all_flagged']), f"{f1(o['recall'], o['precision_all_flagged']):.2f}",
                     o['flagged']['total'], _p(h['recall']), _p(h['precision_all_flagged']), _corpus_cell(full[str(th)])]
                    for th, o, h in ((th, full[str(th)]["tuning"], full[str(th)]["heldout"]) for th in THRESHOLDS)])
    lines += ["", f"Produced by: `{res['command']}`", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
