"""Escaping of untrusted calendar text for each CI medium: which characters are unsafe is
defined once (:data:`rtm_score.formatters._escape.UNSAFE`); here they are written as ``\\x1b``
and ``\\u202e`` escapes, which a CI log shows as text."""

from __future__ import annotations

import re

from ...formatters._escape import UNSAFE as _CONTROL
from ...formatters._escape import escape_json_invisibles

_XML_INVALID = re.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _hex(m: re.Match[str]) -> str:
    c = ord(m.group(0))
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def oneline(text: str) -> str:
    """One terminal-safe line: newlines shown as ``\\n``, control and bidi characters as escapes."""
    text = text.replace("\r\n", "\n").replace("\n", "\\n").replace("\r", "\\r")
    return _CONTROL.sub(_hex, text.replace("\t", " "))


def controls(text: str) -> str:
    """Control and bidi-override characters shown as escapes; line breaks and tabs kept."""
    return _CONTROL.sub(lambda m: m.group(0) if m.group(0) in "\n\r" else _hex(m), text)


def xml_text(text: str) -> str:
    """Text that XML 1.0 can hold and a CI page shows as written: characters XML forbids (NUL,
    ESC, ...) and the controls and bidi marks it allows but a viewer would act on (DEL, C1,
    U+202E) become escapes; tabs and line breaks stay.

    The markup characters (``<``, ``&``, quotes) are escaped by the XML writer itself.
    """
    return controls(_XML_INVALID.sub(_hex, text))


def json_text(serialized: str) -> str:
    """A JSON document whose invisible characters (DEL, C1, bidi marks, line separators) are
    written as ``\\u`` escapes: the same data, but a viewer or a terminal cannot act on them."""
    return escape_json_invisibles(serialized)


def github_data(text: str) -> str:
    """A GitHub workflow-command message: ``%``, CR and LF percent-encoded (and control
    characters escaped, so that copy cannot style or rewrite the job log)."""
    return controls(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A GitHub workflow-command property value: as data, plus ``:`` and ``,``."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")
