"""`checker eval`: score NLI models on labelled premise/hypothesis pairs and write a comparison.

The main command line calls `register(subparsers)`; `run(args)` does the work through checker/evaluation/.
Not for: training, tuning or calibrating models.
"""
from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from ..config import DEFAULT_NLI_MODEL, Config
from ..errors import CheckerError
from ..evaluation.evaluators import NLIPairsEvaluator
from ..evaluation.pairs import load_pairs
from ..evaluation.record import provenance
from ..evaluation.writer import FORMATS, write_results
from ..output import check_output_dir
from .options import add_model_options, validated
from .preflight import check_device, check_model, check_precision

EXAMPLES = """\
examples:
  checker eval data/nli/dev/snli.jsonl --limit 200 --device cpu
  checker eval data/nli/dev/ --nli-model bundled:nli-minilm-l6 --nli-model path/to/other-model -o eval-dev
  checker eval pairs.csv --premise-col claim --hypothesis-col evidence --label-col verdict \\
      --label-map "SUPPORTED=entailment,NEI=neutral,REFUTED=contradiction"
  checker eval summaries.parquet --binary --premise-col document --hypothesis-col summary

Labels may be 0/1/2 (MNLI order unless --label-map), e/n/c or words; --binary scores
consistent (entailment + neutral) against inconsistent (contradiction). Peer predictions stored in
the data (column peer_predictions: model -> label) appear as extra rows on the same pairs.
Writes results.json, results.md and PNG plots to -o DIR.
"""


def register(subparsers) -> argparse.ArgumentParser:
    """Add the `eval` subcommand to an argparse subparsers object; it dispatches to `run`."""
    p = subparsers.add_parser(
        "eval", help="score NLI models on labelled premise/hypothesis pairs",
        description="Score one or more NLI models on labelled pair sets: accuracy, macro-F1, per-class "
                    "scores, confusion matrix, contradiction ROC-/PR-AUC and calibration error, overall, "
                    "by source and by tag.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("data", nargs="+", metavar="DATA",
                   help="JSON Lines, JSON, CSV, TSV or Parquet files, folders of them, or a Hugging Face "
                        "data set name ('name' or 'name:config'; needs a network)")
    p.add_argument("--nli-model", action="append", dest="nli_models", metavar="M",
                   help=f"NLI model folder, bundled: name or hub id; repeat to compare (default {DEFAULT_NLI_MODEL})")
    p.add_argument("-o", "--output", default="eval-out", metavar="DIR", help="output folder (default ./eval-out)")
    p.add_argument("--limit", type=int, default=None, metavar="N",
                   help="use only the first N pairs of each file (deterministic, for quick runs)")
    add_model_options(p, nli_multiple=True)
    p.add_argument("--premise-col", default="premise", metavar="COL", help="premise column (default premise)")
    p.add_argument("--hypothesis-col", default="hypothesis", metavar="COL", help="hypothesis column (default hypothesis)")
    p.add_argument("--label-col", default="label", metavar="COL", help="gold label column (default label)")
    p.add_argument("--label-map", default=None, metavar="MAP",
                   help='raw label -> label, e.g. "0=entailment,1=neutral,2=contradiction"')
    p.add_argument("--binary", action="store_true",
                   help="consistent-vs-inconsistent data: entailment and neutral fold into consistent")
    p.add_argument("--split", default="train", metavar="NAME", help="split of a hub data set (default train)")
    p.add_argument("--no-calibration", action="store_true",
                   help="use raw softmax probabilities, not the model's calibration.json temperature")
    p.add_argument("--format", default=",".join(FORMATS), metavar="LIST",
                   help=f"what to write, comma-separated from {','.join(FORMATS)} (default all)")
    p.set_defaults(func=run)
    return p


def _formats(spec: str) -> list[str]:
    formats = [f.strip().lower() for f in spec.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise CheckerError(f"--format {spec!r}: use a comma-separated list of {', '.join(FORMATS)}")
    return formats


def run(args: argparse.Namespace) -> int:
    """Run `checker eval`; returns the exit code. Options, the output folder and the models are
    checked before any work; user errors raise CheckerError (one line on stderr, exit code 2)."""
    progress = getattr(args, "progress", None)
    formats = _formats(args.format)
    validated(Config(device=args.device, batch_size=args.batch_size, precision=args.precision))
    if args.limit is not None and args.limit < 1:
        raise CheckerError(f"--limit must be a whole number of at least 1, got {args.limit}")
    check_output_dir(args.output)
    models = args.nli_models or [DEFAULT_NLI_MODEL]
    check_device(args.device)
    check_precision(args.precision, args.device)
    for m in models:
        check_model(m, "NLI model", "--nli-model")
    pairs = load_pairs(args.data, premise_col=args.premise_col, hypothesis_col=args.hypothesis_col,
                       label_col=args.label_col, label_map=args.label_map, binary=args.binary,
                       split=args.split, limit=args.limit, progress=progress)
    for w in dict.fromkeys(pairs.warnings):  # before the models run: a skipped file is news now
        print(f"checker eval: warning: {w}", file=sys.stderr)
    shown = len(pairs.warnings)
    evaluator = NLIPairsEvaluator(pairs)
    results = evaluator(models, device=args.device, batch_size=args.batch_size, precision=args.precision,
                        calibrated=not args.no_calibration, progress=progress)
    command = "checker " + " ".join(shlex.quote(a) for a in _reconstruct(args))
    ran = [r for r in results if r.kind == "nli_model"]
    meta = {"inputs": list(args.data), "limit": args.limit, "command": command,
            # commit, each model's weight hashes, CPU, precision and versions
            "provenance": provenance(command, models={f"nli_{i}": m for i, m in enumerate(models, start=1)},
                                     precision=",".join(dict.fromkeys(str(r.info.get("precision")) for r in ran)) or None,
                                     device=ran[0].info.get("device", args.device) if ran else args.device)}
    written = write_results(results, pairs, args.output, formats, meta)
    for w in dict.fromkeys(pairs.warnings[shown:]):
        print(f"checker eval: warning: {w}", file=sys.stderr)
    pos = pairs.positive_label
    print(f"{len(pairs)} pairs, {len(dict.fromkeys(pairs.sources))} source(s); accuracy / macro-F1 / {pos}-F1:")
    for r in results:
        m = evaluator.metrics(r)
        fmt = lambda x: "n/a" if x is None else f"{x:.3f}"  # noqa: E731
        tag = " (peer)" if r.kind == "peer" else ""
        print(f"  {r.name}{tag}: {fmt(m['accuracy'])} / {fmt(m['macro_f1'])} / {fmt(m[f'{pos}_f1'])}"
              f"  (n={r.metrics['overall']['n']})")
    out = Path(args.output)
    print(f"wrote {len(written)} files to {out}/: " + ", ".join(p.name for p in written[:3])
          + (f" and {len(written) - 3} more" if len(written) > 3 else ""))
    return 0


def _reconstruct(args: argparse.Namespace) -> list[str]:
    """The eval arguments as a command line, for results.md (the exact argv is not always at hand):
    DATA, the models, and every option not left at its default (read from the parser itself)."""
    parser = argparse.ArgumentParser(add_help=False)
    register(parser.add_subparsers())
    defaults = vars(parser.parse_args(["eval", *args.data]))
    parts = ["eval", *args.data]
    for m in args.nli_models or []:
        parts += ["--nli-model", m]
    for flag, dest in (("-o", "output"), ("--limit", "limit"), ("--device", "device"), ("--batch-size", "batch_size"),
                       ("--precision", "precision"), ("--premise-col", "premise_col"),
                       ("--hypothesis-col", "hypothesis_col"), ("--label-col", "label_col"),
                       ("--label-map", "label_map"), ("--split", "split"), ("--format", "format")):
        value = getattr(args, dest)
        if value != defaults[dest]:
            parts += [flag, str(value)]
    if args.binary:
        parts.append("--binary")
    if args.no_calibration:
        parts.append("--no-calibration")
    return parts
