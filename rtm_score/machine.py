"""What a run may ask of the machine: how many processes share a feed, and the cyclic
collector's pace while a run makes its millions of small objects.

:mod:`rtm_score.batch` starts the worker processes :func:`workers_for` asks for.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .sensitivity import SensitivityEngine

__all__ = [
    "BATCH_GC_THRESHOLD",
    "MAX_AUTO_JOBS",
    "PARALLEL_AT",
    "available_cores",
    "fewer_collections",
    "start_up",
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
def start_up() -> Iterator[None]:
    """A command's start-up (the libraries it imports, the packaged model, rules and calendar,
    the profile, the feed) makes about a million objects that live until it exits, and the
    cyclic collector walked them again and again as they came: about a tenth of a 10-topic
    run. Inside this block the collector is off; on the way out it is as it was (on, unless a
    caller had turned it off). What start-up leaves unreachable in cycles is a few dozen
    objects (46, whatever the feed's size, measured on CSV and JSON feeds of 10 to 100,000
    topics), so that :func:`fewer_collections` freezes them with the rest costs nothing."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


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
