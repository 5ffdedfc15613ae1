"""The brand-independent work of a run, kept between its two passes.

Relevance weighs words by how rare they are in the *whole* feed, so no topic can be scored
before every topic has been read. A run therefore has two passes: the first analyses and judges
the topics chunk by chunk and counts the feed's words; the second scores the chunks for each
brand. A small feed keeps its chunks in memory. A large one (more than :data:`SPOOL_AT`
topics) writes each chunk to an anonymous temporary file as soon as it is done and reads it
back for each brand, so memory holds one chunk's analysis at a time, not the whole feed's
(about 9 KB a topic: 9 GB for a million).

With ``jobs``, worker processes prepare the chunks (:mod:`rtm_score.batch`) and send each back
pickled; a spooled run writes those bytes to its file as they came.

The temporary file is unnamed (``tempfile.TemporaryFile``): no other process can open it, and
the system removes it when the run ends, however it ends. It holds only what this process or
its own workers wrote moments before, which is why reading it back with :mod:`pickle` is safe
here (nothing packaged or read from a user's file is ever unpickled).
"""

from __future__ import annotations

import pickle
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import IO

from .batch import prepare_chunks, workers_for
from .models import Topic
from .scorer import CHUNK, Prepared, Progress, document_frequencies
from .sensitivity import SensitivityEngine
from .text import TextPipeline

__all__ = ["SPOOL_AT", "PreparedFeed"]

SPOOL_AT = 50_000
"""Feeds with more topics than this keep their prepared chunks on disk between the passes."""


class PreparedFeed:
    """A feed's topics analysed and judged once, as :class:`Prepared` chunks of :data:`CHUNK`.

    Iterate it once per brand. ``doc_freq`` and ``n_docs`` are the whole feed's word counts
    (what relevance's IDF learns from). Use it as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        topics: Sequence[Topic],
        engine: SensitivityEngine,
        progress: Progress | None = None,
        *,
        spool_at: int | None = None,
        jobs: int = 1,
    ) -> None:
        limit = SPOOL_AT if spool_at is None else spool_at
        self.topics = topics
        self.n_docs = len(topics)
        self.doc_freq: Counter[str] = Counter()
        self._kept: list[Prepared] = []
        self._offsets: list[int] = []
        # Closed by close(), which __exit__ and a failed __init__ call.
        self._file: IO[bytes] | None = (
            tempfile.TemporaryFile() if len(topics) > limit else None  # noqa: SIM115
        )
        try:
            self._prepare(engine, progress, workers_for(jobs, len(topics), CHUNK, engine))
        except BaseException:
            self.close()
            raise

    def _prepare(self, engine: SensitivityEngine, progress: Progress | None, workers: int) -> None:
        total = len(self.topics)
        if progress is not None:
            progress("analysing", 0, total)
        batches = [tuple(self.topics[s : s + CHUNK]) for s in range(0, total, CHUNK)]
        if workers:
            self._prepare_shared(engine, batches, workers, progress)
            return
        pipe = TextPipeline(drop_stopwords=False)
        for start, batch in zip(range(0, total, CHUNK), batches, strict=True):
            analysed = [pipe.analyse_topic(t.name, t.context) for t in batch]
            if progress is not None:
                progress("analysing", start + len(batch), total)
            assessments = engine.assess_analysed(analysed, [not t.context.strip() for t in batch])
            if progress is not None:
                progress("sensitivity", start + len(batch), total)
            self.doc_freq.update(document_frequencies(analysed))
            self._keep(Prepared(batch, tuple(analysed), tuple(assessments)))

    def _keep(self, chunk: Prepared) -> None:
        if self._file is None:
            self._kept.append(chunk)
            return
        self._offsets.append(self._file.tell())
        # The topics stay in memory with the feed; only the analysis goes to disk.
        pickle.dump((chunk.analysed, chunk.assessments), self._file, pickle.HIGHEST_PROTOCOL)

    def _prepare_shared(
        self,
        engine: SensitivityEngine,
        batches: list[tuple[Topic, ...]],
        workers: int,
        progress: Progress | None,
    ) -> None:
        """The chunks prepared by this process and ``workers`` others, kept in feed order
        whatever order they finish in; a worker's pickled chunk goes to the spool as it came."""
        slots: list[Prepared | None] = [None] * len(batches)
        offsets = [0] * len(batches)
        done = 0
        for index, made, counts in prepare_chunks(engine, batches, workers):
            self.doc_freq.update(counts)
            if self._file is not None:
                offsets[index] = self._file.tell()
                if isinstance(made, bytes):
                    self._file.write(made)
                else:  # as _keep writes it
                    own = (tuple(made[0]), tuple(made[1]))
                    pickle.dump(own, self._file, pickle.HIGHEST_PROTOCOL)
            else:
                analysed, assessments = pickle.loads(made) if isinstance(made, bytes) else made
                slots[index] = Prepared(batches[index], tuple(analysed), tuple(assessments))
            done += len(batches[index])
            if progress is not None:  # each chunk had both steps done at once
                progress("analysing", done, len(self.topics))
                progress("sensitivity", done, len(self.topics))
        self._offsets = offsets
        self._kept = [c for c in slots if c is not None]

    @property
    def spooled(self) -> bool:
        """Whether the chunks wait on disk."""
        return self._file is not None

    def __iter__(self) -> Iterator[Prepared]:
        if self._file is None:
            yield from self._kept
            return
        for i, offset in enumerate(self._offsets):
            self._file.seek(offset)
            analysed, assessments = pickle.load(self._file)  # our own file: see the module text
            start = i * CHUNK
            yield Prepared(tuple(self.topics[start : start + CHUNK]), analysed, assessments)

    def close(self) -> None:
        """Free the chunks (and the temporary file)."""
        self._kept = []
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> PreparedFeed:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
