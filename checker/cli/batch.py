"""`checker batch PATH... -o DIR`: one conflict report per story of a news feed, plus an index.

    checker batch feed.jsonl today/ -o out/          # then open out/index.html
    checker batch feed.jsonl -o out/ --store ~/checker-store.sqlite --max-pairs 2000
    checker batch feed.jsonl -o out/ --engine ray --ray-address head:6379   # stories on a Ray cluster

`register(subparsers)` adds the verb; `run(args) -> int` runs it. The work itself is in
checker/batch/. Exit codes as for `checker report`.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from ..batch.ray_engine import INSTALL_HINT, check_ray_address, ray_available
from ..batch.run import BatchSettings, run_batch
from ..batch.stories import GroupSettings
from ..errors import CheckerError
from ..output import check_output_dir
from ..report import FORMATS
from ..textsafe import printable
from ..wording import counted
from .options import add_model_options, add_pipeline_options, config_from_args
from .preflight import check_pipeline_models, judge_note

EXIT_OK, EXIT_CONFLICTS = 0, 1

HELP = "compare the articles of a feed story by story and write one report per story plus an index"
DESCRIPTION = ("Group the articles of a feed (folders, globs, JSON Lines) into stories, compare each story's "
               "articles and write DIR/<story-id>/report.{json,md,html}, DIR/index.json and DIR/index.html. "
               "Sentences, embeddings and NLI scores are kept in a SQLite store, so a rerun scores only what "
               "is new and a stopped run resumes where it was.")
EPILOG = "example: checker batch feed.jsonl archive/ -o out/   (then open out/index.html)"


def register(subparsers) -> argparse.ArgumentParser:
    """Add the `batch` verb; `args.func` is `run`."""
    parser = subparsers.add_parser("batch", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    add_arguments(parser)
    parser.set_defaults(func=run)
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `checker batch` (model and pipeline options as for `checker report`)."""
    d, g = BatchSettings(), GroupSettings()
    parser.add_argument("paths", nargs="+", help="files, folders or glob patterns (.txt .md .html .json .jsonl); "
                                                 "a record's `story` field fixes its story")
    parser.add_argument("-o", "--output", default="batch", help="output folder (default: ./batch)")
    parser.add_argument("--store", default=None,
                        help="SQLite file keeping sentences, embeddings and NLI scores (default: OUTPUT/store.sqlite)")
    parser.add_argument("--rebuild-store", action="store_true",
                        help="start a new, empty store; the old file is kept beside it as NAME.old-<time> "
                             "(for a damaged store, or one that is not a checker store)")
    parser.add_argument("--format", default=",".join(FORMATS), help="comma-separated: json,md,html (default: all)")
    parser.add_argument("--max-pairs", type=int, default=d.max_pairs,
                        help=f"per story, score at most this many candidate pairs, the most similar (default: {d.max_pairs}; 0: no limit)")
    parser.add_argument("--max-sentences", type=int, default=d.max_sentences,
                        help=f"per article, compare at most its first this many sentences (default: {d.max_sentences}; 0: no limit)")
    parser.add_argument("--story-threshold", type=float, default=g.threshold,
                        help=f"groups of articles merge into one story while their average distance is under this, "
                             f"between 0 and 1; a distance is 1 - the strength of a link confirmed by shared names, "
                             f"1 for articles not linked (default: {g.threshold}; see docs/batch.md)")
    parser.add_argument("--progress-every", type=float, default=d.progress_every,
                        help=f"seconds between progress lines on stderr (default: {d.progress_every})")
    parser.add_argument("--engine", choices=("local", "ray"), default=d.engine,
                        help="local: score the stories in this process; ray: as Ray tasks on a cluster "
                             "(needs the ray extra; see docs/batch.md) (default: local)")
    parser.add_argument("--ray-address", default=None, metavar="ADDRESS",
                        help="with --engine ray: an existing Ray cluster, e.g. HEAD:6379 "
                             "(default: start a local Ray for the run)")
    parser.add_argument("--fail-on-conflict", action="store_true", help="exit with code 1 when any story has a conflict")
    add_model_options(parser)
    add_pipeline_options(parser)


def run(args: argparse.Namespace) -> int:
    """Run `checker batch` with parsed arguments; returns the exit code. Options, the output folder
    and the models are checked before any work."""
    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise CheckerError(f"unknown --format {', '.join(bad)}; choose from {', '.join(FORMATS)}")
    for name in ("max_pairs", "max_sentences"):
        if getattr(args, name) < 0:
            raise CheckerError(f"--{name.replace('_', '-')} must be 0 (no limit) or more")
    if not 0 < args.story_threshold <= 1:
        raise CheckerError("--story-threshold must be above 0 and at most 1")
    if args.progress_every <= 0:
        raise CheckerError("--progress-every must be above 0")
    if args.ray_address and args.engine != "ray":
        raise CheckerError("--ray-address needs --engine ray")
    if args.engine == "ray" and not ray_available():
        raise CheckerError(INSTALL_HINT)
    if args.ray_address:
        check_ray_address(args.ray_address)
    config = config_from_args(args)
    check_output_dir(args.output)
    check_pipeline_models(config)
    settings = BatchSettings(
        max_pairs=args.max_pairs or None, max_sentences=args.max_sentences or None,
        group=GroupSettings(threshold=args.story_threshold), formats=formats,
        store=Path(args.store) if args.store else None, rebuild_store=args.rebuild_store,
        progress_every=args.progress_every, engine=args.engine, ray_address=args.ray_address)
    judge_note(config)
    # What "auto" comes to is decided once, here: a Ray worker on another machine may have other extras.
    config = replace(config, cascade=replace(config.cascade, judge=config.cascade.decides))
    result = run_batch(args.paths, Path(args.output), config, settings)
    for path in result.written:  # every report written by this run, then index.html and index.json
        print(printable(str(path)))
    s = result.index["summary"]
    scored = s["compared"] - result.stories_reused
    print(f"{counted(s['articles'], 'article')}, {counted(s['stories'], 'story', 'stories')} "
          f"({s['compared']} compared: {scored} scored now, {result.stories_reused} unchanged since the last run): "
          f"{counted(s['conflicts'], 'conflict')}, {counted(s['agreements'], 'agreement')}; "
          f"{result.nli_computed:,} NLI inputs computed, {result.nli_reused:,} from the store", file=sys.stderr)
    if args.fail_on_conflict and s["conflicts"]:
        return EXIT_CONFLICTS
    return EXIT_OK
