"""Tests for rtm_score.batch: worker processes prepare a feed's chunks and score them for each
brand (a group of brands at a time) with the same results as one process."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from rtm_score import api, batch, scorer, spool
from rtm_score.errors import RtmScoreError
from rtm_score.models import Reason, Topic
from rtm_score.profile import load_profile
from rtm_score.sensitivity import load_engine
from rtm_score.text import TextPipeline

ASSETS = Path(__file__).parent / "assets" / "score"
MixedFeed = Callable[[int], list[Topic]]
"""The ``mixed_feed`` fixture (tests/conftest.py)."""


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("spooled", [False, True])
def test_workers_give_the_reports_one_process_gives(
    spooled: bool, monkeypatch: pytest.MonkeyPatch, mixed_feed: MixedFeed
) -> None:
    if spooled:
        monkeypatch.setattr(spool, "SPOOL_AT", 10)
    brands = [
        load_profile(ASSETS / "snack-brand.yaml"),
        load_profile(ASSETS / "fashion-brand.yaml"),
    ]
    topics = mixed_feed(30)  # 8 chunks of 4
    day = dt.date(2026, 6, 1)
    alone = list(api.iter_brands(brands, topics, today=day))
    shared = list(api.iter_brands(brands, topics, today=day, options=api.ScoreOptions(jobs=2)))
    assert shared == alone
    assert {s.decision.value for r in alone for s in r.topics} == {"engage", "skip", "never"}


@pytest.mark.usefixtures("small_chunks")
def test_every_chunk_comes_back_once_with_its_place_and_word_counts(
    mixed_feed: MixedFeed,
) -> None:
    engine = load_engine()
    batches = [tuple(mixed_feed(40)[i : i + 4]) for i in range(0, 40, 4)]
    workers = batch.Workers(engine, 1)
    back = list(workers.prepare(batches, evidence_from=0.35))
    workers.close()
    assert sorted(i for i, _made, _counts in back) == list(range(10))
    made_by = {type(made) for _i, made, _counts in back}
    assert made_by == {bytes, tuple}  # the worker's chunks come pickled, this process's not
    bare = 0
    for index, made, counts in back:
        analysed, assessments = pickle.loads(made) if isinstance(made, bytes) else made
        alone, judged = batch.prepare_chunk(engine, batches[index], evidence_from=0.35)
        assert list(analysed) == alone and list(assessments) == judged
        assert counts == scorer.document_frequencies(alone)
        if isinstance(made, bytes):  # the workers are told which findings need no evidence
            bare += sum(not f.reason.evidence for a in assessments for f in a.findings)
    assert bare


def test_a_worker_that_cannot_start_is_a_clear_error(mixed_feed: MixedFeed) -> None:
    engine = copy.copy(load_engine())  # not the process's shared engine
    engine.recipe = ((Path("/no/such/rules"),), True)  # what the worker rebuilds from
    batches = [tuple(mixed_feed(40)[i : i + 4]) for i in range(0, 40, 4)]
    workers = batch.Workers(engine, 2)
    with pytest.raises(RtmScoreError, match="worker process") as caught:
        list(workers.prepare(batches))
    workers.close(early=True)
    assert "--jobs 1" in (caught.value.hint or "")


def test_a_caller_that_stops_early_stops_the_workers(mixed_feed: MixedFeed) -> None:
    engine = load_engine()
    topics = mixed_feed(40)
    workers = batch.Workers(engine, 2)
    chunks = workers.prepare([tuple(topics[i : i + 4]) for i in range(0, 40, 4)])
    index, made, _counts = next(chunks)
    chunks.close()
    workers.close(early=True)  # the rest are cancelled; nothing waits for them
    assert index == 9  # this process starts from the back while the workers start
    assert len(made[0] if isinstance(made, tuple) else pickle.loads(made)[0]) == 4


def test_prepared_values_pickle_by_their_fields() -> None:
    """A spooled or worker-made chunk is read back through each class's constructor."""
    topic = Topic(id="1", name="#Aurora", context="Gunman opens fire at a cinema")
    analysed = TextPipeline(drop_stopwords=False).analyse_topic(topic.name, topic.context)
    (assessment,) = load_engine().assess_analysed([analysed], [False])
    reason = Reason("sens.death", "about a death", "'killed'", "rule")
    for value in (topic, analysed, assessment, reason, *assessment.findings):
        assert pickle.loads(pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) == value
        assert value.__reduce__()[1] == tuple(getattr(value, n) for n in value.__slots__)


@pytest.mark.usefixtures("small_chunks")
def test_workers_score_every_chunk_as_this_process_would(mixed_feed: MixedFeed) -> None:
    from rtm_score.scorer import BrandScorer, Prepared

    engine = load_engine()
    topics = mixed_feed(40)
    batches = [tuple(topics[i : i + 4]) for i in range(0, 40, 4)]
    made = {i: batch.prepare_chunk(engine, b) for i, b in enumerate(batches)}
    brand = BrandScorer(load_profile(ASSETS / "snack-brand.yaml"), engine)
    model = brand.relevance_model(
        scorer.document_frequencies(a for m in made.values() for a in m[0]), 40
    )
    other = BrandScorer(load_profile(ASSETS / "fashion-brand.yaml"), engine)
    other_model = other.relevance_model(
        scorer.document_frequencies(a for m in made.values() for a in m[0]), 40
    )
    day = dt.date(2026, 6, 1)
    chunks = {
        i: (batches[i], Prepared(batches[i], tuple(m[0]), tuple(m[1]))) for i, m in made.items()
    }
    workers = batch.Workers(engine, 1)
    try:
        pickled = {
            i: (t, pickle.dumps((p.analysed, p.assessments))) for i, (t, p) in chunks.items()
        }
        for source in (chunks, pickled):  # as this process made them, or as a worker sends them
            analysis = {i: made for i, (_t, made) in source.items()}
            job = [(brand, model), (other, other_model)]
            work = workers.score(job, day, batches.__getitem__, analysis.__getitem__, 10)
            back = dict(work)
            assert sorted(back) == list(range(10))
            for i, (_t, prepared) in chunks.items():  # each brand of the job, in its order
                assert back[i] == [
                    brand.score_chunk(model, prepared, day),
                    other.score_chunk(other_model, prepared, day),
                ]
    finally:
        workers.close()


def test_workers_use_the_teams_own_rules(tmp_path: Path, mixed_feed: MixedFeed) -> None:
    """The recipe carries a team's rule folders: a worker's engine finds what theirs find."""
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "ours.yaml").write_text(
        "id: t-chips\ncategory: t-crisis\ntier: floor\nmessage: about our own crisis\n"
        "signals:\n  - {kind: phrase, weight: 0.9, terms: [potato chips]}\n",
        encoding="utf-8",
    )
    engine = load_engine([folder])
    assert engine.recipe == ((folder,), True)
    topics = mixed_feed(20)
    batches = [tuple(topics[i : i + 5]) for i in range(0, 20, 5)]
    workers = batch.Workers(engine, 1)
    try:
        made = {i: m for i, m, _counts in workers.prepare(batches)}
    finally:
        workers.close()
    found = set()
    for index, one in made.items():
        _analysed, assessments = pickle.loads(one) if isinstance(one, bytes) else one
        assert list(assessments) == batch.prepare_chunk(engine, batches[index])[1]
        found |= {f.category for a in assessments for f in a.findings}
    assert "t-crisis" in found


def test_workers_start_by_spawn_where_there_is_no_forkserver(
    monkeypatch: pytest.MonkeyPatch, mixed_feed: MixedFeed
) -> None:
    """macOS and Windows: a worker starts as a fresh interpreter and still builds the engine."""
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    engine = load_engine()
    topics = mixed_feed(20)
    batches = [tuple(topics[i : i + 5]) for i in range(0, 20, 5)]
    workers = batch.Workers(engine, 1)
    try:
        assert workers._pool._mp_context.get_start_method() == "spawn"
        made = {i: m for i, m, _c in workers.prepare(batches)}
    finally:
        workers.close()
    assert sorted(made) == [0, 1, 2, 3] and any(isinstance(m, bytes) for m in made.values())


@pytest.mark.usefixtures("small_chunks")
def test_the_next_brand_is_under_way_before_it_is_asked_for(mixed_feed: MixedFeed) -> None:
    from rtm_score.scorer import BrandScorer
    from rtm_score.spool import PreparedFeed

    engine = load_engine()
    brand = BrandScorer(load_profile(ASSETS / "snack-brand.yaml"), engine)
    day = dt.date(2026, 6, 1)
    with PreparedFeed(mixed_feed(40), engine, jobs=2) as prepared:
        started = prepared.begin([brand], day, ahead=True)
        assert started.job is not None
        assert len(started.job._split.queued) == 10  # all 10 chunks: 16 a worker may wait
        (scored,) = prepared.finish(started, None)
        now = prepared.begin([brand], day)  # asked for at once: shared from the start
        assert now.job is not None and len(now.job._split.queued) == 0
        (again,) = prepared.finish(now, None)
    with PreparedFeed(mixed_feed(40), engine) as alone:
        assert scored == again == alone.score(brand, day, None)


@pytest.mark.usefixtures("small_chunks")
def test_a_system_without_shared_memory_scores_in_one_process(
    monkeypatch: pytest.MonkeyPatch, mixed_feed: MixedFeed
) -> None:
    def no_semaphores(*_args: object) -> None:
        raise OSError(38, "Function not implemented")  # what SemLock says on such systems

    monkeypatch.setattr(spool, "Workers", no_semaphores)
    brand = load_profile(ASSETS / "snack-brand.yaml")
    day = dt.date(2026, 6, 1)
    topics = mixed_feed(30)
    alone = list(api.iter_brands([brand], topics, today=day))
    asked = list(api.iter_brands([brand], topics, today=day, options=api.ScoreOptions(jobs=2)))
    assert asked == alone


def test_a_worker_that_the_system_cannot_start_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, mixed_feed: MixedFeed
) -> None:
    workers = batch.Workers(load_engine(), 1)

    def no_processes(*_args: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")  # fork's EAGAIN: no processes left

    monkeypatch.setattr(workers._pool, "submit", no_processes)
    topics = mixed_feed(8)
    try:
        with pytest.raises(RtmScoreError, match="cannot start a worker process") as caught:
            list(workers.prepare([tuple(topics[:4]), tuple(topics[4:])]))
        assert "--jobs 1" in (caught.value.hint or "")
    finally:
        workers.close(early=True)


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("jobs", [1, 2])
def test_brands_scored_in_groups_give_the_reports_of_one_brand_at_a_time(
    jobs: int, monkeypatch: pytest.MonkeyPatch, mixed_feed: MixedFeed
) -> None:
    brands = [
        load_profile(ASSETS / "snack-brand.yaml"),
        load_profile(ASSETS / "fashion-brand.yaml"),
        load_profile(ASSETS / "snack-brand.yaml"),
    ]
    topics = mixed_feed(30)
    day = dt.date(2026, 6, 1)
    options = api.ScoreOptions(jobs=jobs)
    together = list(api.iter_brands(brands, topics, today=day, options=options))
    monkeypatch.setattr(api, "GROUP_TOPICS", 60)  # two brands of 30 topics a group
    assert [len(g) for g in api.brand_groups(brands, len(topics))] == [2, 1]
    grouped = list(api.iter_brands(brands, topics, today=day, options=options))
    monkeypatch.setattr(api, "GROUP_TOPICS", 1)  # one brand a group, however small the feed
    assert [len(g) for g in api.brand_groups(brands, len(topics))] == [1, 1, 1]
    one_by_one = list(api.iter_brands(brands, topics, today=day, options=options))
    assert together == grouped == one_by_one
    assert [r.brand for r in together] == [b.name for b in brands]
    assert together[0] == together[2] != together[1]


def test_brand_groups_hold_every_brand_once_in_order() -> None:
    names = list("abcdefg")
    assert api.brand_groups(names, 0) == [names]  # type: ignore[arg-type]
    assert api.brand_groups(names, 10**9) == [[n] for n in names]  # type: ignore[arg-type]
    assert api.brand_groups([], 100) == []
