"""The scoring pipeline: topics -> text analysis and sensitivity (once, for every brand) ->
each brand's relevance, calendar and decision (``scorer.py``) -> one Report per brand.

``progress(phase, done, total)`` is called with the phase ``analysing``, ``sensitivity`` or
``scoring``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from . import __version__
from .models import Report, RowError, ScoredTopic, Topic
from .profile import BrandProfile
from .ranking import rank_key
from .scorer import BrandScorer, Prepared, Progress
from .sensitivity import SensitivityEngine, load_engine
from .spool import PreparedFeed

__all__ = [
    "Prepared",
    "ScoreOptions",
    "iter_brands",
    "prepare_topics",
    "score_topics",
]


@dataclass(frozen=True, slots=True)
class ScoreOptions:
    """Run options that are not part of the brand profile."""

    as_of: dt.date | None = None
    """Date for topics whose feed gives none (default: ``today``)."""
    jobs: int = 1
    """Processes that share the feed's text analysis, sensitivity and scoring, this one
    included: 1 for this one alone, 0 for one per core (up to ``machine.MAX_AUTO_JOBS``) once
    the feed is large (``machine.PARALLEL_AT``), or a count. Where the system cannot run worker
    processes (no shared memory), this process does the work alone. The results are the
    same whatever the count (``rtm_score.batch``)."""


def prepare_topics(
    topics: Sequence[Topic],
    engine: SensitivityEngine | None = None,
    progress: Progress | None = None,
    *,
    evidence_from: float = 0.0,
) -> Prepared:
    """Analyse the topics' text and assess their sensitivity (the brand-independent work);
    findings scoring under ``evidence_from`` (the lowest caution threshold of the brands that
    will score them) carry no evidence, since no brand shows them."""
    with PreparedFeed(
        topics, engine or load_engine(), progress, spool_at=len(topics), evidence_from=evidence_from
    ) as feed:
        chunks = list(feed)
    return Prepared(
        tuple(topics),
        tuple(a for c in chunks for a in c.analysed),
        tuple(s for c in chunks for s in c.assessments),
    )


def score_topics(
    profile: BrandProfile,
    topics: Sequence[Topic],
    *,
    today: dt.date,
    errors: Sequence[RowError] = (),
    feed: str = "",
    now: dt.datetime | None = None,
    engine: SensitivityEngine | None = None,
    options: ScoreOptions = ScoreOptions(),
    progress: Progress | None = None,
) -> Report:
    """Score every topic for ``profile`` and rank them (one brand of :func:`iter_brands`).

    Args:
        today: the run date (the library never reads the clock).
        now: the report's ``generated_at`` (default: midnight UTC of ``today``).
        progress: called as ``progress(phase, done, total)`` while working.
    """
    (report,) = iter_brands(
        [profile],
        topics,
        today=today,
        errors=errors,
        feed=feed,
        now=now,
        engine=engine,
        options=options,
        progress=progress,
    )
    return report


def iter_brands(
    profiles: Sequence[BrandProfile],
    topics: Sequence[Topic],
    *,
    today: dt.date,
    errors: Sequence[RowError] = (),
    feed: str = "",
    now: dt.datetime | None = None,
    engine: SensitivityEngine | None = None,
    options: ScoreOptions = ScoreOptions(),
    progress: Progress | None = None,
) -> Iterator[Report]:
    """One report per profile, in order, one at a time: a caller that writes each report before
    asking for the next holds one brand's report in memory, not all of them. The text analysis
    and the sensitivity of every topic are computed once and shared; only relevance and the
    decision are per brand."""
    engine = engine or load_engine()
    as_of = options.as_of or today
    generated = now or dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    # Two passes: every topic analysed and judged once (for every brand), with the feed's word
    # counts that relevance's IDF needs; then each brand scores the prepared chunks.
    # No brand shows a finding under its caution threshold, so none needs its evidence.
    shown_from = min((p.thresholds.skip for p in profiles), default=0.0)
    with PreparedFeed(
        topics, engine, progress, jobs=options.jobs, evidence_from=shown_from
    ) as prepared:
        groups = brand_groups(profiles, len(topics))
        started = [prepared.begin([BrandScorer(p, engine) for p in g], as_of) for g in groups[:1]]
        for i, group in enumerate(groups):
            per_brand = prepared.finish(started.pop(), progress)
            # The next group's scoring starts on the workers before these reports are handed
            # over: they score while the caller writes them.
            started += [
                prepared.begin([BrandScorer(p, engine) for p in g], as_of, ahead=True)
                for g in groups[i + 1 : i + 2]
            ]
            for profile, scored in zip(group, per_brand, strict=True):
                yield Report(
                    brand=profile.name,
                    generated_at=generated,
                    version=__version__,
                    topics=_ranked(scored),
                    errors=tuple(errors),
                    feed=feed,
                    as_of=as_of,
                )


GROUP_TOPICS = 1_000_000
"""The most scored topics a run holds at once over a group of brands (about 350 MB: 10 brands
over 100,000 topics peaked at 866 MB against 557 MB for one): the brands of a group score
each prepared chunk in one pass, read, unpickled and counted once for all."""


def brand_groups(profiles: Sequence[BrandProfile], n_topics: int) -> list[Sequence[BrandProfile]]:
    """``profiles`` in order, in groups of as many brands as :data:`GROUP_TOPICS` allows for a
    feed of ``n_topics`` (at least one brand a group)."""
    size = max(1, GROUP_TOPICS // max(1, n_topics))
    return [profiles[i : i + size] for i in range(0, len(profiles), size)]


def _ranked(scored: list[ScoredTopic]) -> tuple[ScoredTopic, ...]:
    """One brand's scored topics, ranked."""
    scored.sort(key=rank_key)
    # Ranked copies replace the unranked ones one by one (popped from the end of the reversed
    # list), so a million topics are never held twice.
    scored.reverse()
    ranked: list[ScoredTopic] = []
    while scored:
        s = scored.pop()
        ranked.append(
            ScoredTopic(
                len(ranked) + 1,
                s.topic,
                s.decision,
                s.relevance,
                s.sensitivity,
                s.categories,
                s.reasons,
                s.territories,
            )
        )
    return tuple(ranked)
