"""Worker processes for the brand-independent work of a large feed, and for its brands.

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
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeAlias, TypeVar

from .errors import RtmScoreError
from .machine import BATCH_GC_THRESHOLD, start_up

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from .models import Decision, Reason, ScoredTopic, Topic
    from .relevance import RelevanceModel
    from .scorer import BrandScorer, Prepared
    from .sensitivity import Assessment, SensitivityEngine
    from .text import Analysed

__all__ = ["BrandJob", "Workers", "as_prepared", "prepare_chunk"]


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
    assert recipe is not None, "workers_for starts no worker for an engine without a recipe"
    # Ctrl-C reaches the whole process group: the run's own process stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with start_up():
        from .sensitivity import rebuild_engine

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


_BRANDS: tuple[str, list[tuple[BrandScorer, RelevanceModel]], dt.date] | None = None
"""A worker's brands of the moment: the setup file they were read from, and what it holds."""


_Row: TypeAlias = (
    "tuple[Decision, float, float, tuple[str, ...], tuple[Reason, ...], tuple[str, ...]]"
)


class _Rows(list[_Row]):
    """A worker's scored chunk: each topic's :class:`ScoredTopic` fields after its rank and its
    topic, which the run's own process already holds (it puts its own topics back, so a million
    topics are not held twice)."""


def _score_in_worker(setup: str, topics: tuple[Topic, ...], chunk: bytes) -> list[_Rows]:
    global _BRANDS
    from .scorer import BrandScorer, score_brands

    assert _ENGINE is not None, "worker started without an engine"
    if _BRANDS is None or _BRANDS[0] != setup:
        with open(setup, "rb") as fh:
            # Written by this run's own process, in its private temporary folder (mkdtemp,
            # mode 0700) moments before: nothing read from a user's file is unpickled.
            brands, as_of = pickle.load(fh)
        _BRANDS = (setup, [(BrandScorer(p, _ENGINE), m) for p, m in brands], as_of)
    _, scorers, as_of = _BRANDS
    # The chunk unpickled and its terms counted once for all the brands.
    return [
        _Rows(
            (s.decision, s.relevance, s.sensitivity, s.categories, s.reasons, s.territories)
            for s in scored
        )
        for scored in score_brands(scorers, as_prepared(topics, chunk), as_of)
    ]


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


Scored: TypeAlias = "list[list[ScoredTopic]] | list[_Rows]"
"""One chunk scored for each brand of a job, in the job's order."""


class BrandJob:
    """The scoring of a group of brands, begun by :meth:`Workers.score`; iterate it for
    (chunk index, the chunk's scored topics for each brand) as the chunks finish."""

    def __init__(
        self,
        workers: Workers,
        split: _Split[Scored],
        submit: Callable[[int], Future[Scored]],
        own: Callable[[int], Scored],
        topics: Callable[[int], tuple[Topic, ...]],
    ) -> None:
        self._workers, self._split, self._submit, self._own = workers, split, submit, own
        self._topics = topics

    def __iter__(self) -> Iterator[tuple[int, list[list[ScoredTopic]]]]:
        from .models import ScoredTopic

        # The chunks this process prepared are the feed's last ones: it scores them itself.
        for index, scored in self._workers._share(self._split, self._submit, self._own):
            yield (
                index,
                [
                    [ScoredTopic(0, t, *row) for t, row in zip(self._topics(index), s, strict=True)]
                    if isinstance(s, _Rows)
                    else s
                    for s in scored
                ],
            )


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
    chunks per worker stay queued (more when a group's scoring begins ahead: :meth:`score`).
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
        scorers: Sequence[tuple[BrandScorer, RelevanceModel]],
        as_of: dt.date,
        topics: Callable[[int], tuple[Topic, ...]],
        analysis: Callable[[int], bytes | Prepared],
        n: int,
        *,
        ahead: int = 0,
    ) -> BrandJob:
        """The scoring of ``n`` chunks for each (brand, its relevance model) of ``scorers``,
        each chunk read once for all of them: iterate the job for each chunk's scored topics
        per brand, as they finish. ``topics(i)`` gives a chunk's topics and ``analysis(i)`` its
        prepared analysis, pickled (as a worker or the spool gives it) or not (as this process
        made it). The first ``ahead`` chunks go to the workers at once, so that they score while
        this process does something else (writes the previous group's reports)."""

        self._brands += 1
        setup = os.path.join(self._dir.name, f"brands-{self._brands}.pickle")
        brands = [(scorer.profile, model) for scorer, model in scorers]
        with open(setup, "wb") as fh:
            pickle.dump((brands, as_of), fh, pickle.HIGHEST_PROTOCOL)

        def own(i: int) -> Scored:
            from .scorer import score_brands

            return score_brands(scorers, as_prepared(topics(i), analysis(i)), as_of)

        def submit(i: int) -> Future[Scored]:
            made = analysis(i)
            if not isinstance(made, bytes):
                made = pickle.dumps((made.analysed, made.assessments), pickle.HIGHEST_PROTOCOL)
            return self._pool.submit(_score_in_worker, setup, topics(i), made)

        split: _Split[Scored] = _Split(n)
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
        """Stop the workers (see the class text) and remove the groups' setup files."""
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
