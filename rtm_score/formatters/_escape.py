"""Escaping helpers shared by the formatters: control characters, one-line text, CSV formulas."""

from __future__ import annotations

import functools
import re

# C0 controls and DEL get their visible
# "Control Pictures" twin (U+2400..U+241F, U+2421): "\x1b[2J" prints as "␛[2J", so an
# escape sequence shows literally instead of clearing the screen.
_C0_PICTURES = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421}

# C1 controls (0x80-0x9F, e.g. the 8-bit CSI 0x9B) and the bidi embedding, override and
# isolate marks and the implicit marks (ALM, LRM, RLM), which can reorder what a terminal or
# spreadsheet shows ("Trojan source").
_REPLACEMENT = 0xFFFD
_BIDI_MARKS = (0x061C, 0x200E, 0x200F)
_C1_AND_BIDI = dict.fromkeys(
    [*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A), *_BIDI_MARKS],
    _REPLACEMENT,
)

_CONTROLS = _C0_PICTURES | _C1_AND_BIDI

# Line breaks other than "\n" (CRLF, CR, NEL, LINE and PARAGRAPH SEPARATOR): Python's
# str.splitlines(), terminals and JSON-lines readers may all break a line on them.
_NEWLINES = ("\r\n", "\r", "\x85", "\u2028", "\u2029")

# Whitespace that reads as a gap in one-line output; everything else is made visible.
_ONE_LINE_SPACES = str.maketrans(dict.fromkeys("\t\n\v\f", " "))

_SPACE_RUN = re.compile(r" {2,}")

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
"""Every character that a terminal, a log viewer or a line-based reader may act on: the C0
controls but tab and line feed, DEL, C1, the line and paragraph separators and the bidi marks.
One definition for every medium; each escapes them its own way (pictures here, ``\\x1b`` in
the CI formats of ``rtm_score.check.formats``)."""

_JSON_INVISIBLE = re.compile(
    "[\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\u3164\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
"""What ``json.dumps`` leaves raw (it escapes C0 itself) that a reader cannot see or that a
terminal or a line-based reader obeys: DEL, C1 controls, line and paragraph separators, bidi
marks and overrides, and the invisible characters the text pipeline removes before it reads a
text (soft hyphen, zero-width spaces and joiners, word joiners, the byte-order mark, the Hangul
filler, interlinear annotation marks, tag characters)."""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""A spreadsheet may run a cell that starts with one of these as a formula (OWASP CSV injection;
line feed added because some applications treat it like carriage return)."""


def visible_controls(text: str, *, keep: str = "") -> str:
    """Replace control and bidi characters with visible stand-ins, except those in ``keep``.

    C0 controls and DEL become their Control Picture (ESC shows as ``␛``); C1 controls and bidi
    overrides become U+FFFD. Nothing is dropped, so a reader can still see something was there.
    """
    return text.translate(_CONTROLS if not keep else _controls_but(keep))


@functools.cache
def _controls_but(keep: str) -> dict[int, int]:
    """:data:`_CONTROLS` without the characters of ``keep`` (made once per ``keep``)."""
    return {k: v for k, v in _CONTROLS.items() if chr(k) not in keep}


def one_line(text: str) -> str:
    """Untrusted text as one printable line for a terminal or a plain-text table.

    Line breaks and tabs become single spaces, runs of spaces collapse, ends are trimmed,
    and every other control character is made visible (see :func:`visible_controls`).
    """
    if text.isprintable():  # no break, tab or control to change (see csv_cell): most text
        return (_SPACE_RUN.sub(" ", text) if "  " in text else text).strip()
    for brk in _NEWLINES:
        text = text.replace(brk, " ")
    return _SPACE_RUN.sub(" ", visible_controls(text.translate(_ONE_LINE_SPACES))).strip()


def multi_line(text: str) -> str:
    """Untrusted text with its line breaks normalised to ``\\n`` and other controls made visible."""
    for brk in _NEWLINES:
        text = text.replace(brk, "\n")
    return visible_controls(text, keep="\t\n")


def neutralize_formula(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet could run as a formula (see ``FORMULA_TRIGGERS``),
    also after leading spaces: some spreadsheets trim them before they read the cell."""
    if cell.startswith(FORMULA_TRIGGERS) or cell.lstrip().startswith(FORMULA_TRIGGERS):
        return f"'{cell}"
    return cell


def csv_cell(text: str) -> str:
    """Untrusted text made safe for one CSV cell: visible controls, ``\\n`` breaks, no formula."""
    # A printable text has no control, break or bidi mark for multi_line to change (all are
    # in Unicode's categories Cc, Cf, Zl and Zp): most cells of a feed.
    return neutralize_formula(text if text.isprintable() else multi_line(text))


def escape_json_invisibles(serialized: str) -> str:
    """Escape DEL, C1 controls, U+2028/U+2029, bidi marks and invisible characters in
    serialised JSON as ``\\uXXXX`` (:data:`_JSON_INVISIBLE`; a tag character, outside the Basic
    Multilingual Plane, as its UTF-16 surrogate pair, as JSON writes it).

    ``json.dumps(..., ensure_ascii=False)`` escapes only C0 controls. The others are valid JSON
    but a terminal may obey them (0x9B is an 8-bit CSI) and line-based readers
    (``str.splitlines``, some JSON-lines tools) split a record on U+0085, U+2028 and U+2029.
    JSON has no such characters outside strings, so this is lossless: the parsed value is the same.
    """
    return _JSON_INVISIBLE.sub(_json_escape, serialized)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
