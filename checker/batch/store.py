"""The batch store: one SQLite file keeping what is costly to compute, so reruns and resumed runs
reuse it.

Tables (all keyed by content hashes, never by file names or run order):

- `sentences`: an article's sentence spans, per article-content hash and segmentation settings;
- `embeddings`: a sentence embedding per text hash and embedder key;
- `nli`: raw NLI logits (before calibration, so a new temperature invalidates nothing) per
  premise/hypothesis hash and NLI key;
- `reports`: per story, the fingerprint of the inputs and settings its written report came from.

A model "key" names the model, a hash of its weights and the settings that change its numbers
(precision, maximum length), so a changed model or setting misses only its own rows.
The file runs in WAL mode and every `put_*` commits: a process killed at any moment (kill -9
included) loses at most the batch it was computing, never a committed one.
Not for: deciding what to compute (cached.py) or what a story is (stories.py).
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np

from ..errors import CheckerError

SCHEMA_VERSION = "1"
_CHUNK = 500  # SQLite host parameters per query stay well under its limit

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sentences (
    settings TEXT NOT NULL, article TEXT NOT NULL, spans TEXT NOT NULL,
    PRIMARY KEY (settings, article)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL, text TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (model, text)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS nli (
    model TEXT NOT NULL, pair TEXT NOT NULL, logits BLOB NOT NULL,
    PRIMARY KEY (model, pair)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reports (
    story TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, summary TEXT NOT NULL);
"""


class Store:
    """An open store file. `Store(path)` creates it when missing; use as a context manager or close()."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None)  # explicit transactions
        self.db.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode is durable against a killed process; only an OS crash may lose the last commit.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        found = self._meta("schema_version")
        if found is None:
            self._write("INSERT OR REPLACE INTO meta VALUES (?, ?)", [("schema_version", SCHEMA_VERSION)])
        elif found != SCHEMA_VERSION:
            raise CheckerError(f"{self.path}: store schema {found}, this checker writes {SCHEMA_VERSION}; "
                               "use another --store file")

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -------------------------------------------------------------- sentences

    def get_spans(self, settings: str, article_hash: str) -> list[tuple[int, int]] | None:
        row = self.db.execute("SELECT spans FROM sentences WHERE settings=? AND article=?",
                              (settings, article_hash)).fetchone()
        return [tuple(s) for s in json.loads(row[0])] if row else None

    def put_spans(self, settings: str, article_hash: str, spans: Sequence[tuple[int, int]]) -> None:
        self._write("INSERT OR IGNORE INTO sentences VALUES (?, ?, ?)",
                    [(settings, article_hash, json.dumps([list(s) for s in spans]))])

    # -------------------------------------------------------------- embeddings and NLI logits

    def get_vectors(self, model: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        """Stored embeddings of the given text hashes (missing ones are simply absent)."""
        return self._get_arrays("embeddings", "text", "vector", model, hashes)

    def put_vectors(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Store embeddings in one transaction; a hash already stored keeps its first vector."""
        self._put_arrays("embeddings", model, vectors)

    def get_logits(self, model: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        return self._get_arrays("nli", "pair", "logits", model, hashes)

    def put_logits(self, model: str, logits: Mapping[str, np.ndarray]) -> None:
        """Store NLI logits in one transaction; a pair already stored keeps its first logits."""
        self._put_arrays("nli", model, logits)

    def count(self, table: str, model: str | None = None) -> int:
        """Rows in `table` (embeddings, nli, sentences, reports), optionally for one model key."""
        if table not in ("embeddings", "nli", "sentences", "reports"):
            raise ValueError(table)
        if model is None:
            return self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        return self.db.execute(f"SELECT COUNT(*) FROM {table} WHERE model=?", (model,)).fetchone()[0]

    # -------------------------------------------------------------- reports

    def report_record(self, story: str) -> tuple[str, dict] | None:
        """(fingerprint, summary) of the report last written for `story`, or None."""
        row = self.db.execute("SELECT fingerprint, summary FROM reports WHERE story=?", (story,)).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def put_report(self, story: str, fingerprint: str, summary: dict) -> None:
        """Record that `story`'s report, written from inputs with `fingerprint`, is complete on disk."""
        self._write("INSERT OR REPLACE INTO reports VALUES (?, ?, ?)", [(story, fingerprint, json.dumps(summary))])

    # -------------------------------------------------------------- internals

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def _get_arrays(self, table: str, key_col: str, val_col: str, model: str,
                    hashes: Iterable[str]) -> dict[str, np.ndarray]:
        hashes = list(dict.fromkeys(hashes))
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(hashes), _CHUNK):
            part = hashes[i:i + _CHUNK]
            marks = ",".join("?" * len(part))
            rows = self.db.execute(f"SELECT {key_col}, {val_col} FROM {table} WHERE model=? AND {key_col} IN ({marks})",
                                   (model, *part))
            for key, blob in rows:
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def _put_arrays(self, table: str, model: str, arrays: Mapping[str, np.ndarray]) -> None:
        rows = [(model, key, np.ascontiguousarray(value, dtype=np.float32).tobytes()) for key, value in arrays.items()]
        self._write(f"INSERT OR IGNORE INTO {table} VALUES (?, ?, ?)", rows)

    def _write(self, sql: str, rows: list[tuple]) -> None:
        if not rows:
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany(sql, rows)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
