"""Escaping of untrusted calendar text for each output medium."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
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
    from ...formatters._escape import escape_json_invisibles

    return escape_json_invisibles(serialized)


def github_data(text: str) -> str:
    """A GitHub workflow-command message: ``%``, CR and LF percent-encoded (and control
    characters escaped, so that copy cannot style or rewrite the job log)."""
    return controls(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A GitHub workflow-command property value: as data, plus ``:`` and ``,``."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")
