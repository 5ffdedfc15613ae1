"""Atomic file writes: a report is either wholly written or the old file is left untouched."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from collections.abc import Iterable
from pathlib import Path

from .errors import RtmScoreError

__all__ = ["write_atomic"]


def write_atomic(path: os.PathLike[str] | str, text: str | Iterable[str]) -> None:
    """Write ``text`` (UTF-8; a string, or pieces of one written in turn) to ``path`` so that
    readers see the old file or the new, never half.

    The text goes to a temporary file in the same directory (so the final rename stays on one
    file system), is flushed and fsynced, and then replaces ``path`` with ``os.replace``. On any
    failure the temporary file is removed and an existing ``path`` is left as it was. A symlink
    is followed, so the link keeps pointing at the report. A new file gets the usual permissions
    (``0o666`` less the umask); a replaced file keeps its mode.

    Raises:
        RtmScoreError: the file cannot be written (missing directory, no permission, disk full).
    """
    target = Path(os.path.realpath(path))
    _refuse_special(target, path)
    parts = (text,) if isinstance(text, str) else text
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")  # TEMP_NAME_EXTRA
    _remove_stale(target)
    try:
        _write_then_replace(target, tmp, parts)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RtmScoreError(
            f"cannot write the file: {reason}",
            source=os.fspath(path),
            hint=_hint_for(exc),
        ) from exc


TEMP_NAME_EXTRA = len("." + "." + "0" * 12 + ".tmp")
"""How much longer than the report's file name its temp file's name is (``.NAME.<12 hex>.tmp``):
a name within this of the file system's limit cannot be written."""

STALE_AFTER_SECONDS = 3600
"""A temp file of ours older than this was left by a run that was killed mid-write."""


def _refuse_special(target: Path, path: os.PathLike[str] | str) -> None:
    """Only regular files are replaced: renaming over ``/dev/null`` or a FIFO would put a
    report where a device or a pipe was."""
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    except OSError:
        return  # the write itself will say why
    if stat.S_ISDIR(mode):
        raise RtmScoreError(
            "cannot write the file: it is a directory",
            source=os.fspath(path),
            hint="give a file name inside it, e.g. DIR/report.html",
        )
    if not stat.S_ISREG(mode):
        raise RtmScoreError(
            "cannot write the file: it is a device, a FIFO or a socket, not a regular file",
            source=os.fspath(path),
            hint="leave out --output to write to stdout, or give a file path",
        )


def _remove_stale(target: Path) -> None:
    """Remove temp files of this target left by a killed run (``.NAME.<12 hex>.tmp``, an hour
    old); a run in progress keeps its own, which is younger."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[0-9a-f]{{12}}\.tmp")
    now = time.time()
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        if pattern.fullmatch(name):
            stale = target.parent / name
            with contextlib.suppress(OSError):
                if now - os.lstat(stale).st_mtime > STALE_AFTER_SECONDS:
                    os.unlink(stale)


def _write_then_replace(target: Path, tmp: Path, parts: Iterable[str]) -> None:
    # O_EXCL: never reuse (or follow a planted symlink at) an existing temp name.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o666)
    try:
        try:
            fh = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            raise
        with fh:
            _keep_mode(fh.fileno(), target)
            for part in parts:
                fh.write(part.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)


def _keep_mode(fd: int, target: Path) -> None:
    """Give the temp file the mode of the file it replaces (mkstemp-style 0600 would surprise)."""
    if not hasattr(os, "fchmod"):  # pragma: no cover - Windows
        return
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return
    os.fchmod(fd, mode)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable; best effort, as not every platform allows it."""
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platform dependent
        return
    try:
        os.fsync(dir_fd)
    except OSError:  # pragma: no cover - platform dependent
        pass
    finally:
        os.close(dir_fd)


def _hint_for(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "create the directory first, or choose another path"
    if isinstance(exc, PermissionError):
        return "check that the directory is writable by this user"
    if isinstance(exc, IsADirectoryError):
        return "the path is a directory; give a file name"
    return "check free disk space and that the directory is writable"
