"""`checker report`: compare articles and write report.json, report.md and report.html.

    checker report stories/*.html notes.md -o out/ --device cpu
    checker report headlines.jsonl --claim "Halvern Motors is buying Qivolt." -o out/
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from ..api import NO_DEVICE, check
from ..config import DEFAULT_MAX_PAIRS, DEFAULT_MAX_SENTENCES
from ..errors import CheckerError
from ..ingest import claim_article, load_articles
from ..report import FORMATS, write_report
from ..types import StageTiming
from ..output import check_output_dir, report_files
from ..textsafe import printable
from ..wording import counted
from .options import add_model_options, add_pipeline_options, config_from_args, validated, warn
from .preflight import check_pipeline_models, judge_note

EXIT_OK, EXIT_CONFLICTS = 0, 1


def register(subparsers) -> argparse.ArgumentParser:
    """Add the `report` verb; `args.func` is `run`."""
    p = subparsers.add_parser("report", help="compare articles and write a conflict report",
                              description="Compare the articles and write report.json, report.md and report.html.",
                              epilog="example: checker report stories/*.html notes.md -o out/ --device cpu")
    p.add_argument("paths", nargs="+", help="files, folders or glob patterns (.txt .md .html .json .jsonl)")
    p.add_argument("-o", "--output", default="report", help="output folder (default: ./report)")
    p.add_argument("--format", default=",".join(FORMATS), help="comma-separated: json,md,html (default: all)")
    p.add_argument("--fail-on-conflict", action="store_true", help="exit with code 1 when any conflict is found")
    p.add_argument("--claim", action="append", default=[], metavar="TEXT",
                   help="a claim to check against the articles, as an article of its own (repeatable); against a "
                        "one-sentence article (a headline) each pair is judged as a claim and a headline alone are")
    p.add_argument("--max-sentences", type=int, default=DEFAULT_MAX_SENTENCES,
                   help=f"per article, compare at most its first this many sentences (default: {DEFAULT_MAX_SENTENCES}; "
                        "0: no limit)")
    p.add_argument("--max-pairs", type=int, default=DEFAULT_MAX_PAIRS,
                   help=f"score at most this many candidate pairs, the most similar (default: {DEFAULT_MAX_PAIRS}; "
                        "0: no limit)")
    add_model_options(p)
    add_pipeline_options(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Check the options, the output folder and the models first, then read, compare and write."""
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise CheckerError(f"unknown --format {', '.join(bad) or repr(args.format)}; choose from {', '.join(FORMATS)}")
    for name in ("max_sentences", "max_pairs"):
        if getattr(args, name) < 0:
            raise CheckerError(f"--{name.replace('_', '-')} must be 0 (no limit) or more")
    claims = [claim_article(text) for text in args.claim]
    config = validated(replace(config_from_args(args), max_sentences=args.max_sentences or None,
                               max_pairs=args.max_pairs or None))
    out = check_output_dir(args.output)
    check_pipeline_models(config)
    warnings: list[str] = []

    def collect(msg: str) -> None:
        warnings.append(msg)
        warn(msg)

    started = time.perf_counter()
    # The checker's own reports are never read back as articles (an output folder inside the input).
    articles = claims + load_articles(args.paths, warn=collect, exclude=report_files(out))
    ingest = StageTiming("ingest", round(time.perf_counter() - started, 4), len(articles))
    judge_note(config)
    report = check(articles, config, warnings=warnings, warn=warn)
    report.timings.insert(0, ingest)
    for p in write_report(report, Path(out), formats):
        print(printable(str(p)))
    total = sum(t.seconds for t in report.timings)
    print(f"{counted(len(report.articles), 'article')}, {counted(len(report.sentences), 'sentence')}, "
          f"{counted(report.pairs_scored, 'pair')} scored: {counted(len(report.conflicts), 'conflict')}, "
          f"{len(report.review)} worth a look, {counted(len(report.agreements), 'agreement')} "
          f"in {total:.1f}s " + (f"on {report.device}" if report.device != NO_DEVICE else "(no model loaded)"),
          file=sys.stderr)
    return EXIT_CONFLICTS if args.fail_on_conflict and report.conflicts else EXIT_OK
