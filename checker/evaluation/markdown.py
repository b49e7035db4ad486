"""Markdown tables for the result files, so every table is written one way.

    lines += table(["articles", "seconds"], [[10, 16.4], [100, 93.4]], align="rr")
    # ['| articles | seconds |', '|---:|---:|', '| 10 | 16.4 |', '| 100 | 93.4 |']

Cells are written as given (format numbers before); `align` has one letter per column: "l" (the
default) or "r". Not for: report.md (checker/templates/) or the figures themselves.
"""
from __future__ import annotations

from typing import Iterable, Sequence


def table(header: Sequence[str], rows: Iterable[Sequence], align: str = "") -> list[str]:
    """The lines of a Markdown table: header, separator, one line per row."""
    marks = ["---:" if align[i:i + 1] == "r" else "---" for i in range(len(header))]
    return [_line(header), "|" + "|".join(marks) + "|"] + [_line(row) for row in rows]


def _line(cells: Sequence) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"
