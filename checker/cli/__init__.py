"""Command line: `checker report`, `checker batch`, `checker eval`, `checker gold`.

One module per verb (report.py, batch.py, eval.py, gold.py), each with `register(subparsers)` that adds its
parser and sets `func` to its `run(args) -> exit code`; `VERBS` lists them, so a new verb is one
module plus one entry there. Options the verbs share are in options.py (defaults read from Config),
the checks run before any work in preflight.py, and errors are handled once, in `main`.

Exit codes: 0 done; 1 conflicts found and --fail-on-conflict was given; 2 bad usage or input
(unreadable files, no usable article, unknown model, bad option, unwritable output folder).
Progress and warnings go to stderr, result paths to stdout.
"""
from __future__ import annotations

import argparse
import sys

from .. import __version__
from ..errors import CheckerError
from . import eval as eval_verb
from . import batch, gold, report

EXIT_OK, EXIT_CONFLICTS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
VERBS = (report, batch, eval_verb, gold)  # in the order `checker --help` lists them


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="checker", description="Find statements that news articles about one story dispute or corroborate.",
        epilog="example: checker report articles/ -o report/   (then open report/report.html)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for verb in VERBS:
        verb.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit code. User errors are one line on stderr, never a traceback."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CheckerError as e:
        print(f"checker {args.command}: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("checker: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
