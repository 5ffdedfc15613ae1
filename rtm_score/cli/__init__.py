"""The ``rtm-score`` command line: a thin client of the library.

Each command lives in its own module of this package and registers itself on ``app``. Commands
parse options, make one library call, render, and map the result to an exit code. Heavy imports
(pandas, scikit-learn) happen inside the commands so that ``--help`` starts fast.
"""

from __future__ import annotations

from . import check_cmd as _check_cmd  # noqa: F401
from . import config_cmd as _config_cmd  # noqa: F401
from . import eval_cmd as _eval_cmd  # noqa: F401
from . import history_cmd as _history_cmd  # noqa: F401
from . import profile_cmds as _profile_cmds  # noqa: F401
from . import rules_cmd as _rules_cmd  # noqa: F401

# Importing the command modules registers their commands on ``app``, in --help order.
from . import score_cmd as _score_cmd  # noqa: F401
from . import watch_cmd as _watch_cmd  # noqa: F401
from ._app import app, main

__all__ = ["app", "main"]
