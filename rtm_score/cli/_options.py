"""Options and output shared by the commands, declared once."""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from ..feeds import FeedFormat

BrandOption = Annotated[
    Path | None,
    typer.Option(
        "--brand",
        "-b",
        metavar="PROFILE",
        help="Brand profile (YAML, JSON or TOML); default: brand in rtm-score.toml, or "
        "brand.yaml here.",
        envvar="RTM_SCORE_BRAND",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="DATE", help="Date (YYYY-MM-DD) for topics without one; default today."
    ),
]
JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        metavar="N",
        help="Processes that share a large feed's work, this one included; 0 (default): one "
        "per core, up to 8, once the feed has 10,000 topics; 1: this one alone. Results do "
        "not depend on it.",
        envvar="RTM_SCORE_JOBS",
    ),
]
FormatInOption = Annotated[
    FeedFormat,
    typer.Option("--format-in", help="Feed format; default: from extension or content."),
]


def output_path(value: str, example: str = "report.html") -> Path:
    """``--output``: a file name, or ``-`` for stdout. A name that ends in a slash names a
    folder, which a report cannot be written as (the slash would otherwise be dropped and a
    file named like the folder written)."""
    if value.endswith(("/", "\\")) or value in (".", ".."):
        folder = value.rstrip("/\\") or "."
        raise typer.BadParameter(
            f"{value!r} names a folder; give a file name, e.g. {folder}/{example}"
        )
    return Path(value)


def output_option(help_text: str, *names: str) -> Any:
    """An ``--output/-o FILE`` option (or one with other ``names``) that refuses a folder name
    (:func:`output_path`)."""
    return typer.Option(
        *(names or ("--output", "-o")), metavar="FILE", parser=output_path, help=help_text
    )


ColumnsOption = Annotated[
    str | None,
    typer.Option(
        "--columns",
        metavar="MAP",
        help="Map feed columns, e.g. 'topic=trend_name,context=headline'.",
    ),
]


def brand_or_config(brand: Path | None) -> Path:
    """``--brand``, else the brand of the configuration in effect (see :mod:`rtm_score.config`)."""
    if brand is not None:
        return brand
    from ..config import load_config

    config = load_config()
    if config.brand is None:
        raise no_brand_error(config.source)
    return from_config(config.brand, "brand", config.source)


def from_config(path: Path, key: str, source: Path | None) -> Path:
    """A path the configuration file ``source`` gave for ``key``, or a usage error that says
    it came from there (the command line never named it) when it does not exist."""
    from ..errors import UsageError

    if source is None or path.exists():
        return path
    raise UsageError(
        f"{key} {path} not found",
        source=str(source),
        hint=f"fix {key} in {source.name} (its paths are read from its own folder), or pass "
        f"--{key}",
    )


E = TypeVar("E", bound=enum.Enum)


def config_choice(kind: type[E], value: str | None, key: str, source: Path | None) -> E:
    """A configuration value as the option it stands for (its first choice when unset), or a
    usage error that names the file and the key and lists the choices."""
    from ..errors import UsageError

    choices = [str(member.value) for member in kind]
    try:
        return kind(value if value is not None else choices[0])
    except ValueError:
        raise UsageError(
            f"{key}: {value!r} is not one of {', '.join(choices)}",
            source=str(source),
            hint=f'write e.g. {key} = "{choices[1]}"',
        ) from None


def no_brand_error(config: Path | None = None) -> Exception:
    """The error of a run that names no brand and finds none; ``config``, the configuration
    file in effect (which sets no brand, so ``brand.yaml`` is not looked for either)."""
    from ..config import DEFAULT_BRAND
    from ..errors import UsageError

    if config is not None:
        return UsageError(
            f"no brand profile: pass --brand PROFILE ({config} sets no brand, and once a "
            f"configuration file is found a {DEFAULT_BRAND} beside it is not read)",
            hint=f'or add brand = "{DEFAULT_BRAND}" to {config}',
        )
    return UsageError(
        "no brand profile: pass --brand PROFILE",
        hint='or put brand = "brand.yaml" in an rtm-score.toml here or in a folder above, or '
        "write one with rtm-score init",
    )


def emit(text: str | Iterable[str], output: Path | None) -> None:
    """A report (a string, or its pieces in turn) to ``output`` (atomically: the old file stays
    until the new one is whole) or, without one or with ``-``, to stdout."""
    if output is not None and str(output) != "-":
        from ..atomic import write_atomic

        write_atomic(output, text)
        return
    try:
        for part in (text,) if isinstance(text, str) else text:
            sys.stdout.write(part)
        sys.stdout.flush()
    except OSError as exc:  # a full disk (> /dev/full), or a reader that closed the pipe
        _stdout_gone()
        from ..errors import RtmScoreError

        broken = isinstance(exc, BrokenPipeError)
        raise RtmScoreError(
            "cannot write the report to stdout: "
            + ("the reader closed it" if broken else exc.strerror or str(exc)),
            hint="write it to a file with --output FILE"
            + ("" if broken else ", on a disk with room"),
        ) from None


def _stdout_gone() -> None:
    """After a failed write, stdout points at the null device: Python's own flush at exit
    would fail again and print a traceback."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (AttributeError, OSError, ValueError):  # no file descriptor (a captured stdout)
        pass


def _refuse_unwritable(out: Path, option: str) -> None:
    """An output that is a folder, a device or a FIFO, or in a folder that does not exist or
    this user cannot write to, fails when the report is written: after the feed is read and
    scored, minutes into a large run (and, with several brands, after the first reports)."""
    import os
    import stat

    from ..errors import UsageError

    folder = out.parent
    try:
        mode = os.stat(out).st_mode if os.path.lexists(out) else None
        folder_ok = folder.is_dir()
        writable = folder_ok and os.access(folder, os.W_OK)
    except OSError as exc:  # a name too long for the file system, a loop of links
        raise UsageError(
            f"{option} {out}: {exc.strerror or exc}", hint="choose another path"
        ) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(
            f"{option} {out} is a directory",
            hint=f"give a file name inside it, e.g. {out / 'report.json'}",
        )
    if mode is not None and not stat.S_ISREG(mode):
        raise UsageError(
            f"{option} {out} is a device, a FIFO or a socket, not a regular file",
            hint="leave out --output to write to stdout, or give a file path",
        )
    if not folder_ok:
        what = "is not a directory" if folder.exists() else "does not exist"
        raise UsageError(
            f"{option} {out}: its folder {folder} {what}",
            hint="create the directory first, or choose another path",
        )
    if not writable:
        raise UsageError(
            f"{option} {out}: its folder {folder} is not writable by this user",
            hint="choose a folder you can write to",
        )
    from ..atomic import TEMP_NAME_EXTRA

    room = _name_max(folder) - TEMP_NAME_EXTRA  # the temp file's name holds the report's
    if len(os.fsencode(out.name)) > room:
        raise UsageError(
            f"{option} {out}: the file name is too long for this file system",
            hint=f"use a name of at most {room} bytes",
        )


def _name_max(folder: Path) -> int:
    """The longest file name the folder's file system takes (255 where it does not say)."""
    import os

    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (AttributeError, OSError, ValueError):  # Windows, or a file system that will not say
        return 255


def refuse_overwrite(
    outputs: Iterable[Path | None],
    inputs: Iterable[Path | str | None],
    *,
    option: str = "--output",
) -> None:
    """Refuse an output that is one of the run's inputs (the feed, the profile, the history, a
    calendar) or lies inside an input folder (``--rules``): the report would replace what it
    was made from. A symbolic link is refused too: a link planted where a report goes would
    send the report over whatever file it points at. So is an output that cannot be written
    (:func:`_refuse_unwritable`), before the run's work rather than after it."""
    import os

    from ..errors import UsageError

    def real(p: Path | str) -> str:
        return os.path.realpath(p)

    from ..config import load_config

    config = load_config().source  # the configuration in effect is an input of every run
    given = [p for p in [*inputs, config] if p is not None and str(p) != "-"]
    taken = {real(p): str(p) for p in given}
    folders = {real(p) + os.sep: str(p) for p in given if os.path.isdir(p)}
    for folder in [p for p in given if os.path.isdir(p)]:
        # A file in an input folder may be a link to a file elsewhere: that file is an input.
        for entry in os.scandir(folder):
            taken.setdefault(real(entry.path), entry.path)
    for out in outputs:
        if out is None or str(out) == "-":
            continue
        if os.path.islink(out):
            raise UsageError(
                f"{option} {out} is a symbolic link (to {os.readlink(out)}); rtm-score does not "
                "write through links",
                hint="remove the link, or give the path of the file itself",
            )
        _refuse_unwritable(Path(out), option)
        where = real(out)
        if where in taken:
            raise UsageError(
                f"{option} {out} is also an input of this run ({taken[where]})",
                hint="write to another file",
            )
        inside = next((name for folder, name in folders.items() if where.startswith(folder)), None)
        if inside is not None:
            raise UsageError(
                f"{option} {out} is inside an input folder of this run ({inside})",
                hint="write outside that folder",
            )
