"""Reading a file the user named (a feed, profile, calendar, baseline or rule file), safely.

Only regular files and pipes are read: a directory or a device (``/dev/zero``,
``/dev/urandom``) is refused at once instead of being read forever, and no input is read past
:data:`MAX_INPUT_BYTES`. A pipe stays readable, so ``rtm-score score <(curl ...)`` works. Every
refusal is an ``OSError`` with a plain ``strerror``, so callers report it the way they report a
missing file.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from typing import Any

__all__ = ["MAX_INPUT_BYTES", "loads_json", "read_input", "scrub_surrogates"]

MAX_INPUT_BYTES = 1 << 30
"""1 GiB: about three million topics with long contexts; a larger input is refused."""


def read_input(path: str | os.PathLike[str], limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of ``path``.

    Raises:
        FileNotFoundError, PermissionError: as ``open`` raises them.
        IsADirectoryError: ``path`` is a directory.
        OSError: ``path`` is a device, or holds more than ``limit`` bytes.
    """
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory, not a file", os.fspath(path))
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise OSError(errno.ENODEV, "is a device, not a file", os.fspath(path))
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit:,} bytes", os.fspath(path))
    return data


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def loads_json(text: str) -> Any:
    """``json.loads`` for untrusted text. A document nested too deeply for the parser is a
    ``JSONDecodeError`` (not a crash), and a lone UTF-16 surrogate written as an escape (half
    of a split emoji, ``"\\ud83d"``) becomes U+FFFD, so that no report fails to encode later."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None
    if _ESCAPED_SURROGATE.search(text):
        value = scrub_surrogates(value)
    return value


def scrub_surrogates(value: Any) -> Any:
    """``value`` (parsed JSON) with every lone surrogate in its strings made U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [scrub_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {scrub_surrogates(k): scrub_surrogates(v) for k, v in value.items()}
    return value
