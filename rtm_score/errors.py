"""The exception hierarchy: every error knows its file, its place in it, and how to fix it."""

from __future__ import annotations


class RtmScoreError(Exception):
    """Root of rtm-score's own errors; the CLI maps these to exit code 2.

    Args:
        message: what is wrong.
        source: the file (or ``-`` for stdin) the problem is in.
        where: the key path, ``line N`` or ``row N`` inside it.
        hint: how to fix it.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        where: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        head = ": ".join(p for p in (self.source, self.where) if p)
        text = f"{head}: {self.message}" if head else self.message
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class ProfileError(RtmScoreError):
    """A brand profile cannot be read or is invalid; may hold several problems."""

    def __init__(self, message: str, *, problems: tuple[RtmScoreError, ...] = (), **kw: str | None):
        super().__init__(message, **kw)
        self.problems = problems

    def __str__(self) -> str:
        if not self.problems:
            return super().__str__()
        return "\n".join(str(p) for p in self.problems)


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
