"""Qt's start-up messages about its platform plugin: kept off the terminal, and a failure said in our words.

When no platform plugin starts inside QApplication (a display that does not answer, a plugin that breaks),
Qt prints several lines, two of which point the wrong way ("xcb-cursor0 is needed" whatever the cause,
"Reinstalling the application may fix this problem"), and aborts. The handler installed here holds those
lines back (they go to the log), and on Qt's fatal message prints one message of ours and exits with
status 1. Every other Qt message is printed as Qt would (or handed to the handler that was there before).
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from app.ui.desktop_check import PLATFORM_ENV, PLUGIN_FILES, Finder, missing_libraries, plugin_problem

if TYPE_CHECKING:
    from PySide6.QtCore import QMessageLogContext, QtMsgType

FATAL_MARK = "no Qt platform plugin could be initialized"
_PLUGIN_NAME = re.compile(r'platform plugin "([^"]*)"')
_NO_X = re.compile(r"could not connect to display ?(\S*)")
_NO_WAYLAND = re.compile(r"Failed to create wl_display \((.*)\)")
_AVAILABLE = re.compile(r"Available platform plugins are: (.*?)\.?\s*$", re.S)
# Lines that say nothing about the cause: Qt's own summaries, and its hint printed whatever failed.
_NOT_A_REASON = ("Could not load the Qt platform plugin", "Could not find the Qt platform plugin",
                 "xcb-cursor0 or libxcb-cursor0 is needed")  # fmt: skip


def is_startup_noise(category: str, message: str) -> bool:
    """The lines Qt prints while it tries platform plugins (held back; the log still gets them)."""
    return (category == "qt.qpa.plugin" or message.startswith("Failed to create wl_display")
            or (category == "qt.qpa.xcb" and "could not connect to display" in message))  # fmt: skip


def failure_message(held: list[str], fatal: str, cli: str, env: Mapping[str, str],
                    missing: Finder = missing_libraries) -> str:  # fmt: skip
    """Our one message for Qt's fatal "no Qt platform plugin could be initialized", from what Qt said before."""
    silent: list[str] = []
    for line in held:
        if match := _NO_WAYLAND.search(line):
            silent.append(f"the Wayland display {env.get('WAYLAND_DISPLAY') or 'wayland-0'} ({match.group(1)})")
        elif match := _NO_X.search(line):
            silent.append(f"the X display {match.group(1) or env.get('DISPLAY') or '(DISPLAY not set)'}")
    if silent:
        return (f"Parley: the window cannot open: no answer from {' nor '.join(dict.fromkeys(silent))}.\n"
                f"Is the desktop session still running? The command line works without one: {cli} ask ...")  # fmt: skip
    names = [m.group(1) for line in held for m in _PLUGIN_NAME.finditer(line)]
    chosen = env.get(PLATFORM_ENV, "")
    if names and names[0] not in PLUGIN_FILES and any("Could not find" in line for line in held):
        available = _AVAILABLE.search(fatal)
        listed = available.group(1).strip() if available else "xcb, wayland, offscreen"
        return (f'Parley: the window cannot open: Qt has no platform plugin "{names[0]}" ({PLATFORM_ENV}={chosen}).\n'
                f"Set {PLATFORM_ENV} to one of: {listed}; or unset it to let Parley choose.")  # fmt: skip
    reasons = [line for line in held if not any(mark in line for mark in _NOT_A_REASON)]
    platform = names[0] if names else (chosen.split(";")[0].split(":")[0] or "xcb")
    return plugin_problem(platform, "; ".join(reasons) or "Qt gave no reason", missing)


def replace_platform_failure(cli: str) -> None:
    """Install the handler (before QApplication); it stays for the session and is removed at exit."""
    from PySide6.QtCore import QtMsgType, qFormatLogMessage, qInstallMessageHandler

    held: list[str] = []
    log = logging.getLogger("parley.qt")

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        category = context.category or ""
        if kind == QtMsgType.QtFatalMsg and FATAL_MARK in message:
            text = failure_message(held, message, cli, os.environ)
            log.info("%s", text)
            for h in logging.getLogger().handlers:
                h.flush()
            sys.stderr.write(text + "\n")
            sys.stderr.flush()
            os._exit(1)  # Qt aborts when this handler returns: leave first, with our status
        if is_startup_noise(category, message):
            held.append(message)
            log.info("Qt: %s", message)
        elif previous is not None:
            previous(kind, context, message)
        else:
            sys.stderr.write(qFormatLogMessage(kind, context, message) + "\n")

    previous = qInstallMessageHandler(handler)
    atexit.register(qInstallMessageHandler, previous)  # Qt may still talk while Python shuts down
