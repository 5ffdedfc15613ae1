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
    text = _decode(data, name)
    if not text.strip():
        raise FeedError("no rows: the file is empty", source=name)
    wanted = FeedFormat(fmt) if fmt is not None else FeedFormat.AUTO
    chosen = detect_format(name, text) if wanted is FeedFormat.AUTO else wanted
    if chosen is FeedFormat.GOOGLE_TRENDS and _DAMAGED_LINE.search(text):
        raise _not_utf8(data, name)  # an XML parser takes no undecodable byte
    del data  # a large feed's bytes are not kept while its text is read
    topics, errors, actual = _dispatch(chosen, text, name, columns)
    return FeedResult(tuple(topics), tuple(errors), actual, name)


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


def _decode(data: bytes | str, name: str) -> str:
    """UTF-8 with or without BOM. A few damaged lines (at most :data:`DAMAGED_SHARE` of them,
    not the first) keep their undecodable bytes as ``surrogateescape`` code points, so that
    their rows are reported and skipped (``TopicFactory.make``) and the rest is read; a file
    in another encoding, or one whose first line is damaged, is a FeedError saying where and
    how to convert it."""
    if isinstance(data, str):  # a text stream was passed where bytes were expected
        return data.removeprefix("\ufeff")
    skipped = len(_BOM) if data.startswith(_BOM) else 0
    if data.startswith(_UTF16_BOMS) or _looks_utf16(data):
        raise FeedError(
            "the file is UTF-16 (Excel's 'Unicode Text'), not UTF-8",
            source=name,
            hint=f"convert it: iconv -f utf-16 -t utf-8 {_shell_name(name)} > feed-utf8.txt",
        )
    try:
        return data[skipped:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skipped + exc.start
        if offset >= data.find(b"\n") >= 0:  # the header (or first item) reads well
            text = data[skipped:].decode("utf-8", "surrogateescape")
            lines = text.count("\n") + 1
            damaged = sum(1 for _ in _DAMAGED_LINE.finditer(text))
            if damaged <= max(1, int(lines * DAMAGED_SHARE)):
                return text
        raise _not_utf8(data, name) from None


DAMAGED_SHARE = 0.01
"""The most lines of a feed, as a share (at least one line), that may hold bytes UTF-8 cannot
decode before the file is taken to be in another encoding and refused as a whole."""

_DAMAGED_LINE = re.compile("^[^\n]*[\udc80-\udcff]", re.MULTILINE)


def _not_utf8(data: bytes | str, name: str) -> FeedError:
    """The FeedError for the first byte of ``data`` that UTF-8 cannot decode."""
    assert isinstance(data, bytes), "a text stream has no undecodable byte"
    skipped = len(_BOM) if data.startswith(_BOM) else 0
    try:
        data[skipped:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skipped + exc.start
    line = data.count(b"\n", 0, offset) + 1
    return FeedError(
        f"not UTF-8: byte 0x{data[offset]:02X} at offset {offset} cannot be decoded",
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
