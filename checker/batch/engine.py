"""Engines score stories. `LocalEngine` runs them one after another in this process with models
loaded once; `RayEngine` (ray_engine.py) implements the same `reports` method on a Ray cluster,
each worker with its own models, the driver alone writing the store.

    engine = LocalEngine(models, config, max_pairs=3000)
    for job, report in engine.reports(jobs, warn=print):
        ...
Not for: deciding which stories need scoring (run.py) or writing files (index.py, checker.report).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Protocol, Sequence

from ..api import Models, decide, score
from ..config import Config
from ..types import Article, Report


@dataclass(frozen=True)
class StoryJob:
    """One story to compare: its id, its articles (sentence-limited) and the warnings it carries in."""

    story_id: str
    articles: tuple[Article, ...]
    warnings: tuple[str, ...] = ()


class Engine(Protocol):
    def reports(self, jobs: Sequence[StoryJob], warn: Callable[[str, str], None],
                started: Callable[[StoryJob], None] | None = None) -> Iterable[tuple[StoryJob, Report]]:
        """Each job with its report, in any order; `warn(story_id, message)` for new problems,
        `started(job)` when a job begins."""
        ...


@dataclass
class LocalEngine:
    """Scores stories sequentially in-process (`checker.api.score` then `decide`)."""

    models: Models
    config: Config
    max_pairs: int | None = None

    def reports(self, jobs: Sequence[StoryJob], warn: Callable[[str, str], None],
                started: Callable[[StoryJob], None] | None = None) -> Iterator[tuple[StoryJob, Report]]:
        for job in jobs:
            if started:
                started(job)
            scored = score(job.articles, self.config, self.models, warnings=job.warnings,
                           warn=lambda msg, job=job: warn(job.story_id, msg), max_pairs=self.max_pairs)
            yield job, decide(scored)
