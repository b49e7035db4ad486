"""Counts as a person reads them: "1 conflict", "2 conflicts", "1 story".

    counted(1, "conflict")           # '1 conflict'
    counted(3, "story", "stories")   # '3 stories'

For the command lines' summaries and the reports' titles. Not for report.json (numbers there).
"""
from __future__ import annotations


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """`n` and the noun, singular for exactly one; `plural` defaults to the singular plus "s"."""
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"
