"""How a batch run uses the machine: the cyclic collector's pace, and worker processes for
the brand-independent work of a large feed.

Text analysis and sensitivity cost most of a run and need no other topic, so a large feed's
chunks can be prepared by several processes, one per core (:func:`prepare_chunks`): this one
and worker processes. Workers are
started with the ``forkserver`` method where the system has it (``spawn`` elsewhere), never a
bare ``fork`` of a process whose numerical libraries may hold threads; each builds its own
sensitivity engine from the engine's recipe (:attr:`SensitivityEngine.recipe`) and sends back
each chunk already pickled, with its word counts. Each chunk says its place in the feed, so a
run's results do not depend on how many processes made them, or in which order. Nothing here
reaches past one machine: there, ``rtm_score.frame.score_frame`` is what Dask or Spark call
per partition.
"""

from __future__ import annotations

import functools
import gc
import os
import pickle
import signal
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import RtmScoreError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from .models import Topic
    from .sensitivity import Assessment, SensitivityEngine
    from .text import Analysed

__all__ = [
    "BATCH_GC_THRESHOLD",
    "PARALLEL_AT",
    "available_cores",
    "fewer_collections",
    "prepare_chunk",
    "prepare_chunks",
    "workers_for",
]

BATCH_GC_THRESHOLD = 20_000
"""Allocations between the cyclic collector's youngest-generation passes during a scoring run
(Python's default is 700)."""

PARALLEL_AT = 10_000
"""With ``jobs=0`` (one worker per core), feeds of at least this many topics are prepared by
worker processes; smaller ones in the calling process (starting a worker costs about a second,
what 2,000 topics cost to prepare)."""


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
    included (1: this one alone), or 0 for one per core once the feed has
    :data:`PARALLEL_AT` topics. Never more processes than chunks, and no worker for an engine
    that cannot be rebuilt in another process (one given a calendar object)."""
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (one per core) or more, got {jobs}")
    chunks = -(-n_topics // chunk)
    if engine.recipe is None:
        return 0
    if jobs == 0:
        jobs = available_cores() if n_topics >= PARALLEL_AT else 1
    return max(0, min(jobs, chunks) - 1)


def prepare_chunk(
    engine: SensitivityEngine, batch: Sequence[Topic]
) -> tuple[list[Analysed], list[Assessment]]:
    """One chunk's text analysis and sensitivity (what every brand shares)."""
    from .text import TextPipeline

    pipe = TextPipeline(drop_stopwords=False)
    analysed = [pipe.analyse_topic(t.name, t.context) for t in batch]
    assessments = engine.assess_analysed(analysed, [not t.context.strip() for t in batch])
    return analysed, list(assessments)


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


def _prepare_in_worker(batch: tuple[Topic, ...]) -> tuple[bytes, Counter[str]]:
    from .scorer import document_frequencies

    assert _ENGINE is not None, "worker started without an engine"
    analysed, assessments = prepare_chunk(_ENGINE, batch)
    data = pickle.dumps((tuple(analysed), tuple(assessments)), pickle.HIGHEST_PROTOCOL)
    return data, document_frequencies(analysed)


ChunkResult = tuple[int, "bytes | tuple[list[Analysed], list[Assessment]]", Counter[str]]
"""One prepared chunk: its index, its ``(analysed, assessments)`` (pickled when a worker made
it) and its word counts."""


def prepare_chunks(
    engine: SensitivityEngine, batches: Sequence[tuple[Topic, ...]], workers: int
) -> Iterator[ChunkResult]:
    """Every batch prepared, by this process and ``workers`` worker processes, in the order
    they finish (each says its index).

    The workers take batches from the front of the feed and this process from the back, so
    it works while they start (about a second) and no one waits at the end. At most two
    batches per worker are queued at a time. When the caller stops early or is interrupted,
    the queued batches are cancelled and nothing waits for the workers."""
    from concurrent.futures import FIRST_COMPLETED, Future, wait
    from concurrent.futures.process import BrokenProcessPool

    from .scorer import document_frequencies

    pool = _pool(engine, workers)
    queued: dict[Future[tuple[bytes, Counter[str]]], int] = {}
    front, back = 0, len(batches) - 1
    finished = False
    try:
        while front <= back or queued:
            while front <= back and len(queued) < 2 * workers:
                queued[pool.submit(_prepare_in_worker, batches[front])] = front
                front += 1
            ready = [f for f in queued if f.done()]
            if not ready and front <= back:  # nothing back yet: prepare one here
                analysed, assessments = prepare_chunk(engine, batches[back])
                yield back, (analysed, assessments), document_frequencies(analysed)
                back -= 1
                continue
            if not ready:
                ready = list(wait(queued, return_when=FIRST_COMPLETED).done)
            for future in sorted(ready, key=queued.__getitem__):
                data, counts = future.result()
                yield queued.pop(future), data, counts
        finished = True
    except BrokenProcessPool:
        raise RtmScoreError(
            "a worker process preparing the feed stopped (out of memory, or killed)",
            hint="run again with --jobs 1 to prepare the feed in one process",
        ) from None
    finally:
        # Stopped early (Ctrl-C, an error): queued batches are cancelled and the workers,
        # which ignore SIGINT, exit after the batch they hold; nothing waits for them.
        pool.shutdown(wait=finished, cancel_futures=True)


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
