"""The one call before the window is made: the desktop checks (desktop_check.py), then Qt's own start-up
messages replaced by ours (qt_messages.py). Imports no Qt until the checks have passed."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from .desktop_check import PLATFORM_ENV, check, cli_hint


def desktop_ready(args: Sequence[str]) -> bool:
    """The one call before the window: False (after printing why) when it cannot open; the caller exits 1."""
    if not sys.platform.startswith("linux"):
        return True  # Windows and macOS: Qt's own platform plugin is always there
    decision = check(args, os.environ)
    if decision.problem:
        print(decision.problem, file=sys.stderr, flush=True)
        return False
    if decision.platform:
        os.environ[PLATFORM_ENV] = decision.platform
    from .qt_messages import replace_platform_failure

    replace_platform_failure(cli_hint())
    return True
