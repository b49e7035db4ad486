"""`RayEngine`: scores stories on a Ray cluster, with the same reports as `LocalEngine`.

    with RayEngine(config, embedder, nli, max_pairs=3000, address="head:6379") as engine:
        for job, report in engine.reports(jobs, warn):
            ...

Each Ray worker is an actor holding its own loaded `Models` (loaded once per actor, one actor per
CPU of the cluster). A story runs in three steps:

1. plan (a task per story): pairing, which gives the story's NLI inputs;
2. NLI (a task per chunk): the driver plans the chunks exactly as `StoredNLI` does in a local run
   (stories in order, inputs already stored or planned by an earlier story skipped, the rest sorted
   and cut into `batch_size` chunks), so every input is computed in the same batch, giving the
   same floating-point numbers; the chunks of all stories run in parallel, a big story's too;
3. report (a task per story, once its logits are stored): signals, aggregation, the Report.

Only the driver touches the store: workers get vectors and logits as arguments and return
logits and reports; the driver writes each chunk in its own transaction, so a killed run resumes
as a local one does. Reports come back in job order.
Not for: deciding which stories need scoring (run.py); installing Ray (`pip install ".[ray]"`).
"""
from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field, replace
from typing import Callable, Iterator, Mapping, Sequence

import numpy as np

from ..api import Models, decide, score
from ..config import Config
from ..errors import CheckerError
from ..segment import segment_all
from ..types import Report
from .cached import StoredEmbedder, StoredNLI, text_hash
from .engine import StoryJob

INSTALL_HINT = "install the ray extra: pip install '.[ray]'"


def ray_available() -> bool:
    """Whether the `ray` package can be imported."""
    try:
        import ray  # noqa: F401
    except ImportError:
        return False
    return True


def check_ray_address(address: str, timeout: float = 5.0) -> None:
    """Raise `CheckerError` when `address` is HOST:PORT and nothing listens there: Ray itself would
    retry for minutes. Other forms (`auto`, `ray://...`) are left to Ray."""
    host, sep, port = address.rpartition(":")
    if not sep or "://" in address or not port.isdigit() or not host:
        return
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as e:
        raise CheckerError(f"no Ray cluster answers at {address} ({e.strerror or e}); start one with "
                           "`ray start --head` or leave out --ray-address for a local one") from None


class MemoryStore:
    """The part of `Store` that `StoredEmbedder` and `StoredNLI` use, in memory (one model key):
    how a worker reads the vectors and logits the driver sent it."""

    def __init__(self, vectors: Mapping[str, np.ndarray] | None = None,
                 logits: Mapping[str, np.ndarray] | None = None) -> None:
        self.vectors = dict(vectors or {})
        self.logits = dict(logits or {})

    def get_vectors(self, model, hashes):
        return {h: self.vectors[h] for h in hashes if h in self.vectors}

    def put_vectors(self, model, vectors) -> None:
        self.vectors.update(vectors)

    def get_logits(self, model, hashes):
        return {h: self.logits[h] for h in hashes if h in self.logits}

    def put_logits(self, model, logits) -> None:
        self.logits.update(logits)


class _Planned(Exception):
    """Raised by `_PlanningNLI` to stop `score` once its NLI inputs are known."""

    def __init__(self, premises: list[str], hypotheses: list[str]) -> None:
        super().__init__("planned")
        self.premises, self.hypotheses = premises, hypotheses


class _PlanningNLI:
    def predict(self, premises, hypotheses, calibrated: bool = True, desc: str = "NLI"):
        raise _Planned(list(premises), list(hypotheses))


class StoryWorker:
    """A Ray actor's body: its own `Models`, loaded once, and the three steps of a story. Stories are
    scored with the driver's `config` (it is recorded in the reports); models are loaded with it
    too, with one torch thread unless it names a number (actors share the CPUs) and no bars."""

    def __init__(self, config: Config, embedder_key: str, nli_key: str, max_pairs: int | None) -> None:
        self.config, self.max_pairs = config, max_pairs
        self.embedder_key, self.nli_key = embedder_key, nli_key
        self.models = Models.load(replace(config, threads=config.threads or 1, progress=False))

    def _models(self, vectors: Mapping[str, np.ndarray], logits: Mapping[str, np.ndarray] | None) -> Models:
        memory = MemoryStore(vectors, logits)
        embedder = StoredEmbedder(self.models.embedder, memory, self.embedder_key)
        nli = StoredNLI(self.models.nli, memory, self.nli_key) if logits is not None else _PlanningNLI()
        return Models(embedder=embedder, nli=nli, signals=self.models.signals)

    def plan(self, job: StoryJob, vectors: Mapping[str, np.ndarray]) -> tuple[list[str], list[str]]:
        """The story's NLI inputs (premises, hypotheses), as `checker.api.score` would ask for them."""
        try:
            score(job.articles, self.config, self._models(vectors, None), warnings=job.warnings,
                  max_pairs=self.max_pairs)
        except _Planned as planned:
            return planned.premises, planned.hypotheses
        raise AssertionError("score() finished without asking for NLI scores")

    def logits(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        """Raw NLI logits of one chunk."""
        return self.models.nli.logits(list(premises), list(hypotheses))

    def report(self, job: StoryJob, vectors: Mapping[str, np.ndarray],
               logits: Mapping[str, np.ndarray]) -> tuple[Report, list[str]]:
        """The story's report from the given vectors and logits, and the new warnings it raised."""
        new: list[str] = []
        scored = score(job.articles, self.config, self._models(vectors, logits), warnings=job.warnings,
                       warn=new.append, max_pairs=self.max_pairs)
        return decide(scored), new


@dataclass
class RayEngine:
    """Scores stories on Ray (see the module docstring). `embedder` and `nli` are the driver's
    store-backed models: vectors are read through `embedder`, logits planned and written through
    `nli` (its counters and progress hooks work as in a local run).

    Use as a context manager: it connects to `address` (an existing cluster) or, when None, starts a
    local Ray for the run and shuts it down afterwards; a Ray already initialised in this process is
    used as it is."""

    config: Config
    embedder: StoredEmbedder
    nli: StoredNLI
    max_pairs: int | None = None
    address: str | None = None
    workers: int | None = None  # default: one per CPU of the cluster
    _started: bool = field(default=False, init=False)
    _actors: list = field(default_factory=list, init=False)

    def __enter__(self) -> "RayEngine":
        try:
            import ray
        except ImportError:
            raise CheckerError(INSTALL_HINT) from None
        if not ray.is_initialized():
            try:
                if self.address:
                    ray.init(address=self.address, log_to_driver=False)
                else:
                    ray.init(num_cpus=os.cpu_count() or 1, include_dashboard=False, log_to_driver=False)
            except (ConnectionError, RuntimeError, ValueError) as e:
                raise CheckerError(f"cannot start or reach Ray{' at ' + self.address if self.address else ''}: "
                                   f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
            self._started = True
        return self

    def __exit__(self, *exc) -> None:
        import ray

        for actor in self._actors:
            ray.kill(actor)
        self._actors = []
        if self._started:
            ray.shutdown()
            self._started = False

    def _start_workers(self, n_tasks: int) -> list:
        import ray

        if not self._actors:
            cpus = int(ray.cluster_resources().get("CPU", 1))
            n = max(1, min(self.workers or cpus, n_tasks))
            actor = ray.remote(num_cpus=1)(StoryWorker)
            self._actors = [actor.remote(self.config, self.embedder.key, self.nli.key, self.max_pairs) for _ in range(n)]
        return self._actors

    def reports(self, jobs: Sequence[StoryJob], warn: Callable[[str, str], None],
                started: Callable[[StoryJob], None] | None = None) -> Iterator[tuple[StoryJob, Report]]:
        """Each job with its report, in job order; see the module docstring."""
        import ray

        if not jobs:
            return
        actors = self._start_workers(len(jobs))
        turn = iter(range(1 << 62))

        def next_actor():
            return actors[next(turn) % len(actors)]

        # 1. plans, all stories at once; vectors read from the store by the driver
        vectors = []
        for job in jobs:
            texts = [s.text for s in segment_all(job.articles, self.config)]
            vecs = self.embedder.encode(texts) if texts else []
            vectors.append(ray.put({text_hash(t): v for t, v in zip(texts, vecs)}))
        plan_refs = [next_actor().plan.remote(job, v) for job, v in zip(jobs, vectors)]

        # 2. NLI chunks, planned in job order as a local run would compute them
        plans, chunk_of = [], {}  # chunk ref -> chunk keys
        needs: list[set] = []  # per job: chunk refs it waits for (its own and earlier stories')
        owner: dict[str, object] = {}  # key planned in this run -> its chunk ref
        for ref in plan_refs:
            premises, hypotheses = ray.get(ref)
            plan = self.nli.plan(premises, hypotheses, pending=owner)
            for chunk in plan.chunks:
                cref = next_actor().logits.remote([plan.variants[k][0] for k in chunk],
                                                  [plan.variants[k][1] for k in chunk])
                chunk_of[cref] = chunk
                for k in chunk:
                    owner[k] = cref
            plans.append(plan)
            needs.append({owner[k] for k in plan.variants if k in owner})

        # 3. reports, each submitted once its logits are stored, yielded in job order
        report_refs: dict[int, object] = {}
        submitted: set[int] = set()
        done: set = set()
        waiting = list(chunk_of)
        nxt = 0
        while nxt < len(jobs):
            for i, job in enumerate(jobs):
                if i not in submitted and needs[i] <= done:
                    submitted.add(i)
                    keys = list(plans[i].variants)
                    logits = dict(zip(keys, self.nli.stored(keys))) if keys else {}
                    report_refs[i] = next_actor().report.remote(job, vectors[i], logits)
            if nxt in report_refs and (not waiting or ray.wait([report_refs[nxt]], timeout=0)[0]):
                if started:
                    started(jobs[nxt])
                report, new = ray.get(report_refs.pop(nxt))
                for message in new:
                    warn(jobs[nxt].story_id, message)
                yield jobs[nxt], report
                nxt += 1
                continue
            if waiting:
                ready, waiting = ray.wait(waiting, num_returns=1)
                for cref in ready:
                    self.nli.commit(chunk_of[cref], ray.get(cref))
                    done.add(cref)
            elif nxt in report_refs:
                ray.wait([report_refs[nxt]], num_returns=1)
