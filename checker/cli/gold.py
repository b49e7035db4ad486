"""`checker gold`: run the checker on every story of a gold set and score it.

    checker gold eval/gold -o eval/results/gold
    checker gold checker/demo --device cpu --threshold 0.6
    checker gold eval/gold-blind -o OUT --counts-only     # a held-out set: counts, no sentence of it

For each story folder `checker.evaluation.evaluators.GoldEvaluator` reads the article files, runs the
pipeline, scores the Report and says why each missed conflict was lost; this module parses options,
runs it and writes DIR/gold_results.json and DIR/gold_results.md, stamped with their provenance.
Progress and warnings go to stderr, a one-line summary and the written paths to stdout.
"""
from __future__ import annotations

import argparse
import shlex
import sys
from datetime import datetime, timezone

from ..api import Models
from ..evaluation.evaluators import GoldEvaluator
from ..evaluation.gold import GoldResults, by_subkind, load_gold, results_markdown, withhold_texts
from ..evaluation.record import provenance, provenance_line
from ..evaluation.writer import json_text, write_text_files
from ..output import check_output_dir
from .options import add_model_options, add_pipeline_options, config_from_args
from .preflight import check_pipeline_models, judge_note

EXAMPLE = "example:\n  checker gold eval/gold -o eval/results/gold --device cpu"


def register(subparsers) -> argparse.ArgumentParser:
    """Add the `gold` subcommand to an argparse subparsers object; `args.func` is set to `run`."""
    parser = subparsers.add_parser(
        "gold",
        help="score the checker on a labelled gold set (recall by kind, precision)",
        description="Run the checker on each story folder of a gold set and score the flagged conflicts "
                    "against the labelled pairs in each folder's gold.jsonl (format: eval/gold/README.md).",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    parser.set_defaults(func=run)
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """GOLD_DIR and -o, plus the model and pipeline options every verb shares (spelled as in `checker report`)."""
    parser.add_argument("gold_dir", metavar="GOLD_DIR",
                        help="a folder with gold.jsonl, or a folder of story folders that each have one")
    parser.add_argument("-o", "--output", metavar="DIR", default="gold-results",
                        help="where to write gold_results.json and gold_results.md (default: ./gold-results)")
    parser.add_argument("--counts-only", action="store_true",
                        help="write counts only, no sentence of the set: for a held-out set, whose pairs should "
                             "not be read (recall and false alarms by kind and by the set's own kinds, and "
                             "the stage each miss was lost at, stay)")
    add_model_options(parser)
    add_pipeline_options(parser)


def run(args: argparse.Namespace) -> int:
    """Score every story of the gold set; returns the exit code (0). Input problems raise CheckerError."""
    config = config_from_args(args)
    out = check_output_dir(args.output)
    gold = load_gold(args.gold_dir)  # validate the gold set before loading any model
    check_pipeline_models(config)
    judge_note(config)
    loaded = Models.load(config)  # once, reused for every story
    evaluator = GoldEvaluator(gold, progress=lambda line: print(line, file=sys.stderr),
                              warn=lambda m: print(f"warning: {m}", file=sys.stderr))
    results = evaluator(config, loaded)
    models, device = results.meta["models"], results.meta["device"]
    command = command_line(args)
    # commit, model weights' SHA-256, CPU, precision and library versions, so the figures can be traced
    stamp = provenance(command, models={"nli": config.nli_model, "embedder": config.embed_model},
                       precision=models.get("nli_precision"), device=device or "cpu")
    results.meta = {
        "command": command,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "gold_dir": str(gold.folder),
        "models": models,
        "device": device,
        "config": config.as_dict(),
        "provenance": stamp,
    }
    document = results.to_dict()
    subkinds = by_subkind(gold, document)
    if subkinds:
        document["overall"]["by_subkind"] = subkinds
    if args.counts_only:
        document = withhold_texts(document)
    markdown = results_markdown(document).rstrip("\n") + "\n\n" + provenance_line(stamp) + "\n"
    json_path, md_path = write_text_files(out, {"gold_results.json": json_text(document),
                                                "gold_results.md": markdown})
    print(summary_line(results))
    print(f"wrote {json_path} and {md_path}")
    return 0


def summary_line(results: GoldResults) -> str:
    """Recall (by kind), precision and false alarms in one line."""
    o = results.overall

    def pct(x):
        return "n/a" if x is None else f"{100 * x:.1f}%"

    kinds = ", ".join(f"{k} {pct(r.recall)}" for k, r in o.recall_by_kind.items() if r.gold)
    return (f"recall {pct(o.recall)} ({o.found}/{o.gold.conflict}; {kinds}); "
            f"precision {pct(o.precision_all_flagged)} over all flagged, "
            f"{pct(o.precision_gold_labelled)} over gold-labelled; "
            f"faithful pairs flagged {o.agree.flagged_as_conflict}/{o.agree.gold}"
            + (f"; distinct pairs flagged {o.distinct.flagged_as_conflict}/{o.distinct.gold}" if o.distinct.gold else "")
            + (f"; review: found {o.review.found} of {o.review.gold}" if o.review.gold else ""))


def command_line(args: argparse.Namespace) -> str:
    """The command that reproduces these results: GOLD_DIR, -o and every option not left at its default."""
    parser = argparse.ArgumentParser(add_help=False)
    add_arguments(parser)
    defaults = vars(parser.parse_args([args.gold_dir]))
    parts = ["checker", "gold", args.gold_dir, "-o", args.output]
    for dest, default in defaults.items():
        value = getattr(args, dest, default)
        if dest in ("gold_dir", "output") or value == default:
            continue
        flag = "--" + dest.replace("_", "-")  # every shared option is spelled after its dest
        parts += [flag] if value is True else [flag, str(value)]
    return " ".join(shlex.quote(str(p)) for p in parts)
