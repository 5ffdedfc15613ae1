"""The ``rtm-score`` command line: a thin client of the library.

Each command lives in its own module of this package and registers itself on ``app``. Commands
parse options, make one library call, render, and map the result to an exit code. Heavy imports
(pandas, scikit-learn) happen inside the commands so that ``--help`` starts fast.
"""

from __future__ import annotations

from ._app import app, main

# Importing the command modules registers their commands on ``app``.
from . import profile_cmds as _profile_cmds  # noqa: E402,F401  (registration)
from . import score_cmd as _score_cmd  # noqa: E402,F401  (registration)

__all__ = ["app", "main"]
