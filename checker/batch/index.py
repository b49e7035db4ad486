"""The batch's table of contents: `DIR/index.json` and a readable `DIR/index.html`, plus the atomic
file writes the batch uses for them and for the story reports.

index.json (fields documented in docs/batch.md):

    {"schema_version": "1.0", "created": ..., "summary": {...},
     "stories": [{"id", "title", "grouped_by", "first_date", "last_date", "articles": [{"id", "title",
                  "source", "date", "path", "url"}], "compared", "conflicts", "agreements",
                  "pairs_scored", "report", "html", "reused", "warnings"}, ...]}

Not for: the per-story reports themselves (checker.report writes them).
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Sequence

import jinja2

from ..report import write_report
from ..types import Report

INDEX_SCHEMA_VERSION = "1.0"
_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename: readers (and a run killed
    midway) see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_report_atomic(report: Report, folder: Path, formats: Sequence[str]) -> list[Path]:
    """`checker.report.write_report` into a temporary folder beside `folder`, then each file renamed
    into place; returns the final paths."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent, prefix=f".{folder.name}.") as tmp:
        written = write_report(report, Path(tmp), formats)
        final = []
        for path in written:
            target = folder / path.name
            os.replace(path, target)
            final.append(target)
    return final


def write_index(out_dir: Path, doc: dict) -> list[Path]:
    """Write index.json and index.html (atomically) and return their paths."""
    json_path, html_path = out_dir / "index.json", out_dir / "index.html"
    write_atomic(json_path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    write_atomic(html_path, render_index_html(doc))
    return [json_path, html_path]


def render_index_html(doc: dict) -> str:
    """index.html: one self-contained page listing every story (no scripts, no network)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return env.get_template("index.html.j2").render(doc=doc).rstrip() + "\n"
