"""How a batch run uses the machine: the cyclic collector's pace, and worker processes for
the brand-independent work of a large feed.

Text analysis and sensitivity cost most of a run and need no other topic, so a large feed's
chunks can be prepared by several processes, one per core (:class:`Workers`), which then score
them for each brand too. Workers start by ``forkserver`` (``spawn`` where the system has none),
never a bare ``fork`` of a process whose numerical libraries may hold threads; each builds its
engine from the engine's recipe (:attr:`SensitivityEngine.recipe`) and sends each chunk back
pickled, with its word counts and its place in the feed, so results do not depend on how many
processes made them. Past one machine, Dask or Spark call ``rtm_score.frame.score_frame``.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
import pickle
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeAlias, TypeVar

from .errors import RtmScoreError

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from .models import Decision, Reason, ScoredTopic, Topic
    from .relevance import RelevanceModel
    from .scorer import BrandScorer, Prepared
    from .sensitivity import Assessment, SensitivityEngine
    from .text import Analysed

__all__ = [
    "BATCH_GC_THRESHOLD",
    "MAX_AUTO_JOBS",
    "PARALLEL_AT",
    "BrandJob",
    "Workers",
    "as_prepared",
    "available_cores",
    "fewer_collections",
    "prepare_chunk",
    "workers_for",
]

BATCH_GC_THRESHOLD = 20_000
"""Allocations between the cyclic collector's youngest-generation passes during a scoring run
(Python's default is 700)."""

PARALLEL_AT = 10_000
"""With ``jobs=0`` (one process per core), feeds of at least this many topics are shared with
worker processes; smaller ones stay in the calling process (starting a worker costs about a
second, what 2,000 topics cost to prepare)."""


MAX_AUTO_JOBS = 8
"""The most processes ``jobs=0`` asks for, however many cores: each worker holds about 400 MB
(its engine and a chunk), so a 64-core machine would need 25 GB; ask for more with a count."""


@contextmanager
def fewer_collections() -> Iterator[None]:
    """A scoring run makes millions of small objects (words, reasons, topics) that live until
    its report is written, and no reference cycles among them; at the default threshold the
    cyclic collector walks them again and again, about a tenth of the run. Inside this block
    the objects already loaded (models, rules, the feed) are frozen out of collection and
    the youngest generation is collected every :data:`BATCH_GC_THRESHOLD` allocations; both
    are restored on the way out (the CLI's tests run in one process)."""
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(BATCH_GC_THRESHOLD, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS and Windows have no sched_getaffinity
        return max(1, os.cpu_count() or 1)


def workers_for(jobs: int, n_topics: int, chunk: int, engine: SensitivityEngine) -> int:
    """How many worker processes help this one prepare a feed of ``n_topics`` (0: none).

    ``jobs`` is what the caller asked for: the processes that prepare the feed, this one
    included (1: this one alone), or 0 for one per core (at most :data:`MAX_AUTO_JOBS`) once
    the feed has :data:`PARALLEL_AT` topics. Never more processes than chunks, and no worker
    for an engine that cannot be rebuilt in another process (one given a calendar object) or
    for a program a worker cannot import (:func:`_main_can_be_imported`)."""
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (one per core) or more, got {jobs}")
    chunks = -(-n_topics // chunk)
    if engine.recipe is None or not _main_can_be_imported():
        return 0
    if jobs == 0:
        jobs = min(available_cores(), MAX_AUTO_JOBS) if n_topics >= PARALLEL_AT else 1
    return max(0, min(jobs, chunks) - 1)


def _main_can_be_imported() -> bool:
    """Whether a worker can import the calling program, as ``spawn`` and ``forkserver`` make
    it do: a module run with ``-m`` or a script file can, a program read from stdin cannot
    (its workers would die at start); an interactive session is not imported at all."""
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None:
        return True
    path = getattr(main, "__file__", None)
    return path is None or os.path.isfile(path)


def prepare_chunk(
    engine: SensitivityEngine,
    batch: Sequence[Topic],
    analysed_hook: Callable[[], None] | None = None,
    evidence_from: float = 0.0,
) -> tuple[list[Analysed], list[Assessment]]:
    """One chunk's text analysis and sensitivity (what every brand shares); ``analysed_hook``
    is called between the two (a progress bar names the step). Findings under
    ``evidence_from`` carry no evidence (``SensitivityEngine.assess_analysed``)."""
    from .text import TextPipeline

    analyse = TextPipeline(drop_stopwords=False).analyse_topic
    analysed = [analyse(t.name, t.context) for t in batch]
    if analysed_hook is not None:
        analysed_hook()
    name_only = [not t.context.strip() for t in batch]
    return analysed, engine.assess_analysed(analysed, name_only, evidence_from=evidence_from)


def as_prepared(topics: tuple[Topic, ...], made: bytes | Prepared) -> Prepared:
    """A kept chunk as :class:`Prepared`: unpickled when it was kept as bytes (a worker's or
    the spool's, made by this run moments before: nothing from a user's file)."""
    from .scorer import Prepared

    if isinstance(made, Prepared):
        return made
    analysed, assessments = pickle.loads(made)
    return Prepared(topics, analysed, assessments)


_ENGINE: SensitivityEngine | None = None
"""A worker process's engine, built once by :func:`_start_worker`."""


def _start_worker(recipe: tuple[tuple[Path, ...], bool] | None) -> None:
    global _ENGINE
    from .sensitivity import rebuild_engine

    assert recipe is not None, "workers_for starts no worker for an engine without a recipe"
    # Ctrl-C reaches the whole process group: the run's own process stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _ENGINE = rebuild_engine(recipe)
    # A worker lives for one run and keeps nothing it makes: the loaded engine is frozen out
    # of collection and the young generation collected at the batch pace, as in the CLI.
    gc.freeze()
    gc.set_threshold(BATCH_GC_THRESHOLD, *gc.get_threshold()[1:])


def _prepare_in_worker(
    batch: tuple[Topic, ...], evidence_from: float
) -> tuple[bytes, Counter[str]]:
    from .scorer import document_frequencies

    assert _ENGINE is not None, "worker started without an engine"
    analysed, assessments = prepare_chunk(_ENGINE, batch, evidence_from=evidence_from)
    data = pickle.dumps((tuple(analysed), tuple(assessments)), pickle.HIGHEST_PROTOCOL)
    return data, document_frequencies(analysed)


_BRAND: tuple[str, BrandScorer, RelevanceModel, dt.date] | None = None
"""A worker's brand of the moment: the setup file it was read from, and what it holds."""


_Row: TypeAlias = (
    "tuple[Decision, float, float, tuple[str, ...], tuple[Reason, ...], tuple[str, ...]]"
)


class _Rows(list[_Row]):
    """A worker's scored chunk: each topic's :class:`ScoredTopic` fields after its rank and its
    topic, which the run's own process already holds (it puts its own topics back, so a million
    topics are not held twice)."""


def _score_in_worker(setup: str, topics: tuple[Topic, ...], chunk: bytes) -> _Rows:
    global _BRAND
    from .scorer import BrandScorer

    assert _ENGINE is not None, "worker started without an engine"
    if _BRAND is None or _BRAND[0] != setup:
        with open(setup, "rb") as fh:
            # Written by this run's own process, in its private temporary folder (mkdtemp,
            # mode 0700) moments before: nothing read from a user's file is unpickled.
            profile, model, as_of = pickle.load(fh)
        _BRAND = (setup, BrandScorer(profile, _ENGINE), model, as_of)
    _, scorer, model, as_of = _BRAND
    scored = scorer.score_chunk(model, as_prepared(topics, chunk), as_of)
    return _Rows(
        (s.decision, s.relevance, s.sensitivity, s.categories, s.reasons, s.territories)
        for s in scored
    )


Made: TypeAlias = "bytes | tuple[list[Analysed], list[Assessment]]"
"""A prepared chunk's ``(analysed, assessments)``, pickled when a worker made it."""
ChunkResult: TypeAlias = "tuple[int, Made, Counter[str]]"
"""One prepared chunk: its index, what was made and its word counts."""

T = TypeVar("T")


class _Split(Generic[T]):
    """How far the sharing of ``n`` chunks has come: the chunks queued for the workers (taken
    from the front) and the next one from each end."""

    def __init__(self, n: int) -> None:
        self.queued: dict[Future[T], int] = {}
        self.front = 0
        self.back = n - 1


class BrandJob:
    """One brand's scoring, begun by :meth:`Workers.score`; iterate it for (chunk index,
    scored topics) as the chunks finish."""

    def __init__(
        self,
        workers: Workers,
        split: _Split[list[ScoredTopic] | _Rows],
        submit: Callable[[int], Future[list[ScoredTopic] | _Rows]],
        own: Callable[[int], list[ScoredTopic] | _Rows],
        topics: Callable[[int], tuple[Topic, ...]],
    ) -> None:
        self._workers, self._split, self._submit, self._own = workers, split, submit, own
        self._topics = topics

    def __iter__(self) -> Iterator[tuple[int, list[ScoredTopic]]]:
        from .models import ScoredTopic

        # The chunks this process prepared are the feed's last ones: it scores them itself.
        for index, scored in self._workers._share(self._split, self._submit, self._own):
            if isinstance(scored, _Rows):
                rows = zip(self._topics(index), scored, strict=True)
                scored = [ScoredTopic(0, topic, *row) for topic, row in rows]
            yield index, scored


def _broken() -> RtmScoreError:
    return RtmScoreError(
        "a worker process stopped (out of memory, killed, or it could not start)",
        hint="run again with --jobs 1 to score the feed in one process; a Python script that "
        'asks for jobs must start its work under if __name__ == "__main__":',
    )


class Workers:
    """Worker processes for one run, started once: they help this process prepare the feed's
    chunks (:meth:`prepare`), then score them for each brand (:meth:`score`).

    In both passes the workers take chunks from the front of the feed and this process from
    the back, so it works while they start (about a second) and no one waits at the end; two
    chunks per worker stay queued (more when a brand's scoring begins ahead: :meth:`score`).
    :meth:`close` stops them: at once, cancelling queued chunks, when the run stopped early
    (Ctrl-C, an error); the workers ignore SIGINT and exit after the chunk they hold."""

    def __init__(self, engine: SensitivityEngine, count: int) -> None:
        import tempfile

        self.engine = engine
        self.count = count
        self._pool = _pool(engine, count)
        self._dir = tempfile.TemporaryDirectory(prefix="rtm-score-")
        self._brands = 0

    def prepare(
        self, batches: Sequence[tuple[Topic, ...]], evidence_from: float = 0.0
    ) -> Iterator[ChunkResult]:
        """Every batch's text analysis and sensitivity, with its word counts, as they finish
        (pickled when a worker made it); ``evidence_from`` as for :func:`prepare_chunk`."""
        from .scorer import document_frequencies

        def own(i: int) -> tuple[Made, Counter[str]]:
            made = prepare_chunk(self.engine, batches[i], evidence_from=evidence_from)
            return made, document_frequencies(made[0])

        def submit(i: int) -> Future[tuple[Made, Counter[str]]]:
            return self._pool.submit(_prepare_in_worker, batches[i], evidence_from)

        for index, (made, counts) in self._share(_Split(len(batches)), submit, own):
            yield index, made, counts

    def score(
        self,
        scorer: BrandScorer,
        model: RelevanceModel,
        as_of: dt.date,
        topics: Callable[[int], tuple[Topic, ...]],
        analysis: Callable[[int], bytes | Prepared],
        n: int,
        *,
        ahead: int = 0,
    ) -> BrandJob:
        """One brand's scoring of ``n`` chunks: iterate the job for each chunk's scored topics,
        as they finish. ``topics(i)`` gives a chunk's topics and ``analysis(i)`` its prepared
        analysis, pickled (as a worker or the spool gives it) or not (as this process made it).
        The first ``ahead`` chunks go to the workers at once, so that they score while this
        process does something else (writes the previous brand's report)."""

        self._brands += 1
        setup = os.path.join(self._dir.name, f"brand-{self._brands}.pickle")
        with open(setup, "wb") as fh:
            pickle.dump((scorer.profile, model, as_of), fh, pickle.HIGHEST_PROTOCOL)

        def own(i: int) -> list[ScoredTopic] | _Rows:
            return scorer.score_chunk(model, as_prepared(topics(i), analysis(i)), as_of)

        def submit(i: int) -> Future[list[ScoredTopic] | _Rows]:
            made = analysis(i)
            if not isinstance(made, bytes):
                made = pickle.dumps((made.analysed, made.assessments), pickle.HIGHEST_PROTOCOL)
            return self._pool.submit(_score_in_worker, setup, topics(i), made)

        split: _Split[list[ScoredTopic] | _Rows] = _Split(n)
        while split.front <= split.back and split.front < ahead:
            split.queued[self._guarded(submit, split.front)] = split.front
            split.front += 1
        return BrandJob(self, split, submit, own, topics)

    def _guarded(self, submit: Callable[[int], Future[T]], i: int) -> Future[T]:
        """``submit(i)``; a pool that is broken, or that cannot start a process (the first
        submit starts them), is an error that says what to do."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return submit(i)
        except BrokenProcessPool:
            raise _broken() from None
        except OSError as exc:
            raise RtmScoreError(
                f"cannot start a worker process: {exc.strerror or exc}",
                hint="run again with --jobs 1 to score the feed in one process",
            ) from None

    def _share(
        self, split: _Split[T], submit: Callable[[int], Future[T]], own: Callable[[int], T]
    ) -> Iterator[tuple[int, T]]:
        """Run ``split`` to its end: keep the workers fed from the front, work here from the
        back while nothing is back, and give each result with its index as it finishes."""
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        queued = split.queued
        try:
            while split.front <= split.back or queued:
                while split.front <= split.back and len(queued) < 2 * self.count:
                    queued[self._guarded(submit, split.front)] = split.front
                    split.front += 1
                ready = [f for f in queued if f.done()]
                if not ready and split.front <= split.back:  # nothing back yet: one chunk here
                    back = split.back
                    split.back -= 1
                    yield back, own(back)
                    continue
                if not ready:
                    ready = list(wait(queued, return_when=FIRST_COMPLETED).done)
                for future in sorted(ready, key=queued.__getitem__):
                    result = future.result()
                    yield queued.pop(future), result
        except BrokenProcessPool:
            raise _broken() from None

    def close(self, *, early: bool = False) -> None:
        """Stop the workers (see the class text) and remove the brands' setup files."""
        self._pool.shutdown(wait=not early, cancel_futures=True)
        self._dir.cleanup()


def _pool(engine: SensitivityEngine, workers: int) -> ProcessPoolExecutor:
    """Worker processes that each build the engine from its recipe."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=functools.partial(_start_worker, engine.recipe),
    )
