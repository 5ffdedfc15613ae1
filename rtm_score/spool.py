"""The brand-independent work of a run, kept between its two passes.

Relevance weighs words by how rare they are in the *whole* feed, so no topic can be scored
before every topic has been read. A run therefore has two passes: the first analyses and judges
the topics chunk by chunk and counts the feed's words; the second scores the chunks for each
brand. A small feed keeps its chunks in memory. A large one (more than :data:`SPOOL_AT`
topics) writes each chunk to an anonymous temporary file as soon as it is done and reads it
back for each brand, so memory holds one chunk's analysis at a time, not the whole feed's
(about 9 KB a topic: 9 GB for a million).

The temporary file is unnamed (``tempfile.TemporaryFile``): no other process can open it, and
the system removes it when the run ends, however it ends. It holds only what this process
wrote into it moments before, which is why reading it back with :mod:`pickle` is safe here
(nothing packaged or read from a user's file is ever unpickled).
"""

from __future__ import annotations

import pickle
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import IO

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
            self._prepare(engine, progress)
        except BaseException:
            self.close()
            raise

    def _prepare(self, engine: SensitivityEngine, progress: Progress | None) -> None:
        pipe = TextPipeline(drop_stopwords=False)
        total = len(self.topics)
        if progress is not None:
            progress("analysing", 0, total)
        for start in range(0, total, CHUNK):
            batch = self.topics[start : start + CHUNK]
            analysed = [pipe.analyse_topic(t.name, t.context) for t in batch]
            if progress is not None:
                progress("analysing", start + len(batch), total)
            only_names = [not t.context.strip() for t in batch]
            assessments = engine.assess_analysed(analysed, only_names)
            if progress is not None:
                progress("sensitivity", start + len(batch), total)
            self.doc_freq.update(document_frequencies(analysed))
            self._keep(Prepared(tuple(batch), tuple(analysed), tuple(assessments)))

    def _keep(self, chunk: Prepared) -> None:
        if self._file is None:
            self._kept.append(chunk)
            return
        self._offsets.append(self._file.tell())
        # The topics stay in memory with the feed; only the analysis goes to disk.
        pickle.dump((chunk.analysed, chunk.assessments), self._file, pickle.HIGHEST_PROTOCOL)

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
