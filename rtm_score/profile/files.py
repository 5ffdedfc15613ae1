"""Reading profile files (YAML, JSON, TOML), with the line of every key; the starter profile."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ProfileError, RtmScoreError
from ..inputs import MAX_CONFIG_BYTES, read_input
from ..resources import read_text
from ..schema import SYNTAX, Context, fatal, invalid, read_document
from .messages import check_data, to_profile
from .model import BrandProfile


def _fatal(source: str, message: str, hint: str, line: int | None = None) -> RtmScoreError:
    return fatal(ProfileError, source, message, hint, line)


def load_profile(path: str | os.PathLike[str]) -> BrandProfile:
    """Read and validate a brand profile (YAML, JSON or TOML, by extension; else YAML).

    Raises:
        ProfileError: the file cannot be read or is invalid; ``problems`` holds every problem.
    """
    source = os.fspath(path)
    try:
        raw = read_input(path, MAX_CONFIG_BYTES)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise _fatal(source, f"cannot read the profile: {reason}", "check the path; "
                     "`rtm-score init` writes a starter profile") from None  # fmt: skip
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise _fatal(source, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line})",
                     "save the file as UTF-8", line) from None  # fmt: skip
    if not text.strip():
        raise _fatal(source, "the profile is empty", "run `rtm-score init` for a starter profile")
    syntax = SYNTAX.get(Path(source).suffix.lower(), "YAML")
    data, marks = read_document(text, syntax, source, ProfileError, "profile")
    if data is None:
        what = "only comments" if syntax == "YAML" else "null"
        raise _fatal(source, f"the profile is empty ({what})", "add at least `name:` and "
                     "`keywords:`; run `rtm-score init -` for a sample")  # fmt: skip
    model, problems = check_data(data, Context(source, marks, syntax))
    if problems or model is None:
        raise invalid(ProfileError, "brand profile", source, problems)
    return to_profile(model, source)


def check_profile(path: str | os.PathLike[str]) -> list[RtmScoreError]:
    """Every problem in a profile file; ``[]`` when it is valid. Never raises for content."""
    try:
        load_profile(path)
    except ProfileError as exc:
        return list(exc.problems) or [exc]
    return []


def starter_profile() -> str:
    """The text of the packaged, commented starter profile (what ``rtm-score init`` writes)."""
    return read_text("templates", "profile.yaml")
