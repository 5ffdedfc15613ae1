"""Reading a file the user named (a feed, profile, calendar, baseline or rule file), safely.

Only regular files and pipes are read: a directory or a device (``/dev/zero``,
``/dev/urandom``) is refused at once instead of being read forever, and no input is read past
:data:`MAX_INPUT_BYTES`. A pipe stays readable, so ``rtm-score score <(curl ...)`` works. Every
refusal is an ``OSError`` with a plain ``strerror``, so callers report it the way they report a
missing file.
"""

from __future__ import annotations

import errno
import os
import stat

__all__ = ["MAX_INPUT_BYTES", "read_input"]

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
