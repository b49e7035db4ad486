"""Progress a person can follow in a log: one line on stderr every few seconds, terminal or not.

    progress = Progress(total_sentences=5400, every=5.0)
    progress.stage("scoring 80 stories")
    progress.story_started(sentences=40); progress.planned(300); progress.scored(32)
                                                          # prints at most once per `every` seconds

A line reads: `batch: story 12/80, 640/5,400 sentences, 3,104 NLI inputs scored (1,220 from the
store), 41/s, about 2 min left`. The estimate is the NLI inputs still planned for the current story
plus, for the stories not started, the inputs per sentence seen so far, at the rate seen so far;
it is rough on purpose and says "about".
Not for: the per-batch bars of `checker report` (checker/progress.py).
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Callable, TextIO


def _clock() -> float:
    return time.monotonic()


@dataclass
class Progress:
    """Counts of a batch run and a throttled printer for them."""

    total_stories: int = 0
    total_sentences: int = 0  # sentences in stories that will be compared
    every: float = 5.0  # seconds between lines; 0 prints on every update
    stream: TextIO | None = None
    clock: Callable[[], float] = _clock
    stories_done: int = 0
    sentences_done: int = 0
    computed: int = 0  # NLI inputs run through the model
    reused: int = 0  # NLI inputs found in the store
    embedded: int = 0  # texts embedded in the whole run
    stage_embedded: int = 0  # texts embedded since the current stage began (its progress lines count these)
    planned_inputs: int = 0  # NLI inputs announced so far (done and the current story's rest)
    current_sentences: int = 0
    _started: float = field(default=0.0, repr=False)
    _last: float = field(default=0.0, repr=False)
    _stage: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        self._started = self._last = self.clock()

    def stage(self, name: str) -> None:
        """Announce a stage (always printed)."""
        self._stage = name
        self.stage_embedded = 0
        self._print(f"batch: {name}")

    def embedded_batch(self, n: int) -> None:
        """`n` texts were embedded (and committed); counted for the current stage only, so the
        sentence stage's line does not count the titles and leads embedded before it."""
        self.embedded += n
        self.stage_embedded += n
        self._maybe(lambda: f"batch: {self._stage}: {self.stage_embedded:,} embedded")

    def scored(self, n: int) -> None:
        """`n` NLI inputs were computed and committed."""
        self.computed += n
        self._maybe(self.line)

    def planned(self, n: int) -> None:
        """The current story is about to compute `n` NLI inputs."""
        self.planned_inputs += n

    def story_started(self, sentences: int) -> None:
        self.current_sentences = sentences

    def story_done(self, sentences: int) -> None:
        self.stories_done += 1
        self.sentences_done += sentences
        self.current_sentences = 0
        self._maybe(self.line)

    def seconds_left(self) -> float | None:
        """Rough time left, or None before anything was computed."""
        elapsed = self.clock() - self._started
        seen = self.sentences_done + self.current_sentences
        if not self.computed or elapsed <= 0 or not seen:
            return None
        rate = self.computed / elapsed
        future = self.planned_inputs / seen * max(0, self.total_sentences - seen)
        return (max(0, self.planned_inputs - self.computed) + future) / rate

    def line(self) -> str:
        elapsed = max(1e-9, self.clock() - self._started)
        parts = [f"story {self.stories_done}/{self.total_stories}",
                 f"{self.sentences_done:,}/{self.total_sentences:,} sentences",
                 f"{self.computed:,} NLI inputs scored ({self.reused:,} from the store)"]
        if self.computed:
            parts.append(f"{self.computed / elapsed:.0f}/s")
        left = self.seconds_left()
        if left is not None and self.stories_done < self.total_stories:
            parts.append(f"about {_duration(left)} left")
        return "batch: " + ", ".join(parts)

    def restart_clock(self) -> None:
        """Start timing the scoring stage now (model loading would skew the rate)."""
        self._started = self._last = self.clock()

    def _maybe(self, make: Callable[[], str]) -> None:
        now = self.clock()
        if now - self._last >= self.every:
            self._last = now
            self._print(make())

    def _print(self, text: str) -> None:
        print(text, file=self.stream or sys.stderr, flush=True)


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    if seconds < 5400:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"
