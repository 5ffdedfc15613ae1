"""``python -m rtm_score`` runs the CLI, and importing the CLI stays light (no pandas/sklearn)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "sklearn", "scipy", "matplotlib")


def run_python(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_python_m_rtm_score_help() -> None:
    result = run_python("-m", "rtm_score", "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage: rtm-score" in result.stdout
    assert "score" in result.stdout
    assert "Examples:" in result.stdout
    assert result.stderr == ""


SNIPPET = f"""
import json, sys
import rtm_score.cli
from rtm_score.cli import app
for args in (["--help"], ["score", "--help"]):
    try:
        app(args, prog_name="rtm-score")
    except SystemExit as exc:
        assert exc.code == 0, exc.code
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r})
sys.stderr.write(json.dumps(heavy))
"""


def test_cli_import_and_help_do_not_import_heavy_libraries() -> None:
    result = run_python("-c", SNIPPET)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stderr) == []
