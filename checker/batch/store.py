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
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np

from ..errors import CheckerError

SCHEMA_VERSION = "1"
_REBUILD_HINT = "; --rebuild-store starts a new one, keeping this file beside it"
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
_TABLES = frozenset({"meta", "sentences", "embeddings", "nli", "reports"})


class Store:
    """An open store file. `Store(path)` creates it when missing; use as a context manager or close().

    Opening checks the file before anything else touches it, so a bad store costs a second, not a
    run: a folder, a file that is not a checker store (another SQLite database, anything else), a
    damaged one (`PRAGMA quick_check`), another schema, or one that cannot be written (a read-only
    file or folder) raises `CheckerError` with one line, and leaves the file as it was.
    `rebuild=True` first moves an existing file aside (`NAME.old-<time>`, see `move_aside`) and
    starts a new store at `path`."""

    def __init__(self, path: str | Path, rebuild: bool = False) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise CheckerError(f"--store {self.path} is a folder; give a file name (e.g. {self.path / 'store.sqlite'})")
        if rebuild and self.path.exists():
            self.moved_to: Path | None = move_aside(self.path)
        else:
            self.moved_to = None
        new = not self.path.exists() or self.path.stat().st_size == 0
        try:
            if new:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None)  # explicit transactions
        except (OSError, sqlite3.Error) as e:
            raise CheckerError(f"cannot open the store {self.path}: {_reason(e)}") from None
        try:
            self._open(new)
        except BaseException:
            self.db.close()
            raise

    def _open(self, new: bool) -> None:
        try:
            if not new:
                # Before WAL mode or the schema write anything: another program's database stays untouched.
                # Only tables of its own: a store another run is creating this moment has some of them
                # and perhaps no schema_version yet, and is no stranger.
                tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                if not tables <= _TABLES:
                    raise CheckerError(f"{self.path} is not a checker store (an SQLite database of something "
                                       f"else); give another --store file{_REBUILD_HINT}")
                problems = [r[0] for r in self.db.execute("PRAGMA quick_check(3)")]
                if problems != ["ok"]:
                    raise CheckerError(f"the store {self.path} is damaged ({problems[0]}){_REBUILD_HINT}")
            self.db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode is durable against a killed process; only an OS crash may lose the last commit.
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            found = self._meta("schema_version")
            if found is None:
                self._write("INSERT OR REPLACE INTO meta VALUES (?, ?)", [("schema_version", SCHEMA_VERSION)])
            elif found != SCHEMA_VERSION:
                raise CheckerError(f"{self.path}: store schema {found}, this checker writes {SCHEMA_VERSION}; "
                                   f"use another --store file{_REBUILD_HINT}")
            else:
                self._check_writable()
        except sqlite3.DatabaseError as e:
            # "file is not a database" (a foreign or truncated file), "malformed", "readonly", "locked"...
            if "not a database" in str(e) or "malformed" in str(e):
                raise CheckerError(f"the store {self.path} is damaged or not a checker store ({e})"
                                   f"{_REBUILD_HINT}") from None
            raise CheckerError(f"cannot use the store {self.path}: {_reason(e)}") from None

    def _check_writable(self) -> None:
        """A store that opens but cannot take a write (read-only file or folder) fails now, not after the
        models have run: a write that changes nothing, rolled back."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("UPDATE meta SET value = value WHERE key = 'schema_version'")
        finally:
            self.db.execute("ROLLBACK")

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


def move_aside(path: Path) -> Path:
    """Rename the store at `path` (with its -wal and -shm files) to `NAME.old-<UTC time>` beside it,
    so a new store can start at `path` with nothing of the old lost; returns the new name."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target, n = path.with_name(f"{path.name}.old-{stamp}"), 2
    while target.exists():
        target, n = path.with_name(f"{path.name}.old-{stamp}-{n}"), n + 1
    try:
        os.rename(path, target)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.rename(side, target.with_name(target.name + suffix))
    except OSError as e:
        raise CheckerError(f"cannot move the store {path} aside to start a new one: {_reason(e)}") from None
    return target


def _reason(error: Exception) -> str:
    """A short reason for an SQLite or file-system error, in words a user can act on."""
    text = str(error)
    if isinstance(error, OSError):
        return text if not error.strerror else error.strerror.lower()
    if "readonly" in text or "read-only" in text:
        return "it cannot be written (read-only file or folder)"
    if "unable to open" in text:
        return "it cannot be opened (a missing or read-only folder, or no permission)"
    if "disk is full" in text or "disk I/O" in text:
        return f"{text} (is the disk full?)"
    return text
