"""Read a feed: every article under the given paths (folders, globs, JSON Lines with many articles)
plus the `story` label a record may carry.

    feed = read_feed(["today.jsonl", "extra/"], warn=print)
    feed[0].article.path, feed[0].story     # 'today.jsonl', 'harbour-tax' (or None)

Articles are read by `checker.ingest.load_articles` (formats, encodings, de-duplication, the
length limit); this module only adds the story labels, read from a JSON/JSONL record's `story`
field or a text file's front matter (`story: ...`). A label overrides the automatic grouping.
Not for: grouping (stories.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from ..ingest import TEXT_FIELDS, _split_front_matter, load_articles, normalize_text, text_id
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
    labels: dict[str, str] = {}  # article id, content id or "path:<file>" -> story
    for path in sorted({a.path for a in articles if a.path}):
        labels.update(_labels_in(Path(path)))
    out = []
    for a in articles:
        label = labels.get(a.id) or labels.get(f"path:{a.path}")
        out.append(FeedArticle(article=a, story=label))
    return out


def _labels_in(path: Path) -> dict[str, str]:
    """Story labels in one file, keyed the way ingest keys articles (record id, else content id)."""
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return {}  # ingest has already reported it
    records: list = []
    if suffix in (".jsonl", ".ndjson"):
        for line in text.splitlines():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            return {}
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        records = data if isinstance(data, list) else [data]
    else:
        meta, _ = _split_front_matter(text)  # the one front-matter reader, shared with ingest
        story = meta.get("story")
        return {f"path:{path}": " ".join(str(story).split())} if story not in (None, "") else {}
    labels = {}
    for record in records:
        if not isinstance(record, dict) or record.get("story") in (None, ""):
            continue
        body = next((record[f] for f in TEXT_FIELDS if isinstance(record.get(f), str) and record[f].strip()), None)
        if body is None:
            continue
        story = " ".join(str(record["story"]).split())
        labels[text_id(normalize_text(body))] = story
        if record.get("id") not in (None, ""):
            labels[" ".join(str(record["id"]).split())] = story
    return labels
