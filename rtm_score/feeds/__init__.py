"""Feed readers: a file (or stdin) of trending topics to Topics, format detected or forced.

Text is kept raw (no normalisation); every Topic carries a ``SourceRef(path, line)``. Bad rows
become ``RowError``s and are skipped; a feed that cannot be read at all raises ``FeedError``.
"""

from __future__ import annotations

import os
import re
import sys
from typing import IO

from rtm_score.errors import FeedError
from rtm_score.feeds._columns import ColumnMap, by_alias, parse_column_map
from rtm_score.feeds._registry import FeedFormat, detect_format
from rtm_score.feeds._types import FeedResult
from rtm_score.inputs import read_input, read_stream
from rtm_score.models import RowError, Topic

__all__ = [
    "ColumnMap",
    "FeedFormat",
    "FeedResult",
    "by_alias",
    "parse_column_map",
    "read_bytes",
    "read_feed",
]

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_feed(
    source: str | os.PathLike[str] | IO[bytes],
    fmt: FeedFormat | None = None,
    *,
    columns: ColumnMap | None = None,
    stdin: IO[bytes] | None = None,
) -> FeedResult:
    """Read a feed of trending topics.

    Args:
        source: a path, ``"-"`` for ``stdin``, or a binary file object.
        fmt: force a format; None or ``FeedFormat.AUTO`` detects it from the extension, else
            from the content.
        columns: explicit column names; fields left None are found by their common names.
        stdin: what ``"-"`` reads (default ``sys.stdin.buffer``).

    Returns:
        The topics, the skipped rows with their reasons, the format read and the source name.

    Raises:
        FeedError: the feed cannot be read at all (missing file, not UTF-8, no rows, no topic
            column, broken JSON/XML). Bad single rows are reported in ``errors`` instead.
    """
    name, data = read_bytes(source, stdin)
    text, damaged_text = _decode(data, name)
    if not text.strip():
        raise FeedError("no rows: the file is empty", source=name)
    wanted = FeedFormat(fmt) if fmt is not None else FeedFormat.AUTO
    chosen = detect_format(name, text) if wanted is FeedFormat.AUTO else wanted
    damaged = data if damaged_text else None
    if damaged is not None and chosen not in ROW_FORMATS:
        raise _not_utf8(damaged, name)
    del data  # a large feed's bytes are not kept while its text is read
    topics, errors, actual = _dispatch(chosen, text, name, columns)
    if damaged is not None and actual not in ROW_FORMATS:
        raise _not_utf8(damaged, name)
    return FeedResult(tuple(topics), tuple(errors), actual, name)


ROW_FORMATS = frozenset({FeedFormat.CSV, FeedFormat.TSV, FeedFormat.JSONL, FeedFormat.TEXT})
"""The formats in which a damaged byte belongs to one row (a line, or a record that may span
lines): that row is reported and the rest is read. In a JSON document or an XML feed it may
sit in what every row shares (a wrapper's date, its region), so the file is refused."""


def _dispatch(
    fmt: FeedFormat, text: str, name: str, columns: ColumnMap | None
) -> tuple[list[Topic], list[RowError], FeedFormat]:
    from rtm_score.feeds._registry import READERS

    return READERS[fmt].read(text, name, columns)


def read_bytes(
    source: str | os.PathLike[str] | IO[bytes], stdin: IO[bytes] | None = None
) -> tuple[str, bytes | str]:
    """The name and raw bytes of a feed (a path, ``-`` for stdin, or a file object), read once
    with the input checks of :mod:`rtm_score.inputs`.

    Raises:
        FeedError: missing, a directory or device, too large, or unreadable.
    """
    if isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                return "-", read_stream(stream)
            except OSError as exc:
                raise FeedError(f"cannot read stdin: {exc.strerror}", source="-") from None
        try:
            return path, read_input(path)
        except FileNotFoundError:
            raise FeedError(
                "file not found", source=path, hint="check the path, or use - to read stdin"
            ) from None
        except IsADirectoryError:
            raise FeedError("is a directory, not a feed file", source=path) from None
        except OSError as exc:
            raise FeedError(f"cannot read the file: {exc.strerror or exc}", source=path) from None
    label = getattr(source, "name", None)
    return (label if isinstance(label, str) else "<stream>"), source.read()


def _decode(data: bytes | str, name: str) -> tuple[str, bool]:
    """UTF-8 with or without BOM. A few damaged lines (at most :data:`DAMAGED_SHARE` of them,
    not the first) keep their undecodable bytes as ``surrogateescape`` code points, so that
    their rows are reported and skipped (``TopicFactory.make``) and the rest is read; a file
    in another encoding, or one whose first line is damaged, is a FeedError saying where and
    how to convert it. Returns the text and whether it holds such bytes."""
    if isinstance(data, str):  # a text stream was passed where bytes were expected
        text = data.removeprefix("\ufeff")
        return text, not text.isascii() and _DAMAGED.search(text) is not None
    skipped = len(_BOM) if data.startswith(_BOM) else 0
    if data.startswith(_UTF16_BOMS) or _looks_utf16(data):
        raise FeedError(
            "the file is UTF-16 (Excel's 'Unicode Text'), not UTF-8",
            source=name,
            hint=f"convert it: iconv -f utf-16 -t utf-8 {_shell_name(name)} > feed-utf8.txt",
        )
    try:
        return data[skipped:].decode("utf-8"), False
    except UnicodeDecodeError as exc:
        offset = skipped + exc.start
        if offset >= _first_line_end(data):  # the header (or first item) reads well
            text = data[skipped:].decode("utf-8", "surrogateescape")
            lines = text.count("\n") + 1
            damaged = sum(1 for _ in _DAMAGED_LINE.finditer(text))
            if damaged <= max(1, int(lines * DAMAGED_SHARE)):
                return text, True
        raise _not_utf8(data, name) from None


DAMAGED_SHARE = 0.01
"""The most lines of a feed, as a share (at least one line), that may hold bytes UTF-8 cannot
decode before the file is taken to be in another encoding and refused as a whole."""

_DAMAGED_LINE = re.compile("^[^\n]*[\udc80-\udcff]", re.MULTILINE)
_DAMAGED = re.compile("[\udc80-\udcff]")


def _first_line_end(data: bytes) -> int:
    """Where the first line that is not blank ends (the header of a table), or -1 for none."""
    start = 0
    while True:
        end = data.find(b"\n", start)
        if end < 0:
            return len(data) if data[start:].strip() else -1
        if data[start:end].strip():
            return end
        start = end + 1


def _not_utf8(data: bytes | str, name: str) -> FeedError:
    """The FeedError for the first byte of ``data`` that UTF-8 cannot decode (text given as
    a str that holds such bytes as surrogate escapes: the first of them)."""
    if isinstance(data, str):
        bad = _DAMAGED.search(data)
        where = f"character {bad.start()}" if bad is not None else None
        return FeedError(
            "the text holds bytes that are not UTF-8 (as surrogate escapes)",
            source=name,
            where=where,
            hint="give the feed as bytes or as valid text",
        )
    skipped = len(_BOM) if data.startswith(_BOM) else 0
    offset = len(data)  # (only bytes that do not decode are given here)
    try:
        data[skipped:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skipped + exc.start
    line = data.count(b"\n", 0, offset) + 1
    byte = f"byte 0x{data[offset]:02X}" if offset < len(data) else "a byte"
    return FeedError(
        f"not UTF-8: {byte} at offset {offset} cannot be decoded",
        source=name,
        where=f"line {line}",
        hint="save the file as UTF-8, e.g. "
        f"iconv -f latin1 -t utf-8 {_shell_name(name)} > feed-utf8.csv "
        "(use -f cp1252 for files from Excel on Windows)",
    )


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: NUL in most even or most odd bytes of the first 512
    (ASCII text in UTF-16 has it in every other byte; UTF-8 text only where it is damaged)."""
    head = data[:512]
    halves = (head[0::2], head[1::2])
    return len(head) >= 8 and any(h.count(0) >= 0.8 * len(h) for h in halves)


def _shell_name(name: str) -> str:
    return "FILE" if name in ("-", "<stream>") else name
