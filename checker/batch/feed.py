"""Read a feed: every article under the given paths (folders, globs, JSON Lines with many articles)
plus the `story` label a record may carry.

    feed = read_feed(["today.jsonl", "extra/"], warn=print)
    feed[0].article.path, feed[0].story     # 'today.jsonl', 'harbour-tax' (or None)

Articles are read once, by `checker.ingest.load_articles` (formats, encodings, de-duplication,
duplicate ids, the length limit, one warning per bad record); the label comes with each article,
from its record's `story` field or a text file's front matter (`story: ...`), in `Article.meta`.
A label overrides the automatic grouping.
Not for: grouping (stories.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from ..ingest import load_articles
from ..types import Article

Warn = Callable[[str], None]


@dataclass(frozen=True)
class FeedArticle:
    """An article of the feed and the story the feed says it belongs to (None: find it)."""

    article: Article
    story: str | None = None


def read_feed(paths: Sequence[str | Path], warn: Warn, max_chars: int = 200_000,
              exclude: Sequence[str | Path] = ()) -> list[FeedArticle]:
    """Every usable article under `paths`, in reading order, with its `story` label if any; nothing
    under `exclude` (the run's own output folder and store).

    Raises `checker.errors.InputError` when no usable article remains (as `load_articles` does)."""
    articles = load_articles(paths, warn=warn, max_chars=max_chars, exclude=exclude)
    return [FeedArticle(article=a, story=a.meta.get("story")) for a in articles]
