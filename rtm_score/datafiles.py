"""Checking any data file the tool reads: a brand profile, a rule file or a calendar file.

``rtm-score validate`` calls :func:`check_file` for each path it is given. The kind is told
from the file's top-level keys (``observances:`` is a calendar, ``signals:`` a rule file,
anything else a profile) unless it is given. Every kind goes through the one validator
(:mod:`rtm_score.schema`), so the problems come in one shape: file, key path, line, hint.
"""

from __future__ import annotations

import enum
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import RtmScoreError
from .inputs import MAX_CONFIG_BYTES, read_input


class FileKind(enum.StrEnum):
    """The kinds of data file a team writes."""

    PROFILE = "profile"
    RULES = "rules"
    CALENDAR = "calendar"


@dataclass(frozen=True, slots=True)
class FileReport:
    """What checking one file found: its kind, a one-line summary when valid, or problems."""

    path: str
    kind: FileKind
    summary: str = ""
    name: str | None = None
    """The brand's name (profiles), the rule id (rule files); None for calendars."""
    problems: tuple[RtmScoreError, ...] = ()

    @property
    def valid(self) -> bool:
        """Whether the file has no problem."""
        return not self.problems


_TOP_KEY = re.compile(r"^(observances|signals)\s*:", re.MULTILINE)


def sniff_kind(path: str | os.PathLike[str]) -> FileKind:
    """The kind of a data file, from its top-level keys (a profile when it cannot tell)."""
    if Path(path).suffix.lower() not in (".yaml", ".yml") or not Path(path).is_file():
        return FileKind.PROFILE  # rule and calendar files are YAML files; a pipe is read once
    try:
        head = read_input(path, MAX_CONFIG_BYTES).decode("utf-8", "replace")
    except OSError:
        return FileKind.PROFILE  # the profile reader reports the unreadable file
    found = _TOP_KEY.search(head)
    if found is None:
        return FileKind.PROFILE
    return FileKind.CALENDAR if found[1] == "observances" else FileKind.RULES


def check_file(path: str | os.PathLike[str], kind: FileKind | None = None) -> FileReport:
    """Check one data file; never raises for what is in the file."""
    kind = kind or sniff_kind(path)
    source = os.fspath(path)
    try:
        summary, name = _CHECKS[kind](Path(path))
    except RtmScoreError as exc:
        return FileReport(source, kind, problems=tuple(exc.problems) or (exc,))
    return FileReport(source, kind, summary, name)


def _profile(path: Path) -> tuple[str, str | None]:
    from .profile import load_profile

    profile = load_profile(path)
    return profile.summary(), profile.name


def _rules(path: Path) -> tuple[str, str | None]:
    from .sensitivity.rulefiles import load_rules

    _rule, info = load_rules(extra_files=[path])[-1]
    return f"rule {info.id!r} ({info.tier.value}, {info.category}): {info.message}", info.id


def _calendar(path: Path) -> tuple[str, str | None]:
    from .observances import load_calendar

    n = len(load_calendar(extra_files=[path])) - len(load_calendar())
    return f"{n} observance{'s' if n != 1 else ''}", None


_CHECKS = {FileKind.PROFILE: _profile, FileKind.RULES: _rules, FileKind.CALENDAR: _calendar}
