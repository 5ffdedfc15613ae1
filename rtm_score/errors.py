"""The exception hierarchy: every error knows its file, its place in it, and how to fix it."""

from __future__ import annotations


class RtmScoreError(Exception):
    """Root of rtm-score's own errors; the CLI maps these to exit code 2.

    Args:
        message: what is wrong.
        source: the file (or ``-`` for stdin) the problem is in.
        where: the key path, ``line N`` or ``row N`` inside it.
        hint: how to fix it.
        problems: for an invalid data file, every problem found in it (each a
            :class:`Problem`), not just the first.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        where: str | None = None,
        hint: str | None = None,
        problems: tuple[RtmScoreError, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.where = where
        self.hint = hint
        self.problems = problems

    def __str__(self) -> str:
        if self.problems:
            tail = f"\n  hint: {self.file_hint}" if self.file_hint else ""
            return "\n".join(str(p) for p in self.problems) + tail
        head = ": ".join(p for p in (self.source, self.where) if p)
        text = f"{head}: {self.message}" if head else self.message
        return f"{text}\n  hint: {self.hint}" if self.hint else text

    @property
    def file_hint(self) -> str | None:
        """The hint for the file as a whole, when it holds problems that do not already say
        it (``None`` otherwise)."""
        if not self.problems or not self.hint:
            return None
        return None if any(p.hint == self.hint for p in self.problems) else self.hint


class Problem(RtmScoreError):
    """One problem in a data file, with its key path, line and column kept apart for tools.

    Every data file the tool reads (profiles, rule files, calendars, territories) reports its
    problems in this one shape: ``file: key.path (line N): message`` and a hint.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str,
        key_path: str = "",
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        if key_path:
            where = f"{key_path} (line {line})" if line is not None else key_path
        elif line is not None:
            where = f"line {line}, column {column}" if column is not None else f"line {line}"
        else:
            where = ""
        super().__init__(message, source=source, where=where or None, hint=hint or None)
        self.key_path = key_path
        self.line = line
        self.column = column


class ProfileError(RtmScoreError):
    """A brand profile cannot be read or is invalid; ``problems`` holds every problem."""


class FeedError(RtmScoreError):
    """A feed cannot be read at all (bad rows are reported as ``RowError`` instead)."""


class RuleError(RtmScoreError):
    """A sensitivity rule, lexicon or calendar data file is invalid."""


class CalendarError(RtmScoreError):
    """A campaign calendar cannot be read."""


class DataError(RtmScoreError):
    """A packaged data file is missing or broken (a packaging bug)."""


class UsageError(RtmScoreError):
    """Options that cannot work together, caught after argument parsing."""
