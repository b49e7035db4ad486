"""The batch's table of contents: `DIR/index.json` and a readable `DIR/index.html`, the checks that
every path the batch will write can be written, and the writing of reports and index.

index.json (fields documented in docs/batch.md):

    {"schema_version": "1.0", "created": ..., "summary": {...},
     "stories": [{"id", "title", "grouped_by", "first_date", "last_date", "articles": [{"id", "title",
                  "source", "date", "path", "url"}], "compared", "conflicts", "agreements",
                  "pairs_scored", "report", "html", "reused", "warnings"}, ...]}

Files are written as `checker report` writes them (`checker.output.replace_files`): complete under a
temporary name first, then renamed into place, readable by all like any file the user writes; a
failure (a full disk) is one `CheckerError` line and leaves the previous files whole.
Not for: the per-story reports themselves (checker.report renders them).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Sequence

import jinja2

from ..errors import CheckerError
from ..output import check_output_dir, replace_files
from ..report import write_report
from ..textsafe import printable, show_invisible
from ..types import Report
from ..wording import counted

INDEX_SCHEMA_VERSION = "1.0"
INDEX_FILES = ("index.html", "index.json")  # index.json last: the file programs wait for
_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def check_batch_output(out_dir: Path) -> None:
    """Before any work: the output folder can be created and written, and no folder takes the name
    of an index file. Creates nothing; raises `CheckerError` with one line."""
    check_output_dir(out_dir)
    for name in INDEX_FILES:
        if (out_dir / name).is_dir():
            raise CheckerError(f"cannot write {out_dir / name}: a folder of that name is in the way")


def check_story_folders(out_dir: Path, story_ids: Iterable[str], formats: Sequence[str]) -> None:
    """Before any story is scored: each story's folder is a folder (or can be one) and its report
    files are not folders. Raises `CheckerError` naming the first path in the way."""
    for story_id in story_ids:
        folder = out_dir / story_id
        if folder.exists() and not folder.is_dir():
            raise CheckerError(f"cannot write story {story_id}: {folder} is a file, not a folder; "
                               "move it away or choose another -o")
        for fmt in formats:
            if (folder / f"report.{fmt}").is_dir():
                raise CheckerError(f"cannot write {folder / f'report.{fmt}'}: a folder of that name is in the way")


def write_story_report(report: Report, folder: Path, formats: Sequence[str]) -> list[Path]:
    """The story's report files, as `checker report` writes them: replaced as one step, and reports
    of formats not asked for this time removed rather than left stale beside the new ones."""
    return write_report(report, folder, formats)


def write_index(out_dir: Path, doc: dict) -> list[Path]:
    """Write index.html and index.json (each complete before it replaces the old) and return their paths."""
    contents = {"index.html": render_index_html(doc).encode("utf-8"),
                "index.json": (json.dumps(_encodable(doc), indent=2, ensure_ascii=False) + "\n").encode("utf-8")}
    return replace_files(out_dir, contents)


def _encodable(value):
    """The document with every string encodable as UTF-8 (a file name byte that is not UTF-8 as "\\xff")."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(str(k)): _encodable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encodable(v) for v in value]
    return value


def render_index_html(doc: dict) -> str:
    """index.html: one self-contained page listing every story (no scripts, no network). Characters
    that display as nothing or reorder text (controls, bidirectional overrides) are shown as
    "⟦U+202E⟧", as in report.html."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                             finalize=_shown)
    env.filters["plural"] = counted
    return env.get_template("index.html.j2").render(doc=doc).rstrip() + "\n"


def _shown(value):
    # Autoescape runs after this; the template builds no markup from data.
    return show_invisible(printable(value)) if isinstance(value, str) else value

