"""Tests for rtm_score.machine: when there are workers and how many; the collector during
start-up and its pace during a run."""

from __future__ import annotations

import gc

import pytest

from rtm_score import machine
from rtm_score.sensitivity import load_engine


def test_fewer_collections_during_a_run_and_as_before_after_it() -> None:
    before = gc.get_threshold()
    with machine.fewer_collections():
        assert gc.get_threshold() == (machine.BATCH_GC_THRESHOLD, *before[1:])
        assert gc.get_freeze_count() > 0  # what was loaded before the run is left alone
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), machine.fewer_collections():
        raise RuntimeError("a run that fails")
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_start_up_turns_the_collector_off_and_back_on_as_it_was() -> None:
    assert gc.isenabled()
    with machine.start_up():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), machine.start_up():
        raise RuntimeError("a profile that cannot be read")
    assert gc.isenabled()
    gc.disable()  # a caller that runs without the collector keeps it off
    try:
        with machine.start_up():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("jobs", "topics", "cores", "expected"),
    [
        (1, 100_000, 8, 0),  # 1: this process alone
        (0, 100_000, 8, 7),  # 0: one process per core (this one and 7 workers), for a large feed
        (0, 100_000, 64, machine.MAX_AUTO_JOBS - 1),  # but not 64 of them unasked (400 MB each)
        (12, 100_000, 64, 11),  # a count is a count
        (0, 100_000, 1, 0),  # one core: no worker
        (0, machine.PARALLEL_AT - 1, 8, 0),  # a small feed is not worth a worker's start
        (3, 9_000, 8, 2),  # an exact count, whatever the size
        (16, 5_000, 8, 2),  # never more processes than chunks (3 of 2,000)
        (2, 2_000, 8, 0),  # one chunk: nothing to share
    ],
)
def test_how_many_workers_prepare_a_feed(
    jobs: int, topics: int, cores: int, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(machine, "available_cores", lambda: cores)
    assert machine.workers_for(jobs, topics, 2000, load_engine()) == expected


def test_no_worker_for_an_engine_it_cannot_rebuild() -> None:
    from rtm_score.observances import load_calendar

    engine = load_engine(calendar=load_calendar())  # given an object: no recipe
    assert engine.recipe is None
    assert machine.workers_for(4, 100_000, 2000, engine) == 0
    with pytest.raises(ValueError, match="jobs must be 0"):
        machine.workers_for(-1, 100_000, 2000, load_engine())


def test_no_worker_for_a_program_read_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """``python - < script.py``: a worker would have to import "<stdin>" and die at start."""
    import sys
    import types

    fed = types.ModuleType("__main__")
    fed.__file__ = "<stdin>"
    monkeypatch.setitem(sys.modules, "__main__", fed)
    assert machine.workers_for(4, 100_000, 2000, load_engine()) == 0
    fed.__file__ = __file__  # a script on disk: workers import it
    assert machine.workers_for(4, 100_000, 2000, load_engine()) == 3
    del fed.__file__  # an interactive session: nothing to import
    assert machine.workers_for(4, 100_000, 2000, load_engine()) == 3
