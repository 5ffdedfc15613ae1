"""``python -m rtm_score``: the same as the ``rtm-score`` command."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    main()
