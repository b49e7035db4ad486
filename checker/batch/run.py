"""Run a batch: feed in, one report per story and the index out, everything costly kept in the store.

    result = run_batch(["feed/"], Path("out"), Config(device="cpu"), BatchSettings(max_pairs=3000))
    result.index["summary"]["conflicts"], result.nli_computed, result.nli_reused

Steps: read the feed -> segment each article (spans kept in the store) and cut it at
`max_sentences` -> embed titles and leads, group into stories -> for each story of two or more
articles whose inputs or settings changed since its report was written: embed sentences, score
(`checker.api.score`, NLI through the store, at most `max_pairs` pairs) and decide -> write its
report atomically and record its fingerprint -> write index.json and index.html.
Not for: argument parsing (cli.py) or SQL (store.py).
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence


from .. import __version__
from ..api import Models
from ..bundled import resolve
from ..config import Config
from ..errors import CheckerError
from ..report import FORMATS, report_to_dict
from ..segment import segment
from ..types import Article, Sentence
from ..wording import counted
from .cached import StoredEmbedder, StoredNLI, embedder_key, nli_key
from .engine import LocalEngine, StoryJob
from .feed import FeedArticle, read_feed
from .index import (INDEX_SCHEMA_VERSION, check_batch_output, check_story_folders, write_index,
                    write_story_report)
from .progress import Progress
from .ray_engine import RayEngine  # imports Ray only when used: it is an optional extra
from .stories import GroupSettings, Story, group_stories, lead_text, read_traits, story_anchor
from .store import Store

BATCH_VERSION = "1"  # bump when a change here alters reports, so stored fingerprints stop matching


@dataclass(frozen=True)
class BatchSettings:
    """The batch's own settings; the pipeline's are in `checker.Config`."""

    max_pairs: int | None = 3000  # per story: candidate pairs beyond this (least similar) are not scored
    max_sentences: int | None = 200  # per article: later sentences are not compared
    group: GroupSettings = field(default_factory=GroupSettings)
    formats: tuple[str, ...] = FORMATS
    store: Path | None = None  # default: <out_dir>/store.sqlite
    rebuild_store: bool = False  # move the existing store aside (kept as NAME.old-<time>) and start a new one
    progress_every: float = 5.0  # seconds between progress lines on stderr
    max_chars: int = 200_000  # per article, as `checker report` (ingest's limit)
    engine: str = "local"  # "local" (this process) or "ray" (ray_engine.py)
    ray_address: str | None = None  # an existing Ray cluster; None: a local Ray started for the run


@dataclass
class BatchResult:
    """What a run did: the index document and where the time and the model calls went."""

    index: dict
    written: list[Path]  # report and index files written by this run
    nli_computed: int  # NLI inputs (pair directions) run through the model
    nli_reused: int  # NLI inputs read from the store
    nli_repeats: int  # NLI inputs that repeated another (near-duplicate sentences), scored once
    embedded: int  # texts embedded by the model
    stories_scored: int
    stories_reused: int
    timings: dict[str, float]  # seconds per stage


def run_batch(paths: Sequence[str | Path], out_dir: Path, config: Config | None = None,
              settings: BatchSettings | None = None, models: Models | None = None,
              warn: Callable[[str], None] | None = None, stream=None) -> BatchResult:
    """Compare the articles under `paths` story by story; see the module docstring.

    `models` may be passed already loaded (tests, long-lived services); `warn` receives each problem
    once (default: printed to stderr); progress lines go to `stream` (default stderr)."""
    config = config or Config()
    settings = settings or BatchSettings()
    out_dir = Path(out_dir)
    warn = warn or (lambda m: print(f"warning: {m}", file=sys.stderr))
    timings: dict[str, float] = {}
    all_warnings: list[str] = []

    def _warn(message: str) -> None:
        all_warnings.append(message)
        warn(message)

    progress = Progress(every=settings.progress_every, stream=stream)
    check_batch_output(out_dir)  # before any work; creates nothing
    t = time.perf_counter()
    feed = read_feed(paths, _warn, max_chars=settings.max_chars, exclude=_own_output(paths, out_dir, settings))
    timings["ingest"] = time.perf_counter() - t
    progress.stage(f"{counted(len(feed), 'article')} read")

    store_path = Path(settings.store or out_dir / "store.sqlite")
    store = Store(store_path, rebuild=settings.rebuild_store)  # refused (one line) before any model loads
    if store.moved_to:
        _warn(f"the old store was moved to {store.moved_to}; a new one starts at {store_path}")
    try:
        return _run(feed, out_dir, store, store_path, config, settings, models, progress, _warn, all_warnings,
                    timings)
    except sqlite3.DatabaseError as e:
        # Damage found mid-run, a full disk, a lock held too long: what was committed stays.
        raise CheckerError(f"the store {store_path} failed: {e}; what was computed before is kept "
                           f"(a rerun resumes; --rebuild-store starts a new store)") from None


def _run(feed, out_dir: Path, store: Store, store_path: Path, config: Config, settings: BatchSettings,
         models: Models | None, progress: Progress, _warn: Callable[[str], None], all_warnings: list[str],
         timings: dict[str, float]) -> BatchResult:
    stack = ExitStack()  # the engine (a Ray session), closed before the store
    stack.callback(store.close)
    with stack:
        t = time.perf_counter()
        models, embedder, nli = _stored_models(models, config, store, progress)
        timings["load models"] = time.perf_counter() - t

        t = time.perf_counter()
        limited, sentences = _segment_feed(feed, config, settings, store, _warn)
        timings["segment"] = time.perf_counter() - t
        feed_warnings = list(all_warnings)  # ingest's and the sentence limit's
        one_article_files = _files_with_one_article(limited)

        t = time.perf_counter()
        progress.stage("embedding titles and leads to find the stories")
        stories = find_stories(feed, limited, sentences, embedder, settings.group)
        timings["group"] = time.perf_counter() - t
        compared = [s for s in stories if len(s.article_ids) > 1]
        progress.stage(f"{counted(len(stories), 'story', 'stories')}: {len(compared)} to compare, "
                       f"{counted(len(stories) - len(compared), 'single article')} listed only")
        check_story_folders(out_dir, [s.id for s in compared], settings.formats)  # before any scoring
        out_dir.mkdir(parents=True, exist_ok=True)

        by_id = {a.id: a for a in limited}
        model_keys = {"embedder": embedder.key, "nli": nli.key, "temperature": f"{nli.temperature:.6f}",
                      "threshold": nli.default_threshold, "device": nli.device,
                      "signals": getattr(models.signals, "backend", None) if config.use_signals else None}
        jobs, fingerprints, reused_summaries = [], {}, {}
        # reports are recorded per output folder, named relative to the store: a folder moved or
        # copied together with its store keeps its unchanged stories
        out_key = os.path.relpath(out_dir.resolve(), store_path.resolve().parent)
        for story in compared:
            arts = tuple(by_id[i] for i in story.article_ids)
            story_warnings = tuple(_story_warnings(arts, feed_warnings, one_article_files))
            fp = _fingerprint(story, arts, story_warnings, config, settings, model_keys)
            fingerprints[story.id] = fp
            record = store.report_record(f"{out_key}::{story.id}")
            if record and record[0] == fp and all((out_dir / story.id / f"report.{f}").exists()
                                                  for f in settings.formats):
                reused_summaries[story.id] = record[1]
            else:
                jobs.append(StoryJob(story.id, arts, story_warnings))

        # one embedding call for every sentence to compare: full batches instead of per-story scraps
        t = time.perf_counter()
        todo = [s.text for job in jobs for a in job.articles for s in sentences[a.id]]
        if todo:
            progress.stage(f"embedding {counted(len(todo), 'sentence')} of {counted(len(jobs), 'story', 'stories')} "
                           "(stored ones are read, not computed)")
        if todo:
            embedder.encode(todo)
        timings["embed sentences"] = time.perf_counter() - t

        t = time.perf_counter()
        progress.total_stories = len(jobs)
        progress.total_sentences = len(todo)
        progress.stage(f"scoring {counted(len(jobs), 'story', 'stories')} ({len(reused_summaries)} unchanged since the last run)")
        progress.restart_clock()
        summaries: dict[str, dict] = dict(reused_summaries)
        written: list[Path] = []
        engine = _engine(settings, config, models, embedder, nli)
        if settings.engine == "ray" and jobs:  # no Ray started when nothing is to be scored
            engine = stack.enter_context(engine)

        def story_warn(story_id: str, message: str) -> None:
            _warn(f"story {story_id}: {message}")

        def started(job: StoryJob) -> None:
            progress.story_started(sum(len(sentences[a.id]) for a in job.articles))

        for job, report in engine.reports(jobs, story_warn, started):
            written += write_story_report(report, out_dir / job.story_id, settings.formats)
            summary = _story_summary(report_to_dict(report))
            store.put_report(f"{out_key}::{job.story_id}", fingerprints[job.story_id], summary)
            summaries[job.story_id] = summary
            progress.reused = nli.reused
            progress.story_done(sum(len(sentences[a.id]) for a in job.articles))
        timings["score and write"] = time.perf_counter() - t
        progress.stage(f"done: {counted(len(jobs), 'story', 'stories')} scored, {counted(nli.computed, 'NLI input')} "
                       f"computed, {nli.reused:,} read from the store, {counted(nli.repeats, 'repeat')} of another input")

        doc = _index(feed, limited, stories, summaries, reused_summaries, all_warnings, settings, nli, timings)
        written += write_index(out_dir, doc)
        return BatchResult(index=doc, written=written, nli_computed=nli.computed, nli_reused=nli.reused,
                           nli_repeats=nli.repeats,
                           embedded=embedder.computed, stories_scored=len(jobs),
                           stories_reused=len(reused_summaries), timings={k: round(v, 3) for k, v in timings.items()})


# ------------------------------------------------------------------ steps


def _own_output(paths: Sequence[str | Path], out_dir: Path, settings: BatchSettings) -> list[Path]:
    """What this run writes, so that a feed folder holding the output is never read back: the whole
    output folder, unless an input lies inside it (then its index and store; the story reports are
    recognised by their generator mark)."""
    own = [settings.store] if settings.store else []
    out = out_dir.resolve()
    if any(out == Path(p).resolve() or out in Path(p).resolve().parents for p in paths if "*" not in str(p)):
        return own + [out_dir / "index.json", out_dir / "index.html", out_dir / "store.sqlite"]
    return own + [out_dir]


def find_stories(feed: Sequence[FeedArticle], articles: Sequence[Article], sentences: dict[str, list[Sentence]],
                 embedder, settings: GroupSettings) -> list[Story]:
    """The feed's stories: `articles[i]` is `feed[i]`'s article as compared (sentence-limited),
    `sentences` its sentences by article id, `embedder` anything with `encode(texts)`."""
    texts = [[s.text for s in sentences[a.id]] for a in articles]
    vectors = embedder.encode([lead_text(a.title, t) for a, t in zip(articles, texts)])
    traits = [read_traits(a.title, t, settings) for a, t in zip(articles, texts)]
    return group_stories([replace(f, article=a) for f, a in zip(feed, articles)], vectors, traits, settings)



def _engine(settings: BatchSettings, config: Config, models: Models, embedder: StoredEmbedder, nli: StoredNLI):
    if settings.engine == "local":
        return LocalEngine(models, config, max_pairs=settings.max_pairs)
    if settings.engine == "ray":
        return RayEngine(config, embedder, nli, max_pairs=settings.max_pairs, address=settings.ray_address)
    raise ValueError(f"unknown engine {settings.engine!r}")


def _stored_models(models: Models | None, config: Config, store: Store,
                   progress: Progress) -> tuple[Models, StoredEmbedder, StoredNLI]:
    if models is None:
        progress.stage("loading models")
        models = Models.load(replace(config, progress=False))  # the batch prints its own progress
    inner_emb = models.embedder.inner if isinstance(models.embedder, StoredEmbedder) else models.embedder
    inner_nli = models.nli.inner if isinstance(models.nli, StoredNLI) else models.nli
    inner_emb.progress = False
    inner_nli.progress = False
    embedder = StoredEmbedder(inner_emb, store, embedder_key(inner_emb, resolve(inner_emb.name)),
                              on_batch=progress.embedded_batch)
    nli = StoredNLI(inner_nli, store, nli_key(inner_nli, resolve(inner_nli.name)), on_batch=progress.scored,
                    on_plan=progress.planned)
    return Models(embedder=embedder, nli=nli, signals=models.signals), embedder, nli


def _segment_feed(feed: Sequence[FeedArticle], config: Config, settings: BatchSettings, store: Store,
                  warn: Callable[[str], None]) -> tuple[list[Article], dict[str, list[Sentence]]]:
    """Each article cut after its `max_sentences`-th sentence, and its sentences (spans from the store
    when this text was segmented with these settings before)."""
    seg_key = f"seg|{__version__}|min{config.min_sentence_chars}|max{config.max_sentence_chars}"
    limited, sentences = [], {}
    for item in feed:
        a = item.article
        content = hashlib.sha1(f"{a.title}\x1f{a.text}".encode("utf-8")).hexdigest()
        spans = store.get_spans(seg_key, content)
        if spans is None:
            spans = [(s.start, s.end) for s in segment(a, config)]
            store.put_spans(seg_key, content, spans)
        if settings.max_sentences is not None and len(spans) > settings.max_sentences:
            warn(f"{a.where or a.path or a.id}: {len(spans):,} sentences; only the first {settings.max_sentences:,} "
                 f"are compared (--max-sentences)")
            spans = spans[:settings.max_sentences]
            a = replace(a, text=a.text[:spans[-1][1]])
            again = segment(a, config)  # what checker.api.score will see
            spans = [(s.start, s.end) for s in again]
        limited.append(a)
        sentences[a.id] = [Sentence(a.id, i, a.text[s:e], s, e) for i, (s, e) in enumerate(spans)]
    return limited, sentences


def _files_with_one_article(articles: Sequence[Article]) -> set[str]:
    counts: dict[str, int] = {}
    for a in articles:
        if a.path:
            counts[a.path] = counts.get(a.path, 0) + 1
    return {p for p, n in counts.items() if n == 1}


def _story_warnings(articles: Sequence[Article], feed_warnings: Sequence[str], one_article_files: set[str]) -> list[str]:
    """The feed's warnings about this story's articles, carried into its report: those naming one of
    its records ("feed.jsonl: line 7: ..."), or the file of an article alone in its file. The index
    lists all of them."""
    places = {a.path for a in articles if a.path in one_article_files} | {a.where for a in articles if a.where}
    return [w for w in feed_warnings if any(w.startswith(f"{p}: ") for p in places)]


def _fingerprint(story: Story, articles: Sequence[Article], warnings: Sequence[str], config: Config,
                 settings: BatchSettings, model_keys: dict) -> str:
    """Everything a story's report depends on; an unchanged fingerprint means an unchanged report."""
    # the resolved device is in model_keys; "auto" and "cpu" on a CPU machine give the same report
    cfg = {k: v for k, v in config.as_dict().items() if k not in ("progress", "batch_size", "device")}
    doc = {
        "version": [__version__, BATCH_VERSION],
        "story": story.id,
        "articles": [[a.id, a.title, a.text, a.source, a.date, a.path, a.url] for a in articles],
        "warnings": list(warnings),
        "config": cfg,
        "models": model_keys,
        "batch": [settings.max_pairs, settings.max_sentences, list(settings.formats)],
    }
    return hashlib.sha1(json.dumps(doc, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def _story_summary(report_doc: dict) -> dict:
    s = report_doc["summary"]
    kinds: dict[str, int] = {}
    for c in report_doc["conflicts"]:
        kinds[c.get("kind") or "other"] = kinds.get(c.get("kind") or "other", 0) + 1
    return {"conflicts": s["conflicts"], "agreements": s["agreements"], "pairs_scored": s["pairs_scored"],
            "sentences": s["sentences"], "statements": s["statements"], "conflict_kinds": kinds,
            "warnings": s["warnings"]}


def _index(feed, limited, stories, summaries, reused, warnings, settings, nli, timings) -> dict:
    by_id = {a.id: (f, a) for f, a in zip(feed, limited)}
    entries = []
    for story in stories:
        arts = [by_id[i] for i in story.article_ids]
        dates = sorted(a.date for _, a in arts if a.date)
        summary = summaries.get(story.id)
        has = set(settings.formats)
        entries.append({
            "id": story.id,
            "title": story_anchor([a for _, a in arts]).title,
            "grouped_by": story.grouped_by,
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
            "articles": [{"id": a.id, "title": a.title, "source": a.source, "date": a.date,
                          "path": f.article.path, "url": a.url} for f, a in arts],
            "compared": summary is not None,
            "conflicts": summary["conflicts"] if summary else 0,
            "agreements": summary["agreements"] if summary else 0,
            "conflict_kinds": summary["conflict_kinds"] if summary else {},
            "pairs_scored": summary["pairs_scored"] if summary else 0,
            "report": f"{story.id}/report.json" if summary and "json" in has else None,
            "html": f"{story.id}/report.html" if summary and "html" in has else None,
            "reused": story.id in reused,
            "warnings": summary["warnings"] if summary else [],
        })
    compared = [e for e in entries if e["compared"]]
    return {
        "schema_version": INDEX_SCHEMA_VERSION,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "summary": {
            "articles": len(feed),
            "stories": len(entries),
            "compared": len(compared),
            "singletons": sum(1 for e in entries if len(e["articles"]) == 1),
            "conflicts": sum(e["conflicts"] for e in entries),
            "agreements": sum(e["agreements"] for e in entries),
            "pairs_scored": sum(e["pairs_scored"] for e in entries),
            "stories_reused": len(reused),
            "nli_inputs_computed": nli.computed,
            "nli_inputs_from_store": nli.reused,
            "nli_inputs_repeated": nli.repeats,
            "seconds": {k: round(v, 3) for k, v in timings.items()},
            "warnings": list(warnings),
        },
        "stories": entries,
    }
