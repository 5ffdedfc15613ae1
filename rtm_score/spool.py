"""The brand-independent work of a run, kept between its two passes.

Relevance weighs words by how rare they are in the *whole* feed, so no topic can be scored
before every topic has been read. A run therefore has two passes: the first analyses and judges
the topics chunk by chunk and counts the feed's words; the second scores the chunks for each
group of brands. A small feed keeps its chunks in memory. A large one (more than
:data:`SPOOL_AT` topics) writes each chunk to an anonymous temporary file as soon as it is done
and reads it back for each group, so memory holds one chunk's analysis at a time, not the
whole feed's (about 9 KB a topic: 9 GB for a million).

With ``jobs``, worker processes share both passes (:mod:`rtm_score.batch`): they send each chunk
they prepare back pickled, and the run keeps those bytes as they came, in memory or in its
file, to hand them to a worker again when it scores the chunk for a group of brands.

The temporary file is unnamed (``tempfile.TemporaryFile``): no other process can open it, and
the system removes it when the run ends, however it ends. It holds only what this process or
its own workers wrote moments before, which is why reading it back with :mod:`pickle` is safe
here (nothing packaged or read from a user's file is ever unpickled).
"""

from __future__ import annotations

import datetime as dt
import functools
import pickle
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO

from .batch import BrandJob, Workers, as_prepared, prepare_chunk
from .machine import workers_for
from .models import ScoredTopic, Topic
from .scorer import CHUNK, BrandScorer, Prepared, Progress, document_frequencies, score_brands
from .sensitivity import SensitivityEngine

__all__ = ["AHEAD", "SPOOL_AT", "PreparedFeed", "Scoring"]

SPOOL_AT = 50_000
"""Feeds with more topics than this keep their prepared chunks on disk between the passes."""

AHEAD = 16
"""Chunks per worker queued at the start of a group's scoring begun ahead: about what one
worker scores (3 s) for one brand while this process writes a report of 100,000 topics."""


@dataclass(frozen=True, slots=True)
class Scoring:
    """The scoring of a group of brands, started by :meth:`PreparedFeed.begin`."""

    scorers: tuple[BrandScorer, ...]
    as_of: dt.date
    job: BrandJob | None
    """The workers' part, already under way; None when the feed has no workers."""


class PreparedFeed:
    """A feed's topics analysed and judged once, as :class:`Prepared` chunks of :data:`CHUNK`.

    Score it once per brand (:meth:`score`), or iterate its chunks. ``doc_freq`` and
    ``n_docs`` are the whole feed's word counts (what relevance's IDF learns from). Use it as a
    context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        topics: Sequence[Topic],
        engine: SensitivityEngine,
        progress: Progress | None = None,
        *,
        spool_at: int | None = None,
        jobs: int = 1,
        evidence_from: float = 0.0,
    ) -> None:
        limit = SPOOL_AT if spool_at is None else spool_at
        self.evidence_from = evidence_from
        """Findings under this score carry no evidence: the lowest caution threshold of the
        brands that will score the feed (``SensitivityEngine.assess_analysed``)."""
        self.topics = topics
        self.n_docs = len(topics)
        self.doc_freq: Counter[str] = Counter()
        self._kept: list[Prepared | bytes] = []
        """In memory: each chunk as this process made it, or pickled as a worker sent it."""
        self._spans: list[tuple[int, int]] = []
        """Spooled: each chunk's offset and length in the file."""
        self._workers: Workers | None = None
        # Closed by close(), which __exit__ and a failed __init__ call.
        self._file: IO[bytes] | None = (
            tempfile.TemporaryFile() if len(topics) > limit else None  # noqa: SIM115
        )
        try:
            workers = workers_for(jobs, len(topics), CHUNK, engine)
            if workers:
                self._workers = _start(engine, workers)
            self._prepare(engine, progress)
        except BaseException:
            self.close(early=True)
            raise

    def _prepare(self, engine: SensitivityEngine, progress: Progress | None) -> None:
        total = len(self.topics)
        if progress is not None:
            progress("analysing", 0, total)
        batches = [tuple(self.topics[s : s + CHUNK]) for s in range(0, total, CHUNK)]
        if self._workers is not None:
            self._prepare_shared(self._workers, batches, progress)
            return
        for start, batch in zip(range(0, total, CHUNK), batches, strict=True):
            done = start + len(batch)
            hook = (
                None if progress is None else functools.partial(progress, "analysing", done, total)
            )
            analysed, assessments = prepare_chunk(engine, batch, hook, self.evidence_from)
            if progress is not None:
                progress("sensitivity", done, total)
            self.doc_freq.update(document_frequencies(analysed))
            self._keep(
                len(self._kept) + len(self._spans),
                Prepared(batch, tuple(analysed), tuple(assessments)),
            )

    def _prepare_shared(
        self, workers: Workers, batches: list[tuple[Topic, ...]], progress: Progress | None
    ) -> None:
        """The chunks prepared by this process and its workers, kept in feed order whatever
        order they finish in; a worker's pickled chunk is kept (or spooled) as it came."""
        self._kept = [b""] * len(batches) if self._file is None else []
        self._spans = [(0, 0)] * len(batches) if self._file is not None else []
        done = 0
        for index, made, counts in workers.prepare(batches, self.evidence_from):
            self.doc_freq.update(counts)
            chunk = (
                made
                if isinstance(made, bytes)
                else Prepared(batches[index], tuple(made[0]), tuple(made[1]))
            )
            self._keep(index, chunk)
            done += len(batches[index])
            if progress is not None:  # each chunk had both steps done at once
                progress("analysing", done, len(self.topics))
                progress("sensitivity", done, len(self.topics))

    def _keep(self, index: int, chunk: Prepared | bytes) -> None:
        """Keep chunk ``index``: in memory, or (the analysis only; the topics stay in memory
        with the feed) at the end of the spool."""
        if self._file is None:
            if index == len(self._kept):
                self._kept.append(chunk)
            else:
                self._kept[index] = chunk
            return
        data = (
            chunk
            if isinstance(chunk, bytes)
            else pickle.dumps((chunk.analysed, chunk.assessments), pickle.HIGHEST_PROTOCOL)
        )
        span = (self._file.seek(0, 2), len(data))
        self._file.write(data)
        if index == len(self._spans):
            self._spans.append(span)
        else:
            self._spans[index] = span

    def _topics(self, index: int) -> tuple[Topic, ...]:
        return tuple(self.topics[index * CHUNK : (index + 1) * CHUNK])

    def _chunk(self, index: int) -> Prepared | bytes:
        """Chunk ``index`` as kept: its analysis pickled (a worker's, or read from the spool)
        or not."""
        if self._file is None:
            return self._kept[index]
        offset, size = self._spans[index]
        self._file.seek(offset)
        return self._file.read(size)

    def _load(self, index: int) -> Prepared:
        return as_prepared(self._topics(index), self._chunk(index))

    @property
    def spooled(self) -> bool:
        """Whether the chunks wait on disk."""
        return self._file is not None

    def __len__(self) -> int:
        return len(self._spans) if self._file is not None else len(self._kept)

    def __iter__(self) -> Iterator[Prepared]:
        for index in range(len(self)):
            yield self._load(index)

    def score(
        self, scorer: BrandScorer, as_of: dt.date, progress: Progress | None
    ) -> list[ScoredTopic]:
        """One brand's scored topics, in feed order: :meth:`BrandScorer.score` over the
        chunks, shared with the workers when the feed was prepared with some."""
        return self.finish(self.begin([scorer], as_of), progress)[0]

    def begin(
        self, scorers: Sequence[BrandScorer], as_of: dt.date, *, ahead: bool = False
    ) -> Scoring:
        """Start the scoring of a group of brands (:meth:`finish` ends it), each chunk read
        (and unpickled) once for all of them. With ``ahead`` (the caller has other work
        first: the previous group's reports to write) and workers, the first :data:`AHEAD`
        chunks per worker go to them at once, so that they score meanwhile; otherwise this
        process shares the chunks with them from the start."""
        if self._workers is None:
            return Scoring(tuple(scorers), as_of, None)
        models = [(s, s.relevance_model(self.doc_freq, self.n_docs)) for s in scorers]
        queued = AHEAD * self._workers.count if ahead else 0
        job = self._workers.score(models, as_of, self._topics, self._chunk, len(self), ahead=queued)
        return Scoring(tuple(scorers), as_of, job)

    def finish(self, scoring: Scoring, progress: Progress | None) -> list[list[ScoredTopic]]:
        """Each brand's scored topics (in the order :meth:`begin` was given the brands), in
        feed order."""
        scored: Iterable[tuple[int, list[list[ScoredTopic]]]]
        if scoring.job is not None:
            scored = scoring.job
        else:  # no workers: this process scores every chunk, in order
            pairs = [(s, s.relevance_model(self.doc_freq, self.n_docs)) for s in scoring.scorers]
            scored = (
                (i, score_brands(pairs, chunk, scoring.as_of)) for i, chunk in enumerate(self)
            )
        parts: list[list[list[ScoredTopic]]] = [
            [[] for _ in range(len(self))] for _ in scoring.scorers
        ]
        done = 0
        for index, per_brand in scored:
            for part, chunk_scored in zip(parts, per_brand, strict=True):
                part[index] = chunk_scored
            done += len(per_brand[0]) if per_brand else 0
            if progress is not None:
                progress("scoring", done, self.n_docs)
        if progress is not None and not done:
            progress("scoring", 0, 0)
        return [[s for chunk in part for s in chunk] for part in parts]

    def close(self, *, early: bool = False) -> None:
        """Free the chunks (and the temporary file), and stop the workers (at once when the
        run stopped ``early``)."""
        self._kept = []
        if self._workers is not None:
            self._workers.close(early=early)
            self._workers = None
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> PreparedFeed:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(early=exc_type is not None)


def _start(engine: SensitivityEngine, workers: int) -> Workers | None:
    """Worker processes, or None (this process alone) where the system cannot make the pool's
    queues and locks (some sandboxes and serverless runtimes have no shared memory)."""
    try:
        return Workers(engine, workers)
    except (OSError, ImportError, NotImplementedError):
        return None
