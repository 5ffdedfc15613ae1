"""Output formats of the calendar check: one pure ``render(report) -> str`` per format."""

from __future__ import annotations

from collections.abc import Callable

from ...options import CheckFormat
from ..models import CheckReport
from . import github, gitlab, json, junit, sarif, text

FORMATTERS: dict[CheckFormat, Callable[[CheckReport], str]] = {
    CheckFormat.TEXT: text.render,
    CheckFormat.JSON: json.render,
    CheckFormat.GITHUB: github.render,
    CheckFormat.JUNIT: junit.render,
    CheckFormat.SARIF: sarif.render,
    CheckFormat.GITLAB: gitlab.render,
}


def render_check(report: CheckReport, fmt: CheckFormat | str = CheckFormat.TEXT) -> str:
    """Render a check report in ``fmt``."""
    return FORMATTERS[CheckFormat(fmt)](report)


__all__ = ["FORMATTERS", "CheckFormat", "render_check"]
