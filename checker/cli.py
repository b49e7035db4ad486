"""Command line: `checker report`, `checker batch`, `checker eval`, `checker gold`.

Exit codes: 0 done; 1 conflicts found and --fail-on-conflict was given; 2 bad usage or input
(unreadable files, no usable article, unknown model, bad option). Progress and warnings go to
stderr, result paths to stdout.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .config import DEFAULT_EMBED_MODEL, DEFAULT_NLI_MODEL, Config
from .errors import CheckerError
from .types import StageTiming

EXIT_OK, EXIT_CONFLICTS, EXIT_USAGE = 0, 1, 2
FORMATS = ("json", "md", "html")


def add_model_options(p: argparse.ArgumentParser, nli_multiple: bool = False) -> None:
    """Options shared by every verb that runs models, so they are spelled the same everywhere."""
    p.add_argument("--device", default="auto", help="auto (CUDA if present), cpu, cuda or cuda:N (default: auto)")
    p.add_argument("--batch-size", type=int, default=32, help="batch size for the models (default: 32)")
    if not nli_multiple:
        p.add_argument("--nli-model", default=DEFAULT_NLI_MODEL,
                       help=f"NLI cross-encoder: a local folder or a Hugging Face id (default: {DEFAULT_NLI_MODEL}, shipped)")


def add_pipeline_options(p: argparse.ArgumentParser) -> None:
    d = Config()
    p.add_argument("--top-k", type=int, default=d.top_k,
                   help=f"partners per sentence in each other article (default: {d.top_k})")
    p.add_argument("--min-similarity", type=float, default=d.similarity_floor,
                   help=f"cosine similarity floor for candidate pairs (default: {d.similarity_floor})")
    p.add_argument("--threshold", type=float, default=None,
                   help="conflict threshold on calibrated strength (default: the NLI model's calibrated one)")
    p.add_argument("--nli-only-threshold", type=float, default=d.nli_only_threshold,
                   help=f"a conflict with no number/date/name/negation mismatch needs this calibrated NLI contradiction "
                        f"probability in both directions (default: {d.nli_only_threshold})")
    p.add_argument("--embed-model", default=DEFAULT_EMBED_MODEL,
                   help=f"sentence-transformers model: folder or Hugging Face id (default: {DEFAULT_EMBED_MODEL}, shipped)")
    p.add_argument("--no-signals", action="store_true", help="NLI only: no model-free number/date/name/negation checks")
    p.add_argument("--context", action="store_true",
                   help="give sentences that open with 'He', 'The transfer'... their previous sentence as NLI context")


def config_from_args(args: argparse.Namespace) -> Config:
    return Config(device=args.device, batch_size=args.batch_size, top_k=args.top_k,
                  similarity_floor=args.min_similarity, threshold=args.threshold, nli_model=args.nli_model,
                  nli_only_threshold=args.nli_only_threshold,
                  embed_model=args.embed_model, use_signals=not args.no_signals, use_context=args.context)


def _warn(msg: str) -> None:
    print(f"warning: {msg}", file=sys.stderr)


def run_report(args: argparse.Namespace) -> int:
    from .api import check
    from .ingest import load_articles
    from .report import write_report

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise CheckerError(f"unknown --format {', '.join(bad)}; choose from {', '.join(FORMATS)}")
    warnings: list[str] = []

    def warn(msg: str) -> None:
        warnings.append(msg)
        _warn(msg)

    started = time.perf_counter()
    articles = load_articles(args.paths, warn=warn)
    ingest = StageTiming("ingest", round(time.perf_counter() - started, 4), len(articles))
    config = config_from_args(args)
    report = check(articles, config, warnings=warnings, warn=_warn)
    report.timings.insert(0, ingest)
    paths = write_report(report, Path(args.output), formats)
    for p in paths:
        print(p)
    total = sum(t.seconds for t in report.timings)
    print(f"{len(report.articles)} articles, {len(report.sentences)} sentences, {report.pairs_scored} pairs scored: "
          f"{len(report.conflicts)} conflicts, {len(report.agreements)} agreements in {total:.1f}s on {report.device}",
          file=sys.stderr)
    if args.fail_on_conflict and report.conflicts:
        return EXIT_CONFLICTS
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="checker", description="Find statements that news articles about one story dispute or corroborate.",
        epilog="example: checker report articles/ -o report/   (then open report/report.html)")
    from . import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    rep = sub.add_parser("report", help="compare articles and write a conflict report",
                         description="Compare the articles and write report.json, report.md and report.html.",
                         epilog="example: checker report stories/*.html notes.md -o out/ --device cpu")
    rep.add_argument("paths", nargs="+", help="files, folders or glob patterns (.txt .md .html .json .jsonl)")
    rep.add_argument("-o", "--output", default="report", help="output folder (default: ./report)")
    rep.add_argument("--format", default=",".join(FORMATS), help="comma-separated: json,md,html (default: all)")
    rep.add_argument("--fail-on-conflict", action="store_true", help="exit with code 1 when any conflict is found")
    add_model_options(rep)
    add_pipeline_options(rep)
    rep.set_defaults(func=run_report)

    from . import cli_eval, cli_gold
    from .batch import cli as cli_batch

    bat = sub.add_parser("batch", help=cli_batch.HELP, description=cli_batch.DESCRIPTION, epilog=cli_batch.EPILOG)
    cli_batch.add_arguments(bat)
    bat.set_defaults(func=cli_batch.run)
    cli_eval.register(sub)
    cli_gold.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except CheckerError as e:
        print(f"checker: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("checker: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
