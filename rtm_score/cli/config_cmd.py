"""``rtm-score config``: the defaults in effect here, and where each one comes from."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

import typer

from ._app import app, user_errors

if TYPE_CHECKING:
    from ..config import Config


@app.command(
    "config",
    epilog=(
        "Examples:\n\n  rtm-score config\n\n  rtm-score --config team/rtm-score.toml config --json"
    ),
)
def config(
    as_json: bool = typer.Option(False, "--json", metavar="", help="Print JSON for tools."),
) -> None:
    """Show the configuration in effect: the file found (rtm-score.toml, or [tool.rtm-score] in
    pyproject.toml, here or in a folder above) and each setting with where it came from."""
    with user_errors():
        from ..config import load_config
        from ..formatters._escape import escape_json_invisibles, one_line

        found = load_config()
        _check_values(found)
        settings = {
            "brand": os.environ.get("RTM_SCORE_BRAND") or found.brand,
            "rules": [str(p) for p in found.rules] or None,
            "format": os.environ.get("RTM_SCORE_FORMAT") or found.format,
            "fail-on": found.fail_on,
        }
        origins = {
            key: (
                f"environment ({'RTM_SCORE_' + key.upper()})"
                if key in ("brand", "format") and os.environ.get(f"RTM_SCORE_{key.upper()}")
                else found.origins.get(key, "not set")
            )
            for key in settings
        }
        if as_json:
            doc = {
                "file": str(found.source) if found.source else None,
                "settings": {
                    k: {"value": None if v is None else v if isinstance(v, list) else str(v),
                        "from": origins[k]}
                    for k, v in settings.items()
                },
            }  # fmt: skip
            typer.echo(escape_json_invisibles(json.dumps(doc, indent=2, ensure_ascii=False)))
            return
        typer.echo(one_line(f"file: {found.source or 'none found (defaults apply)'}"))
        for key, value in settings.items():
            shown = "-" if value is None else ", ".join(value) if isinstance(value, list) else value
            typer.echo(one_line(f"{key}: {shown}  ({origins[key]})"))


def _check_values(found: Config) -> None:
    """A value ``score`` would refuse is refused here too, with the same message."""
    from ..formatters import OutputFormat
    from ._options import config_choice
    from .score_cmd import FailOn

    if found.format is not None and not os.environ.get("RTM_SCORE_FORMAT"):  # it wins, as in score
        config_choice(OutputFormat, found.format, "format", found.source)
    if found.fail_on is not None:
        config_choice(FailOn, found.fail_on, "fail-on", found.source)
