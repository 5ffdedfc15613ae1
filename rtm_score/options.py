"""Choices shared by the library and the command line, in a module that imports nothing heavy
(``rtm-score --help`` reads them without loading the check or the scorer)."""

from __future__ import annotations

import enum


class CheckFormat(enum.StrEnum):
    """Output formats of ``rtm-score check`` (``rtm_score.check.formats`` renders each)."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    JUNIT = "junit"
    SARIF = "sarif"
    GITLAB = "gitlab"


__all__ = ["CheckFormat"]
