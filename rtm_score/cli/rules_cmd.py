"""``rtm-score rules``: list the sensitivity rules (generated from the rule files)."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path

import typer

from ._app import app, user_errors


class RulesFormat(enum.StrEnum):
    """How ``rules`` lists: a table for people, JSON for tools."""

    TABLE = "table"
    JSON = "json"


@app.command(
    "rules",
    epilog=(
        "Examples:\n\n"
        "  rtm-score rules\n\n"
        "  rtm-score rules --format json\n\n"
        "  rtm-score rules --rules my-rules/    # include your own rule files"
    ),
)
def rules(
    fmt: RulesFormat = typer.Option(RulesFormat.TABLE, "--format", "-f", help="Listing format."),
    extra: list[Path] = typer.Option(
        [], "--rules", metavar="DIR", help="Extra folder of rule files to include."
    ),
) -> None:
    """List the sensitivity rules: id, category, tier and what each one catches."""
    with user_errors():
        from ..sensitivity import load_rules

        infos = [info for _rule, info in load_rules(tuple(extra))]
        if fmt is RulesFormat.JSON:
            from ..formatters._escape import escape_json_invisibles

            sys.stdout.write(
                escape_json_invisibles(
                    json.dumps(
                        [
                            {
                                "id": i.id,
                                "category": i.category,
                                "tier": i.tier.value,
                                "name": i.name,
                                "description": i.description,
                                "source": i.source,
                            }
                            for i in infos
                        ],
                        indent=2,
                        ensure_ascii=False,
                    )
                )
                + "\n"
            )
            return
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        from ..formatters._escape import one_line

        table = Table(title="Sensitivity rules", show_lines=False)
        for col in ("id", "tier", "catches"):
            table.add_column(col)
        for i in infos:
            # Rule files may be a team's own (--rules): their text is made one safe line.
            table.add_row(
                Text(one_line(i.id)),
                Text(i.tier.value),
                Text(one_line(f"{i.name}: {i.description}")),
            )
        Console().print(table)
